//! `unrolled-cli`: prints the Keras summary of a model or case document, runs cases, and
//! trains the built-in tasks (for benchmarks and reference runs).
//!
//! Argument parsing is hand-written (three subcommands, a few flags). All input checks live in
//! `unrolled::model`; this file only reads files, prints, and turns errors into words.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use unrolled::keras::{read_keras_model, KerasModel};
use unrolled::model::limits::MAX_DOCUMENT_BYTES;
use unrolled::model::{CaseRun, CellKind, Document, ModelError};
use unrolled::train::{TaskKind, TrainError, Trainer, TrainerConfig};

const USAGE: &str = "\
unrolled-cli: inspect and run Unrolled model documents

Usage:
  unrolled-cli summary [--format keras|pytorch] FILE
  unrolled-cli import MODEL.keras|MODEL.h5 [--inputs INPUTS.json]
  unrolled-cli run [--trace] FILE
  unrolled-cli train TASK [--cell simple_rnn|lstm|gru] [--epochs N] [--weights] [--dump]
  unrolled-cli --help
  unrolled-cli --version

Commands:
  summary   print model.summary() as tf.keras 2 prints it, for a model or case document
            or a saved Keras model (.keras or .h5, with its own layer names);
            --format pytorch counts parameters as PyTorch's modules do
  import    read a saved Keras model (.keras zip or .h5) and print its case document:
            the model and its trained weights, and with --inputs the inputs from
            INPUTS.json ([batch][timesteps][features] numbers, or [batch][timesteps]
            token ids for a model that starts with an Embedding), which `run` computes
  run       compute a case document (model + weights or init + inputs) and print JSON
            {\"outputs\": [...], \"weights\": [...]}; --trace adds each cell's internals
            (SimpleRNN: x_t·kernel, h_{t-1}·recurrent_kernel, bias, z_t, h_t; LSTM and GRU:
            every gate's input part, recurrent part, bias, pre-activation and value, the
            LSTM's c_{t-1}, c_t and the GRU's reset product, per step)

  train     train the built-in TASK (noisy_sine, echo, bit_sum, parity, char_model,
            sentiment) with its default model and settings for N epochs (default 5);
            --cell picks the recurrent layers' cell (default simple_rnn) and print JSON {\"epochs\": [{\"epoch\", \"loss\", \"accuracy\", \"seconds\"}], ...};
            --weights adds the trained weights (Keras get_weights() order);
            --dump prints the task's data, layers and initial weights instead (for
            training the same model elsewhere, e.g. scripts/bench_train_keras.py)

FILE is a JSON document or, for `summary`, a saved Keras model; `-` reads standard input.
Files are limited to 64 MiB.
Exit status: 0 on success, 2 when the arguments or the document are wrong.
";

/// Everything that can stop the command line, each turned into one sentence on stderr.
#[derive(Debug, thiserror::Error)]
enum CliError {
    /// Training a built-in task failed.
    #[error("training failed: {0}")]
    Train(TrainError),
    /// The arguments do not form a command.
    #[error("{0}; run `unrolled-cli --help` for usage")]
    Usage(String),
    /// The file could not be opened or read.
    #[error("{file}: cannot read it: {source}")]
    Read {
        /// The file as given.
        file: String,
        /// Why.
        source: io::Error,
    },
    /// The path is a directory or another non-file.
    #[error("{file}: not a regular file")]
    NotAFile {
        /// The file as given.
        file: String,
    },
    /// The file is larger than the document limit.
    #[error("{file}: the file has {bytes} bytes, more than the limit of {max} (64 MiB); remove unneeded numbers or use \"init\" instead of explicit weights")]
    TooLarge {
        /// The file as given.
        file: String,
        /// Its size, or the limit plus one when read from a stream.
        bytes: u64,
        /// The limit.
        max: u64,
    },
    /// The file is not UTF-8 text.
    #[error("{file}: not UTF-8 text; save the document as UTF-8 JSON")]
    NotText {
        /// The file as given.
        file: String,
    },
    /// The document is wrong.
    #[error("{file}: {source}")]
    Document {
        /// The file as given.
        file: String,
        /// What is wrong.
        source: Box<ModelError>,
    },
    /// The saved Keras model cannot be opened.
    #[error("{file}: {source}")]
    Keras {
        /// The file as given.
        file: String,
        /// Why.
        source: Box<unrolled::keras::KerasError>,
    },
    /// The case could not be computed (NaN, or a trace too large).
    #[error("{file}: {source}")]
    Run {
        /// The file as given.
        file: String,
        /// What went wrong.
        source: Box<ModelError>,
    },
}

/// The `train` command's JSON.
mod training {
    use std::time::Instant;

    use ndarray::ArrayViewD;
    use serde_json::{json, Value};
    use unrolled::train::{TrainError, Trainer};

    /// `a` as nested JSON lists.
    fn nested(a: ArrayViewD<'_, f32>) -> Value {
        match a.ndim() {
            0 => json!(a.iter().next().copied().unwrap_or(0.0)),
            _ => Value::Array(a.outer_iter().map(nested).collect()),
        }
    }

    /// Every weight tensor as nested lists, in Keras `get_weights()` order.
    fn weights_json(trainer: &Trainer) -> Value {
        let params = trainer.network().parameters();
        Value::Array(params.iter().map(|w| nested(w.view())).collect())
    }

    /// The task's data, model and initial weights.
    pub fn dump(trainer: &Trainer) -> Value {
        let data = trainer.dataset();
        let inputs = match &data.inputs {
            unrolled::train::TaskInputs::Features(x) => nested(x.view().into_dyn()),
            unrolled::train::TaskInputs::Tokens(t) => Value::Array(
                t.outer_iter()
                    .map(|row| row.iter().map(|&id| json!(id)).collect())
                    .collect(),
            ),
        };
        json!({
            "config": trainer.config(),
            "layers": trainer.config().layer_configs(data),
            "loss": data.loss,
            "inputs": inputs,
            "targets": nested(data.targets.view()),
            "batches_per_epoch": trainer.batches_per_epoch(),
            "initial_weights": weights_json(trainer),
        })
    }

    /// Trains `epochs` epochs and reports each with its wall-clock time.
    pub fn run(mut trainer: Trainer, epochs: usize, weights: bool) -> Result<Value, TrainError> {
        let mut rows = Vec::with_capacity(epochs);
        for _ in 0..epochs {
            let start = Instant::now();
            let record = trainer.train_epoch()?;
            let seconds = start.elapsed().as_secs_f64();
            rows.push(json!({
                "epoch": record.epoch,
                "loss": record.loss,
                "accuracy": record.accuracy,
                "seconds": seconds,
            }));
        }
        let mut out = json!({
            "task": trainer.config().task.kind,
            "cell": trainer.config().cell,
            "batches_per_epoch": trainer.batches_per_epoch(),
            "examples": trainer.dataset().examples(),
            "epochs": rows,
        });
        if weights {
            out["weights"] = weights_json(&trainer);
        }
        Ok(out)
    }
}

/// The summary's parameter counting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CountFormat {
    Keras,
    Pytorch,
}

/// A parsed command line.
#[derive(Debug, PartialEq, Eq)]
enum Command {
    Help,
    Version,
    Summary {
        file: String,
        format: CountFormat,
    },
    Run {
        file: String,
        trace: bool,
    },
    Import {
        file: String,
        inputs: Option<String>,
    },
    Train {
        task: TaskKind,
        cell: CellKind,
        epochs: usize,
        weights: bool,
        dump: bool,
    },
}

fn parse_args(args: &[String]) -> Result<Command, CliError> {
    let usage = |message: String| Err(CliError::Usage(message));
    let Some(first) = args.first() else {
        return usage("no command given".to_string());
    };
    match first.as_str() {
        "-h" | "--help" | "help" => return Ok(Command::Help),
        "-V" | "--version" => return Ok(Command::Version),
        "summary" | "run" => {}
        "import" => return parse_import(&args[1..]),
        "train" => return parse_train(&args[1..]),
        other => return usage(format!("unknown command `{other}`")),
    }
    let mut file: Option<String> = None;
    let mut format = CountFormat::Keras;
    let mut trace = false;
    let mut rest = args[1..].iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--trace" if first == "run" => trace = true,
            "--format" if first == "summary" => {
                format = match rest.next().map(String::as_str) {
                    Some("keras") => CountFormat::Keras,
                    Some("pytorch") => CountFormat::Pytorch,
                    Some(other) => {
                        return usage(format!(
                            "unknown format `{other}`; use `keras` or `pytorch`"
                        ))
                    }
                    None => return usage("`--format` needs `keras` or `pytorch`".to_string()),
                }
            }
            flag if flag.starts_with("--format=") && first == "summary" => {
                return usage(format!(
                    "write `--format {}` with a space",
                    &flag["--format=".len()..]
                ));
            }
            flag if flag.starts_with('-') && flag != "-" => {
                return usage(format!("unknown option `{flag}` for `{first}`"));
            }
            path => {
                if file.is_some() {
                    return usage(format!("`{first}` takes one FILE, got a second: `{path}`"));
                }
                file = Some(path.to_string());
            }
        }
    }
    let Some(file) = file else {
        return usage(format!(
            "`{first}` needs a FILE (or `-` for standard input)"
        ));
    };
    Ok(if first == "summary" {
        Command::Summary { file, format }
    } else {
        Command::Run { file, trace }
    })
}

fn parse_import(args: &[String]) -> Result<Command, CliError> {
    let usage = |message: String| Err(CliError::Usage(message));
    let mut file = None;
    let mut inputs = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--inputs" => match rest.next() {
                Some(path) => inputs = Some(path.clone()),
                None => return usage("`--inputs` needs a JSON file".to_string()),
            },
            flag if flag.starts_with('-') && flag != "-" => {
                return usage(format!("unknown option `{flag}` for `import`"));
            }
            path => {
                if file.is_some() {
                    return usage(format!("`import` takes one FILE, got a second: `{path}`"));
                }
                file = Some(path.to_string());
            }
        }
    }
    match file {
        Some(file) => Ok(Command::Import { file, inputs }),
        None => usage("`import` needs a saved Keras model (.keras or .h5)".to_string()),
    }
}

/// Most epochs `train` runs (each takes well under a second for the built-in tasks).
const MAX_EPOCHS: usize = 1000;

fn parse_train(args: &[String]) -> Result<Command, CliError> {
    let usage = |message: String| Err(CliError::Usage(message));
    let mut task = None;
    let mut cell = CellKind::SimpleRnn;
    let mut epochs = 5;
    let mut dump = false;
    let mut weights = false;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--dump" => dump = true,
            "--weights" => weights = true,
            "--cell" => {
                cell = match rest.next().map(|name| CellKind::from_name(name)) {
                    Some(Some(kind)) => kind,
                    Some(None) | None => {
                        return usage("`--cell` needs `simple_rnn`, `lstm` or `gru`".to_string())
                    }
                }
            }
            "--epochs" => {
                epochs = match rest.next().map(|n| n.parse::<usize>()) {
                    Some(Ok(n)) if (1..=MAX_EPOCHS).contains(&n) => n,
                    _ => return usage(format!("`--epochs` needs a number from 1 to {MAX_EPOCHS}")),
                }
            }
            flag if flag.starts_with('-') => {
                return usage(format!("unknown option `{flag}` for `train`"));
            }
            name => {
                let parsed: Result<TaskKind, _> =
                    serde_json::from_value(serde_json::Value::String(name.to_string()));
                match (parsed, task) {
                    (Ok(kind), None) => task = Some(kind),
                    (Ok(_), Some(_)) => return usage(format!("`train` takes one TASK, got a second: `{name}`")),
                    (Err(_), _) => {
                        return usage(format!(
                            "unknown task `{name}`; use noisy_sine, echo, bit_sum, parity, char_model or sentiment"
                        ))
                    }
                }
            }
        }
    }
    match task {
        Some(task) => Ok(Command::Train {
            task,
            cell,
            epochs,
            weights,
            dump,
        }),
        None => usage("`train` needs a TASK".to_string()),
    }
}

/// Reads a whole file, refusing anything over the limit before reading it.
fn read_bytes(file: &str) -> Result<Vec<u8>, CliError> {
    let read_error = |source| CliError::Read {
        file: file.to_string(),
        source,
    };
    let too_large = |bytes| CliError::TooLarge {
        file: file.to_string(),
        bytes,
        max: MAX_DOCUMENT_BYTES,
    };
    let mut bytes = Vec::new();
    if file == "-" {
        io::stdin()
            .lock()
            .take(MAX_DOCUMENT_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(read_error)?;
    } else {
        let metadata = std::fs::metadata(Path::new(file)).map_err(read_error)?;
        if !metadata.is_file() {
            return Err(CliError::NotAFile {
                file: file.to_string(),
            });
        }
        if metadata.len() > MAX_DOCUMENT_BYTES {
            return Err(too_large(metadata.len()));
        }
        File::open(file)
            .map_err(read_error)?
            .take(MAX_DOCUMENT_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(read_error)?;
    }
    let length = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if length > MAX_DOCUMENT_BYTES {
        return Err(too_large(length));
    }
    Ok(bytes)
}

/// Reads a whole document as UTF-8 text.
fn read_document(file: &str) -> Result<String, CliError> {
    String::from_utf8(read_bytes(file)?).map_err(|_| CliError::NotText {
        file: file.to_string(),
    })
}

/// Whether the bytes are a zip or an HDF5 file (a saved Keras model), not a JSON document.
fn is_keras_file(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK") || unrolled::keras::looks_like_hdf5(bytes)
}

fn open_keras(file: &str, bytes: &[u8]) -> Result<KerasModel, CliError> {
    read_keras_model(bytes).map_err(|source| CliError::Keras {
        file: file.to_string(),
        source: Box::new(source),
    })
}

fn load(file: &str) -> Result<Document, CliError> {
    let text = read_document(file)?;
    Document::from_json(&text).map_err(|source| CliError::Document {
        file: file.to_string(),
        source: Box::new(source),
    })
}

/// What a successful command prints on stdout.
enum Output {
    /// Text printed as it is.
    Text(String),
    /// A run, printed as one line of JSON.
    Run(Box<CaseRun>),
    /// Any JSON value, printed as one line.
    Json(serde_json::Value),
}

impl Output {
    fn write_to(&self, out: &mut impl Write) -> io::Result<()> {
        match self {
            Self::Text(text) => out.write_all(text.as_bytes()),
            Self::Run(run) => {
                serde_json::to_writer(&mut *out, run).map_err(io::Error::other)?;
                out.write_all(b"\n")
            }
            Self::Json(value) => {
                serde_json::to_writer(&mut *out, value).map_err(io::Error::other)?;
                out.write_all(b"\n")
            }
        }
    }
}

fn execute(command: Command) -> Result<Output, CliError> {
    match command {
        Command::Help => Ok(Output::Text(USAGE.to_string())),
        Command::Version => Ok(Output::Text(format!(
            "unrolled-cli {}\n",
            env!("CARGO_PKG_VERSION")
        ))),
        Command::Summary { file, format } => {
            let bytes = read_bytes(&file)?;
            if is_keras_file(&bytes) {
                let keras = open_keras(&file, &bytes)?;
                let text = match format {
                    CountFormat::Keras => keras.summary_text(),
                    CountFormat::Pytorch => keras.model.validate().map(|i| i.pytorch_summary_text()),
                };
                return text.map(Output::Text).map_err(|source| CliError::Document {
                    file,
                    source: Box::new(source),
                });
            }
            let text = String::from_utf8(bytes).map_err(|_| CliError::NotText { file: file.clone() })?;
            let document = Document::from_json(&text).map_err(|source| CliError::Document {
                file: file.clone(),
                source: Box::new(source),
            })?;
            let info = document
                .model()
                .validate()
                .map_err(|source| CliError::Document {
                    file: file.clone(),
                    source: Box::new(source),
                })?;
            Ok(Output::Text(match format {
                CountFormat::Keras => info.summary_text(),
                CountFormat::Pytorch => info.pytorch_summary_text(),
            }))
        }
        Command::Train {
            task,
            cell,
            epochs,
            weights,
            dump,
        } => {
            let config = TrainerConfig {
                cell,
                ..TrainerConfig::for_task(task)
            };
            let trainer = Trainer::new(config).map_err(CliError::Train)?;
            if dump {
                return Ok(Output::Json(training::dump(&trainer)));
            }
            training::run(trainer, epochs, weights).map(Output::Json).map_err(CliError::Train)
        }
        Command::Import { file, inputs } => {
            let keras = open_keras(&file, &read_bytes(&file)?)?;
            let Some(inputs_file) = inputs else {
                eprintln!("unrolled-cli: no --inputs given: the document has the model and its weights; add \"inputs\" before `unrolled-cli run`");
                return keras.document().map(Output::Json).map_err(|source| CliError::Keras {
                    file,
                    source: Box::new(source),
                });
            };
            let text = read_document(&inputs_file)?;
            let inputs: serde_json::Value = serde_json::from_str(&text).map_err(|e| CliError::Document {
                file: inputs_file.clone(),
                source: Box::new(ModelError::Syntax {
                    line: e.line(),
                    column: e.column(),
                    message: e.to_string(),
                }),
            })?;
            let case = keras.case(inputs).map_err(|source| CliError::Keras {
                file: inputs_file,
                source: Box::new(source),
            })?;
            serde_json::to_value(&case).map(Output::Json).map_err(|e| CliError::Usage(e.to_string()))
        }
        Command::Run { file, trace } => match load(&file)? {
            Document::Case(case) => case
                .run(trace)
                .map(|run| Output::Run(Box::new(run)))
                .map_err(|source| CliError::Run {
                    file,
                    source: Box::new(source),
                }),
            Document::Model(_) => Err(CliError::Document {
                file,
                source: Box::new(ModelError::WrongDocumentKind(
                    "this is a model document; `run` needs a case, which also has \"weights\" or \"init\", and \"inputs\"",
                )),
            }),
        },
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse_args(&args).and_then(execute) {
        Ok(output) => {
            let mut stdout = io::BufWriter::new(io::stdout().lock());
            match output.write_to(&mut stdout).and_then(|()| stdout.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(err) => {
                    eprintln!("unrolled-cli: cannot write the output: {err}");
                    ExitCode::from(1)
                }
            }
        }
        Err(err) => {
            eprintln!("unrolled-cli: {err}");
            ExitCode::from(2)
        }
    }
}
