//! The training view's form: task, learning rate, batch size, epochs, optimizer, hidden
//! units, initializer, clip norm, truncation, sequence length, echo delay, the comparison
//! and the character model's text. Every edit is a [`TrainAction`].

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::app::domain::train_form::{
    task_code, FieldProblem, FormField, OptimizerKind, TrainForm, INITIALIZERS,
};
use crate::app::domain::train_run::{FormEdit, TrainAction};
use crate::app::hooks::render_count::count_render;
use crate::app::i18n::train::{init_label, optimizer_label, task_label, TrainText};
use crate::app::i18n::train_errors::field_problem_text;
use crate::app::i18n::Lang;
use crate::train::TaskKind;

/// A labelled text field for a number.
pub struct NumberField {
    /// The input's id (its message and help derive theirs from it).
    pub id: &'static str,
    /// The label.
    pub label: &'static str,
    /// The text shown.
    pub value: String,
    /// A help line under the field.
    pub help: Option<&'static str>,
    /// The field's message.
    pub error: Option<String>,
    /// Whether the field is disabled (while training).
    pub disabled: bool,
    /// `numeric` or `decimal`, for the phone keyboard.
    pub inputmode: &'static str,
}

impl NumberField {
    /// The field, sending its text through `oninput`.
    pub fn view(self, oninput: Callback<InputEvent>) -> Html {
        let Self {
            id,
            label,
            value,
            help,
            error,
            disabled,
            inputmode,
        } = self;
        let error_id = format!("{id}-error");
        let help_id = format!("{id}-help");
        let described = match (error.is_some(), help.is_some()) {
            (true, _) => Some(error_id.clone()),
            (false, true) => Some(help_id.clone()),
            (false, false) => None,
        };
        html! {
            <div class="field train-field">
                <label for={id}>{ label }</label>
                <input {id} type="text" {inputmode} {value} {disabled}
                    aria-invalid={error.is_some().to_string()} aria-describedby={described}
                    {oninput} />
                if let Some(help) = help {
                    <span class="muted train-help" id={help_id}>{ help }</span>
                }
                if let Some(error) = error {
                    <p class="field-error" id={error_id}>{ error }</p>
                }
            </div>
        }
    }
}

/// A callback turning a text field's input into the edit `make` builds from its text.
#[must_use]
pub fn text_edit(on: &Callback<TrainAction>, make: fn(String) -> FormEdit) -> Callback<InputEvent> {
    on.reform(move |e: InputEvent| {
        TrainAction::Edit(make(e.target_unchecked_into::<HtmlInputElement>().value()))
    })
}

/// A menu's change: the action of its new value, when it has one.
fn menu(on: &Callback<TrainAction>, action: fn(&str) -> Option<TrainAction>) -> Callback<Event> {
    let on = on.clone();
    Callback::from(move |e: Event| {
        let code = e.target_unchecked_into::<HtmlSelectElement>().value();
        if let Some(action) = action(&code) {
            on.emit(action);
        }
    })
}

/// Props of [`TrainFields`].
#[derive(Properties, PartialEq)]
pub struct TrainFieldsProps {
    /// Interface language.
    pub lang: Lang,
    /// The form as typed.
    pub form: TrainForm,
    /// Whether training runs (most fields are disabled then).
    pub running: bool,
    /// Messages beside the fields.
    pub errors: Vec<(FormField, FieldProblem)>,
    /// Where edits go.
    pub on: Callback<TrainAction>,
}

/// The message of `field` among `errors`, in `lang`.
#[must_use]
pub fn field_message(
    errors: &[(FormField, FieldProblem)],
    field: FormField,
    lang: Lang,
) -> Option<String> {
    errors
        .iter()
        .find(|(f, _)| *f == field)
        .map(|(_, p)| field_problem_text(p, lang))
}

/// The form's fields.
#[component]
pub fn TrainFields(props: &TrainFieldsProps) -> Html {
    count_render("TrainFields");
    let (lang, f, running, on) = (props.lang, &props.form, props.running, &props.on);
    let t = |k: TrainText| k.text(lang);
    let error_of = |field: FormField| field_message(&props.errors, field, lang);
    let field =
        |id, label: TrainText, value: &String, help: Option<TrainText>, field, disabled, mode| {
            NumberField {
                id,
                label: t(label),
                value: value.clone(),
                help: help.map(t),
                error: error_of(field),
                disabled,
                inputmode: mode,
            }
        };
    let on_task = menu(on, |code| {
        let kind = TaskKind::ALL.into_iter().find(|k| task_code(*k) == code);
        kind.map(TrainAction::SetTask)
    });
    let on_optimizer = menu(on, |code| {
        let kind = OptimizerKind::ALL.into_iter().find(|k| k.code() == code);
        kind.map(|k| TrainAction::Edit(FormEdit::Optimizer(k)))
    });
    let on_init = menu(on, |code| {
        let scheme = INITIALIZERS.iter().find(|(_, c)| *c == code);
        scheme.map(|(s, _)| TrainAction::Edit(FormEdit::Init(*s)))
    });
    let on_compare = on.reform(|e: Event| {
        TrainAction::Edit(FormEdit::Compare(
            e.target_unchecked_into::<HtmlInputElement>().checked(),
        ))
    });
    let on_text = on.reform(|e: InputEvent| {
        TrainAction::Edit(FormEdit::Text(
            e.target_unchecked_into::<HtmlTextAreaElement>().value(),
        ))
    });
    let text_error = error_of(FormField::Text);
    html! {
        <div class="train-form">
            <div class="field train-field wide">
                <label for="train-task">{ t(TrainText::Task) }</label>
                <select id="train-task" onchange={on_task}>
                    { for TaskKind::ALL.iter().map(|k| html! {
                        <option value={task_code(*k)} selected={*k == f.task}>{ task_label(*k).text(lang) }</option>
                    }) }
                </select>
            </div>
            { field("train-lr", TrainText::LearningRate, &f.learning_rate, None, FormField::LearningRate, false, "decimal")
                .view(text_edit(on, FormEdit::LearningRate)) }
            { field("train-batch", TrainText::BatchSize, &f.batch_size, None, FormField::BatchSize, running, "numeric")
                .view(text_edit(on, FormEdit::BatchSize)) }
            { field("train-epochs", TrainText::Epochs, &f.epochs, None, FormField::Epochs, running, "numeric")
                .view(text_edit(on, FormEdit::Epochs)) }
            <div class="field train-field">
                <label for="train-optimizer">{ t(TrainText::Optimizer) }</label>
                <select id="train-optimizer" onchange={on_optimizer} disabled={running}>
                    { for OptimizerKind::ALL.iter().map(|k| html! {
                        <option value={k.code()} selected={*k == f.optimizer}>{ optimizer_label(*k).text(lang) }</option>
                    }) }
                </select>
            </div>
            { field("train-units", TrainText::HiddenUnits, &f.hidden_units, None, FormField::HiddenUnits, running, "numeric")
                .view(text_edit(on, FormEdit::HiddenUnits)) }
            <div class="field train-field">
                <label for="train-init">{ t(TrainText::Initializer) }</label>
                <select id="train-init" onchange={on_init} disabled={running}>
                    { for INITIALIZERS.iter().map(|(scheme, code)| html! {
                        <option value={*code} selected={*scheme == f.init}>{ init_label(*scheme).text(lang) }</option>
                    }) }
                </select>
            </div>
            { field("train-clip", TrainText::ClipNorm, &f.clip_norm, Some(TrainText::ClipNormHelp), FormField::ClipNorm, running, "decimal")
                .view(text_edit(on, FormEdit::ClipNorm)) }
            { field("train-truncation", TrainText::Truncation, &f.truncation, Some(TrainText::TruncationHelp), FormField::Truncation, running, "numeric")
                .view(text_edit(on, FormEdit::Truncation)) }
            { field("train-timesteps", TrainText::Timesteps, &f.timesteps, None, FormField::Timesteps, running, "numeric")
                .view(text_edit(on, FormEdit::Timesteps)) }
            if f.task == TaskKind::Echo {
                { field("train-delay", TrainText::EchoDelay, &f.delay, None, FormField::EchoDelay, running, "numeric")
                    .view(text_edit(on, FormEdit::Delay)) }
            }
            <div class="train-check wide">
                <input id="train-compare" type="checkbox" checked={f.compare} onchange={on_compare}
                    disabled={running} aria-describedby="train-compare-help" />
                <label for="train-compare">{ t(TrainText::CompareInit) }</label>
                <span class="muted" id="train-compare-help">{ t(TrainText::CompareHelp) }</span>
            </div>
            if f.task == TaskKind::CharModel {
                <div class="field train-field wide">
                    <label for="train-text">{ t(TrainText::TrainingText) }</label>
                    <textarea id="train-text" rows="3" value={f.text.clone()} oninput={on_text}
                        disabled={running} aria-invalid={text_error.is_some().to_string()}
                        aria-describedby={text_error.as_ref().map(|_| "train-text-error")} />
                    if let Some(message) = text_error {
                        <p class="field-error" id="train-text-error">{ message }</p>
                    }
                </div>
            }
        </div>
    }
}
