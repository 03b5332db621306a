//! Saved Keras models opened natively and through `unrolled-cli`, against what Keras
//! computed with them (`tests/fixtures/keras/make_keras3.py` with Keras 3.15.1,
//! `make_tf2.py` with tf.keras 2.15): the final output equals `predict` within 1e-4, every
//! computed layer's output (the hidden states) too, the summary's total equals
//! `count_params()`, and files that must be refused are, with the named reason.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test stops at the first broken fixture or setup, and says which"
)]
#![allow(
    clippy::cast_possible_truncation,
    reason = "reference numbers are f32 written as JSON; mutation offsets are below the file size"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

use std::rc::Rc;

use serde_json::Value;
use unrolled::app::domain::import::{import, ImportKind};
use unrolled::app::domain::keras_file::open_model_file;
use unrolled::app::domain::presets::Preset;
use unrolled::app::i18n::Lang;
use unrolled::app::state::{Action, AppState};
use unrolled::keras::{read_keras_model, KerasError, KerasModel};
use unrolled::model::CaseParameters;
use yew::Reducible;

const CLI: &str = env!("CARGO_BIN_EXE_unrolled-cli");
const TOLERANCE: f32 = 1e-4;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/keras")
}

fn reference(name: &str) -> Value {
    let text = std::fs::read_to_string(fixtures().join(name)).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn flatten(value: &Value, out: &mut Vec<f32>) {
    match value {
        Value::Array(items) => items.iter().for_each(|v| flatten(v, out)),
        Value::Number(n) => out.push(n.as_f64().unwrap() as f32),
        other => panic!("not a number: {other}"),
    }
}

fn numbers(value: &Value) -> Vec<f32> {
    let mut out = Vec::new();
    flatten(value, &mut out);
    out
}

/// The largest difference between two lists of numbers of the same length.
fn max_difference(ours: &[f32], theirs: &[f32], what: &str) -> f32 {
    assert_eq!(ours.len(), theirs.len(), "{what}: lengths differ");
    ours.iter()
        .zip(theirs)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f32::max)
}

fn open(file: &str) -> Result<KerasModel, KerasError> {
    read_keras_model(&std::fs::read(fixtures().join(file)).unwrap())
}

/// Every model of both references, with its reference entry.
fn models() -> Vec<(String, Value)> {
    let mut all = Vec::new();
    for file in ["keras3_reference.json", "tf2_reference.json"] {
        let reference = reference(file);
        for (name, entry) in reference["models"].as_object().unwrap() {
            all.push((name.clone(), entry.clone()));
        }
    }
    assert!(all.len() >= 15, "both references are there");
    all
}

#[test]
fn every_fixture_computes_what_keras_predicted() {
    let mut worst = 0.0f32;
    for (name, entry) in models() {
        let keras = open(entry["file"].as_str().unwrap()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let case = keras
            .case(entry["inputs"].clone())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let run = case.run(false).unwrap();
        let last = run.outputs.last().unwrap();
        let output: Vec<f32> = last.iter().copied().collect();
        let difference = max_difference(&output, &numbers(&entry["output"]), &name);
        assert!(
            difference <= TOLERANCE,
            "{name}: final output differs by {difference}"
        );
        worst = worst.max(difference);
        // Every computed layer's output: the hidden states Keras returned for it.
        for layer in entry["layers"].as_array().unwrap() {
            let layer_name = layer["name"].as_str().unwrap();
            let Some(index) = keras
                .layers
                .iter()
                .find(|l| l.name == layer_name)
                .and_then(|l| l.computed)
            else {
                continue;
            };
            let ours: Vec<f32> = run.outputs[index].iter().copied().collect();
            let difference = max_difference(&ours, &numbers(&layer["output"]), layer_name);
            assert!(
                difference <= TOLERANCE,
                "{name}/{layer_name}: output differs by {difference}"
            );
            worst = worst.max(difference);
        }
    }
    println!("largest difference from Keras over every fixture and layer: {worst:e}");
}

#[test]
fn identity_layers_are_kept_in_the_summary_and_skipped_in_the_model() {
    let keras = open("k3_embedding_gru.keras").unwrap();
    let classes: Vec<&str> = keras.layers.iter().map(|l| l.class.as_str()).collect();
    assert_eq!(classes, ["Embedding", "GRU", "Dropout", "Dense"]);
    assert_eq!(keras.layers[2].computed, None);
    assert_eq!(keras.model.layers.len(), 3);
    let summary = keras.summary_text().unwrap();
    assert!(summary.contains("dropout (Dropout)"), "{summary}");
    assert!(summary.contains("gru_4 (GRU)"), "{summary}");
    let distributed = open("k3_time_distributed.keras").unwrap();
    let summary = distributed.summary_text().unwrap();
    assert!(summary.contains("time_distributed (TimeDistr"), "{summary}");
    assert!(summary.contains("spatial_dropout1d (SpatialD"), "{summary}");
}

fn total_params(summary: &str) -> u64 {
    let line = summary
        .lines()
        .find(|l| l.starts_with("Total params: "))
        .unwrap();
    line["Total params: ".len()..]
        .replace(',', "")
        .parse()
        .unwrap()
}

#[test]
fn the_summary_total_is_count_params() {
    for (name, entry) in models() {
        let keras = open(entry["file"].as_str().unwrap()).unwrap();
        let summary = keras.summary_text().unwrap();
        assert_eq!(
            total_params(&summary),
            entry["count_params"].as_u64().unwrap(),
            "{name}:\n{summary}"
        );
        // Layer names read like the user's own model.summary().
        for layer in entry["layers"].as_array().unwrap() {
            let named = format!("{} (", layer["name"].as_str().unwrap());
            assert!(
                summary.contains(&named),
                "{name}: {named} missing:\n{summary}"
            );
        }
    }
}

#[test]
fn the_quiz_model_reads_like_the_chapter() {
    let keras = open("tf2_quiz.h5").unwrap();
    let summary = keras.summary_text().unwrap();
    assert!(summary.contains("(Embedding)"), "{summary}");
    assert!(summary.contains("(None, None, 100)"), "{summary}");
    assert!(summary.contains("Total params: 529,441"), "{summary}");
}

#[test]
fn files_that_must_be_refused_are_refused_with_the_reason() {
    for file in ["keras3_reference.json", "tf2_reference.json"] {
        let reference = reference(file);
        for (name, expected) in reference["refuse"].as_object().unwrap() {
            let extension = if name.starts_with("k3_") {
                "keras"
            } else {
                "h5"
            };
            let error = open(&format!("{name}.{extension}"))
                .expect_err(name)
                .to_string();
            assert!(
                error.contains(expected.as_str().unwrap()),
                "{name}: {error:?} does not name {expected}"
            );
        }
    }
}

#[test]
fn hostile_files_end_in_errors() {
    let not_keras = open("not_keras.zip").unwrap_err();
    assert_eq!(
        not_keras,
        KerasError::MissingEntry {
            entry: "config.json"
        }
    );
    assert!(matches!(
        open("zip_bomb.keras").unwrap_err(),
        KerasError::EntryTooLarge { .. }
    ));
    let huge = open("huge_shape.keras").unwrap_err().to_string();
    assert!(huge.contains("units"), "{huge}");
    assert_eq!(
        read_keras_model(b"{\"layers\": []}").unwrap_err(),
        KerasError::NotKeras
    );
    assert_eq!(read_keras_model(b"").unwrap_err(), KerasError::NotKeras);
    let text = KerasError::NotKeras.to_string();
    assert!(text.contains("not a Keras model"), "{text}");
}

/// A small deterministic generator (xorshift64*), so every run mutates the same bytes.
struct Bytes(u64);

impl Bytes {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

#[test]
fn mutated_and_truncated_files_never_panic() {
    let mut random = Bytes(0x9E37_79B9_7F4A_7C15);
    for file in ["k3_first.keras", "tf2_first.h5", "k3_first_legacy.h5"] {
        let original = std::fs::read(fixtures().join(file)).unwrap();
        let mut refused = 0;
        for round in 0..150 {
            let mut bytes = original.clone();
            let flips = 1 + (random.next() % 8) as usize;
            for _ in 0..flips {
                let at = (random.next() % bytes.len() as u64) as usize;
                bytes[at] = (random.next() & 0xFF) as u8;
            }
            if round % 3 == 0 {
                let keep = (random.next() % bytes.len() as u64) as usize;
                bytes.truncate(keep);
            }
            // Either outcome is fine (a flipped weight byte is still a model); a panic is not.
            if read_keras_model(&bytes).is_err() {
                refused += 1;
            }
        }
        assert!(refused > 0, "{file}: some mutations must be refused");
    }
}

/// `unrolled-cli import` then `unrolled-cli run` on its case: the same final output.
#[test]
fn the_cli_imports_a_case_that_run_computes() {
    let dir = std::env::temp_dir().join(format!("unrolled-keras-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut worst = 0.0f32;
    for (name, entry) in models() {
        let inputs = dir.join(format!("{name}_inputs.json"));
        std::fs::write(&inputs, entry["inputs"].to_string()).unwrap();
        let model = fixtures().join(entry["file"].as_str().unwrap());
        let imported = Command::new(CLI)
            .arg("import")
            .arg(&model)
            .arg("--inputs")
            .arg(&inputs)
            .output()
            .unwrap();
        assert!(
            imported.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&imported.stderr)
        );
        let case = dir.join(format!("{name}_case.json"));
        std::fs::write(&case, &imported.stdout).unwrap();
        let ran = Command::new(CLI).arg("run").arg(&case).output().unwrap();
        assert!(
            ran.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&ran.stderr)
        );
        let run: Value = serde_json::from_slice(&ran.stdout).unwrap();
        let last = run["outputs"].as_array().unwrap().last().unwrap();
        let difference = max_difference(&numbers(last), &numbers(&entry["output"]), &name);
        assert!(
            difference <= TOLERANCE,
            "{name}: CLI output differs by {difference}"
        );
        worst = worst.max(difference);
    }
    std::fs::remove_dir_all(&dir).ok();
    println!("largest difference from Keras through the CLI: {worst:e}");
}

#[test]
fn the_cli_prints_the_summary_of_a_saved_model() {
    let entry = &reference("tf2_reference.json")["models"]["tf2_functional"];
    let out = Command::new(CLI)
        .arg("summary")
        .arg(fixtures().join("tf2_functional.h5"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("Model: \"chain\""), "{text}");
    assert!(text.contains("both_ways (Bidirectional)"), "{text}");
    assert_eq!(total_params(&text), entry["count_params"].as_u64().unwrap());
    let refused = Command::new(CLI)
        .arg("summary")
        .arg(fixtures().join("k3_refuse_conv1d.keras"))
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    let message = String::from_utf8(refused.stderr).unwrap();
    assert!(message.contains("(Conv1D) is not supported"), "{message}");
}

/// The page: a saved model replaces the model on the page, names and weights included;
/// the weights import still reads `.npz` zips, and a file that is no model says so.
#[test]
fn the_page_opens_a_saved_model_in_place_of_its_own() {
    for file in ["tf2_first.h5", "k3_first.keras", "tf2_quiz.h5"] {
        let bytes = std::fs::read(fixtures().join(file)).unwrap();
        let keras = read_keras_model(&bytes).unwrap();
        let state = AppState::with_preset(Lang::En, Preset::NumpyLoop);
        let imported = import(file, &bytes, &state.draft).unwrap();
        assert_eq!(imported.kind, ImportKind::KerasFile);
        assert_eq!(imported, open_model_file(&bytes).unwrap());
        let next = Rc::new(state).reduce(Action::Import(Rc::new(imported)));
        let session = next.session.clone().unwrap();
        assert_eq!(session.case.model.layers, keras.model.layers, "{file}");
        assert_eq!(
            session.case.parameters,
            CaseParameters::Weights(keras.weights.clone()),
            "{file}"
        );
    }
    let npz = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/keras_weights.npz");
    let state = AppState::with_preset(Lang::En, Preset::NumpyLoop);
    let weights = import("w.npz", &std::fs::read(npz).unwrap(), &state.draft).unwrap();
    assert_eq!(weights.kind, ImportKind::KerasNpz);
    let refused = open_model_file(&std::fs::read(fixtures().join("not_keras.zip")).unwrap());
    assert!(refused.unwrap_err().to_string().contains("config.json"));
}
