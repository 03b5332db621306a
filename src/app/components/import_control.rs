//! The "Import weights" file input: reads the file, parses it (pure, in
//! `domain::import`) and sends the result; a bad file only gives a message.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::app::domain::import::{import, ImportError};
use crate::app::domain::limits::MAX_IMPORT_BYTES;
use crate::app::hooks::render_count::count_render;
use crate::app::i18n::export::ExportText;
use crate::app::i18n::Lang;
use crate::app::services::files;
use crate::app::state::Action;
use crate::model::ModelSpec;

/// Props of [`ImportControl`].
#[derive(Properties, PartialEq)]
pub struct ImportControlProps {
    /// Interface language.
    pub lang: Lang,
    /// The model as edited (Keras layouts are checked against it).
    pub draft: ModelSpec,
    /// Where the result goes.
    pub on_action: Callback<Action>,
}

/// The file's size in bytes, as the browser reports it.
fn file_bytes(file: &web_sys::File) -> usize {
    let size = file.size();
    if (0.0..1e15).contains(&size) {
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a whole, non-negative byte count below 2^53"
        )]
        let bytes = size as usize;
        bytes
    } else {
        usize::MAX
    }
}

/// The import file input.
#[component]
pub fn ImportControl(props: &ImportControlProps) -> Html {
    count_render("ImportControl");
    let lang = props.lang;
    let onchange = {
        let on_action = props.on_action.clone();
        let draft = props.draft.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            // Read again next time even if the same file is chosen.
            input.set_value("");
            let bytes = file_bytes(&file);
            if bytes > MAX_IMPORT_BYTES {
                on_action.emit(Action::ImportFailed(ImportError::TooLarge {
                    bytes,
                    max: MAX_IMPORT_BYTES,
                }));
                return;
            }
            let name = file.name();
            let model = draft.clone();
            let sender = on_action.clone();
            let done = move |read: Result<Vec<u8>, _>| {
                let action = match read {
                    Ok(bytes) => match import(&name, &bytes, &model) {
                        Ok(imported) => Action::Import(Rc::new(imported)),
                        Err(error) => Action::ImportFailed(error),
                    },
                    Err(_) => Action::ImportFailed(ImportError::Unreadable),
                };
                sender.emit(action);
            };
            if files::read_bytes(&file, done).is_err() {
                on_action.emit(Action::ImportFailed(ImportError::NoReader));
            }
        })
    };
    html! {
        <div class="import">
            <label>
                { ExportText::ImportWeights.text(lang) }{ " " }
                <input type="file" accept=".json,.npz,application/json" {onchange} />
            </label>
            <p class="muted">{ ExportText::ImportHelp.text(lang) }</p>
        </div>
    }
}
