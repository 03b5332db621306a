//! The generated Python reproduces the page: the numpy program is run with `python3` and
//! its hidden states compared with the engine's; the Keras and PyTorch programs are
//! byte-compiled. Skipped (with a note) when python3 or numpy is missing.

use std::io::Write;
use std::process::{Command, Stdio};

use unrolled::app::i18n::Lang;
use unrolled::app::presets::Preset;
use unrolled::app::session::recurrent_layers;
use unrolled::app::state::AppState;
use unrolled::model::codegen::{python, Language};
use unrolled::rnn::Direction;

fn have_numpy() -> bool {
    Command::new("python3")
        .args(["-c", "import numpy"])
        .status()
        .is_ok_and(|s| s.success())
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

#[test]
fn numpy_code_reproduces_every_preset() {
    if !have_numpy() {
        println!("note: python3 with numpy not found; generated numpy code not run");
        return;
    }
    for preset in Preset::ALL {
        let state = AppState::with_preset(Lang::En, preset);
        let session = state.session.clone().unwrap();
        let code = python(&session.case, Language::Numpy).unwrap();
        let printed: serde_json::Value = serde_json::from_str(run_python(&code).trim()).unwrap();
        let layers = recurrent_layers(&session.model);
        let states = printed["states"].as_array().unwrap();
        assert_eq!(states.len(), layers.len(), "{preset:?}");
        let (batch, _) = session.dims();
        for (layer, py) in layers.iter().zip(states) {
            let directions = [Direction::Forward, Direction::Backward];
            for (d, py_dir) in directions.iter().zip(py.as_array().unwrap()) {
                for example in 0..batch {
                    let ours = session.states(layer.stack_index, *d, example).unwrap();
                    for ((t, u), value) in ours.indexed_iter() {
                        let theirs = py_dir[example][t][u].as_f64().unwrap();
                        assert!(
                            (f64::from(*value) - theirs).abs() < 1e-4,
                            "{preset:?} layer {} {d:?} b{example} t{t} u{u}: {value} vs {theirs}",
                            layer.stack_index
                        );
                    }
                }
            }
        }
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
