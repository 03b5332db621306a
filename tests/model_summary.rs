//! Summaries, shapes and parameter counts against the seed chapter and real Keras.
//!
//! Fixtures are embedded with `include_str!`, so these tests also build for wasm32.
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

use unrolled::model::{group_thousands, ModelSpec, PytorchNote, Shape};

/// Fixture models, by name (tests/fixtures/model/models/NAME.json).
const MODELS: [(&str, &str); 8] = [
    (
        "embedding_fixed",
        include_str!("fixtures/model/models/embedding_fixed.json"),
    ),
    (
        "long_names",
        include_str!("fixtures/model/models/long_names.json"),
    ),
    (
        "mixed_defaults",
        include_str!("fixtures/model/models/mixed_defaults.json"),
    ),
    (
        "seed_bidirectional_deep",
        include_str!("fixtures/model/models/seed_bidirectional_deep.json"),
    ),
    (
        "seed_in1",
        include_str!("fixtures/model/models/seed_in1.json"),
    ),
    (
        "seed_in2",
        include_str!("fixtures/model/models/seed_in2.json"),
    ),
    (
        "seed_in3",
        include_str!("fixtures/model/models/seed_in3.json"),
    ),
    (
        "seed_quiz",
        include_str!("fixtures/model/models/seed_quiz.json"),
    ),
];

/// The seed chapter's summaries, verbatim (see the file's header).
const SEED_SUMMARIES: &str = include_str!("fixtures/model/seed_summaries.txt");

/// Keras 2 summaries of every fixture (produced by `keras2_summaries.py` beside it).
const KERAS2_SUMMARIES: &str = include_str!("fixtures/model/keras2_summaries.txt");

/// Keras 3 shapes and counts of every fixture (produced by `keras_params.py` beside it).
const KERAS3_PARAMS: &str = include_str!("fixtures/model/keras_params.json");

fn model(name: &str) -> ModelSpec {
    let text = MODELS
        .iter()
        .find(|(fixture, _)| *fixture == name)
        .map_or_else(|| panic!("no fixture {name}"), |(_, text)| *text);
    ModelSpec::from_json(text).unwrap_or_else(|err| panic!("{name}: {err}"))
}

fn summary(name: &str) -> String {
    model(name).summary_text().expect("valid model")
}

/// The seed's blocks, in order: In [1], In [2], In [3], In [9].
fn seed_blocks() -> Vec<String> {
    let body: Vec<&str> = SEED_SUMMARIES
        .lines()
        .filter(|line| !line.starts_with("# "))
        .collect();
    body.join("\n")
        .split("\n\n")
        .map(|block| block.trim_matches('\n').to_string())
        .filter(|block| !block.is_empty())
        .collect()
}

#[test]
fn every_seed_summary_comes_out_verbatim() {
    let blocks = seed_blocks();
    assert_eq!(blocks.len(), 4);
    let rule = "=".repeat(65);
    for (fixture, seed) in ["seed_in1", "seed_in2", "seed_in3", "seed_quiz"]
        .iter()
        .zip(&blocks)
    {
        let ours = summary(fixture);
        // The seed's Markdown lost Keras' two "=" rules; every other line must match.
        let rules = ours.lines().filter(|line| *line == rule).count();
        assert_eq!(rules, 2, "{fixture}");
        let without_rules: Vec<&str> = ours.lines().filter(|line| *line != rule).collect();
        assert_eq!(without_rules.join("\n"), *seed, "{fixture}");
    }
}

#[test]
fn every_fixture_summary_matches_keras_2() {
    let mut sections = KERAS2_SUMMARIES.split("### ").filter(|s| !s.is_empty());
    let mut count = 0;
    for section in &mut sections {
        let (name, expected) = section.split_once('\n').expect("section header");
        assert_eq!(summary(name), expected, "{name}");
        count += 1;
    }
    assert_eq!(count, MODELS.len());
}

#[test]
fn shapes_and_counts_match_keras_3() {
    let report: serde_json::Value = serde_json::from_str(KERAS3_PARAMS).expect("JSON");
    for (name, _) in MODELS {
        let info = model(name).validate().expect("valid");
        let expected = &report[name];
        assert_eq!(
            expected["total"].as_u64(),
            Some(info.keras_params()),
            "{name}"
        );
        let layers = expected["layers"].as_array().expect("layers");
        assert_eq!(layers.len(), info.layers.len(), "{name}");
        for (layer, keras) in info.layers.iter().zip(layers) {
            assert_eq!(keras["params"].as_u64(), Some(layer.keras_params), "{name}");
            let shape: Vec<Option<usize>> = keras["output_shape"]
                .as_array()
                .expect("shape")
                .iter()
                .map(|dim| dim.as_u64().map(|d| usize::try_from(d).expect("small")))
                .collect();
            assert_eq!(layer.output_shape, Shape(shape), "{name} {}", layer.name);
        }
    }
}

#[test]
fn quiz_model_counts_529_441_in_keras_and_529_569_in_pytorch() {
    let info = model("seed_quiz").validate().expect("valid");
    assert_eq!(info.keras_params(), 529_441);
    assert_eq!(info.pytorch_params(), 529_569);
    let counts: Vec<(u64, u64)> = info
        .layers
        .iter()
        .map(|layer| (layer.keras_params, layer.pytorch_params))
        .collect();
    assert_eq!(counts, [(500_000, 500_000), (29_312, 29_440), (129, 129)]);
    assert_eq!(info.layers[0].pytorch_note, PytorchNote::Same);
    assert_eq!(
        info.layers[1].pytorch_note,
        PytorchNote::TwoRnnBiases { extra: 128 }
    );
    assert_eq!(
        info.layers[1].pytorch_note.to_string(),
        "+128: nn.RNN adds two bias vectors (bias_ih and bias_hh) where Keras adds one"
    );
    let text = info.pytorch_summary_text();
    assert!(text.contains("Total params: 529,569\n"), "{text}");
    assert!(text.ends_with(
        "Keras counts 529,441; the difference:\n simple_rnn_8 (SimpleRNN): +128: nn.RNN adds two bias vectors (bias_ih and bias_hh) where Keras adds one\n"
    ));
}

#[test]
fn bidirectional_pytorch_counts_two_extra_biases_per_direction() {
    let info = model("seed_bidirectional_deep").validate().expect("valid");
    assert_eq!(info.keras_params(), 1_424);
    // Four layers, two directions, 8 units each: 64 more bias numbers.
    assert_eq!(info.pytorch_params(), 1_424 + 64);
    let no_bias = model("mixed_defaults").validate().expect("valid");
    assert_eq!(no_bias.layers[3].pytorch_note, PytorchNote::Same);
}

#[test]
fn output_shapes_of_stacked_bidirectional_and_batch_models() {
    let shapes = |name: &str| -> Vec<String> {
        model(name)
            .validate()
            .expect("valid")
            .layers
            .iter()
            .map(|layer| layer.output_shape.to_string())
            .collect()
    };
    assert_eq!(shapes("seed_in2"), ["(8, 3)"]);
    assert_eq!(shapes("seed_in3"), ["(8, 2, 3)"]);
    assert_eq!(
        shapes("seed_quiz"),
        ["(None, None, 100)", "(None, 128)", "(None, 1)"]
    );
    assert_eq!(shapes("seed_bidirectional_deep"), ["(None, 10, 16)"; 4]);
    assert_eq!(
        shapes("mixed_defaults"),
        ["(4, 7, 5)", "(4, 7, 6)", "(4, 7, 4)", "(4, 2)", "(4, 3)"]
    );
    assert_eq!(
        shapes("embedding_fixed"),
        ["(2, 30, 8)", "(2, 8)", "(2, 2)"]
    );
    let info = model("embedding_fixed").validate().expect("valid");
    assert_eq!(info.input_shape.to_string(), "(2, 30)");
    assert_eq!(info.output_shape().to_string(), "(2, 2)");
}

#[test]
fn default_names_follow_keras_numbering_within_the_model() {
    let names: Vec<String> = model("mixed_defaults")
        .validate()
        .expect("valid")
        .layers
        .into_iter()
        .map(|layer| layer.name)
        .collect();
    // Each Bidirectional's wrapped SimpleRNN takes a simple_rnn number first.
    assert_eq!(
        names,
        [
            "bidirectional",
            "simple_rnn_1",
            "dense",
            "bidirectional_1",
            "dense_1"
        ]
    );
}

#[test]
fn long_names_wrap_like_keras() {
    let text = summary("long_names");
    assert!(text.contains(
        " encoder_bidirectional_layer  (1000, None, 2048)       2123776   \n _number_one (Bidirectional)                                     \n"
    ));
    assert!(text
        .contains(" bidirectional (Bidirectiona  (1000, None, 16)         66080     \n l)      "));
}

#[test]
fn totals_are_grouped_by_thousands() {
    assert_eq!(group_thousands(0), "0");
    assert_eq!(group_thousands(999), "999");
    assert_eq!(group_thousands(1_000), "1,000");
    assert_eq!(group_thousands(529_441), "529,441");
    assert_eq!(group_thousands(12_345_678), "12,345,678");
}

#[test]
fn a_spec_survives_a_json_round_trip() {
    for (name, _) in MODELS {
        let spec = model(name);
        let text = serde_json::to_string(&spec).expect("serializes");
        assert_eq!(
            ModelSpec::from_json(&text).expect("reads back"),
            spec,
            "{name}"
        );
    }
}
