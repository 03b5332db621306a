//! Presenting mode's own parts: the large "t = 3 / 10" at the top and the small floating
//! step bar (first, previous, play, next, last, the list of keys, leave).

use yew::prelude::*;

use crate::app::domain::classroom::PageMode;
use crate::app::hooks::render_count::count_render;
use crate::app::i18n::classroom::ClassroomText;
use crate::app::i18n::stepper::StepText;
use crate::app::i18n::{Lang, Text};
use crate::app::state::Action;

/// Props of [`PresentHead`] and [`PresentBar`].
#[derive(Properties, PartialEq)]
pub struct PresentProps {
    /// Interface language.
    pub lang: Lang,
    /// The selected timestep (0-based).
    pub timestep: usize,
    /// Timesteps of the computed model.
    pub timesteps: usize,
    /// Whether time is playing.
    pub playing: bool,
    /// Where actions go.
    pub on_action: Callback<Action>,
}

/// "t = 3 / 10", on screen 1-based like the diagram.
fn position(timestep: usize, timesteps: usize) -> String {
    format!("t = {} / {}", timestep + 1, timesteps)
}

/// The title and the large step counter.
#[component]
pub fn PresentHead(props: &PresentProps) -> Html {
    count_render("PresentHead");
    html! {
        <header class="present-head">
            <h1>{ Text::Title.text(props.lang) }</h1>
            <p class="present-step" aria-live="polite">{ position(props.timestep, props.timesteps) }</p>
        </header>
    }
}

/// The floating step bar.
#[component]
pub fn PresentBar(props: &PresentProps) -> Html {
    count_render("PresentBar");
    let lang = props.lang;
    let t = |key: StepText| key.text(lang);
    let d = &props.on_action;
    let (step, last) = (props.timestep, props.timesteps.saturating_sub(1));
    let play = if props.playing {
        t(StepText::Pause)
    } else {
        t(StepText::Play)
    };
    let button = |action: Action, label: &'static str, symbol: &'static str, disabled: bool| {
        let onclick = d.reform(move |_: MouseEvent| action.clone());
        html! {
            <button type="button" {onclick} {disabled} aria-label={label} title={label}>{ symbol }</button>
        }
    };
    let leave = ClassroomText::LeavePresenting.text(lang);
    html! {
        <div class="present-bar" role="toolbar" aria-label={ClassroomText::StepBar.text(lang)}>
            { button(Action::First, t(StepText::FirstStep), "|◀", step == 0) }
            { button(Action::Previous, t(StepText::PreviousStep), "◀", step == 0) }
            <button type="button" class="play" onclick={d.reform(|_: MouseEvent| Action::TogglePlay)}
                aria-label={play} title={play}>
                { if props.playing { format!("❚❚ {play}") } else { format!("▶ {play}") } }
            </button>
            { button(Action::Next, t(StepText::NextStep), "▶", step >= last) }
            { button(Action::Last, t(StepText::LastStep), "▶|", step >= last) }
            <span class="present-bar-step">{ position(step, props.timesteps) }</span>
            { button(Action::ToggleKeys, ClassroomText::Keys.text(lang), "?", false) }
            <button type="button" class="present-leave" onclick={d.reform(|_: MouseEvent| Action::SetMode(PageMode::Normal))}>
                { format!("✕ {leave}") }
            </button>
        </div>
    }
}
