//! The share panel: copy a link to this view, save and reopen named sessions, and choose
//! what a classroom link hides.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::share::browser::{self, StorageError};
use super::share::{
    delete_named, panel_text, parse_sessions, parse_stored, rename_named, save_named,
    sessions_json, NamedSession, Panel, ShareAction, ShareText, ViewState, NAMED_SESSIONS_KEY,
};
use super::state::{Action, AppState};

/// Props of [`SharePanel`].
#[derive(Properties, PartialEq)]
pub struct SharePanelProps {
    /// The state shown.
    pub state: UseReducerHandle<AppState>,
    /// Where actions go.
    pub dispatch: Callback<Action>,
}

/// An edit of the named-session list: the new list, or why not.
type ListEdit<'a> = &'a dyn Fn(&[NamedSession]) -> Result<Vec<NamedSession>, String>;

/// A message of the panel.
#[derive(Debug, Clone, PartialEq)]
enum Status {
    Text(ShareText),
    Detail(ShareText, String),
}

fn storage_text(error: StorageError) -> ShareText {
    match error {
        StorageError::Unavailable => ShareText::StorageUnavailable,
        StorageError::Full => ShareText::StorageFull,
    }
}

/// The stored list, or why it cannot be used (then nothing is written over it).
fn load_sessions() -> Result<Vec<NamedSession>, Status> {
    match browser::read(NAMED_SESSIONS_KEY) {
        None => Ok(Vec::new()),
        Some(text) => {
            parse_sessions(&text).map_err(|e| Status::Detail(ShareText::StoredListDamaged, e))
        }
    }
}

/// Copy link, saved sessions, classroom panels.
#[component]
pub fn SharePanel(props: &SharePanelProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let t = |key: ShareText| key.text(lang);
    let status = use_state(|| None::<Status>);
    let sessions = use_state(|| load_sessions().unwrap_or_default());
    let name = use_state(String::new);
    let link_field = use_node_ref();
    let view = ViewState::of(state);
    let weights_left_out = view.weights_left_out;
    let fragment = view.to_fragment();
    let link = browser::link(&fragment);

    let copy = {
        let status = status.clone();
        let link = link.clone();
        let field = link_field.clone();
        Callback::from(move |_: MouseEvent| {
            if browser::copy(&link) {
                status.set(Some(Status::Text(ShareText::LinkCopied)));
            } else {
                if let Some(input) = field.cast::<web_sys::HtmlInputElement>() {
                    let _ = input.focus();
                    input.select();
                }
                status.set(Some(Status::Text(ShareText::CopyFallback)));
            }
        })
    };

    // Every write re-reads the stored list first, so a damaged list is never overwritten
    // and nothing saved in another tab is lost.
    let store = {
        let status = status.clone();
        let sessions = sessions.clone();
        Rc::new(move |edit: ListEdit<'_>| {
            let current = match load_sessions() {
                Ok(list) => list,
                Err(problem) => {
                    status.set(Some(problem));
                    return;
                }
            };
            let next = match edit(&current) {
                Ok(next) => next,
                Err(message) => {
                    status.set(Some(Status::Detail(ShareText::NoSessions, message)));
                    return;
                }
            };
            match browser::write(NAMED_SESSIONS_KEY, &sessions_json(&next)) {
                Ok(()) => {
                    sessions.set(next);
                    status.set(Some(Status::Text(ShareText::Saved)));
                }
                Err(error) => status.set(Some(Status::Text(storage_text(error)))),
            }
        })
    };

    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                name.set(input.value());
            }
        })
    };
    let save = {
        let store = store.clone();
        let name = name.clone();
        let fragment = fragment.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (n, f) = ((*name).clone(), fragment.clone());
            store(&move |list| save_named(list, &n, f.clone()).map_err(|e| e.to_string()));
        })
    };

    let rows = sessions.iter().map(|session| {
        let open = {
            let dispatch = props.dispatch.clone();
            let session = session.clone();
            Callback::from(move |_: MouseEvent| {
                let action = match parse_stored(&session.view) {
                    Ok(view) => ShareAction::Open(Rc::new(view), session.name.clone()),
                    Err(error) => ShareAction::OpenFailed(session.name.clone(), error),
                };
                dispatch.emit(Action::Share(action));
            })
        };
        let rename = {
            let store = store.clone();
            let from = session.name.clone();
            let to = (*name).clone();
            Callback::from(move |_: MouseEvent| {
                let (from, to) = (from.clone(), to.clone());
                store(&move |list| rename_named(list, &from, &to).map_err(|e| e.to_string()));
            })
        };
        let delete = {
            let store = store.clone();
            let target = session.name.clone();
            Callback::from(move |_: MouseEvent| {
                let target = target.clone();
                store(&move |list| delete_named(list, &target).map_err(|e| e.to_string()));
            })
        };
        let label = |key: ShareText| format!("{} {}", t(key), session.name);
        html! {
            <li key={session.name.clone()}>
                <span class="session-name">{ &session.name }</span>{ " " }
                <button type="button" aria-label={label(ShareText::Open)} onclick={open}>{ t(ShareText::Open) }</button>
                <button type="button" aria-label={label(ShareText::Rename)} onclick={rename}>{ t(ShareText::Rename) }</button>
                <button type="button" aria-label={label(ShareText::Delete)} onclick={delete}>{ t(ShareText::Delete) }</button>
            </li>
        }
    });

    let toggles = Panel::ALL.iter().map(|panel| {
        let panel = *panel;
        let onchange = props
            .dispatch
            .reform(move |_: Event| Action::Share(ShareAction::TogglePanel(panel)));
        html! {
            <label class="check">
                <input type="checkbox" checked={state.hidden.contains(&panel)} {onchange} />
                { panel_text(panel, lang) }
            </label>
        }
    });

    let message = (*status).clone().map(|s| match s {
        Status::Text(key) => t(key).to_owned(),
        Status::Detail(ShareText::NoSessions, detail) => detail,
        Status::Detail(key, detail) => format!("{}: {detail}", t(key)),
    });

    html! {
        <section class="panel share" aria-labelledby="share-heading">
            <h2 id="share-heading">{ t(ShareText::Share) }</h2>
            <div class="share-link">
                <button type="button" onclick={copy}>{ t(ShareText::CopyLink) }</button>
                <input type="text" readonly=true class="link-field" ref={link_field}
                    aria-label={t(ShareText::LinkField)} value={link} />
            </div>
            if weights_left_out {
                <p class="note weights-not-in-link" role="note">{ t(ShareText::WeightsNotInLink) }</p>
            }
            if let Some(message) = message {
                <p class="note" role="status">{ message }</p>
            }
            <fieldset class="hide-panels">
                <legend>{ t(ShareText::HidePanels) }</legend>
                { for toggles }
            </fieldset>
            <h3>{ t(ShareText::SaveAs) }</h3>
            <form class="save-session" onsubmit={save}>
                <input type="text" aria-label={t(ShareText::SessionName)} placeholder={t(ShareText::SessionName)}
                    value={(*name).clone()} oninput={on_name} maxlength="80" />
                <button type="submit">{ t(ShareText::Save) }</button>
            </form>
            if sessions.is_empty() {
                <p class="muted">{ t(ShareText::NoSessions) }</p>
            } else {
                <ul class="sessions">{ for rows }</ul>
            }
        </section>
    }
}
