//! Running cases on the engine: outputs against Keras 3 (`keras_run.py` beside the
//! fixtures), the weights echoed back, traces, seeded initialization and run-time errors.
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

use ndarray::ArrayD;
use unrolled::model::{CaseParameters, CaseSpec, ModelError};

const CASES: [(&str, &str); 3] = [
    (
        "bidirectional_weights",
        include_str!("fixtures/model/cases/bidirectional_weights.json"),
    ),
    (
        "embedding_weights",
        include_str!("fixtures/model/cases/embedding_weights.json"),
    ),
    (
        "hello_case",
        include_str!("fixtures/model/cases/hello_case.json"),
    ),
];

/// Keras 3's per-layer outputs for each case (produced by `keras_run.py`).
const KERAS_RUN: &str = include_str!("fixtures/model/keras_run.json");

fn case(text: &str) -> CaseSpec {
    CaseSpec::from_json(text).expect("valid case")
}

/// Flattens nested JSON arrays, returning the shape and the numbers.
fn flatten(value: &serde_json::Value, shape: &mut Vec<usize>, data: &mut Vec<f32>, depth: usize) {
    match value {
        serde_json::Value::Array(items) => {
            if shape.len() == depth {
                shape.push(items.len());
            }
            for item in items {
                flatten(item, shape, data, depth + 1);
            }
        }
        number => data.push(number.as_f64().expect("number") as f32),
    }
}

#[test]
fn outputs_match_keras_3() {
    let keras: serde_json::Value = serde_json::from_str(KERAS_RUN).expect("JSON");
    for (name, text) in CASES {
        let run = case(text).run(false).expect("runs");
        let expected = keras[name].as_array().expect("outputs");
        assert_eq!(run.outputs.len(), expected.len(), "{name}");
        for (layer, (ours, theirs)) in run.outputs.iter().zip(expected).enumerate() {
            let (mut shape, mut data) = (Vec::new(), Vec::new());
            flatten(theirs, &mut shape, &mut data, 0);
            assert_eq!(ours.shape(), shape.as_slice(), "{name} layer {layer}");
            for (a, b) in ours.iter().zip(&data) {
                assert!((a - b).abs() < 1e-5, "{name} layer {layer}: {a} vs {b}");
            }
        }
    }
}

#[test]
fn explicit_weights_are_echoed_back() {
    for (name, text) in CASES {
        let case = case(text);
        let run = case.run(false).expect("runs");
        let CaseParameters::Weights(weights) = &case.parameters else {
            panic!("{name} has explicit weights");
        };
        assert_eq!(&run.weights, weights, "{name}");
    }
}

#[test]
fn run_json_has_outputs_and_weights_in_document_layout() {
    let run = case(CASES[2].1).run(false).expect("runs");
    // Through text, as the CLI prints it: f32 numbers in their shortest form.
    let json: serde_json::Value =
        serde_json::from_str(&serde_json::to_string(&run).expect("serializes")).expect("JSON");
    let document: serde_json::Value = serde_json::from_str(CASES[2].1).expect("JSON");
    assert_eq!(json["weights"], document["weights"]);
    assert_eq!(json["outputs"][0][0][0][0].as_f64(), Some(0.46211717));
    assert!(json.get("trace").is_none());
}

#[test]
fn traces_show_each_steps_cell_internals() {
    let run = case(CASES[2].1).run(true).expect("runs");
    let json: serde_json::Value =
        serde_json::from_str(&serde_json::to_string(&run).expect("serializes")).expect("JSON");
    let trace = &json["trace"];
    assert_eq!(trace.as_array().map(Vec::len), Some(2));
    assert!(trace[1].is_null(), "dense layers have no trace");
    // Layer 1, forward, batch 0, step 0: x = [1, 0], h = 0, bias [0, 0.1].
    let step = &trace[0]["forward"][0][0];
    assert_eq!(step["timestep"], 0);
    assert_eq!(step["x_t"], serde_json::json!([1.0, 0.0]));
    assert_eq!(step["h_{t-1}"], serde_json::json!([0.0, 0.0]));
    assert_eq!(step["x_t·kernel"], serde_json::json!([0.5, -0.25]));
    assert_eq!(
        step["h_{t-1}·recurrent_kernel"],
        serde_json::json!([0.0, 0.0])
    );
    assert_eq!(step["bias"], serde_json::json!([0.0, 0.1]));
    assert_eq!(step["z_t"], serde_json::json!([0.5, -0.15]));
    assert_eq!(trace[0]["forward"][0].as_array().map(Vec::len), Some(3));
    assert!(trace[0].get("backward").is_none());

    let bidirectional = case(CASES[0].1).run(true).expect("runs");
    let traces = bidirectional.traces.expect("traced");
    let first = traces[0].as_ref().expect("recurrent");
    let backward = first.backward.as_ref().expect("two directions");
    assert_eq!((backward.len(), backward[0].len()), (2, 4));
    // The backward cell starts at the last timestep.
    assert_eq!(backward[0][3].step_index, 0);
}

#[test]
fn seeded_initialization_is_deterministic() {
    let text = |seed: u64| {
        format!(
            r#"{{"input": {{"features": 2}}, "layers": [{{"type": "simple_rnn", "units": 3, "bidirectional": "concat"}}],
                "init": {{"scheme": "keras", "seed": {seed}}}, "inputs": [[[1, 2], [3, 4]]]}}"#
        )
    };
    let a = case(&text(7)).run(false).expect("runs");
    let b = case(&text(7)).run(false).expect("runs");
    let c = case(&text(8)).run(false).expect("runs");
    assert_eq!(a, b);
    assert_ne!(a.weights, c.weights);
    let output: &ArrayD<f32> = &a.outputs[0];
    assert_eq!(output.shape(), [1, 6]);
}

#[test]
fn overflow_to_infinity_is_an_error_naming_the_place() {
    let text = r#"{"input": {"features": 1}, "layers": [{"type": "dense", "units": 1}],
        "weights": [{"kernel": [[3e38]], "bias": [3e38]}], "inputs": [[[1]]]}"#;
    let err = case(text).run(false).expect_err("overflows");
    assert!(matches!(err, ModelError::Engine(_)), "{err:?}");
    assert_eq!(
        err.to_string(),
        "the computation failed: non-finite value in layer 0 at batch 0, timestep 0"
    );
}

#[test]
fn huge_traces_are_refused_before_running() {
    let steps = vec!["[0]"; 10_000].join(",");
    let text = format!(
        r#"{{"input": {{"features": 1}}, "layers": [{{"type": "simple_rnn", "units": 16, "bidirectional": "concat"}}],
            "init": {{"scheme": "pytorch", "seed": 1}}, "inputs": [[{steps}], [{steps}], [{steps}], [{steps}], [{steps}]]}}"#
    );
    let case = case(&text);
    assert_eq!(
        case.run(true).expect_err("too large"),
        ModelError::TraceTooLarge {
            numbers: 2 * 5 * 10_000 * (1 + 6 * 16),
            max: 8 * 1024 * 1024
        }
    );
    assert!(case.run(false).is_ok());
}
