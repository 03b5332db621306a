//! The page header: title, tagline, the buttons that open the quiz, the tour and the
//! training view, and the language switch.

use yew::prelude::*;

use crate::app::domain::classroom::PageMode;
use crate::app::domain::tour::TourText;
use crate::app::hooks::render_count::count_render;
use crate::app::i18n::classroom::ClassroomText;
use crate::app::i18n::quiz::QuizText;
use crate::app::i18n::train::TrainText;
use crate::app::i18n::{Lang, Text};
use crate::app::state::Action;

use super::keras_open::KerasOpen;

/// A part of the page the header opens and closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// The parameter quiz.
    Quiz,
    /// The guided tour.
    Tour,
    /// The training view.
    Train,
}

/// Props of [`Header`].
#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// Interface language.
    pub lang: Lang,
    /// The overlays that are open.
    pub open: Vec<Overlay>,
    /// Opens or closes an overlay.
    pub on_toggle: Callback<Overlay>,
    /// Where actions go (the language switch, presenting, the list of keys).
    pub on_action: Callback<Action>,
}

/// The header.
#[component]
pub fn Header(props: &HeaderProps) -> Html {
    count_render("Header");
    let lang = props.lang;
    let button = |overlay: Overlay, label: &'static str| {
        let onclick = props.on_toggle.reform(move |_: MouseEvent| overlay);
        let pressed = props.open.contains(&overlay).to_string();
        html! { <button type="button" aria-pressed={pressed} {onclick}>{ label }</button> }
    };
    let toggle_lang = props
        .on_action
        .reform(move |_: MouseEvent| Action::SetLang(lang.other()));
    html! {
        <header class="top">
            <div>
                <h1>{ Text::Title.text(lang) }</h1>
                <p class="tagline">{ Text::Tagline.text(lang) }</p>
            </div>
            <div class="header-buttons">
                { button(Overlay::Quiz, QuizText::Title.text(lang)) }
                { button(Overlay::Tour, TourText::Tour.text(lang)) }
                { button(Overlay::Train, TrainText::Train.text(lang)) }
                <KerasOpen {lang} on_action={props.on_action.clone()} />
                <button type="button" class="present" title={ClassroomText::PresentHint.text(lang)}
                    onclick={props.on_action.reform(|_: MouseEvent| Action::SetMode(PageMode::Presenting))}>
                    { ClassroomText::Present.text(lang) }
                </button>
                <button type="button" class="keys" aria-label={ClassroomText::Keys.text(lang)}
                    title={ClassroomText::Keys.text(lang)} onclick={props.on_action.reform(|_: MouseEvent| Action::ToggleKeys)}>
                    { "?" }
                </button>
                <button type="button" class="lang" onclick={toggle_lang}>{ Text::SwitchLanguage.text(lang) }</button>
            </div>
        </header>
    }
}
