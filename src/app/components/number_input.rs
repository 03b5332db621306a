//! A labelled spin button for a whole number, and the message line under a control.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::hooks::render_count::count_render;
use crate::app::i18n::controls::ControlText;
use crate::app::i18n::errors::error_text;
use crate::app::i18n::Lang;
use crate::app::state::errors::PageError;
use crate::app::state::{Action, Field, NumberField};

/// The message recorded for `field` among `errors`.
#[must_use]
pub fn error_of(errors: &[(Field, PageError)], field: Field) -> Option<&PageError> {
    errors.iter().find(|(f, _)| *f == field).map(|(_, e)| e)
}

/// The message line of a control: the error in `lang` and that the last valid model stays.
pub fn error_line(lang: Lang, error: Option<&PageError>, id: &str) -> Html {
    match error {
        Some(error) => html! {
            <p class="field-error" id={id.to_owned()} role="alert">
                { error_text(error, lang) }{ " " }<span class="muted">{ ControlText::KeepsLastModel.text(lang) }</span>
            </p>
        },
        None => html! {},
    }
}

/// Props of [`NumberInput`].
#[derive(Properties, PartialEq)]
pub struct NumberProps {
    /// The label, also the field's accessible name.
    pub label: AttrValue,
    /// Which field it edits.
    pub field: NumberField,
    /// The text shown.
    pub value: String,
    /// Smallest value offered by the spinner.
    pub min: u32,
    /// Shown when empty.
    #[prop_or_default]
    pub placeholder: AttrValue,
    /// Whether the field has a message.
    #[prop_or_default]
    pub invalid: bool,
    /// Id of the message, for `aria-describedby`.
    #[prop_or_default]
    pub error_id: AttrValue,
    /// Where the edit goes.
    pub on_action: Callback<Action>,
}

/// A labelled spin button; a change sends the raw text to the reducer.
#[component]
pub fn NumberInput(props: &NumberProps) -> Html {
    count_render("NumberInput");
    let field = props.field;
    let onchange = props.on_action.reform(move |e: Event| {
        Action::SetNumber(field, e.target_unchecked_into::<HtmlInputElement>().value())
    });
    html! {
        <label class="field">
            <span>{ props.label.clone() }</span>
            <input type="number" inputmode="numeric" min={props.min.to_string()} step="1"
                value={props.value.clone()} placeholder={props.placeholder.clone()}
                aria-invalid={props.invalid.to_string()}
                aria-describedby={props.invalid.then(|| props.error_id.clone())}
                {onchange} />
        </label>
    }
}
