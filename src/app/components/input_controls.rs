//! The input source picker: seeded random numbers, patterns, a sentence (for an embedding
//! model), or values typed by hand.

use std::rc::Rc;

use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::app::domain::inputs::{format_manual, InputSource};
use crate::app::domain::presets::QUIZ_SENTENCE;
use crate::app::domain::session::{Session, SessionInputs};
use crate::app::hooks::render_count::count_render;
use crate::app::i18n::controls::ControlText;
use crate::app::i18n::Lang;
use crate::app::state::errors::PageError;
use crate::app::state::Action;

use super::number_input::error_line;

/// Props of [`InputControls`].
#[derive(Properties, PartialEq)]
pub struct InputControlsProps {
    /// Interface language.
    pub lang: Lang,
    /// The input source.
    pub input: InputSource,
    /// Whether the model reads token ids (an embedding in front).
    pub tokens: bool,
    /// The computed session: its inputs fill "Typed values" when switching to them.
    pub session: Option<Rc<Session>>,
    /// The input's message.
    pub error: Option<PageError>,
    /// Where edits go.
    pub on_action: Callback<Action>,
}

fn kind(input: &InputSource) -> &'static str {
    match input {
        InputSource::Random => "random",
        InputSource::Sine => "sine",
        InputSource::Step => "step",
        InputSource::Sentence(_) => "sentence",
        InputSource::Manual(_) => "manual",
    }
}

/// The text "Typed values" starts from: the typed text, else the first example's inputs.
fn current_manual(input: &InputSource, session: Option<&Session>) -> String {
    match (input, session.map(|s| &s.inputs)) {
        (InputSource::Manual(text), _) => text.clone(),
        (_, Some(SessionInputs::Features(x))) if x.dim().0 > 0 => {
            format_manual(&x.index_axis(ndarray::Axis(0), 0).to_owned())
        }
        _ => String::new(),
    }
}

/// The input source picker, and the text area of a sentence or typed values.
#[component]
pub fn InputControls(props: &InputControlsProps) -> Html {
    count_render("InputControls");
    let lang = props.lang;
    let t = |key: ControlText| key.text(lang);
    let draft_text = use_state(String::new);
    let kind = kind(&props.input);
    let onchange = {
        let on_action = props.on_action.clone();
        let draft_text = draft_text.clone();
        let manual = current_manual(&props.input, props.session.as_deref());
        let sentence = match &props.input {
            InputSource::Sentence(s) => s.clone(),
            _ => QUIZ_SENTENCE.to_owned(),
        };
        Callback::from(move |e: Event| {
            let source = match e
                .target_unchecked_into::<HtmlSelectElement>()
                .value()
                .as_str()
            {
                "sine" => InputSource::Sine,
                "step" => InputSource::Step,
                "sentence" => InputSource::Sentence(sentence.clone()),
                "manual" => {
                    draft_text.set(manual.clone());
                    InputSource::Manual(manual.clone())
                }
                _ => InputSource::Random,
            };
            on_action.emit(Action::SetInput(source));
        })
    };
    let text_value = match &props.input {
        InputSource::Manual(_) if !draft_text.is_empty() => (*draft_text).clone(),
        InputSource::Sentence(s) | InputSource::Manual(s) => s.clone(),
        InputSource::Random | InputSource::Sine | InputSource::Step => String::new(),
    };
    let on_text = {
        let draft_text = draft_text.clone();
        Callback::from(move |e: InputEvent| {
            draft_text.set(e.target_unchecked_into::<HtmlTextAreaElement>().value());
        })
    };
    let apply = {
        let on_action = props.on_action.clone();
        let draft_text = draft_text.clone();
        let sentence_mode = matches!(props.input, InputSource::Sentence(_));
        let fallback = text_value.clone();
        Callback::from(move |_: MouseEvent| {
            let text = if draft_text.is_empty() {
                fallback.clone()
            } else {
                (*draft_text).clone()
            };
            on_action.emit(Action::SetInput(if sentence_mode {
                InputSource::Sentence(text)
            } else {
                InputSource::Manual(text)
            }));
        })
    };
    let editable = matches!(
        props.input,
        InputSource::Sentence(_) | InputSource::Manual(_)
    );
    html! {
        <div class="input-controls">
            <label class="field wide">
                <span>{ t(ControlText::InputSource) }</span>
                <select {onchange}>
                    <option value="random" selected={kind == "random"}>{ t(ControlText::InputRandom) }</option>
                    if props.tokens {
                        <option value="sentence" selected={kind == "sentence"}>{ t(ControlText::InputSentence) }</option>
                    } else {
                        <option value="sine" selected={kind == "sine"}>{ t(ControlText::InputSine) }</option>
                        <option value="step" selected={kind == "step"}>{ t(ControlText::InputStep) }</option>
                        <option value="manual" selected={kind == "manual"}>{ t(ControlText::InputManual) }</option>
                    }
                </select>
            </label>
            if editable {
                <label class="field wide">
                    <span>{ if kind == "manual" { t(ControlText::ManualHelp) } else { t(ControlText::InputSentence) } }</span>
                    <textarea rows="4" value={text_value} oninput={on_text}
                        aria-invalid={props.error.is_some().to_string()} />
                </label>
                <button type="button" onclick={apply}>{ t(ControlText::Apply) }</button>
            }
            { error_line(lang, props.error.as_ref(), "error-input") }
        </div>
    }
}
