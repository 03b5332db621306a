//! "Open a Keras model": a file input for a model saved with `model.save()` (`.keras` or
//! `.h5`). The file is read by `domain::keras_file`; its model, layer names and weights
//! replace the page's (the reducer's `Import`), and a file that cannot be opened only gives
//! the reason.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::app::domain::import::ImportError;
use crate::app::domain::keras_file::open_model_file;
use crate::app::hooks::render_count::count_render;
use crate::app::i18n::keras::KerasText;
use crate::app::i18n::Lang;
use crate::app::services::files;
use crate::app::state::Action;
use crate::keras::{KerasError, MAX_KERAS_FILE_BYTES};

/// Props of [`KerasOpen`].
#[derive(Properties, PartialEq)]
pub struct KerasOpenProps {
    /// Interface language.
    pub lang: Lang,
    /// Where the opened model goes.
    pub on_action: Callback<Action>,
}

/// Reads `file` and sends the model it holds (or why it cannot be opened).
pub fn open_keras_file(file: &web_sys::File, on_action: &Callback<Action>) {
    let size = file.size();
    if !(0.0..=MAX_KERAS_FILE_BYTES as f64).contains(&size) {
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a byte count the browser reports, saturated to u64"
        )]
        let bytes = size as u64;
        on_action.emit(Action::ImportFailed(ImportError::Keras(
            KerasError::FileTooLarge {
                bytes,
                max: MAX_KERAS_FILE_BYTES,
            },
        )));
        return;
    }
    let sender = on_action.clone();
    let done = move |read: Result<Vec<u8>, _>| {
        sender.emit(match read {
            Ok(bytes) => match open_model_file(&bytes) {
                Ok(imported) => Action::Import(Rc::new(imported)),
                Err(error) => Action::ImportFailed(error),
            },
            Err(_) => Action::ImportFailed(ImportError::Unreadable),
        });
    };
    if files::read_bytes(file, done).is_err() {
        on_action.emit(Action::ImportFailed(ImportError::NoReader));
    }
}

/// The "Open a Keras model" button (a label around a hidden file input).
#[component]
pub fn KerasOpen(props: &KerasOpenProps) -> Html {
    count_render("KerasOpen");
    let lang = props.lang;
    let onchange = {
        let on_action = props.on_action.clone();
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
            input.set_value("");
            open_keras_file(&file, &on_action);
        })
    };
    html! {
        <label class="keras-open button-like" title={KerasText::OpenHint.text(lang)}>
            { KerasText::Open.text(lang) }
            // Named by the button's words alone; the hint is its description.
            <input type="file" class="visually-hidden" accept=".keras,.h5,.hdf5"
                aria-label={KerasText::Open.text(lang)}
                aria-describedby="keras-open-hint" {onchange} />
            <span id="keras-open-hint" class="visually-hidden">
                { KerasText::OpenHint.text(lang) }
            </span>
        </label>
    }
}
