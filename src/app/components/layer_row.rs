//! One recurrent layer in the model builder: cell type, units, activation, bias,
//! `return_sequences`, bidirectional and merge mode, the gated cells' options, and moving
//! or removing it.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::app::domain::cell_settings::CellSettings;
use crate::app::hooks::render_count::count_render;
use crate::app::i18n::controls::ControlText;
use crate::app::i18n::{Lang, Text};
use crate::app::state::errors::PageError;
use crate::app::state::{Action, NumberField};
use crate::model::{MergeMode, RnnActivation};

use super::cell_options::{CellTypeSelect, GateOptions};
use super::number_input::{error_line, NumberInput};

/// Props of [`LayerRow`].
#[derive(Properties, PartialEq)]
pub struct LayerRowProps {
    /// Interface language.
    pub lang: Lang,
    /// The layer's place among the recurrent layers (0-based).
    pub n: usize,
    /// How many recurrent layers there are.
    pub count: usize,
    /// The layer's settings.
    pub spec: CellSettings,
    /// The units field's text (the raw text while it does not parse).
    pub units_text: String,
    /// The units field's message.
    pub units_error: Option<PageError>,
    /// The layer's other message.
    pub layer_error: Option<PageError>,
    /// Where edits go.
    pub on_action: Callback<Action>,
}

fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

fn checked(e: &Event) -> bool {
    e.target_unchecked_into::<HtmlInputElement>().checked()
}

/// `word` with a capital first letter in English.
fn capitalize(word: &str, lang: Lang) -> String {
    if lang == Lang::Ko {
        return word.to_owned();
    }
    let mut chars = word.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// One recurrent layer's settings.
#[component]
pub fn LayerRow(props: &LayerRowProps) -> Html {
    count_render("LayerRow");
    let (lang, n, rnn) = (props.lang, props.n, &props.spec);
    let t = |key: ControlText| key.text(lang);
    let layer = Text::Layer.text(lang);
    let k = n + 1;
    let named = |key: ControlText| format!("{}, {layer} {k}", t(key));
    let d = &props.on_action;
    let act_change = d.reform(move |e: Event| {
        Action::SetActivation(
            n,
            RnnActivation::from_keras_name(&select_value(&e)).unwrap_or_default(),
        )
    });
    let bias_change = d.reform(move |e: Event| Action::SetUseBias(n, checked(&e)));
    let seq_change = d.reform(move |e: Event| Action::SetReturnSequences(n, checked(&e)));
    let merge = rnn.bidirectional;
    let bi_change = d.reform(move |e: Event| {
        Action::SetBidirectional(n, checked(&e).then(|| merge.unwrap_or_default()))
    });
    let merge_change = d.reform(move |e: Event| {
        Action::SetBidirectional(
            n,
            Some(MergeMode::from_keras_name(&select_value(&e)).unwrap_or_default()),
        )
    });
    let remove = d.reform(move |_: MouseEvent| Action::RemoveLayer(n));
    let down = d.reform(move |_: MouseEvent| Action::MoveLayer(n, true));
    let up = d.reform(move |_: MouseEvent| Action::MoveLayer(n, false));
    let error_id = format!("error-layer-{n}");
    let units_error_id = format!("error-units-{n}");
    html! {
        <li class="layer-row">
            <div class="layer-head">
                <strong>{ format!("{} {k}", capitalize(layer, lang)) }</strong>
                <span class="layer-buttons">
                    <button type="button" onclick={down} disabled={n == 0}
                        aria-label={named(ControlText::MoveDown)}>{ "↓" }</button>
                    <button type="button" onclick={up} disabled={n + 1 == props.count}
                        aria-label={named(ControlText::MoveUp)}>{ "↑" }</button>
                    <button type="button" onclick={remove} disabled={props.count == 1}
                        aria-label={named(ControlText::RemoveLayer)}>{ "✕" }</button>
                </span>
            </div>
            <div class="layer-fields">
                <CellTypeSelect {lang} {n} spec={rnn.clone()} on_action={d.clone()} />
                <NumberInput label={named(ControlText::HiddenUnits)}
                    field={NumberField::Units(n)} min=1 value={props.units_text.clone()}
                    invalid={props.units_error.is_some()} error_id={units_error_id.clone()}
                    on_action={d.clone()} />
                <label class="field">
                    <span>{ named(ControlText::Activation) }</span>
                    <select onchange={act_change}>
                        { for RnnActivation::ALL.iter().map(|a| html! {
                            <option value={a.keras_name()} selected={*a == rnn.activation}>{ a.keras_name() }</option>
                        }) }
                    </select>
                </label>
                <label class="check">
                    <input type="checkbox" checked={rnn.use_bias} onchange={bias_change} />
                    { named(ControlText::UseBias) }
                </label>
                <label class="check rs-toggle">
                    <input type="checkbox" checked={rnn.return_sequences} onchange={seq_change}
                        aria-describedby={props.layer_error.as_ref().map(|_| error_id.clone())} />
                    { named(ControlText::ReturnSequences) }
                </label>
                <label class="check">
                    <input type="checkbox" checked={rnn.bidirectional.is_some()} onchange={bi_change} />
                    { named(ControlText::Bidirectional) }
                </label>
                if let Some(mode) = rnn.bidirectional {
                    <label class="field">
                        <span>{ named(ControlText::MergeMode) }</span>
                        <select onchange={merge_change}>
                            { for MergeMode::ALL.iter().map(|m| html! {
                                <option value={m.keras_name()} selected={*m == mode}>{ m.keras_name() }</option>
                            }) }
                        </select>
                    </label>
                }
                <GateOptions {lang} {n} spec={rnn.clone()} on_action={d.clone()} />
            </div>
            { error_line(lang, props.units_error.as_ref(), &units_error_id) }
            { error_line(lang, props.layer_error.as_ref(), &error_id) }
        </li>
    }
}
