//! The live equation of the selected cell with its real numbers, term by term.

use std::rc::Rc;

use ndarray::Array2;
use yew::prelude::*;

use crate::app::domain::layers::recurrent_layers;
use crate::app::domain::selection::Selection;
use crate::app::domain::session::Session;
use crate::app::hooks::render_count::count_render;
use crate::app::i18n::stepper::StepText;
use crate::app::i18n::{Lang, Text};
use crate::app::state::Action;
use crate::model::CellKind;
use crate::rnn::{Direction, StepTrace};

use super::cell_values::{matrix, max_abs, vector};
use super::direction_note::direction_note;
use super::formula::{keras_formula, numpy_formula, StepIndices};
use super::gate_panel::GatePanel;
use super::hidden_state_region::{HiddenStateRegion, HiddenValues};

/// Props of [`EquationPanel`].
#[derive(Properties, PartialEq)]
pub struct EquationProps {
    /// Interface language.
    pub lang: Lang,
    /// The computed model.
    pub session: Rc<Session>,
    /// The selected cell.
    pub selection: Selection,
    /// Whether the numpy notation is shown too.
    pub show_numpy: bool,
    /// Where actions go (the numpy toggle).
    pub on_action: Callback<Action>,
}

/// The kernel and recurrent kernel of one cell.
fn layer_cell(
    session: &Session,
    stack_index: usize,
    direction: Direction,
) -> Option<(Array2<f32>, Array2<f32>)> {
    let cell = session.stack.layers().get(stack_index)?.cell(direction)?;
    let w = cell.weights();
    Some((w.kernel.clone(), w.recurrent_kernel.clone()))
}

/// Every term of `h_t = act(x_t·W_x + h_prev·W_h + b)` as coloured cells.
fn terms(
    lang: Lang,
    trace: &StepTrace,
    cell: Option<&(Array2<f32>, Array2<f32>)>,
    act: &str,
    prev: &str,
) -> Html {
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
    html! {
        <div class="terms">
            { vector("x_t", trace.x_t.view(), max_abs(trace.x_t.iter().copied()).max(1.0)) }
            { vector(prev, trace.h_prev.view(), 1.0) }
            if let Some((kernel, recurrent)) = cell {
                <div class="weights">
                    { matrix("W_x", kernel) }
                    { matrix("W_h", recurrent) }
                </div>
            }
            { vector("x_t·W_x", trace.input_projection.view(), scale) }
            { vector(&format!("{prev}·W_h"), trace.recurrent_projection.view(), scale) }
            { vector("b", trace.bias.view(), scale) }
            { vector(&format!("z_t ({})", Text::Sum.text(lang)), trace.pre_activation.view(), scale) }
            { vector(&format!("h_t = {act}(z_t)"), trace.h_t.view(), 1.0) }
        </div>
    }
}

/// The live equation of the selected cell with its numbers, and the region listing `h_t`.
#[component]
pub fn EquationPanel(props: &EquationProps) -> Html {
    count_render("EquationPanel");
    let lang = props.lang;
    let t = |key: StepText| key.text(lang);
    let (session, sel) = (&props.session, props.selection);
    let layers = recurrent_layers(&session.model);
    let Some(layer) = layers.get(sel.layer) else {
        return html! {};
    };
    if layer.cell != CellKind::SimpleRnn {
        return html! {
            <GatePanel {lang} session={session.clone()} selection={sel} layer={*layer}
                show_numpy={props.show_numpy} on_action={props.on_action.clone()} />
        };
    }
    let Ok(trace) = session.trace(layer.stack_index, sel.direction, sel.example, sel.timestep)
    else {
        return html! { <section class="panel equation"><p>{ "—" }</p></section> };
    };
    let cell = layer_cell(session, layer.stack_index, sel.direction);
    let act = layer.activation.keras_name();
    let prev = match sel.direction {
        Direction::Backward => "h_{t+1}",
        Direction::Forward => "h_{t-1}",
    };
    let timesteps = session.dims().1;
    let at = StepIndices {
        t: sel.timestep + 1,
        prev: match sel.direction {
            Direction::Forward => sel.timestep,
            // The backward pass reads the step after; past the last step, the zero state.
            Direction::Backward if sel.timestep + 1 < timesteps => sel.timestep + 2,
            Direction::Backward => 0,
        },
    };
    let numpy = format!(
        "h_t = np.{act}(np.dot(Wx, x_t) + np.dot(Wh, {prev}) + b)   # Wx = W_xᵀ ({} × {})",
        trace.h_t.len(),
        trace.x_t.len()
    );
    let toggle = props.on_action.reform(|_: MouseEvent| Action::ToggleNumpy);
    let layer_word = Text::Layer.text(lang);
    html! {
        <section class="panel equation" aria-labelledby="equation-heading">
            <h2 id="equation-heading">
                { format!("{} · {layer_word} {}, t = {}", t(StepText::Equation), sel.layer + 1, sel.timestep + 1) }
            </h2>
            { direction_note(lang, layer, sel, session.dims().1) }
            <div class="formula">{ keras_formula(act, at) }</div>
            <label class="check">
                <input type="checkbox" checked={props.show_numpy} onclick={toggle} />
                { t(StepText::NumpyNotation) }
            </label>
            if props.show_numpy {
                <div class="formula numpy">{ numpy_formula(act, at) }<code>{ numpy }</code></div>
            }
            { terms(lang, &trace, cell.as_ref(), act, prev) }
            <HiddenStateRegion {lang} trace={HiddenValues(trace.h_t.clone())} />
            if let Some(nf) = session.non_finite {
                <p class="field-error" role="alert">
                    { format!("{} {layer_word} {}, t = {}", t(StepText::NonFinite), nf.layer + 1, nf.timestep.map_or(0, |t| t + 1)) }
                </p>
            }
        </section>
    }
}
