//! The step of an LSTM or GRU cell, gate by gate: each gate's equation with its real
//! numbers (input part, recurrent part, biases, sum, value), then how the gates make `c_t`
//! and `h_t`, in Keras notation and, on request, numpy notation.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::domain::cell_settings::CellSettings;
use crate::app::domain::gate_formulas::{GateRole, Notation};
use crate::app::domain::layers::RecurrentLayer;
use crate::app::domain::selection::Selection;
use crate::app::domain::session::Session;
use crate::app::hooks::render_count::count_render;
use crate::app::i18n::gates::GateText;
use crate::app::i18n::stepper::StepText;
use crate::app::i18n::{Lang, Text};
use crate::app::state::Action;
use crate::diagram::{CellSchematic, Part};
use crate::rnn::{CellTrace, Direction};

use super::cell_schematic_view::CellSchematicView;
use super::cell_values::{fmt4, vector};
use super::direction_note::direction_note;
use super::gate_terms::{gate_block, scale_of, state_block};
use super::hidden_state_region::{HiddenStateRegion, HiddenValues};

/// Props of [`GatePanel`].
#[derive(Properties, PartialEq)]
pub struct GatePanelProps {
    /// Interface language.
    pub lang: Lang,
    /// The computed model.
    pub session: Rc<Session>,
    /// The selected cell.
    pub selection: Selection,
    /// The selected layer (an LSTM or GRU).
    pub layer: RecurrentLayer,
    /// Whether the numpy notation is shown too.
    pub show_numpy: bool,
    /// Where actions go (the numpy toggle).
    pub on_action: Callback<Action>,
}

/// The step of the selected LSTM or GRU cell, gate by gate.
#[component]
pub fn GatePanel(props: &GatePanelProps) -> Html {
    count_render("GatePanel");
    let selected = use_state_eq(|| None::<Part>);
    let lang = props.lang;
    let (session, sel, layer) = (&props.session, props.selection, &props.layer);
    let Ok(trace) = session.cell_trace(layer.stack_index, sel.direction, sel.example, sel.timestep)
    else {
        return html! { <section class="panel equation"><p>{ "—" }</p></section> };
    };
    let settings = session
        .model
        .layers
        .get(layer.stack_index)
        .and_then(CellSettings::of);
    let (prev, prev_c) = match sel.direction {
        Direction::Backward => ("h_{t+1}", "c_{t+1}"),
        Direction::Forward => ("h_{t-1}", "c_{t-1}"),
    };
    let notation = Notation {
        activation: layer.activation.keras_name(),
        recurrent: settings
            .as_ref()
            .map_or("sigmoid", |s| s.recurrent_activation.keras_name()),
        reset_after: settings.as_ref().is_some_and(|s| s.reset_after),
        prev,
        prev_c,
    };
    let x_scale = scale_of([match &trace {
        CellTrace::Lstm(l) => l.x_t.view(),
        CellTrace::Gru(g) => g.x_t.view(),
        CellTrace::SimpleRnn(s) => s.x_t.view(),
    }]);
    let (x_t, h_prev) = match &trace {
        CellTrace::Lstm(l) => (l.x_t.view(), l.h_prev.view()),
        CellTrace::Gru(g) => (g.x_t.view(), g.h_prev.view()),
        CellTrace::SimpleRnn(s) => (s.x_t.view(), s.h_prev.view()),
    };
    let toggle = props.on_action.reform(|_: MouseEvent| Action::ToggleNumpy);
    let schematic = CellSchematic::of(
        layer.cell,
        notation.activation,
        notation.recurrent,
        notation.reset_after,
    );
    let on_select = {
        let selected = selected.clone();
        Callback::from(move |part: Part| {
            selected.set((*selected != Some(part)).then_some(part));
        })
    };
    let layer_word = Text::Layer.text(lang);
    html! {
        <section class="panel equation gates" aria-labelledby="equation-heading" data-cell={layer.cell.name()}>
            <h2 id="equation-heading">
                { format!("{} · {layer_word} {} ({}), t = {}", StepText::Equation.text(lang), sel.layer + 1, layer.cell, sel.timestep + 1) }
            </h2>
            { direction_note(lang, layer, sel, session.dims().1) }
            <label class="check">
                <input type="checkbox" checked={props.show_numpy} onclick={toggle} />
                { StepText::NumpyNotation.text(lang) }
            </label>
            if props.show_numpy {
                <pre class="formula numpy"><code>{ notation.numpy(layer.cell).join("\n") }</code></pre>
            }
            <CellSchematicView {lang} {schematic} trace={trace.clone()} selected={*selected} {on_select} />
            <div class="terms">
                { vector("x_t", x_t, x_scale) }
                { vector(prev, h_prev, 1.0) }
                if let CellTrace::Lstm(l) = &trace { { vector(prev_c, l.c_prev.view(), scale_of([l.c_prev.view()])) } }
            </div>
            <div class="gate-list">
                { for GateRole::of(layer.cell).iter().filter_map(|role| {
                    role.in_trace(&trace).map(|g| gate_block(lang, *role, g, notation.gate(*role), prev))
                }) }
            </div>
            { state_block(lang, &trace, &notation, &notation.states(layer.cell)) }
            <HiddenStateRegion {lang} trace={HiddenValues(trace.h_t().clone())} />
            if let CellTrace::Lstm(l) = &trace {
                <section class="hidden-state cell-state" role="region" aria-label={GateText::CurrentCellState.text(lang)}>
                    <h3>{ GateText::CurrentCellState.text(lang) }</h3>
                    <ol class="h-values">
                        { for l.c_t.iter().enumerate().map(|(i, v)| html! {
                            <li><span class="unit">{ format!("c[{i}]") }</span>{ " " }<span class="num">{ fmt4(*v) }</span></li>
                        }) }
                    </ol>
                </section>
            }
        </section>
    }
}
