//! A recurrent layer's cell type (SimpleRNN, LSTM, GRU) and the gated cells' options:
//! `recurrent_activation`, an LSTM's `unit_forget_bias`, a GRU's `reset_after`.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::app::domain::cell_settings::{CellOption, CellSettings};
use crate::app::i18n::gates::{cell_name, GateText};
use crate::app::i18n::{Lang, Text};
use crate::app::state::Action;
use crate::model::{CellKind, RnnActivation};

/// Props of [`CellTypeSelect`] and [`GateOptions`].
#[derive(Properties, PartialEq)]
pub struct CellOptionsProps {
    /// Interface language.
    pub lang: Lang,
    /// The layer's place among the recurrent layers (0-based).
    pub n: usize,
    /// The layer's settings.
    pub spec: CellSettings,
    /// Where edits go.
    pub on_action: Callback<Action>,
}

fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

fn checked(e: &Event) -> bool {
    e.target_unchecked_into::<HtmlInputElement>().checked()
}

/// "`word`, layer `k`": a control's accessible name.
fn named(lang: Lang, key: GateText, n: usize) -> String {
    format!("{}, {} {}", key.text(lang), Text::Layer.text(lang), n + 1)
}

/// The cell type of one recurrent layer.
#[component]
pub fn CellTypeSelect(props: &CellOptionsProps) -> Html {
    let (lang, n) = (props.lang, props.n);
    let change = props.on_action.reform(move |e: Event| {
        let cell = CellKind::from_name(&select_value(&e)).unwrap_or_default();
        Action::SetCellOption(n, CellOption::Cell(cell))
    });
    html! {
        <label class="field">
            <span>{ named(lang, GateText::CellType, n) }</span>
            <select onchange={change}>
                { for CellKind::ALL.iter().map(|c| html! {
                    <option value={c.name()} selected={*c == props.spec.cell}>{ cell_name(*c, lang) }</option>
                }) }
            </select>
        </label>
    }
}

/// The gate options of an LSTM or GRU layer (nothing for a SimpleRNN).
#[component]
pub fn GateOptions(props: &CellOptionsProps) -> Html {
    let (lang, n, spec) = (props.lang, props.n, &props.spec);
    if spec.cell == CellKind::SimpleRnn {
        return html! {};
    }
    let d = &props.on_action;
    let rec_change = d.reform(move |e: Event| {
        let a = RnnActivation::from_keras_name(&select_value(&e)).unwrap_or(RnnActivation::Sigmoid);
        Action::SetCellOption(n, CellOption::RecurrentActivation(a))
    });
    let forget_change =
        d.reform(move |e: Event| Action::SetCellOption(n, CellOption::UnitForgetBias(checked(&e))));
    let reset_change =
        d.reform(move |e: Event| Action::SetCellOption(n, CellOption::ResetAfter(checked(&e))));
    html! {
        <>
            <label class="field">
                <span>{ named(lang, GateText::RecurrentActivation, n) }</span>
                <select onchange={rec_change}>
                    { for RnnActivation::ALL.iter().map(|a| html! {
                        <option value={a.keras_name()} selected={*a == spec.recurrent_activation}>{ a.keras_name() }</option>
                    }) }
                </select>
            </label>
            if spec.cell == CellKind::Lstm {
                <label class="check">
                    <input type="checkbox" checked={spec.unit_forget_bias} onchange={forget_change} />
                    { named(lang, GateText::UnitForgetBias, n) }
                </label>
            }
            if spec.cell == CellKind::Gru {
                <label class="check">
                    <input type="checkbox" checked={spec.reset_after} onchange={reset_change} />
                    { named(lang, GateText::ResetAfter, n) }
                </label>
            }
        </>
    }
}
