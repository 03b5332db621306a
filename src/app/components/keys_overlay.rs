//! The list of keys ("?"): a dialog that names every key of the page and what it does.

use yew::prelude::*;

use crate::app::hooks::render_count::count_render;
use crate::app::i18n::classroom::{key_help, ClassroomText};
use crate::app::i18n::Lang;
use crate::app::state::keys::KEYS;
use crate::app::state::Action;

/// Props of [`KeysOverlay`].
#[derive(Properties, PartialEq)]
pub struct KeysOverlayProps {
    /// Interface language.
    pub lang: Lang,
    /// Where actions go (closing).
    pub on_action: Callback<Action>,
}

/// The dialog; its Close button takes the focus, Escape or a click outside closes it.
#[component]
pub fn KeysOverlay(props: &KeysOverlayProps) -> Html {
    count_render("KeysOverlay");
    let lang = props.lang;
    let close_button = use_node_ref();
    {
        let close_button = close_button.clone();
        use_effect_with((), move |()| {
            if let Some(button) = close_button.cast::<web_sys::HtmlElement>() {
                drop(button.focus());
            }
        });
    }
    let close = props.on_action.reform(|_: MouseEvent| Action::ToggleKeys);
    let backdrop = {
        let on_action = props.on_action.clone();
        // Only a click on the backdrop itself, not inside the card.
        Callback::from(move |e: MouseEvent| {
            if e.target() == e.current_target() {
                on_action.emit(Action::ToggleKeys);
            }
        })
    };
    html! {
        <div class="keys-backdrop" onclick={backdrop}>
            <div class="keys-overlay" role="dialog" aria-modal="true" aria-labelledby="keys-title">
                <h2 id="keys-title">{ ClassroomText::Keys.text(lang) }</h2>
                <table>
                    <tbody>
                        { for KEYS.iter().map(|help| html! {
                            <tr>
                                <th scope="row">
                                    { for help.keys().iter().enumerate().map(|(i, k)| html! {
                                        <>{ if i > 0 { " " } else { "" } }<kbd>{ *k }</kbd></>
                                    }) }
                                </th>
                                <td>{ key_help(*help, lang) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                <p class="note">{ ClassroomText::FieldsKeepKeys.text(lang) }</p>
                <button type="button" class="keys-close" ref={close_button} onclick={close}>
                    { ClassroomText::Close.text(lang) }
                </button>
            </div>
        </div>
    }
}
