//! Every way a model document can be wrong ends in a typed error whose message names the
//! place (JSON path or layer) and the fix.
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

use unrolled::model::{
    limits, DenseSpec, InputSpec, LayerRef, LayerSpec, ModelError, ModelSpec, SimpleRnnSpec,
};

fn error(text: &str) -> ModelError {
    match ModelSpec::from_json(text) {
        Ok(spec) => panic!("accepted {text}: {spec:?}"),
        Err(err) => err,
    }
}

fn message(text: &str) -> String {
    error(text).to_string()
}

/// A one-layer model around the given layer JSON, with 4 features per timestep.
fn one_layer(layer: &str) -> String {
    format!(r#"{{"input": {{"timesteps": 10, "features": 4}}, "layers": [{layer}]}}"#)
}

#[test]
fn omitted_fields_take_keras_defaults() {
    let spec =
        ModelSpec::from_json(&one_layer(r#"{"type": "simple_rnn", "units": 8}"#)).expect("valid");
    assert_eq!(spec.layers, [LayerSpec::SimpleRnn(SimpleRnnSpec::new(8))]);
    assert_eq!(
        spec.input,
        InputSpec {
            timesteps: Some(10),
            features: Some(4),
            batch: None
        }
    );
    let dense = ModelSpec::from_json(&one_layer(r#"{"type": "dense", "units": 2}"#)).expect("ok");
    assert_eq!(dense.layers, [LayerSpec::Dense(DenseSpec::new(2))]);
}

#[test]
fn the_issue_example_document_is_valid() {
    let text = r#"{
      "input": {"timesteps": 10, "batch": null},
      "layers": [
        {"type": "embedding", "vocab": 5000, "dim": 100},
        {"type": "simple_rnn", "units": 8, "activation": "tanh", "use_bias": true,
         "return_sequences": true, "bidirectional": null},
        {"type": "dense", "units": 1, "activation": "sigmoid", "use_bias": true}
      ]
    }"#;
    let info = ModelSpec::from_json(text)
        .expect("valid")
        .validate()
        .expect("valid");
    assert_eq!(info.output_shape().to_string(), "(None, 10, 1)");
}

#[test]
fn syntax_errors_give_line_and_column() {
    assert_eq!(
        message(""),
        "the document is not valid JSON (line 1, column 0): EOF while parsing a value"
    );
    assert_eq!(
        message("{\n  \"layers\": [,]\n}"),
        "the document is not valid JSON (line 2, column 14): expected value"
    );
    assert!(matches!(error("{"), ModelError::Syntax { .. }));
    assert_eq!(
        message(r#"{"layers": []} trailing"#),
        "the document is not valid JSON (line 1, column 16): trailing characters"
    );
}

#[test]
fn wrong_types_name_the_json_path() {
    assert_eq!(
        message(&one_layer(r#"{"type": "simple_rnn", "units": "8"}"#)),
        "at `layers[0].units` (line 1, column 90): invalid type: string \"8\", expected a whole number"
    );
    assert_eq!(
        message(&one_layer(r#"{"type": "simple_rnn", "units": 3.5}"#)),
        "at `layers[0].units` (line 1, column 90): invalid type: floating point `3.5`, expected a whole number"
    );
    assert_eq!(
        message(&one_layer(r#"{"type": "simple_rnn", "units": 8, "use_bias": "yes"}"#)),
        "at `layers[0].use_bias` (line 1, column 107): invalid type: string \"yes\", expected a boolean"
    );
    assert_eq!(
        message(r#"{"input": 3, "layers": []}"#),
        "at `input` (line 1, column 11): invalid type: integer `3`, expected an object such as {\"timesteps\": 10, \"features\": 4}"
    );
    assert_eq!(
        message(r#"{"layers": ["simple_rnn"]}"#),
        "at `layers[0]` (line 1, column 24): invalid type: string \"simple_rnn\", expected a layer object such as {\"type\": \"simple_rnn\", \"units\": 8}"
    );
    assert_eq!(
        message("\n [1, 2]"),
        "at the top level (line 2, column 2): expected an object with \"layers\" (and \"input\"), found an array"
    );
}

#[test]
fn unknown_and_missing_fields_are_refused() {
    assert_eq!(
        message(&one_layer(r#"{"type": "simple_rnn", "units": 8, "colour": 1}"#)),
        "at `layers[0].colour` (line 1, column 98): unknown field `colour`, expected one of `type`, `name`, `units`, `vocab`, `dim`, `activation`, `use_bias`, `return_sequences`, `bidirectional`"
    );
    assert_eq!(
        message(r#"{"input": {"features": 4, "length": 3}, "layers": []}"#),
        "at `input.length` (line 1, column 34): unknown field `length`, expected one of `timesteps`, `features`, `batch`"
    );
    assert_eq!(
        message(r#"{"input": {"features": 4}}"#),
        "at the top level (line 1, column 26): missing field `layers`"
    );
    assert_eq!(
        message(&one_layer(r#"{"units": 8}"#)),
        "at `layers[0]` (line 1, column 67): missing field `type`"
    );
    assert_eq!(
        message(&one_layer(r#"{"type": "simple_rnn"}"#)),
        "layer 1 (simple_rnn): \"units\" is missing; give it as a whole number of at least 1"
    );
    assert_eq!(
        message(r#"{"layers": [{"type": "embedding", "vocab": 10}]}"#),
        "layer 1 (embedding): \"dim\" is missing; give it as a whole number of at least 1"
    );
}

#[test]
fn settings_of_another_layer_type_are_refused() {
    assert_eq!(
        message(&one_layer(r#"{"type": "simple_rnn", "units": 8, "vocab": 3}"#)),
        "layer 1 (simple_rnn): \"vocab\" is not a setting of this layer type; its settings are \"name\", \"units\", \"activation\", \"use_bias\", \"return_sequences\" and \"bidirectional\""
    );
    assert_eq!(
        message(&one_layer(r#"{"type": "dense", "units": 8, "return_sequences": true}"#)),
        "layer 1 (dense): \"return_sequences\" is not a setting of this layer type; its settings are \"name\", \"units\", \"activation\" and \"use_bias\""
    );
    assert_eq!(
        message(r#"{"layers": [{"type": "embedding", "vocab": 9, "dim": 2, "units": 3}]}"#),
        "layer 1 (embedding): \"units\" is not a setting of this layer type; its settings are \"name\", \"vocab\" and \"dim\""
    );
}

#[test]
fn unknown_types_activations_and_merge_modes_list_the_choices() {
    assert_eq!(
        message(&one_layer(r#"{"type": "lstm", "units": 8}"#)),
        "layer 1: unknown layer type \"lstm\"; use \"embedding\", \"simple_rnn\" or \"dense\""
    );
    assert_eq!(
        message(&one_layer(r#"{"type": "simple_rnn", "units": 8, "activation": "softmax"}"#)),
        "layer 1 (simple_rnn): activation \"softmax\" is not available here; use one of \"tanh\", \"relu\", \"sigmoid\", \"linear\""
    );
    assert_eq!(
        message(&one_layer(r#"{"type": "dense", "units": 8, "activation": "gelu"}"#)),
        "layer 1 (dense): activation \"gelu\" is not available here; use one of \"linear\", \"relu\", \"sigmoid\", \"tanh\", \"softmax\""
    );
    assert_eq!(
        message(&one_layer(r#"{"type": "simple_rnn", "units": 8, "bidirectional": "max"}"#)),
        "layer 1 (simple_rnn): \"bidirectional\" is \"max\"; use null or one of \"concat\", \"sum\", \"mul\", \"ave\""
    );
}

#[test]
fn zero_and_negative_sizes_are_refused() {
    assert_eq!(
        message(&one_layer(r#"{"type": "simple_rnn", "units": 0}"#)),
        "layer 1 (simple_rnn): \"units\" is 0, but it must be at least 1"
    );
    assert_eq!(
        message(&one_layer(r#"{"type": "dense", "units": -3}"#)),
        "layer 1 (dense): \"units\" is -3, but it must be at least 1"
    );
    assert_eq!(
        message(r#"{"input": {"features": 0}, "layers": [{"type": "dense", "units": 1}]}"#),
        "input: \"features\" is 0, but it must be at least 1"
    );
    assert_eq!(
        message(
            r#"{"input": {"timesteps": -1}, "layers": [{"type": "embedding", "vocab": 2, "dim": 2}]}"#
        ),
        "input: \"timesteps\" is -1, but it must be at least 1"
    );
    assert_eq!(
        message(r#"{"layers": [{"type": "embedding", "vocab": 0, "dim": 2}]}"#),
        "layer 1 (embedding): \"vocab\" is 0, but it must be at least 1"
    );
}

#[test]
fn sizes_above_the_limits_are_refused() {
    assert_eq!(
        message(
            r#"{"input": {"features": 4, "timesteps": 10000000}, "layers": [{"type": "dense", "units": 1}]}"#
        ),
        "input: \"timesteps\" is 10000000, more than the limit of 10000; use a smaller value"
    );
    assert_eq!(
        message(&one_layer(r#"{"type": "simple_rnn", "units": 5000}"#)),
        "layer 1 (simple_rnn): \"units\" is 5000, more than the limit of 4096; use a smaller value"
    );
    assert_eq!(
        message(
            r#"{"input": {"features": 4, "batch": 99999}, "layers": [{"type": "dense", "units": 1}]}"#
        ),
        "input: \"batch\" is 99999, more than the limit of 1024; use a smaller value"
    );
    assert_eq!(
        message(r#"{"layers": [{"type": "embedding", "vocab": 1000000, "dim": 4096}]}"#),
        "the model has 4096000000 parameters, more than the limit of 16777216; use fewer units or a smaller vocabulary"
    );
    assert!(matches!(
        error(&one_layer(
            r#"{"type": "simple_rnn", "units": 99999999999999999999}"#
        )),
        ModelError::Json { .. }
    ));
    let many = vec![r#"{"type": "dense", "units": 1}"#; limits::MAX_LAYERS + 1].join(",");
    assert_eq!(
        message(&format!(
            r#"{{"input": {{"features": 1}}, "layers": [{many}]}}"#
        )),
        "at `layers` (line 1, column 1988): more than 64 entries; Unrolled shows at most 64 layers"
    );
}

#[test]
fn a_recurrent_layer_after_one_that_ended_the_sequence_is_refused() {
    let text = r#"{"input": {"features": 4}, "layers": [
        {"type": "simple_rnn", "units": 8},
        {"type": "dense", "units": 8},
        {"type": "simple_rnn", "units": 8}]}"#;
    assert_eq!(
        error(text),
        ModelError::SequenceEnded {
            layer: LayerRef {
                index: 2,
                kind: "simple_rnn"
            },
            previous: LayerRef {
                index: 0,
                kind: "simple_rnn"
            },
        }
    );
    assert_eq!(
        message(text),
        "layer 3 (simple_rnn) needs a sequence, but layer 1 (simple_rnn) returns only its last step; set \"return_sequences\": true on layer 1 (simple_rnn)"
    );
}

#[test]
fn embedding_placement_and_features_are_checked() {
    assert_eq!(
        message(r#"{"input": {"features": 4}, "layers": [{"type": "simple_rnn", "units": 8, "return_sequences": true}, {"type": "embedding", "vocab": 8, "dim": 3}]}"#),
        "layer 2 (embedding): an embedding must be the first layer, because it turns token ids into vectors; move it to the top"
    );
    assert_eq!(
        message(r#"{"input": {"features": 4}, "layers": [{"type": "embedding", "vocab": 8, "dim": 3}]}"#),
        "\"input.features\" is given, but the first layer is an embedding whose inputs are token ids; remove \"features\""
    );
    assert_eq!(
        message(r#"{"layers": [{"type": "simple_rnn", "units": 8}]}"#),
        "\"input.features\" is missing; give the number of features per timestep (or start the model with an embedding)"
    );
    assert_eq!(
        message(r#"{"layers": []}"#),
        "the model has no layers; add at least one to \"layers\""
    );
}

#[test]
fn names_must_be_unique_and_of_sensible_length() {
    assert_eq!(
        message(r#"{"input": {"features": 4}, "layers": [{"type": "simple_rnn", "units": 8, "name": "a", "return_sequences": true}, {"type": "dense", "units": 8, "name": "a"}]}"#),
        "layer 2 (dense): the name \"a\" is already used by layer 1 (simple_rnn); layer names must be unique"
    );
    // A given name that collides with a default one, as Keras refuses it too.
    assert_eq!(
        message(r#"{"input": {"features": 4}, "layers": [{"type": "dense", "units": 8, "name": "dense_1"}, {"type": "dense", "units": 8}, {"type": "dense", "units": 8}]}"#),
        "layer 3 (dense): the name \"dense_1\" is already used by layer 1 (dense); layer names must be unique"
    );
    assert_eq!(
        message(&one_layer(
            r#"{"type": "simple_rnn", "units": 8, "name": ""}"#
        )),
        "layer 1 (simple_rnn): the name must have 1 to 256 characters, but has 0"
    );
    let long = "x".repeat(300);
    assert_eq!(
        message(&format!(
            r#"{{"name": "{long}", "input": {{"features": 1}}, "layers": [{{"type": "dense", "units": 1}}]}}"#
        )),
        "the model: the name must have 1 to 256 characters, but has 300"
    );
}

#[test]
fn case_documents_are_not_model_documents() {
    let text = r#"{"layers": [{"type": "embedding", "vocab": 3, "dim": 2}], "init": {"scheme": "keras"}, "inputs": [[1]]}"#;
    assert_eq!(
        message(text),
        "this is a case document (it has \"weights\", \"init\" or \"inputs\"); read it as a case, or remove those fields"
    );
}

#[test]
fn specs_built_in_code_are_validated_too() {
    let spec = ModelSpec {
        name: None,
        input: InputSpec {
            timesteps: Some(5),
            features: Some(3),
            batch: None,
        },
        layers: vec![LayerSpec::SimpleRnn(SimpleRnnSpec::new(0))],
    };
    assert_eq!(
        spec.validate().expect_err("zero units").to_string(),
        "layer 1 (simple_rnn): \"units\" is 0, but it must be at least 1"
    );
}
