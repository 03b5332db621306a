//! Links and saved sessions written by the page before `src/app` was rebuilt in layers
//! (`tests/fixtures/app/links_v1.json`, made by `make_links_v1.rs` beside it) still open
//! the same view: model, initializer, seed, input, selection, hidden panels, imported
//! weights, and the same hidden state at the selected cell.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test stops at the first broken fixture or setup, and says which"
)]

use serde_json::{json, Value};
use unrolled::app::domain::inputs::InputSource;
use unrolled::app::domain::layers::recurrent_layers;
use unrolled::app::domain::link::{parse_fragment, parse_stored, ViewState};
use unrolled::app::domain::sessions::parse_sessions;
use unrolled::app::state::AppState;
use unrolled::rnn::Direction;

fn fixture() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/app/links_v1.json"
    ))
    .expect("fixture");
    serde_json::from_str(&text).expect("json")
}

fn open(view: &ViewState) -> AppState {
    AppState::open(view).expect("opens")
}

/// Compares what `state` shows with the fixture's `expect`.
fn check(name: &str, state: &AppState, expect: &Value) {
    let session = state.session.as_ref().expect("session");
    let (kind, text) = match &state.input {
        InputSource::Random => ("random", None),
        InputSource::Sine => ("sine", None),
        InputSource::Step => ("step", None),
        InputSource::Sentence(t) => ("sentence", Some(t.clone())),
        InputSource::Manual(t) => ("manual", Some(t.clone())),
    };
    let sel = state.selection;
    let shown = json!({
        "lang": state.lang.code(),
        "preset": state.preset.map(unrolled::app::domain::presets::Preset::id),
        "model": serde_json::to_value(&state.draft).expect("model"),
        "scheme": serde_json::to_value(state.scheme).expect("scheme"),
        "seed": state.seed,
        "input": { "kind": kind, "text": text },
        "selection": [sel.layer, usize::from(sel.direction == Direction::Backward), sel.timestep, sel.example],
        "hidden": state.hidden.iter().map(|p| p.id()).collect::<Vec<_>>(),
        "imported": state.imported.is_some(),
        "dims": [session.dims().0, session.dims().1],
        "total_params": session.info.keras_params(),
        "h_t": expect["h_t"].clone(),
    });
    assert_eq!(&shown, expect, "{name}");
    let layer = recurrent_layers(&session.model)[sel.layer];
    let trace = session
        .trace(layer.stack_index, sel.direction, sel.example, sel.timestep)
        .expect("trace");
    let want: Vec<f64> = expect["h_t"]
        .as_array()
        .expect("h_t")
        .iter()
        .map(|v| v.as_f64().expect("number"))
        .collect();
    assert_eq!(trace.h_t.len(), want.len(), "{name}");
    for (i, (got, want)) in trace.h_t.iter().zip(&want).enumerate() {
        assert!(
            (f64::from(*got) - want).abs() <= 1e-6,
            "{name}: h[{i}] {got} vs {want}"
        );
    }
}

#[test]
fn links_made_before_the_layers_open_the_same_view() {
    let fixture = fixture();
    let links = fixture["links"].as_array().expect("links");
    assert!(links.len() >= 19);
    for link in links {
        let name = link["name"].as_str().expect("name");
        let fragment = link["fragment"].as_str().expect("fragment");
        for address in [fragment.to_owned(), format!("#{fragment}")] {
            let view = parse_fragment(&address)
                .unwrap_or_else(|e| panic!("{name}: {e}"))
                .unwrap_or_else(|| panic!("{name}: no view"));
            check(name, &open(&view), &link["expect"]);
        }
    }
}

#[test]
fn a_stored_last_session_and_named_sessions_open_the_same_view() {
    let fixture = fixture();
    let last = &fixture["last_session"];
    let view = parse_stored(last["stored"].as_str().expect("stored")).expect("parses");
    check("last session", &open(&view), &last["expect"]);

    let named = &fixture["named_sessions"];
    let list = parse_sessions(named["stored"].as_str().expect("list")).expect("list parses");
    let expect = named["expect"].as_array().expect("expect");
    assert_eq!(list.len(), expect.len());
    for (session, expect) in list.iter().zip(expect) {
        assert_eq!(session.name, expect["name"].as_str().expect("name"));
        let view = parse_stored(&session.view).expect("parses");
        check(&session.name, &open(&view), &expect["expect"]);
    }
}
