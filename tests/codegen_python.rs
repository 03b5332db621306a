//! The generated Python reproduces the page: the numpy and Keras programs are run with
//! `python3` and their hidden states compared with the engine's; all three programs,
//! `PyTorch`'s included, are byte-compiled. Each part is skipped (with a note) when python3,
//! numpy or Keras is missing.
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

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use unrolled::app::domain::layers::recurrent_layers;
use unrolled::app::domain::presets::Preset;
use unrolled::app::domain::session::Session;
use unrolled::app::i18n::Lang;
use unrolled::app::state::AppState;
use unrolled::model::codegen::{python, Language};
use unrolled::rnn::Direction;

fn have_numpy() -> bool {
    Command::new("python3")
        .args(["-c", "import numpy"])
        .status()
        .is_ok_and(|s| s.success())
}

/// `python3` with TensorFlow's C++ logging silenced and no GPU searched for.
fn keras_python() -> Command {
    let mut command = Command::new("python3");
    command
        .env("TF_CPP_MIN_LOG_LEVEL", "3")
        .env("CUDA_VISIBLE_DEVICES", "");
    command
}

fn have_keras() -> bool {
    keras_python()
        .args(["-c", "from tensorflow import keras"])
        .output()
        .is_ok_and(|out| out.status.success())
}

fn run_python(code: &str) -> String {
    let mut child = Command::new("python3")
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(code.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "python failed");
    String::from_utf8(out.stdout).unwrap()
}

/// Checks the `states` a program printed against `session`'s (the engine's for
/// `preset`), within `1e-4`; returns the largest difference seen.
fn compare_states(preset: Preset, session: &Session, printed: &serde_json::Value) -> f64 {
    let layers = recurrent_layers(&session.model);
    let states = printed["states"].as_array().unwrap();
    assert_eq!(states.len(), layers.len(), "{preset:?}");
    let (batch, _) = session.dims();
    let mut max_difference = 0.0_f64;
    for (layer, py) in layers.iter().zip(states) {
        let directions: &[Direction] = if layer.bidirectional {
            &[Direction::Forward, Direction::Backward]
        } else {
            &[Direction::Forward]
        };
        let py = py.as_array().unwrap();
        assert_eq!(py.len(), directions.len(), "{preset:?}");
        for (d, py_dir) in directions.iter().zip(py) {
            for example in 0..batch {
                let ours = session.states(layer.stack_index, *d, example).unwrap();
                for ((t, u), value) in ours.indexed_iter() {
                    let theirs = py_dir[example][t][u].as_f64().unwrap();
                    let difference = (f64::from(*value) - theirs).abs();
                    assert!(
                        difference < 1e-4,
                        "{preset:?} layer {} {d:?} b{example} t{t} u{u}: {value} vs {theirs}",
                        layer.stack_index
                    );
                    max_difference = max_difference.max(difference);
                }
            }
        }
    }
    max_difference
}

#[test]
fn numpy_code_reproduces_every_preset() {
    if !have_numpy() {
        println!("note: python3 with numpy not found; generated numpy code not run");
        return;
    }
    for preset in Preset::ALL {
        let state = AppState::with_preset(Lang::En, preset);
        let session = state.session.unwrap();
        let code = python(&session.case, Language::Numpy).unwrap();
        let printed: serde_json::Value = serde_json::from_str(run_python(&code).trim()).unwrap();
        compare_states(preset, &session, &printed);
    }
}

/// Runs every preset's Keras program in one python process (importing TensorFlow takes
/// seconds): each program is written to a file and run in turn by `runpy`, printing one
/// JSON line.
#[test]
fn keras_code_reproduces_every_preset() {
    if !have_keras() {
        println!("note: python3 with keras not found; generated Keras code not run");
        return;
    }
    let dir = std::env::temp_dir().join(format!("unrolled-keras-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sessions =
        Preset::ALL.map(|preset| AppState::with_preset(Lang::En, preset).session.unwrap());
    let paths: Vec<PathBuf> = Preset::ALL
        .iter()
        .zip(&sessions)
        .map(|(preset, session)| {
            let path = dir.join(format!("{}.py", preset.id()));
            std::fs::write(&path, python(&session.case, Language::Keras).unwrap()).unwrap();
            path
        })
        .collect();
    let out = keras_python()
        .args([
            "-c",
            "import runpy, sys\nfor path in sys.argv[1:]:\n    runpy.run_path(path, run_name='__main__')",
        ])
        .args(&paths)
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "keras failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), Preset::ALL.len(), "one JSON line per program");
    for ((preset, session), line) in Preset::ALL.into_iter().zip(&sessions).zip(lines) {
        let printed: serde_json::Value = serde_json::from_str(line).unwrap();
        let max_difference = compare_states(preset, session, &printed);
        println!("{preset:?}: Keras states within {max_difference:.1e} of the engine's");
    }
}

#[test]
fn keras_and_pytorch_code_compiles() {
    if Command::new("python3").arg("--version").output().is_err() {
        println!("note: python3 not found; generated code not compiled");
        return;
    }
    let dir = std::env::temp_dir().join(format!("unrolled-codegen-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for preset in [Preset::DeepBidirectional, Preset::Quiz, Preset::Diagram] {
        let state = AppState::with_preset(Lang::En, preset);
        let case = &state.session.as_ref().unwrap().case;
        for language in [Language::Keras, Language::Pytorch, Language::Numpy] {
            let path = dir.join(language.file_name());
            std::fs::write(&path, python(case, language).unwrap()).unwrap();
            let status = Command::new("python3")
                .args(["-m", "py_compile"])
                .arg(&path)
                .status()
                .unwrap();
            assert!(status.success(), "{preset:?} {language:?}");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
