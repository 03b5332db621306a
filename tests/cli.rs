//! `unrolled-cli` end to end: spawned as a process on good and bad files.
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
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const CLI: &str = env!("CARGO_BIN_EXE_unrolled-cli");

fn examples(name: &str) -> String {
    format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// A fresh scratch file for one test.
fn scratch(test: &str, contents: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("unrolled-cli-test-{}", std::process::id()));
    fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(test);
    fs::write(&path, contents).expect("write scratch file");
    path
}

fn run(args: &[&str]) -> Output {
    Command::new(CLI)
        .args(args)
        .output()
        .expect("spawn unrolled-cli")
}

fn run_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(CLI)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn unrolled-cli");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 stdout")
}

/// The one-line error on stderr of a run that must fail with exit code 2.
fn failure(output: &Output) -> String {
    let stderr = String::from_utf8(output.stderr.clone()).expect("UTF-8 stderr");
    assert_eq!(output.status.code(), Some(2), "stderr: {stderr}");
    assert!(output.stdout.is_empty(), "nothing on stdout on failure");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("backtrace"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    stderr.trim_end().to_string()
}

const QUIZ_SUMMARY: &str = "\
Model: \"sequential_5\"
_________________________________________________________________
 Layer (type)                Output Shape              Param #   
=================================================================
 embedding (Embedding)       (None, None, 100)         500000    
                                                                 
 simple_rnn_8 (SimpleRNN)    (None, 128)               29312     
                                                                 
 dense (Dense)               (None, 1)                 129       
                                                                 
=================================================================
Total params: 529,441
Trainable params: 529,441
Non-trainable params: 0
_________________________________________________________________
";

#[test]
fn help_and_version() {
    let help = run(&["--help"]);
    assert!(help.status.success());
    assert!(stdout(&help).contains("unrolled-cli summary [--format keras|pytorch] FILE"));
    let version = run(&["--version"]);
    assert!(version.status.success());
    assert_eq!(
        stdout(&version),
        format!("unrolled-cli {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(
        failure(&run(&[])),
        "unrolled-cli: no command given; run `unrolled-cli --help` for usage"
    );
    assert_eq!(
        failure(&run(&["explain", "x.json"])),
        "unrolled-cli: unknown command `explain`; run `unrolled-cli --help` for usage"
    );
    assert_eq!(
        failure(&run(&["summary"])),
        "unrolled-cli: `summary` needs a FILE (or `-` for standard input); run `unrolled-cli --help` for usage"
    );
    assert_eq!(
        failure(&run(&["summary", "--format", "onnx", "x.json"])),
        "unrolled-cli: unknown format `onnx`; use `keras` or `pytorch`; run `unrolled-cli --help` for usage"
    );
    assert_eq!(
        failure(&run(&["summary", "--trace", "x.json"])),
        "unrolled-cli: unknown option `--trace` for `summary`; run `unrolled-cli --help` for usage"
    );
    assert_eq!(
        failure(&run(&["summary", "a.json", "b.json"])),
        "unrolled-cli: `summary` takes one FILE, got a second: `b.json`; run `unrolled-cli --help` for usage"
    );
}

#[test]
fn summary_of_a_model_file_and_of_stdin() {
    let output = run(&["summary", &examples("quiz_model.json")]);
    assert!(output.status.success());
    assert_eq!(stdout(&output), QUIZ_SUMMARY);
    let text = fs::read(examples("quiz_model.json")).expect("example");
    let piped = run_with_stdin(&["summary", "-"], &text);
    assert!(piped.status.success());
    assert_eq!(stdout(&piped), QUIZ_SUMMARY);
}

#[test]
fn summary_of_case_documents() {
    for example in ["hello_case.json", "bidirectional_case.json"] {
        let output = run(&["summary", &examples(example)]);
        assert!(output.status.success(), "{example}");
        assert!(stdout(&output).starts_with("Model: \"sequential\"\n"));
    }
}

#[test]
fn summary_with_pytorch_counts() {
    let output = run(&[
        "summary",
        "--format",
        "pytorch",
        &examples("quiz_model.json"),
    ]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.contains(" simple_rnn_8 (SimpleRNN)    (None, 128)               29440     \n"));
    assert!(text.contains("Total params: 529,569\n"));
    assert!(text.contains("nn.RNN adds two bias vectors (bias_ih and bias_hh)"));
}

#[test]
fn empty_and_malformed_files() {
    let empty = scratch("empty.json", b"");
    assert_eq!(
        failure(&run(&["summary", empty.to_str().expect("path")])),
        format!(
            "unrolled-cli: {}: the document is not valid JSON (line 1, column 0): EOF while parsing a value",
            empty.display()
        )
    );
    let broken = scratch(
        "broken.json",
        b"{\"layers\": [\n  {\"type\": \"dense\",, }\n]}",
    );
    assert_eq!(
        failure(&run(&["summary", broken.to_str().expect("path")])),
        format!(
            "unrolled-cli: {}: the document is not valid JSON (line 2, column 20): key must be a string",
            broken.display()
        )
    );
    let binary = scratch("binary.json", &[0xff, 0xfe, 0x00, 0x7b]);
    assert_eq!(
        failure(&run(&["summary", binary.to_str().expect("path")])),
        format!(
            "unrolled-cli: {}: not UTF-8 text; save the document as UTF-8 JSON",
            binary.display()
        )
    );
}

#[test]
fn missing_files_and_directories() {
    let error = failure(&run(&["summary", "/no/such/model.json"]));
    assert!(
        error.starts_with("unrolled-cli: /no/such/model.json: cannot read it: "),
        "{error}"
    );
    let dir = std::env::temp_dir();
    assert_eq!(
        failure(&run(&["summary", dir.to_str().expect("path")])),
        format!("unrolled-cli: {}: not a regular file", dir.display())
    );
}

#[test]
fn a_one_gigabyte_file_is_refused_quickly_without_reading_it() {
    let path = scratch("huge.json", b"");
    let file = fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .expect("open");
    file.set_len(1 << 30).expect("sparse file");
    let start = Instant::now();
    let error = failure(&run(&["summary", path.to_str().expect("path")]));
    assert!(start.elapsed() < Duration::from_secs(5));
    assert_eq!(
        error,
        format!(
            "unrolled-cli: {}: the file has 1073741824 bytes, more than the limit of 67108864 (64 MiB); remove unneeded numbers or use \"init\" instead of explicit weights",
            path.display()
        )
    );
    fs::remove_file(&path).expect("clean up");
}

#[test]
fn too_much_on_stdin_is_refused() {
    let big = vec![b' '; 64 * 1024 * 1024 + 10];
    assert_eq!(
        failure(&run_with_stdin(&["summary", "-"], &big)),
        "unrolled-cli: -: the file has 67108865 bytes, more than the limit of 67108864 (64 MiB); remove unneeded numbers or use \"init\" instead of explicit weights"
    );
}

#[test]
fn a_sequence_of_ten_million_timesteps_is_refused_quickly() {
    let model = r#"{"input": {"timesteps": 10000000, "features": 1}, "layers": [{"type": "simple_rnn", "units": 4}]}"#;
    let start = Instant::now();
    assert_eq!(
        failure(&run_with_stdin(&["summary", "-"], model.as_bytes())),
        "unrolled-cli: -: input: \"timesteps\" is 10000000, more than the limit of 10000; use a smaller value"
    );
    // The same length given as inputs (40 MB of JSON) is read, then refused.
    let mut case = String::from(
        r#"{"input": {"features": 1}, "layers": [{"type": "simple_rnn", "units": 4}], "init": {"scheme": "keras"}, "inputs": [["#,
    );
    case.push_str(&vec!["[0]"; 10_000_000].join(","));
    case.push_str("]]}");
    assert_eq!(
        failure(&run_with_stdin(&["run", "-"], case.as_bytes())),
        "unrolled-cli: -: inputs: \"timesteps\" is 10000000, more than the limit of 10000; use a smaller value"
    );
    // Generous: debug builds on a shared machine parse 40 MB slowly.
    assert!(start.elapsed() < Duration::from_mins(1));
}

#[test]
fn unknown_fields_and_wrong_shapes_name_their_place() {
    let unknown = scratch(
        "unknown.json",
        br#"{"input": {"features": 2}, "layers": [{"type": "dense", "units": 1, "size": 3}]}"#,
    );
    assert_eq!(
        failure(&run(&["summary", unknown.to_str().expect("path")])),
        format!(
            "unrolled-cli: {}: at `layers[0].size` (line 1, column 74): unknown field `size`, expected one of `type`, `name`, `units`, `vocab`, `dim`, `activation`, `use_bias`, `return_sequences`, `bidirectional`",
            unknown.display()
        )
    );
    let text = fs::read_to_string(examples("hello_case.json")).expect("example");
    let wrong = text.replace("[[1.0], [-1.0]]", "[[1.0, 2.0], [-1.0, 0.0]]");
    let path = scratch("wrong_shape.json", wrong.as_bytes());
    assert_eq!(
        failure(&run(&["run", path.to_str().expect("path")])),
        format!(
            "unrolled-cli: {}: layer 2 (dense): weight \"kernel\" should have shape (2, 1) but has shape (2, 2)",
            path.display()
        )
    );
}

#[test]
fn run_needs_a_case_document() {
    assert_eq!(
        failure(&run(&["run", &examples("quiz_model.json")])),
        format!(
            "unrolled-cli: {}: this is a model document; `run` needs a case, which also has \"weights\" or \"init\", and \"inputs\"",
            examples("quiz_model.json")
        )
    );
}

#[test]
fn run_prints_outputs_and_weights_as_json() {
    let output = run(&["run", &examples("hello_case.json")]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.starts_with(
        r#"{"outputs":[[[[0.46211717,-0.14888504],[0.45113823,0.24451326],[0.78371453,0.26924115]]],"#
    ), "{text}");
    assert!(text.ends_with(
        r#""weights":[{"kernel":[[0.5,-0.25],[0.1,0.3]],"recurrent_kernel":[[0.9,-0.1],[0.2,0.7]],"bias":[0.0,0.1]},{"kernel":[[1.0],[-1.0]],"bias":[0.5]}]}
"#
    ));
    let json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert!(json.get("trace").is_none());
}

#[test]
fn run_with_trace_and_with_a_seeded_init() {
    let output = run(&["run", "--trace", &examples("bidirectional_case.json")]);
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    let outputs = json["outputs"].as_array().expect("outputs");
    assert_eq!(outputs.len(), 4);
    // Embedding (2, 4, 3), concat (2, 4, 8), ave (2, 2), softmax (2, 3).
    assert_eq!(outputs[1][0].as_array().map(Vec::len), Some(4));
    assert_eq!(outputs[1][0][0].as_array().map(Vec::len), Some(8));
    assert_eq!(outputs[3][1].as_array().map(Vec::len), Some(3));
    let weights = json["weights"].as_array().expect("weights");
    assert!(weights[1]["backward"]["recurrent_kernel"].is_array());
    let trace = json["trace"].as_array().expect("trace");
    assert!(trace[0].is_null());
    let step = &trace[2]["backward"][1][3];
    for key in [
        "x_t",
        "h_{t-1}",
        "x_t·kernel",
        "h_{t-1}·recurrent_kernel",
        "bias",
        "z_t",
        "h_t",
    ] {
        assert!(step[key].is_array(), "{key}");
    }
}

#[test]
fn train_runs_a_task_and_refuses_bad_arguments() {
    let out = run(&["train", "bit_sum", "--epochs", "3", "--weights"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let epochs = json["epochs"].as_array().expect("epochs");
    assert_eq!(epochs.len(), 3);
    let loss = |i: usize| epochs[i]["loss"].as_f64().expect("loss");
    assert!(loss(2) < loss(0), "{epochs:?}");
    assert!(json["weights"].as_array().is_some_and(|w| !w.is_empty()));
    let dump = run(&["train", "sentiment", "--dump"]);
    let dump: serde_json::Value = serde_json::from_str(&stdout(&dump)).expect("JSON");
    assert_eq!(dump["layers"][0]["type"], "embedding");
    assert_eq!(dump["loss"], "binary_crossentropy");
    for (args, words) in [
        (&["train"][..], "needs a TASK"),
        (&["train", "poetry"][..], "unknown task `poetry`"),
        (&["train", "echo", "parity"][..], "one TASK"),
        (&["train", "echo", "--epochs", "0"][..], "from 1 to 1000"),
        (&["train", "echo", "--epochs", "lots"][..], "from 1 to 1000"),
        (&["train", "echo", "--fast"][..], "unknown option `--fast`"),
    ] {
        let message = failure(&run(args));
        assert!(message.contains(words), "{args:?}: {message}");
    }
}
