//! The note that a new version of the site has been downloaded (release site only; the
//! service worker sets the hook, `services::offline` reads it).

use yew::prelude::*;

use crate::app::hooks::render_count::count_render;
use crate::app::i18n::classroom::ClassroomText;
use crate::app::i18n::Lang;
use crate::app::services::offline;

/// Props of [`UpdateNotice`].
#[derive(Properties, PartialEq)]
pub struct UpdateNoticeProps {
    /// Interface language.
    pub lang: Lang,
}

/// "A new version … has been downloaded", with a button that reloads into it.
#[component]
pub fn UpdateNotice(props: &UpdateNoticeProps) -> Html {
    count_render("UpdateNotice");
    let ready = use_state_eq(offline::update_ready);
    {
        let ready = ready.clone();
        use_effect_with((), move |()| {
            let listener = offline::on_update(move || ready.set(true));
            move || drop(listener)
        });
    }
    let reload = Callback::from(|_: MouseEvent| {
        // A refused reload leaves the note up; the next load opens the new version anyway.
        let _ = offline::reload();
    });
    html! {
        <div class="update-notice" role="status">
            if *ready {
                <span>{ ClassroomText::UpdateReady.text(props.lang) }</span>{ " " }
                <button type="button" onclick={reload}>{ ClassroomText::Reload.text(props.lang) }</button>
            }
        </div>
    }
}
