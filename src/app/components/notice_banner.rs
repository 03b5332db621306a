//! The message at the top of the page (links, saved sessions, imports), and the note
//! when the last session could not be saved.

use yew::prelude::*;

use crate::app::hooks::render_count::count_render;
use crate::app::i18n::share::{notice_text, storage_text, ShareText};
use crate::app::i18n::Lang;
use crate::app::services::storage::StorageError;
use crate::app::state::notice::Notice;
use crate::app::state::Action;

/// Props of [`NoticeBanner`].
#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    /// Interface language.
    pub lang: Lang,
    /// The notice, if any.
    pub notice: Option<Notice>,
    /// Why the last session could not be saved, if it could not.
    pub autosave: Option<StorageError>,
    /// Where actions go (Dismiss).
    pub on_action: Callback<Action>,
}

/// The notice with its Dismiss button, and the autosave note.
#[component]
pub fn NoticeBanner(props: &NoticeProps) -> Html {
    count_render("NoticeBanner");
    let lang = props.lang;
    let dismiss = props.on_action.reform(|_: MouseEvent| Action::Dismiss);
    html! {
        <>
            if let Some(notice) = props.notice.as_ref() {
                <div class="share-notice" role="alert">
                    <span>{ notice_text(notice, lang) }</span>{ " " }
                    <button type="button" onclick={dismiss}>{ ShareText::Dismiss.text(lang) }</button>
                </div>
            }
            if let Some(error) = props.autosave {
                <p class="field-error" role="status">{ storage_text(error).text(lang) }</p>
            }
        </>
    }
}
