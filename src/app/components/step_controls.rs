//! Stepping through time: first, previous, play, next, last, the timeline slider, the
//! speed and the example of the batch.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::app::hooks::render_count::count_render;
use crate::app::i18n::stepper::StepText;
use crate::app::i18n::{Lang, Text};
use crate::app::state::Action;

/// Props of [`StepControls`].
#[derive(Properties, PartialEq)]
pub struct StepControlsProps {
    /// Interface language.
    pub lang: Lang,
    /// The selected timestep (0-based).
    pub timestep: usize,
    /// Timesteps of the computed model.
    pub timesteps: usize,
    /// Whether time is playing.
    pub playing: bool,
    /// Milliseconds per step while playing.
    pub speed_ms: u32,
    /// Examples in the batch.
    pub batch: usize,
    /// The example shown.
    pub example: usize,
    /// Where actions go.
    pub on_action: Callback<Action>,
}

/// First / previous / play / next / last, the timeline slider, speed and example.
#[component]
pub fn StepControls(props: &StepControlsProps) -> Html {
    count_render("StepControls");
    let lang = props.lang;
    let t = |key: StepText| key.text(lang);
    let d = &props.on_action;
    let (step, timesteps) = (props.timestep, props.timesteps);
    let last = timesteps.saturating_sub(1);
    let slider = d.reform(|e: InputEvent| {
        let value = e.target_unchecked_into::<HtmlInputElement>().value();
        Action::GoTo(value.parse::<usize>().map_or(0, |v| v.saturating_sub(1)))
    });
    let speed = d.reform(|e: InputEvent| {
        let value = e.target_unchecked_into::<HtmlInputElement>().value();
        // The slider reads "faster" to the right: steps per second, stored as ms per step.
        Action::SetSpeed(
            value
                .parse::<u32>()
                .map_or(700, |v| 2_100u32.saturating_sub(v)),
        )
    });
    let example = d.reform(|e: Event| {
        let value = e.target_unchecked_into::<HtmlSelectElement>().value();
        Action::SelectExample(value.parse().unwrap_or(0))
    });
    let play = if props.playing {
        t(StepText::Pause)
    } else {
        t(StepText::Play)
    };
    let position = format!("{} {} {}", step + 1, t(StepText::StepOf), timesteps);
    html! {
        <section class="panel stepper" aria-label={Text::Timestep.text(lang)}>
            <div class="step-buttons">
                <button type="button" onclick={d.reform(|_: MouseEvent| Action::First)} disabled={step == 0}
                    aria-label={t(StepText::FirstStep)} title={t(StepText::FirstStep)}>{ "|◀" }</button>
                <button type="button" onclick={d.reform(|_: MouseEvent| Action::Previous)} disabled={step == 0}
                    aria-label={t(StepText::PreviousStep)} title={t(StepText::PreviousStep)}>{ "◀" }</button>
                <button type="button" class="play" onclick={d.reform(|_: MouseEvent| Action::TogglePlay)}
                    aria-label={play} title={play}>
                    { if props.playing { format!("❚❚ {play}") } else { format!("▶ {play}") } }
                </button>
                <button type="button" onclick={d.reform(|_: MouseEvent| Action::Next)} disabled={step >= last}
                    aria-label={t(StepText::NextStep)} title={t(StepText::NextStep)}>{ "▶" }</button>
                <button type="button" onclick={d.reform(|_: MouseEvent| Action::Last)} disabled={step >= last}
                    aria-label={t(StepText::LastStep)} title={t(StepText::LastStep)}>{ "▶|" }</button>
                <output class="step" aria-live="polite">{ format!("t = {position}") }</output>
            </div>
            <label class="field timeline">
                <span>{ Text::Timestep.text(lang) }</span>
                <input type="range" min="1" max={timesteps.max(1).to_string()} value={(step + 1).to_string()}
                    oninput={slider} aria-valuetext={position} />
            </label>
            <label class="field speed">
                <span>{ t(StepText::Speed) }</span>
                <input type="range" min="100" max="2050" step="50"
                    value={2_100u32.saturating_sub(props.speed_ms).to_string()} oninput={speed} />
            </label>
            if props.batch > 1 {
                <label class="field">
                    <span>{ t(StepText::Example) }</span>
                    <select onchange={example}>
                        { for (0..props.batch).map(|b| html! {
                            <option value={b.to_string()} selected={b == props.example}>{ format!("{}", b + 1) }</option>
                        }) }
                    </select>
                </label>
            }
        </section>
    }
}
