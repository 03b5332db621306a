//! The share panel: copy a link to this view, save and reopen named sessions, and choose
//! what a classroom link hides.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::app::domain::link::parse_stored;
use crate::app::domain::panel::Panel;
use crate::app::domain::sessions::{
    delete_named, parse_sessions, rename_named, save_named, sessions_json, NamedSession,
    SessionListError, SessionsError,
};
use crate::app::hooks::render_count::count_render;
use crate::app::i18n::share::{
    panel_text, session_list_error_text, sessions_error_text, storage_text, ShareText,
};
use crate::app::i18n::Lang;
use crate::app::services::storage::{self, Key, StorageError};
use crate::app::services::{clipboard, location};
use crate::app::state::Action;

/// Props of [`SharePanel`].
#[derive(Properties, PartialEq)]
pub struct SharePanelProps {
    /// Interface language.
    pub lang: Lang,
    /// The view as a link fragment (`v1=…`).
    pub fragment: AttrValue,
    /// The page uses imported weights too large for the link.
    pub weights_left_out: bool,
    /// The panels a classroom link hides.
    pub hidden: Vec<Panel>,
    /// Where actions go.
    pub on_action: Callback<Action>,
}

/// An edit of the named-session list: the new list, or why not.
type ListEdit<'a> = &'a dyn Fn(&[NamedSession]) -> Result<Vec<NamedSession>, SessionsError>;

/// A message of the panel.
#[derive(Debug, Clone, PartialEq)]
enum Status {
    Text(ShareText),
    Storage(StorageError),
    List(SessionListError),
    Refused(SessionsError),
}

impl Status {
    fn words(&self, lang: Lang) -> String {
        match self {
            Status::Text(key) => key.text(lang).to_owned(),
            Status::Storage(error) => storage_text(*error).text(lang).to_owned(),
            Status::List(error) => session_list_error_text(error, lang),
            Status::Refused(error) => sessions_error_text(error, lang),
        }
    }
}

/// The stored list, or why it cannot be used (then nothing is written over it).
fn load_sessions() -> Result<Vec<NamedSession>, SessionListError> {
    storage::read(Key::NamedSessions).map_or(Ok(Vec::new()), |text| parse_sessions(&text))
}

fn input_value(e: &InputEvent) -> Option<String> {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|input| input.value())
}

/// One saved session with its Open, Rename and Delete buttons.
fn session_row(
    lang: Lang,
    session: &NamedSession,
    new_name: &str,
    store: &Rc<dyn Fn(ListEdit<'_>)>,
    on_action: &Callback<Action>,
) -> Html {
    let t = |key: ShareText| key.text(lang);
    let open = {
        let on_action = on_action.clone();
        let session = session.clone();
        Callback::from(move |_: MouseEvent| {
            on_action.emit(match parse_stored(&session.view) {
                Ok(view) => Action::Open(Rc::new(view), session.name.clone()),
                Err(error) => Action::OpenFailed(session.name.clone(), error),
            });
        })
    };
    let rename = {
        let store = store.clone();
        let (from, to) = (session.name.clone(), new_name.to_owned());
        Callback::from(move |_: MouseEvent| store(&|list| rename_named(list, &from, &to)))
    };
    let delete = {
        let store = store.clone();
        let target = session.name.clone();
        Callback::from(move |_: MouseEvent| store(&|list| delete_named(list, &target)))
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
}

/// Copy link, saved sessions, classroom panels.
#[component]
pub fn SharePanel(props: &SharePanelProps) -> Html {
    count_render("SharePanel");
    let lang = props.lang;
    let t = |key: ShareText| key.text(lang);
    let status = use_state(|| None::<Status>);
    let sessions = use_state(|| load_sessions().unwrap_or_default());
    let name = use_state(String::new);
    let link_field = use_node_ref();
    let link = location::link(&props.fragment);

    let copy = {
        let (status, link, field) = (status.clone(), link.clone(), link_field.clone());
        Callback::from(move |_: MouseEvent| {
            if clipboard::copy(&link) {
                status.set(Some(Status::Text(ShareText::LinkCopied)));
            } else {
                if let Some(input) = field.cast::<web_sys::HtmlInputElement>() {
                    drop(input.focus());
                    input.select();
                }
                status.set(Some(Status::Text(ShareText::CopyFallback)));
            }
        })
    };
    // Every write re-reads the stored list first, so a damaged list is never overwritten
    // and nothing saved in another tab is lost.
    let store: Rc<dyn Fn(ListEdit<'_>)> = {
        let (status, sessions) = (status.clone(), sessions.clone());
        Rc::new(move |edit: ListEdit<'_>| {
            let next = match load_sessions() {
                Err(problem) => Err(Status::List(problem)),
                Ok(current) => edit(&current).map_err(Status::Refused),
            };
            let result = next.and_then(|next| {
                storage::write(Key::NamedSessions, &sessions_json(&next))
                    .map(|()| next)
                    .map_err(Status::Storage)
            });
            match result {
                Ok(next) => {
                    sessions.set(next);
                    status.set(Some(Status::Text(ShareText::Saved)));
                }
                Err(problem) => status.set(Some(problem)),
            }
        })
    };
    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(value) = input_value(&e) {
                name.set(value);
            }
        })
    };
    let save = {
        let (store, name, fragment) = (store.clone(), name.clone(), props.fragment.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            store(&|list| save_named(list, &name, fragment.to_string()));
        })
    };
    let rows = sessions
        .iter()
        .map(|session| session_row(lang, session, &name, &store, &props.on_action));
    let toggles = Panel::ALL.iter().map(|&panel| {
        let onchange = props
            .on_action
            .reform(move |_: Event| Action::TogglePanel(panel));
        html! {
            <label class="check">
                <input type="checkbox" checked={props.hidden.contains(&panel)} {onchange} />
                { panel_text(panel, lang) }
            </label>
        }
    });
    html! {
        <section class="panel share" aria-labelledby="share-heading">
            <h2 id="share-heading">{ t(ShareText::Share) }</h2>
            <div class="share-link">
                <button type="button" onclick={copy}>{ t(ShareText::CopyLink) }</button>
                <input type="text" readonly=true class="link-field" ref={link_field}
                    aria-label={t(ShareText::LinkField)} value={link} />
            </div>
            if props.weights_left_out {
                <p class="note weights-not-in-link" role="note">{ t(ShareText::WeightsNotInLink) }</p>
            }
            if let Some(message) = status.as_ref().map(|s| s.words(lang)) {
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
