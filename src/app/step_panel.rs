//! Stepping through time and the live equation of the selected cell, with its real numbers.

use ndarray::{Array1, Array2, ArrayView1};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::charts::diverging_color;
use crate::rnn::{Direction, StepTrace};

use super::i18n::{Lang, Text};
use super::session::{recurrent_layers, Session};
use super::state::{Action, AppState};

/// Largest vector or matrix side drawn cell by cell; longer ones end in an ellipsis.
const MAX_DRAWN: usize = 12;

/// Props of the step panels.
#[derive(Properties, PartialEq)]
pub struct StepProps {
    /// The state shown.
    pub state: UseReducerHandle<AppState>,
    /// Where actions go.
    pub dispatch: Callback<Action>,
}

/// First / previous / play / next / last, the timeline slider, speed and example.
#[component]
pub fn StepControls(props: &StepProps) -> Html {
    let state = &props.state;
    let t = |key: Text| key.text(state.lang);
    let d = &props.dispatch;
    let timesteps = state.timesteps();
    let step = state.selection.timestep;
    let last = timesteps.saturating_sub(1);
    let batch = state.session.as_ref().map_or(1, |s| s.dims().0);
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
        let value = e
            .target_unchecked_into::<web_sys::HtmlSelectElement>()
            .value();
        Action::SelectExample(value.parse().unwrap_or(0))
    });
    html! {
        <section class="panel stepper" aria-label={t(Text::Timestep)}>
            <div class="step-buttons">
                <button type="button" onclick={d.reform(|_: MouseEvent| Action::First)} disabled={step == 0}
                    aria-label={t(Text::FirstStep)} title={t(Text::FirstStep)}>{ "|◀" }</button>
                <button type="button" onclick={d.reform(|_: MouseEvent| Action::Previous)} disabled={step == 0}
                    aria-label={t(Text::PreviousStep)} title={t(Text::PreviousStep)}>{ "◀" }</button>
                <button type="button" class="play" onclick={d.reform(|_: MouseEvent| Action::TogglePlay)}
                    aria-label={if state.playing { t(Text::Pause) } else { t(Text::Play) }}
                    title={if state.playing { t(Text::Pause) } else { t(Text::Play) }}>
                    { if state.playing { format!("❚❚ {}", t(Text::Pause)) } else { format!("▶ {}", t(Text::Play)) } }
                </button>
                <button type="button" onclick={d.reform(|_: MouseEvent| Action::Next)} disabled={step >= last}
                    aria-label={t(Text::NextStep)} title={t(Text::NextStep)}>{ "▶" }</button>
                <button type="button" onclick={d.reform(|_: MouseEvent| Action::Last)} disabled={step >= last}
                    aria-label={t(Text::LastStep)} title={t(Text::LastStep)}>{ "▶|" }</button>
                <output class="step" aria-live="polite">
                    { format!("t = {} {} {}", step + 1, t(Text::StepOf), timesteps) }
                </output>
            </div>
            <label class="field timeline">
                <span>{ t(Text::Timestep) }</span>
                <input type="range" min="1" max={timesteps.max(1).to_string()} value={(step + 1).to_string()}
                    oninput={slider} aria-valuetext={format!("{} {} {}", step + 1, t(Text::StepOf), timesteps)} />
            </label>
            <label class="field speed">
                <span>{ t(Text::Speed) }</span>
                <input type="range" min="100" max="2050" step="50"
                    value={2_100u32.saturating_sub(state.speed_ms).to_string()} oninput={speed} />
            </label>
            if batch > 1 {
                <label class="field">
                    <span>{ t(Text::Example) }</span>
                    <select onchange={example}>
                        { for (0..batch).map(|b| html! {
                            <option value={b.to_string()} selected={b == state.selection.example}>{ format!("{}", b + 1) }</option>
                        }) }
                    </select>
                </label>
            }
        </section>
    }
}

/// A number as the page prints it: 4 decimals.
#[must_use]
pub fn fmt4(v: f32) -> String {
    if v.is_nan() {
        "NaN".into()
    } else if v.is_infinite() {
        if v > 0.0 {
            "∞".into()
        } else {
            "−∞".into()
        }
    } else {
        format!("{v:.4}")
    }
}

fn cell_style(v: f32, scale: f32) -> String {
    let (r, g, b) = diverging_color(if scale > 0.0 { v / scale } else { 0.0 });
    let light = u32::from(r) * 299 + u32::from(g) * 587 + u32::from(b) * 114 > 128_000;
    format!(
        "background: rgb({r},{g},{b}); color: {}",
        if light { "#111" } else { "#fff" }
    )
}

fn max_abs(values: impl Iterator<Item = f32>) -> f32 {
    values
        .filter(|v| v.is_finite())
        .fold(0.0_f32, |m, v| m.max(v.abs()))
}

/// A row vector drawn as coloured cells (hover or focus shows the full value).
fn vector(name: &str, values: ArrayView1<'_, f32>, scale: f32) -> Html {
    let n = values.len();
    html! {
        <span class="vec" role="group" aria-label={format!("{name}: {n}")}>
            <span class="vec-name">{ name }</span>
            <span class="cells">
                { for values.iter().take(MAX_DRAWN).enumerate().map(|(i, v)| html! {
                    <span class="cell" tabindex="0" style={cell_style(*v, scale)}
                        title={format!("{name}[{i}] = {v}")}>{ format!("{v:.2}") }</span>
                }) }
                if n > MAX_DRAWN { <span class="cell more">{ format!("… +{}", n - MAX_DRAWN) }</span> }
            </span>
        </span>
    }
}

/// A matrix drawn as a grid of coloured cells, capped at [`MAX_DRAWN`] per side.
fn matrix(name: &str, values: &Array2<f32>) -> Html {
    let (rows, cols) = values.dim();
    let scale = max_abs(values.iter().copied());
    html! {
        <span class="mat" role="group" aria-label={format!("{name}: {rows} × {cols}")}>
            <span class="vec-name">{ format!("{name} ({rows}×{cols})") }</span>
            <span class="grid" style={format!("grid-template-columns: repeat({}, 1.1rem)", cols.min(MAX_DRAWN) + usize::from(cols > MAX_DRAWN))}>
                { for values.outer_iter().take(MAX_DRAWN).enumerate().flat_map(|(i, row)| {
                    let more = (cols > MAX_DRAWN).then(|| html! { <span class="mcell more">{ "…" }</span> });
                    row.iter().take(MAX_DRAWN).enumerate().map(move |(j, v)| html! {
                        <span class="mcell" tabindex="-1" style={cell_style(*v, scale)} title={format!("{name}[{i},{j}] = {v}")}></span>
                    }).chain(more).collect::<Vec<_>>()
                }) }
            </span>
            if rows > MAX_DRAWN { <span class="more">{ format!("… +{} rows", rows - MAX_DRAWN) }</span> }
        </span>
    }
}

fn activation_name(session: &Session, layer: usize) -> &'static str {
    recurrent_layers(&session.model)
        .get(layer)
        .map_or("tanh", |l| l.activation.keras_name())
}

/// The live equation of the selected cell with its numbers, and the region listing h_t.
#[component]
pub fn EquationPanel(props: &StepProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let t = |key: Text| key.text(lang);
    let Some(session) = state.session.as_ref() else {
        return html! {};
    };
    let sel = state.selection;
    let layers = recurrent_layers(&session.model);
    let Some(layer) = layers.get(sel.layer) else {
        return html! {};
    };
    let trace = session.trace(layer.stack_index, sel.direction, sel.example, sel.timestep);
    let Ok(trace) = trace else {
        return html! { <section class="panel equation"><p>{ "—" }</p></section> };
    };
    let cell = layer_cell(session, layer.stack_index, sel.direction);
    let act = activation_name(session, sel.layer);
    let scale = max_abs(
        trace
            .input_projection
            .iter()
            .chain(trace.recurrent_projection.iter())
            .chain(trace.bias.iter())
            .chain(trace.pre_activation.iter())
            .copied(),
    )
    .max(1.0);
    let direction_note = if layer.bidirectional {
        let reads = match sel.direction {
            Direction::Forward => sel.timestep.checked_sub(1),
            Direction::Backward => Some(sel.timestep + 1).filter(|t| *t < session.dims().1),
        };
        let dir = if sel.direction == Direction::Forward {
            t(Text::Forward)
        } else {
            t(Text::Backward)
        };
        html! {
            <p class="direction-note">
                <span class={classes!("badge", if sel.direction == Direction::Forward { "fwd" } else { "bwd" })}>{ dir }</span>
                { format!(" {} ", t(Text::ReadsFrom)) }
                { reads.map_or_else(|| "h₀ = 0".to_owned(), |r| format!("t = {}", r + 1)) }
            </p>
        }
    } else {
        html! {}
    };
    let prev_name = match (sel.direction, layer.bidirectional) {
        (Direction::Backward, _) => "h_{t+1}",
        _ => "h_{t-1}",
    };
    let eq = format!("h_t = {act}(x_t · W_x + {prev_name} · W_h + b)");
    let numpy = format!(
        "h_t = np.{act}(np.dot(Wx, x_t) + np.dot(Wh, {prev_name}) + b)   # Wx = W_xᵀ ({} × {})",
        trace.h_t.len(),
        trace.x_t.len()
    );
    let toggle = props.dispatch.reform(|_: MouseEvent| Action::ToggleNumpy);
    html! {
        <section class="panel equation" aria-labelledby="equation-heading">
            <h2 id="equation-heading">
                { format!("{} · {} {}, t = {}", t(Text::Equation), t(Text::Layer), sel.layer + 1, sel.timestep + 1) }
            </h2>
            { direction_note }
            <p class="formula"><code>{ eq }</code></p>
            <label class="check">
                <input type="checkbox" checked={state.show_numpy} onclick={toggle} />
                { t(Text::NumpyNotation) }
            </label>
            if state.show_numpy { <p class="formula numpy"><code>{ numpy }</code></p> }
            <div class="terms">
                { vector("x_t", trace.x_t.view(), max_abs(trace.x_t.iter().copied()).max(1.0)) }
                { vector(prev_name, trace.h_prev.view(), 1.0) }
                if let Some((kernel, recurrent)) = cell.as_ref() {
                    <div class="weights">
                        { matrix("W_x", kernel) }
                        { matrix("W_h", recurrent) }
                    </div>
                }
                { vector("x_t·W_x", trace.input_projection.view(), scale) }
                { vector(&format!("{prev_name}·W_h"), trace.recurrent_projection.view(), scale) }
                { vector("b", trace.bias.view(), scale) }
                { vector(&format!("z_t ({})", t(Text::Sum)), trace.pre_activation.view(), scale) }
                { vector(&format!("h_t = {act}(z_t)"), trace.h_t.view(), 1.0) }
            </div>
            <HiddenStateRegion lang={lang} trace={HiddenValues(trace_values(&trace))} />
            if let Some(nf) = session.non_finite {
                <p class="field-error" role="alert">
                    { format!("{} {} {}, t = {}", t(Text::NonFinite), t(Text::Layer), nf.layer + 1, nf.timestep.map_or(0, |t| t + 1)) }
                </p>
            }
        </section>
    }
}

fn layer_cell(
    session: &Session,
    stack_index: usize,
    direction: Direction,
) -> Option<(Array2<f32>, Array2<f32>)> {
    let cell = session.stack.layers().get(stack_index)?.cell(direction)?;
    let w = cell.weights();
    Some((w.kernel.clone(), w.recurrent_kernel.clone()))
}

fn trace_values(trace: &StepTrace) -> Array1<f32> {
    trace.h_t.clone()
}

/// h_t values, compared by value so the region re-renders only when they change.
#[derive(Clone, Debug, PartialEq)]
pub struct HiddenValues(pub Array1<f32>);

/// Props of [`HiddenStateRegion`].
#[derive(Properties, PartialEq)]
pub struct HiddenStateProps {
    /// Interface language.
    pub lang: Lang,
    /// h_t of the selected cell.
    pub trace: HiddenValues,
}

/// The region named "Current hidden state": h_t in unit order, 4 decimals each.
#[component]
pub fn HiddenStateRegion(props: &HiddenStateProps) -> Html {
    let name = Text::CurrentHiddenState.text(props.lang);
    html! {
        <section class="hidden-state" role="region" aria-label={name}>
            <h3>{ name }</h3>
            <ol class="h-values">
                { for props.trace.0.iter().enumerate().map(|(i, v)| html! {
                    <li><span class="unit">{ format!("h[{i}]") }</span>{ " " }<span class="num">{ fmt4(*v) }</span></li>
                }) }
            </ol>
        </section>
    }
}
