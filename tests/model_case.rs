//! Case documents: weights and inputs are read into typed arrays and checked against the
//! model, with errors naming the layer, the tensor and both shapes.
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

use ndarray::array;
use unrolled::model::{
    CaseInputs, CaseParameters, CaseSpec, Document, InitScheme, InitSpec, LayerWeights, ModelError,
};

/// 2 timesteps of 3 features into SimpleRNN(2), then Dense(1).
const MODEL: &str = r#""input": {"timesteps": 2, "features": 3},
  "layers": [{"type": "simple_rnn", "units": 2}, {"type": "dense", "units": 1}]"#;

const RNN_WEIGHTS: &str = r#"{"kernel": [[1, 2], [3, 4], [5, 6]], "recurrent_kernel": [[1, 0], [0, 1]], "bias": [0.5, -0.5]}"#;
const DENSE_WEIGHTS: &str = r#"{"kernel": [[1], [2]], "bias": [3]}"#;
const INPUTS: &str = "[[[1, 2, 3], [4, 5, 6]]]";

fn case(weights: &str, inputs: &str) -> String {
    format!(r#"{{{MODEL}, "weights": {weights}, "inputs": {inputs}}}"#)
}

fn message(text: &str) -> String {
    match CaseSpec::from_json(text) {
        Ok(case) => panic!("accepted {text}: {case:?}"),
        Err(err) => err.to_string(),
    }
}

#[test]
fn weights_and_inputs_become_typed_arrays() {
    let case = CaseSpec::from_json(&case(&format!("[{RNN_WEIGHTS}, {DENSE_WEIGHTS}]"), INPUTS))
        .expect("valid case");
    let CaseParameters::Weights(weights) = &case.parameters else {
        panic!("expected weights");
    };
    let LayerWeights::SimpleRnn(rnn) = &weights[0] else {
        panic!("expected simple_rnn weights");
    };
    assert_eq!(rnn.kernel, array![[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]);
    assert_eq!(rnn.recurrent_kernel, array![[1.0, 0.0], [0.0, 1.0]]);
    assert_eq!(rnn.bias, Some(array![0.5, -0.5]));
    assert_eq!(
        weights[1],
        LayerWeights::Dense {
            kernel: array![[1.0], [2.0]],
            bias: Some(array![3.0]),
        }
    );
    assert_eq!(
        case.inputs,
        CaseInputs::Features(array![[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]])
    );
    // Weights serialize back to the document's layout.
    let json = serde_json::to_value(weights).expect("serializes");
    assert_eq!(
        json,
        serde_json::json!([
            {"kernel": [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], "recurrent_kernel": [[1.0, 0.0], [0.0, 1.0]], "bias": [0.5, -0.5]},
            {"kernel": [[1.0], [2.0]], "bias": [3.0]}
        ])
    );
}

#[test]
fn init_and_token_inputs() {
    let text = r#"{"layers": [{"type": "embedding", "vocab": 5, "dim": 2},
        {"type": "simple_rnn", "units": 3, "bidirectional": "concat"}],
        "init": {"scheme": "uniform01", "seed": 7}, "inputs": [[0, 4, 2], [1, 1, 1]]}"#;
    let case = CaseSpec::from_json(text).expect("valid case");
    assert_eq!(
        case.parameters,
        CaseParameters::Init(InitSpec {
            scheme: InitScheme::Uniform01,
            seed: 7
        })
    );
    assert_eq!(
        case.inputs,
        CaseInputs::Tokens(array![[0, 4, 2], [1, 1, 1]])
    );
    assert!(matches!(Document::from_json(text), Ok(Document::Case(_))));
}

#[test]
fn bidirectional_weights_have_two_directions() {
    let text = r#"{"input": {"features": 1}, "layers": [{"type": "simple_rnn", "units": 1, "bidirectional": "sum", "use_bias": false}],
      "weights": [{"forward": {"kernel": [[1]], "recurrent_kernel": [[2]]}, "backward": {"kernel": [[3]], "recurrent_kernel": [[4]]}}],
      "inputs": [[[1], [2], [3]]]}"#;
    let case = CaseSpec::from_json(text).expect("valid case");
    let CaseParameters::Weights(weights) = case.parameters else {
        panic!("expected weights");
    };
    let LayerWeights::Bidirectional { forward, backward } = &weights[0] else {
        panic!("expected bidirectional weights");
    };
    assert_eq!(forward.kernel, array![[1.0]]);
    assert_eq!(backward.recurrent_kernel, array![[4.0]]);
    assert_eq!(backward.bias, None);

    let missing = text.replace(
        r#", "backward": {"kernel": [[3]], "recurrent_kernel": [[4]]}"#,
        "",
    );
    assert_eq!(
        message(&missing),
        "layer 1 (simple_rnn): \"backward\" weights are missing; a bidirectional layer takes {\"forward\": {...}, \"backward\": {...}}, each with \"kernel\", \"recurrent_kernel\" and \"bias\""
    );
    let wrong = text.replace(r#""kernel": [[3]]"#, r#""kernel": [[3, 3]]"#);
    assert_eq!(
        message(&wrong),
        "layer 1 (simple_rnn): weight \"backward.kernel\" should have shape (1, 1) but has shape (1, 2)"
    );
    let biased = text.replace(
        r#""recurrent_kernel": [[2]]"#,
        r#""recurrent_kernel": [[2]], "bias": [0]"#,
    );
    assert_eq!(
        message(&biased),
        "layer 1 (simple_rnn): weight \"forward.bias\" does not belong to this layer; the layer has \"use_bias\": false; remove the bias or set \"use_bias\": true"
    );
}

#[test]
fn weight_shape_errors_name_layer_tensor_and_shapes() {
    let short_kernel = RNN_WEIGHTS.replace("[[1, 2], [3, 4], [5, 6]]", "[[1, 2], [3, 4]]");
    assert_eq!(
        message(&case(&format!("[{short_kernel}, {DENSE_WEIGHTS}]"), INPUTS)),
        "layer 1 (simple_rnn): weight \"kernel\" should have shape (3, 2) but has shape (2, 2)"
    );
    assert_eq!(
        message(&case(
            &format!(r#"[{RNN_WEIGHTS}, {{"kernel": [[1], [2]], "bias": [3, 4]}}]"#),
            INPUTS
        )),
        "layer 2 (dense): weight \"bias\" should have shape (1,) but has shape (2,)"
    );
    assert_eq!(
        message(&case(
            &format!(r#"[{RNN_WEIGHTS}, {{"kernel": [[1], [2]]}}]"#),
            INPUTS
        )),
        "layer 2 (dense): weight \"bias\" is missing; it should have shape (1,)"
    );
    assert_eq!(
        message(&case(&format!(r#"[{RNN_WEIGHTS}, {{"kernel": [[1], [2]], "bias": [3], "embeddings": [[1]]}}]"#), INPUTS)),
        "layer 2 (dense): weight \"embeddings\" does not belong to this layer; a dense layer has \"kernel\" and \"bias\""
    );
    assert_eq!(
        message(&case(&format!("[{RNN_WEIGHTS}]"), INPUTS)),
        "\"weights\" needs one entry per layer (2), but has 1; give one object per layer, in order"
    );
    assert!(message(&case(
        &format!(r#"[{RNN_WEIGHTS}, {{"kernal": [[1], [2]]}}]"#),
        INPUTS
    ))
    .starts_with("at `weights[1].kernal` (line 2, column "));
}

#[test]
fn ragged_and_malformed_arrays_are_refused_with_their_path() {
    let dense = format!("[{RNN_WEIGHTS}, {DENSE_WEIGHTS}]");
    let ragged = message(&case(&dense, "[[[1, 2, 3], [4, 5]]]"));
    assert!(
        ragged.starts_with("at `inputs[0][1]` (line 2, column "),
        "{ragged}"
    );
    assert!(ragged.ends_with(
        "ragged array: this array has 2 entries, but the earlier arrays at the same depth have 3"
    ));
    let mixed = message(&case(&dense, "[[[1, 2, 3], [4, 5, [6]]]]"));
    assert!(mixed.ends_with(
        "ragged array: found an array where the other entries at this depth are numbers"
    ));
    let mixed = message(&case(&dense, "[[[1, 2, 3], 4]]"));
    assert!(mixed.ends_with(
        "ragged array: found a number where the other entries at this depth are arrays (nesting 2 instead of 3 levels)"
    ), "{mixed}");
    assert!(message(&case(&dense, "5"))
        .ends_with("expected a nested array of numbers, found a single number"));
    assert!(message(&case(&dense, r#"[[["1", 2, 3]]]"#))
        .ends_with("invalid type: string \"1\", expected a number or an array of numbers"));
    assert!(message(&case(&dense, "[[[[[1]]]]]")).ends_with("arrays nested deeper than 4 levels"));
    assert!(message(&case(&dense, "[[[1e39, 2, 3], [4, 5, 6]]]"))
        .ends_with("1e39 does not fit a 32-bit float; use numbers between -3.4e38 and 3.4e38"));
}

#[test]
fn inputs_must_fit_the_model() {
    let dense = format!("[{RNN_WEIGHTS}, {DENSE_WEIGHTS}]");
    assert_eq!(
        message(&case(&dense, "[[[1, 2, 3]]]")),
        "\"inputs\" should have shape (?, 2, 3) but has shape (1, 1, 3)"
    );
    assert_eq!(
        message(&case(&dense, "[[1, 2, 3]]")),
        "\"inputs\" should have shape (?, 2, 3) but has shape (1, 3)"
    );
    assert_eq!(
        message(&case(&dense, "[]")),
        "\"inputs\" should have shape (?, 2, 3) but has shape (0,)"
    );
    assert_eq!(
        message(&format!(r#"{{{MODEL}, "init": {{"scheme": "keras"}}}}"#)),
        "the case has no \"inputs\"; give them as [batch][timesteps][features] numbers, or [batch][timesteps] token ids for an embedding model"
    );
    let tokens = r#"{"layers": [{"type": "embedding", "vocab": 3, "dim": 2}], "init": {"scheme": "pytorch"}, "inputs": [[1, 3]]}"#;
    assert_eq!(
        message(tokens),
        "at `inputs[0][1]`: 3 is not a token id; token ids are whole numbers from 0 to 2 (vocab - 1)"
    );
    assert_eq!(
        message(&tokens.replace("[[1, 3]]", "[[1, 0.5]]")),
        "at `inputs[0][1]`: 0.5 is not a token id; token ids are whole numbers from 0 to 2 (vocab - 1)"
    );
}

#[test]
fn long_sequences_and_heavy_runs_are_refused_before_running() {
    let model = r#""input": {"features": 1}, "layers": [{"type": "simple_rnn", "units": 2048}]"#;
    let steps = vec!["[0]"; 10_001].join(",");
    let text = format!(r#"{{{model}, "init": {{"scheme": "keras"}}, "inputs": [[{steps}]]}}"#);
    assert_eq!(
        message(&text),
        "inputs: \"timesteps\" is 10001, more than the limit of 10000; use a smaller value"
    );
    let steps = vec!["[0]"; 1_000].join(",");
    let text = format!(r#"{{{model}, "init": {{"scheme": "keras"}}, "inputs": [[{steps}]]}}"#);
    assert_eq!(
        CaseSpec::from_json(&text).expect_err("too heavy"),
        ModelError::RunTooLarge {
            work: 1_000 * 2049 * 2048,
            max: 2_000_000_000
        }
    );
}

#[test]
fn weights_and_init_exclude_each_other() {
    let both = format!(
        r#"{{{MODEL}, "weights": [{RNN_WEIGHTS}, {DENSE_WEIGHTS}], "init": {{"scheme": "keras"}}, "inputs": {INPUTS}}}"#
    );
    assert_eq!(
        message(&both),
        "a case needs exactly one of \"weights\" (explicit numbers) or \"init\" (a seeded scheme); remove one of them"
    );
    let neither = format!(r#"{{{MODEL}, "inputs": {INPUTS}}}"#);
    assert_eq!(
        message(&neither),
        "a case needs exactly one of \"weights\" (explicit numbers) or \"init\" (a seeded scheme); add one of them"
    );
    assert!(message(&format!(
        r#"{{{MODEL}, "init": {{"scheme": "glorot"}}, "inputs": {INPUTS}}}"#
    ))
    .ends_with("unknown variant `glorot`, expected one of `keras`, `pytorch`, `uniform01`"));
    assert_eq!(
        message(&format!("{{{MODEL}}}")),
        "this is a model document; a case also needs \"weights\" or \"init\", and \"inputs\""
    );
}
