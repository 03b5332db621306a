//! Importing weights: the committed fixtures (`tests/fixtures/import/make_npz.py`) read back
//! and reproduce the hidden states numpy computed from them; hostile files are refused.
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

use ndarray::Array3;
use unrolled::app::domain::import::{import, ImportError};
use unrolled::app::domain::presets::Preset;
use unrolled::app::i18n::Lang;
use unrolled::app::state::{Action, AppState};
use unrolled::model::{CaseInputs, CaseParameters, CaseSpec};
use yew::Reducible;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import/");

fn file(name: &str) -> Vec<u8> {
    std::fs::read(format!("{DIR}{name}")).unwrap()
}

fn reference() -> serde_json::Value {
    serde_json::from_slice(&file("reference.json")).unwrap()
}

fn inputs() -> Array3<f32> {
    let r = reference();
    Array3::from_shape_fn((1, 10, 4), |(b, t, f)| {
        r["inputs"][b][t][f].as_f64().unwrap() as f32
    })
}

fn check_states(case: &CaseSpec, expected: &serde_json::Value, layer: usize, dirs: usize) {
    let run = case.run(true).unwrap();
    let traces = run.traces.unwrap();
    let trace = traces[layer].as_ref().unwrap();
    for d in 0..dirs {
        let steps = if d == 0 {
            &trace.forward
        } else {
            trace.backward.as_ref().unwrap()
        };
        for (t, step) in steps[0].iter().enumerate() {
            for (u, v) in step.h_t.iter().enumerate() {
                let want = expected[d][0][t][u].as_f64().unwrap();
                assert!(
                    (f64::from(*v) - want).abs() < 1e-5,
                    "layer {layer} dir {d} t{t} u{u}"
                );
            }
        }
    }
}

#[test]
fn keras_files_reproduce_numpy() {
    let current = AppState::with_preset(Lang::En, Preset::NumpyLoop).draft;
    let expected = reference();
    for name in [
        "keras_weights.npz",
        "keras_weights_compressed.npz",
        "keras_weights.json",
    ] {
        let imported = import(name, &file(name), &current).unwrap();
        let case = CaseSpec {
            model: imported.model.clone(),
            parameters: CaseParameters::Weights(imported.weights.clone().unwrap()),
            inputs: CaseInputs::Features(inputs()),
        };
        check_states(&case, &serde_json::json!([expected["keras_states"]]), 0, 1);
    }
}

#[test]
fn pytorch_state_dict_builds_the_stack() {
    let current = AppState::with_preset(Lang::En, Preset::NumpyLoop).draft;
    let imported = import("sd.npz", &file("pytorch_state_dict.npz"), &current).unwrap();
    assert_eq!(imported.model.layers.len(), 2);
    let case = CaseSpec {
        model: imported.model.clone(),
        parameters: CaseParameters::Weights(imported.weights.clone().unwrap()),
        inputs: CaseInputs::Features(inputs()),
    };
    let expected = reference();
    for layer in 0..2 {
        check_states(&case, &expected["pytorch_states"][layer], layer, 2);
    }
}

#[test]
fn the_reducer_uses_imported_weights_and_refuses_bad_files() {
    let state = AppState::with_preset(Lang::En, Preset::NumpyLoop);
    let imported = import("k.npz", &file("keras_weights.npz"), &state.draft).unwrap();
    let next = Rc::new(state.clone()).reduce(Action::Import(Rc::new(imported)));
    let session = next.session.clone().unwrap();
    assert!(matches!(
        session.case.parameters,
        CaseParameters::Weights(_)
    ));

    let wrong = AppState::with_preset(Lang::En, Preset::Bidirectional).draft;
    let error = import("k.npz", &file("keras_weights.npz"), &wrong).unwrap_err();
    assert!(error.to_string().contains("\"kernel\""), "{error}");
    assert!(error.to_string().contains("(4, 8)"), "{error}");

    let huge = import("h.npz", &file("hostile_huge_shape.npz"), &state.draft).unwrap_err();
    assert!(matches!(huge, ImportError::Npy { .. }), "{huge}");
    let cut = import("t.npz", &file("hostile_truncated.npz"), &state.draft).unwrap_err();
    assert!(matches!(cut, ImportError::Zip(_)), "{cut}");
    assert_eq!(
        import("x.bin", b"\x00\x01garbage", &state.draft),
        Err(ImportError::UnknownFormat)
    );
    let big = vec![b' '; 64 * 1024 * 1024 + 1];
    assert!(matches!(
        import("big.json", &big, &state.draft),
        Err(ImportError::TooLarge { .. })
    ));
}
