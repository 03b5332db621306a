//! The page's reducer, presets and sessions, natively (no browser needed).
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test stops at the first broken fixture or setup, and says which"
)]
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss,
    clippy::float_cmp,
    clippy::many_single_char_names,
    clippy::unreadable_literal,
    clippy::print_stdout,
    clippy::items_after_statements,
    reason = "tests compare exact values from fixtures, cast small sizes, use the formulas' one-letter names and print their figures"
)]

use std::rc::Rc;

use unrolled::app::domain::inputs::{
    build_inputs, parse_manual, token_id, InputShape, InputSource,
};
use unrolled::app::domain::presets::Preset;
use unrolled::app::i18n::Lang;
use unrolled::app::state::{Action, AppState, Field, NumberField};
use unrolled::model::{CaseSpec, InitScheme};
use yew::Reducible;

fn start(preset: Preset) -> Rc<AppState> {
    Rc::new(AppState::with_preset(Lang::En, preset))
}

fn act(state: Rc<AppState>, action: Action) -> Rc<AppState> {
    state.reduce(action)
}

fn summary(state: &AppState) -> String {
    state.session.as_ref().expect("session").info.summary_text()
}

#[test]
fn every_preset_computes() {
    for preset in Preset::ALL {
        let state = start(preset);
        let session = state
            .session
            .as_ref()
            .unwrap_or_else(|| panic!("{preset:?}: {:?}", state.errors));
        assert!(session.non_finite.is_none(), "{preset:?}");
        assert!(state.errors.is_empty(), "{preset:?}: {:?}", state.errors);
    }
}

#[test]
fn presets_print_the_seed_summaries() {
    let first = summary(&start(Preset::InputShape));
    assert!(first.starts_with("Model: \"sequential\"\n"), "{first}");
    assert!(first.contains(" simple_rnn (SimpleRNN)      (None, 3)                 42        \n"));
    let second = summary(&start(Preset::BatchInputShape));
    assert!(second.contains(" simple_rnn_1 (SimpleRNN)    (8, 3)                    42        \n"));
    let third = summary(&start(Preset::ReturnSequences));
    assert!(third.contains(" simple_rnn_2 (SimpleRNN)    (8, 2, 3)                 42        \n"));
    let quiz = summary(&start(Preset::Quiz));
    assert!(quiz.starts_with("Model: \"sequential_5\"\n"));
    assert!(quiz.contains(" embedding (Embedding)       (None, None, 100)         500000    \n"));
    assert!(quiz.contains(" simple_rnn_8 (SimpleRNN)    (None, 128)               29312     \n"));
    assert!(quiz.contains("Total params: 529,441\n"));
    let quiz_state = start(Preset::Quiz);
    let info = &quiz_state.session.as_ref().expect("session").info;
    assert_eq!(info.pytorch_params(), 529_569);
}

#[test]
fn quiz_reads_thirty_tokens_and_numpy_example_saturates() {
    let quiz = start(Preset::Quiz);
    assert_eq!(quiz.session.as_ref().expect("session").dims(), (1, 30));
    let numpy = start(Preset::NumpyLoop);
    let session = numpy.session.as_ref().expect("session");
    assert_eq!(session.dims(), (1, 10));
    let states = session
        .states(0, unrolled::rnn::Direction::Forward, 0)
        .expect("states");
    // Uniform [0, 1) weights: from the second step on, every unit is within 0.01 of 1.
    for t in 1..10 {
        assert!(
            states.row(t).iter().all(|h| *h > 0.99),
            "t={t}: {:?}",
            states.row(t)
        );
    }
}

#[test]
fn the_case_document_round_trips_through_json() {
    for preset in Preset::ALL {
        let state = start(preset);
        let case = &state.session.as_ref().expect("session").case;
        let json = serde_json::to_string(case).expect("json");
        let back = CaseSpec::from_json(&json).unwrap_or_else(|e| panic!("{preset:?}: {e}\n{json}"));
        assert_eq!(&back, case, "{preset:?}");
    }
}

#[test]
fn a_bad_number_keeps_the_last_model_and_says_why() {
    let state = start(Preset::NumpyLoop);
    let before = Rc::clone(state.session.as_ref().expect("session"));
    let state = act(
        state,
        Action::SetNumber(NumberField::Units(0), "abc".into()),
    );
    assert!(Rc::ptr_eq(
        state.session.as_ref().expect("session"),
        &before
    ));
    let message = state
        .error(Field::Number(NumberField::Units(0)))
        .expect("message")
        .to_string();
    assert!(message.contains("abc"), "{message}");
    assert_eq!(state.raw_number(NumberField::Units(0)), Some("abc"));
    // Zero units is a model error from the model document's validation.
    let state = act(state, Action::SetNumber(NumberField::Units(0), "0".into()));
    assert!(Rc::ptr_eq(
        state.session.as_ref().expect("session"),
        &before
    ));
    assert!(state.error(Field::Number(NumberField::Units(0))).is_some());
    // A good value computes again and clears the messages.
    let state = act(state, Action::SetNumber(NumberField::Units(0), "5".into()));
    assert_eq!(
        state.session.as_ref().expect("session").info.layers[0].keras_params,
        5 * (4 + 5 + 1)
    );
    assert!(state.errors.is_empty(), "{:?}", state.errors);
}

#[test]
fn sizes_that_would_freeze_the_tab_are_refused_before_work() {
    let state = start(Preset::NumpyLoop);
    let state = act(
        state,
        Action::SetNumber(NumberField::Units(0), "4000".into()),
    );
    let state = act(
        state,
        Action::SetNumber(NumberField::Timesteps, "1000".into()),
    );
    let message = state
        .error(Field::Number(NumberField::Timesteps))
        .expect("refused")
        .to_string();
    assert!(
        message.contains("multiply-adds") || message.contains("hidden-state"),
        "{message}"
    );
    let state = act(
        state,
        Action::SetNumber(NumberField::Timesteps, "99999999999".into()),
    );
    assert!(state.error(Field::Number(NumberField::Timesteps)).is_some());
    assert_eq!(state.timesteps(), 10, "the last valid model stays");
}

#[test]
fn an_rnn_after_a_many_to_one_layer_is_explained_at_that_layer() {
    let state = start(Preset::DeepBidirectional);
    let state = act(state, Action::SetReturnSequences(1, false));
    let message = state.error(Field::Layer(1)).expect("message").to_string();
    assert!(message.contains("return_sequences"), "{message}");
    assert_eq!(
        state.session.as_ref().expect("session").info.layers.len(),
        4
    );
}

#[test]
fn stepping_stays_in_range_and_never_recomputes() {
    let state = start(Preset::NumpyLoop);
    let session = Rc::clone(state.session.as_ref().expect("session"));
    let state = act(state, Action::Last);
    assert_eq!(state.selection.timestep, 9);
    let state = act(state, Action::Next);
    assert_eq!(state.selection.timestep, 9);
    let state = act(state, Action::First);
    let state = act(state, Action::Previous);
    assert_eq!(state.selection.timestep, 0);
    let state = act(state, Action::TogglePlay);
    let state = act(state, Action::Tick);
    assert_eq!(state.selection.timestep, 1);
    assert!(Rc::ptr_eq(
        state.session.as_ref().expect("session"),
        &session
    ));
}

#[test]
fn layers_can_be_added_removed_and_moved() {
    let state = start(Preset::InputShape);
    let state = act(state, Action::AddLayer);
    let info = &state.session.as_ref().expect("session").info;
    assert_eq!(info.layers.len(), 2, "{:?}", state.errors);
    let state = act(state, Action::SetNumber(NumberField::Units(1), "7".into()));
    let state = act(state, Action::MoveLayer(1, true));
    let info = &state.session.as_ref().expect("session").info;
    assert_eq!(info.layers[0].output_shape.last(), Some(7));
    let state = act(state, Action::RemoveLayer(0));
    assert_eq!(
        state.session.as_ref().expect("session").info.layers.len(),
        1
    );
    let state = act(state, Action::RemoveLayer(0));
    assert!(state.error(Field::Layers).is_some());
}

#[test]
fn inputs_are_seeded_and_typed_values_are_checked() {
    let shape = InputShape {
        batch: 2,
        timesteps: Some(3),
        features: Some(2),
        vocab: None,
    };
    let a = build_inputs(&InputSource::Random, shape, 7, 100).expect("inputs");
    let b = build_inputs(&InputSource::Random, shape, 7, 100).expect("inputs");
    assert_eq!(a, b);
    assert!(parse_manual("1 2\n3 x", 2, 10).is_err());
    assert!(parse_manual("1 2\n3", 2, 10).is_err());
    assert_eq!(
        parse_manual("1, 2\n3 4\n", 2, 10).expect("values").dim(),
        (2, 2)
    );
    assert!(token_id("movie", 5000) >= 1 && token_id("movie", 5000) < 5000);
    let state = start(Preset::NumpyLoop);
    let state = act(state, Action::SetInput(InputSource::Manual("1 2 3".into())));
    assert!(state.error(Field::Input).is_some());
    let state = act(state, Action::SetInit(InitScheme::PyTorch));
    assert!(state.session.is_some());
}
