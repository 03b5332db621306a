//! The page's effects: keys, the play timer, the remembered language, and the address and
//! last session following the view. Everything the reducer must not do.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::app::domain::lang::Lang;
use crate::app::domain::link::{fit, Fit};
use crate::app::services::storage::{self, Key, StorageError};
use crate::app::services::{keyboard, location};
use crate::app::state::keys::key_action;
use crate::app::state::Action;

/// ← → step, Home and End jump, Space plays, anywhere on the page but in a field.
#[hook]
pub fn use_page_keys(dispatch: Callback<Action>) {
    use_effect_with((), move |()| {
        let listener = keyboard::on_key(move |press| match key_action(press) {
            Some(action) => {
                dispatch.emit(action);
                true
            }
            None => false,
        });
        move || drop(listener)
    });
}

/// While `playing`, one [`Action::Tick`] every `speed_ms`.
#[hook]
pub fn use_play_timer(playing: bool, speed_ms: u32, dispatch: Callback<Action>) {
    use_effect_with((playing, speed_ms), move |&(playing, speed)| {
        let timer = playing.then(|| {
            gloo_timers::callback::Interval::new(speed, move || dispatch.emit(Action::Tick))
        });
        move || drop(timer)
    });
}

/// On a first visit of the normal page (no link, no saved session, no play-through
/// before; not presenting or embedded), plays the
/// example on screen through once, so the page opens on a picture that moves. Must come
/// before [`use_autosave`], which saves the session on the first render.
#[hook]
pub fn use_first_visit_play(normal_page: bool, dispatch: Callback<Action>) {
    use_effect_with((), move |()| {
        let first = normal_page
            && location::fragment().is_empty()
            && storage::read(Key::LastSession).is_none()
            && storage::read(Key::Intro).is_none();
        // Without storage the page cannot tell a first visit, and so does not play.
        if first && storage::write(Key::Intro, "played").is_ok() {
            dispatch.emit(Action::TogglePlay);
        }
    });
}

/// Remembers a language the user switched to for the next visit (the one the page
/// started in, from the link or the browser, is not a choice).
#[hook]
pub fn use_remembered_lang(lang: Lang) {
    let started: Rc<RefCell<Lang>> = use_mut_ref(|| lang);
    use_effect_with(lang, move |lang| {
        if *started.borrow() != *lang {
            *started.borrow_mut() = *lang;
            // Storage can be full or disabled; the page works on without it.
            let _ = storage::write(Key::Lang, lang.code());
        }
    });
}

/// The address and the last session follow the view's `fragment` (replaceState: no
/// history flood), within the one cap writer and reader share ([`fit`]): a view too
/// large for a link is kept in storage only (the address then holds none), one too large
/// for storage is not kept. When the page `started_badly` (a broken link or stored
/// session), nothing is written until the user changes the view's `content` (the view
/// but for the selected step) on purpose, so the saved session survives a bad link; the
/// first write of a visit that replaces another stored view keeps that view as
/// [`Key::PreviousSession`]. Returns where the view fits and why the last write failed.
#[hook]
pub fn use_autosave(
    fragment: &str,
    content: &str,
    started_badly: bool,
) -> (Fit, Option<StorageError>) {
    let opened = {
        let start = (content.to_owned(), started_badly);
        use_memo((), move |()| start)
    };
    let backed_up = use_mut_ref(|| false);
    let error = use_state_eq(|| None::<StorageError>);
    let fits = fit(fragment);
    {
        let error = error.clone();
        use_effect_with(
            (fragment.to_owned(), content.to_owned()),
            move |(fragment, content)| {
                if opened.1 && *content == opened.0 {
                    return;
                }
                location::replace_fragment(if fits == Fit::Link { fragment } else { "" });
                if fits == Fit::TooLarge {
                    error.set(None);
                    return;
                }
                if !*backed_up.borrow() {
                    match storage::read(Key::LastSession).filter(|old| !old.is_empty()) {
                        Some(old) if old == *fragment => {}
                        Some(old) => {
                            // Storage can be full: the backup is then not kept, and the
                            // last session is written over only if that write succeeds.
                            let _ = storage::write(Key::PreviousSession, &old);
                            *backed_up.borrow_mut() = true;
                        }
                        None => *backed_up.borrow_mut() = true,
                    }
                }
                error.set(storage::write(Key::LastSession, fragment).err());
            },
        );
    }
    (fits, *error)
}
