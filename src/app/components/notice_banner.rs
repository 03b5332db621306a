//! The message at the top of the page (links, saved sessions, imports), and the note
//! when the last session could not be saved.

use yew::prelude::*;

use crate::app::domain::link::Fit;
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
    /// Where the view fits: a link, storage only, or nowhere.
    pub fit: Fit,
    /// Whether a session pushed aside by a broken link can be restored.
    pub restorable: bool,
    /// Where actions go (Dismiss).
    pub on_action: Callback<Action>,
}

/// The notice with its Dismiss button, and the autosave note.
#[component]
pub fn NoticeBanner(props: &NoticeProps) -> Html {
    count_render("NoticeBanner");
    let lang = props.lang;
    let dismiss = props.on_action.reform(|_: MouseEvent| Action::Dismiss);
    let restore = props.on_action.reform(|_: MouseEvent| Action::RestoreLast);
    let pushed_aside = matches!(
        props.notice,
        Some(Notice::BadLink(_) | Notice::BadStored(_))
    );
    html! {
        <>
            if let Some(notice) = props.notice.as_ref() {
                <div class="share-notice" role="alert">
                    <span>{ notice_text(notice, lang) }</span>{ " " }
                    if pushed_aside && props.restorable {
                        <button type="button" class="restore-last" onclick={restore}>{ ShareText::RestoreLast.text(lang) }</button>{ " " }
                    }
                    <button type="button" onclick={dismiss}>{ ShareText::Dismiss.text(lang) }</button>
                </div>
            }
            if props.fit == Fit::StorageOnly {
                <p class="note view-not-in-link" role="status">{ ShareText::ViewNotInLink.text(lang) }</p>
            } else if props.fit == Fit::TooLarge {
                <p class="field-error view-not-kept" role="status">{ ShareText::ViewNotKept.text(lang) }</p>
            }
            if let Some(error) = props.autosave {
                <p class="field-error" role="status">{ storage_text(error).text(lang) }</p>
            }
        </>
    }
}
