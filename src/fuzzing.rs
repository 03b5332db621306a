//! The bodies of the fuzz targets in `fuzz/` (run by `scripts/fuzz.sh`), kept in the
//! library so that the ordinary tests replay every kept crash input through the same code
//! (`tests/fuzz_regressions.rs`). Each reads untrusted bytes the way the page or the
//! command line does and must return, whatever the bytes: no panic, no unbounded work.

use crate::app::domain::import::import as import_file;
use crate::app::domain::inputs::{parse_manual, token_id, words};
use crate::app::domain::link::{parse_fragment, parse_stored};
use crate::app::domain::npz::{read_npy, read_npz};
use crate::app::domain::presets::Preset;
use crate::app::domain::quiz::{parse_count, parse_shape, QuizAction, QuizProgress, QuizState};
use crate::app::domain::sessions::{
    delete_named, parse_sessions, rename_named, save_named, sessions_json,
};
use crate::app::state::AppState;
use crate::model::cost::{self, Budget};
use crate::model::{CaseParameters, Document};

/// Work a fuzz input may ask for before it is only read, not run: a thousandth of the
/// page's budget, so each execution stays fast.
const FUZZ: Budget = Budget {
    init: cost::PAGE.init / 1000,
    forward: cost::PAGE.forward / 1000,
    input_numbers: cost::PAGE.input_numbers / 1000,
    kept_numbers: cost::PAGE.kept_numbers / 1000,
    ..cost::PAGE
};

fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// A link fragment and a stored session; a view that reads is opened when it is cheap,
/// and its own link must read back.
///
/// # Panics
/// When a view the page opened does not read back: what is saved must read back.
pub fn link(data: &[u8]) {
    let Some(text) = text(data) else { return };
    drop(parse_stored(text));
    let Ok(Some(view)) = parse_fragment(text) else {
        return;
    };
    let timesteps = view.model.input.timesteps.unwrap_or(10);
    let batch = view.model.input.batch.unwrap_or(1);
    let scheme = view.weights.is_none().then_some(view.scheme);
    if cost::check_view(&view.model, scheme, batch, timesteps, &FUZZ).is_err() {
        return;
    }
    if let Ok(state) = AppState::open(&view) {
        let again = state.view();
        assert!(parse_stored(&again.to_fragment()).is_ok(), "{again:?}");
    }
}

/// The named-session list and its edits.
///
/// # Panics
/// When the list the page would write does not read back as the same list.
pub fn sessions(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let Ok(list) = parse_sessions(text) else {
        return;
    };
    let back = parse_sessions(&sessions_json(&list));
    assert_eq!(back.as_ref(), Ok(&list));
    if let Some(first) = list.first() {
        drop(rename_named(&list, &first.name, "renamed"));
        drop(delete_named(&list, &first.name));
    }
    drop(save_named(&list, text, text.to_owned()));
}

/// `.npz` archives and `.npy` arrays.
pub fn npz(data: &[u8]) {
    drop(read_npz(data));
    drop(read_npy("fuzz", data));
}

/// Any imported file, against the page's default model.
pub fn import(data: &[u8]) {
    let model = Preset::NumpyLoop.setup().model;
    drop(import_file("fuzz.json", data, &model));
}

/// Model and case documents; a cheap case is run.
pub fn document(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let Ok(Document::Case(case)) = Document::from_json(text) else {
        return;
    };
    let scheme = match &case.parameters {
        CaseParameters::Init(init) => Some(init.scheme),
        CaseParameters::Weights(_) => None,
    };
    let (batch, timesteps) = (case.inputs.batch(), case.inputs.timesteps());
    if cost::check_view(&case.model, scheme, batch, timesteps, &FUZZ).is_ok() {
        drop(case.run(true));
    }
}

/// Typed values and sentences: the first byte picks the features per step.
pub fn typed(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Some(text) = text(rest) else { return };
    drop(parse_manual(text, usize::from(first % 8), 1_000));
    for word in words(text) {
        let _ = token_id(word, usize::from(first).max(1));
    }
}

/// Quiz answers and stored quiz progress.
pub fn quiz(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let _ = parse_count(text);
    let _ = parse_shape(text);
    let progress = QuizProgress::from_json(text).unwrap_or_default();
    let state = QuizState::resume(progress)
        .after(QuizAction::Submit(text.to_owned()))
        .after(QuizAction::Submit("1".to_owned()))
        .after(QuizAction::Next);
    drop(state.question());
}
