//! Python that reproduces a case outside the browser: the seed chapter's numpy loop with
//! the weights written out, a Keras model with `set_weights`, and `PyTorch` `nn.RNN` with
//! converted weights (`weight_ih = kernelᵀ`, `weight_hh = recurrent_kernelᵀ`,
//! `bias_ih = bias`, `bias_hh = 0`).
//!
//! Each program prints one JSON line, `{"states": [...]}`: per recurrent layer a list of
//! directions (forward, then backward), each `[batch][timestep][unit]` indexed by input
//! time — the numbers the page plots.

use std::fmt::Write as _;

use ndarray::{ArrayView, Dimension};

use super::case::{CaseInputs, LayerWeights, NestedArray, RnnWeights};
use super::spec::{LayerSpec, ModelSpec};
use super::{CaseSpec, ModelError};

/// Which program to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// numpy only: the seed chapter's loop.
    Numpy,
    /// tf.keras: `Sequential` + `set_weights`.
    Keras,
    /// `PyTorch`: `nn.RNN` (`nn.Embedding`, `nn.Linear`).
    Pytorch,
}

impl Language {
    /// A file name for the download.
    #[must_use]
    pub fn file_name(self) -> &'static str {
        match self {
            Language::Numpy => "unrolled_numpy.py",
            Language::Keras => "unrolled_keras.py",
            Language::Pytorch => "unrolled_pytorch.py",
        }
    }
}

fn array<D: Dimension>(view: ArrayView<'_, f32, D>) -> String {
    serde_json::to_string(&NestedArray(view)).unwrap_or_else(|_| "[]".into())
}

fn inputs_literal(inputs: &CaseInputs) -> String {
    match inputs {
        CaseInputs::Features(x) => format!("np.array({}, dtype=np.float32)", array(x.view())),
        CaseInputs::Tokens(ids) => {
            let rows: Vec<Vec<usize>> = ids.outer_iter().map(|r| r.to_vec()).collect();
            format!(
                "np.array({}, dtype=np.int64)",
                serde_json::to_string(&rows).unwrap_or_else(|_| "[]".into())
            )
        }
    }
}

fn bias_literal(weights: &RnnWeights) -> String {
    match &weights.bias {
        Some(b) => format!("np.array({}, dtype=np.float32)", array(b.view())),
        None => format!(
            "np.zeros({}, dtype=np.float32)",
            weights.recurrent_kernel.nrows()
        ),
    }
}

fn rnn_literal(weights: &RnnWeights) -> String {
    format!(
        "(np.array({}, dtype=np.float32), np.array({}, dtype=np.float32), {})",
        array(weights.kernel.view()),
        array(weights.recurrent_kernel.view()),
        bias_literal(weights)
    )
}

const NUMPY_HELPERS: &str = r#"import json
import numpy as np

def activation(name, z):
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.maximum(z, 0)
    if name == "sigmoid":
        return 1 / (1 + np.exp(-z))
    if name == "softmax":
        e = np.exp(z - z.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)
    return z

def simple_rnn(x, weights, name, go_backwards=False):
    """The seed's loop, batched: h_t = f(x_t . kernel + h_{t-1} . recurrent_kernel + bias).
    x (batch, T, D) -> states (batch, T, units), indexed by input time."""
    kernel, recurrent_kernel, bias = weights
    batch, timesteps, _ = x.shape
    hidden_state_t = np.zeros((batch, kernel.shape[1]), dtype=np.float32)
    states = np.zeros((batch, timesteps, kernel.shape[1]), dtype=np.float32)
    order = range(timesteps - 1, -1, -1) if go_backwards else range(timesteps)
    for t in order:
        hidden_state_t = activation(name, x[:, t] @ kernel + hidden_state_t @ recurrent_kernel + bias)
        states[:, t] = hidden_state_t
    return states

def merge(mode, f, b):
    if mode == "concat":
        return np.concatenate([f, b], axis=-1)
    if mode == "sum":
        return f + b
    if mode == "mul":
        return f * b
    return (f + b) / 2
"#;

fn weights_of(case: &CaseSpec) -> Result<Vec<LayerWeights>, ModelError> {
    Ok(case.run(false)?.weights)
}

/// The program reproducing `case` in `language`.
///
/// # Errors
/// A [`ModelError`] when the case cannot be run (its weights are drawn by running it).
pub fn python(case: &CaseSpec, language: Language) -> Result<String, ModelError> {
    let weights = weights_of(case)?;
    Ok(match language {
        Language::Numpy => numpy(case, &weights),
        Language::Keras => keras(case, &weights),
        Language::Pytorch => pytorch(case, &weights),
    })
}

fn header(model: &ModelSpec, what: &str) -> String {
    let json = serde_json::to_string(model).unwrap_or_default();
    format!(
        "# Reproduces an Unrolled view with {what}; the weights and inputs are written out.\n\
         # Model document: {json}\n"
    )
}

fn numpy(case: &CaseSpec, weights: &[LayerWeights]) -> String {
    let mut out = header(&case.model, "numpy");
    out.push_str(NUMPY_HELPERS);
    let _ = writeln!(out, "\nx = {}", inputs_literal(&case.inputs));
    out.push_str("all_states = []\n");
    for (index, (layer, w)) in case.model.layers.iter().zip(weights).enumerate() {
        let _ = writeln!(out, "\n# layer {index}: {}", layer.kind());
        match (layer, w) {
            (LayerSpec::Embedding(_), LayerWeights::Embedding { embeddings }) => {
                let _ = writeln!(
                    out,
                    "embeddings = np.array({}, dtype=np.float32)\nx = embeddings[x]",
                    array(embeddings.view())
                );
            }
            (LayerSpec::SimpleRnn(rnn), LayerWeights::SimpleRnn(rw)) => {
                let act = rnn.activation.keras_name();
                let _ = writeln!(
                    out,
                    "states = simple_rnn(x, {}, \"{act}\")\nall_states.append([states.tolist()])",
                    rnn_literal(rw)
                );
                if rnn.return_sequences {
                    out.push_str("x = states\n");
                } else {
                    out.push_str("x = states[:, -1]\n");
                }
            }
            (LayerSpec::SimpleRnn(rnn), LayerWeights::Bidirectional { forward, backward }) => {
                let act = rnn.activation.keras_name();
                let mode = rnn.bidirectional.unwrap_or_default().keras_name();
                let _ = writeln!(
                    out,
                    "f = simple_rnn(x, {}, \"{act}\")\nb = simple_rnn(x, {}, \"{act}\", go_backwards=True)\nall_states.append([f.tolist(), b.tolist()])",
                    rnn_literal(forward),
                    rnn_literal(backward)
                );
                if rnn.return_sequences {
                    let _ = writeln!(out, "x = merge(\"{mode}\", f, b)");
                } else {
                    let _ = writeln!(out, "x = merge(\"{mode}\", f[:, -1], b[:, 0])");
                }
            }
            (LayerSpec::Dense(dense), LayerWeights::Dense { kernel, bias }) => {
                let bias = bias
                    .as_ref()
                    .map_or_else(|| "0".to_owned(), |b| array(b.view()));
                let _ = writeln!(
                    out,
                    "x = activation(\"{}\", x @ np.array({}, dtype=np.float32) + np.array({bias}, dtype=np.float32))",
                    dense.activation.keras_name(),
                    array(kernel.view()),
                );
            }
            _ => out.push_str("raise ValueError('weights do not match the layer')\n"),
        }
    }
    out.push_str(
        "\nprint(json.dumps({\"states\": all_states, \"output\": np.asarray(x).tolist()}))\n",
    );
    out
}

fn keras(case: &CaseSpec, weights: &[LayerWeights]) -> String {
    let mut out = header(&case.model, "tf.keras");
    out.push_str("import json\nimport numpy as np\nfrom tensorflow import keras\n\n");
    let input = case.model.input;
    let tokens = matches!(case.model.layers.first(), Some(LayerSpec::Embedding(_)));
    let t = input
        .timesteps
        .map_or_else(|| "None".to_owned(), |t| t.to_string());
    let shape = if tokens {
        format!("({t},)")
    } else {
        format!("({t}, {})", input.features.unwrap_or(1))
    };
    let dtype = if tokens { ", dtype=\"int64\"" } else { "" };
    let _ = writeln!(
        out,
        "model = keras.Sequential([keras.Input(shape={shape}{dtype})])"
    );
    for layer in &case.model.layers {
        let line = match layer {
            LayerSpec::Embedding(e) => format!("keras.layers.Embedding({}, {})", e.vocab, e.dim),
            LayerSpec::SimpleRnn(rnn) => {
                let cell = format!(
                    "keras.layers.SimpleRNN({}, activation=\"{}\", use_bias={}, return_sequences={})",
                    rnn.units,
                    rnn.activation.keras_name(),
                    py_bool(rnn.use_bias),
                    py_bool(rnn.return_sequences)
                );
                match rnn.bidirectional {
                    Some(mode) => format!(
                        "keras.layers.Bidirectional({cell}, merge_mode=\"{}\")",
                        mode.keras_name()
                    ),
                    None => cell,
                }
            }
            LayerSpec::Dense(d) => format!(
                "keras.layers.Dense({}, activation=\"{}\", use_bias={})",
                d.units,
                d.activation.keras_name(),
                py_bool(d.use_bias)
            ),
        };
        let _ = writeln!(out, "model.add({line})");
    }
    out.push_str("\ndef arr(values):\n    return np.array(values, dtype=np.float32)\n\n");
    for (index, w) in weights.iter().enumerate() {
        let list = match w {
            LayerWeights::Embedding { embeddings } => {
                format!("[arr({})]", array(embeddings.view()))
            }
            LayerWeights::SimpleRnn(rw) => rnn_list(rw),
            LayerWeights::Bidirectional { forward, backward } => {
                format!("{} + {}", rnn_list(forward), rnn_list(backward))
            }
            LayerWeights::Dense { kernel, bias } => match bias {
                Some(b) => format!("[arr({}), arr({})]", array(kernel.view()), array(b.view())),
                None => format!("[arr({})]", array(kernel.view())),
            },
        };
        let _ = writeln!(out, "model.layers[{index}].set_weights({list})");
    }
    let _ = writeln!(out, "\nx = {}", inputs_literal(&case.inputs));
    out.push_str(KERAS_STATES);
    out
}

const KERAS_STATES: &str = r#"
def hidden_states(rnn, x):
    """Every hidden state of a SimpleRNN layer, (batch, T, units), indexed by input time:
    the layer's own cell (same weights) run again with return_sequences=True.
    A go_backwards layer emits them last input first, so they are flipped back."""
    states = keras.layers.RNN(rnn.cell, return_sequences=True, go_backwards=rnn.go_backwards)(x)
    states = np.asarray(states)
    return states[:, ::-1] if rnn.go_backwards else states

# Walk the model layer by layer, keeping each recurrent layer's hidden states.
all_states = []
h = x
for layer in model.layers:
    if isinstance(layer, keras.layers.Bidirectional):
        all_states.append([hidden_states(layer.forward_layer, h).tolist(),
                           hidden_states(layer.backward_layer, h).tolist()])
    elif isinstance(layer, keras.layers.SimpleRNN):
        all_states.append([hidden_states(layer, h).tolist()])
    h = layer(h)

print(json.dumps({"states": all_states, "output": np.asarray(model(x)).tolist()}))
"#;

fn rnn_list(w: &RnnWeights) -> String {
    let mut items = vec![
        format!("arr({})", array(w.kernel.view())),
        format!("arr({})", array(w.recurrent_kernel.view())),
    ];
    if let Some(b) = &w.bias {
        items.push(format!("arr({})", array(b.view())));
    }
    format!("[{}]", items.join(", "))
}

fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

fn pytorch(case: &CaseSpec, weights: &[LayerWeights]) -> String {
    let mut out = header(&case.model, "PyTorch nn.RNN");
    out.push_str(
        "import json\nimport numpy as np\nimport torch\nfrom torch import nn\n\n\
         def t(values):\n    return torch.tensor(np.array(values, dtype=np.float32))\n\n\
         def set_direction(rnn, suffix, kernel, recurrent_kernel, bias):\n    \
         # Keras layout -> nn.RNN: weight_ih = kernel.T, weight_hh = recurrent_kernel.T;\n    \
         # Keras has one bias, nn.RNN two (they are summed): bias_ih = bias, bias_hh = 0.\n    \
         getattr(rnn, 'weight_ih_l0' + suffix).data = t(kernel).T.contiguous()\n    \
         getattr(rnn, 'weight_hh_l0' + suffix).data = t(recurrent_kernel).T.contiguous()\n    \
         if bias is not None:\n        \
         getattr(rnn, 'bias_ih_l0' + suffix).data = t(bias)\n        \
         getattr(rnn, 'bias_hh_l0' + suffix).data = torch.zeros(len(bias))\n\n\
         def manual_rnn(x, kernel, recurrent_kernel, bias, f, go_backwards=False):\n    \
         # nn.RNN knows only tanh and relu; other activations run this loop.\n    \
         kernel, recurrent_kernel = t(kernel), t(recurrent_kernel)\n    \
         bias = t(bias) if bias is not None else 0\n    \
         h = torch.zeros(x.shape[0], kernel.shape[1])\n    \
         out = [None] * x.shape[1]\n    \
         order = range(x.shape[1] - 1, -1, -1) if go_backwards else range(x.shape[1])\n    \
         for i in order:\n        \
         h = f(x[:, i] @ kernel + h @ recurrent_kernel + bias)\n        \
         out[i] = h\n    \
         return torch.stack(out, dim=1)\n\n",
    );
    let _ = writeln!(
        out,
        "x = torch.tensor({})\nall_states = []\n\nwith torch.no_grad():",
        inputs_literal(&case.inputs)
    );
    for (layer, w) in case.model.layers.iter().zip(weights) {
        match (layer, w) {
            (LayerSpec::Embedding(e), LayerWeights::Embedding { embeddings }) => {
                let _ = writeln!(
                    out,
                    "    embedding = nn.Embedding({}, {})\n    embedding.weight.data = t({})\n    x = embedding(x)",
                    e.vocab,
                    e.dim,
                    array(embeddings.view())
                );
            }
            (LayerSpec::SimpleRnn(rnn), w) => {
                let (forward, backward) = match w {
                    LayerWeights::SimpleRnn(f) => (f, None),
                    LayerWeights::Bidirectional { forward, backward } => (forward, Some(backward)),
                    _ => continue,
                };
                let units = rnn.units;
                let act = rnn.activation.keras_name();
                let bias = |w: &RnnWeights| {
                    w.bias
                        .as_ref()
                        .map_or_else(|| "None".to_owned(), |b| array(b.view()))
                };
                let lit = |w: &RnnWeights| {
                    format!(
                        "{}, {}, {}",
                        array(w.kernel.view()),
                        array(w.recurrent_kernel.view()),
                        bias(w)
                    )
                };
                if matches!(act, "tanh" | "relu") {
                    let _ = writeln!(
                        out,
                        "    rnn = nn.RNN(x.shape[-1], {units}, nonlinearity=\"{act}\", bias={}, batch_first=True, bidirectional={})",
                        py_bool(rnn.use_bias),
                        py_bool(backward.is_some())
                    );
                    let _ = writeln!(out, "    set_direction(rnn, '', {})", lit(forward));
                    if let Some(b) = backward {
                        let _ = writeln!(out, "    set_direction(rnn, '_reverse', {})", lit(b));
                    }
                    let _ = writeln!(
                        out,
                        "    seq, _ = rnn(x)\n    f, b = seq[..., :{units}], seq[..., {units}:]"
                    );
                } else {
                    let f = if act == "sigmoid" {
                        "torch.sigmoid"
                    } else {
                        "lambda z: z"
                    };
                    let _ = writeln!(out, "    f = manual_rnn(x, {}, {f})", lit(forward));
                    if let Some(b) = backward {
                        let _ = writeln!(
                            out,
                            "    b = manual_rnn(x, {}, {f}, go_backwards=True)",
                            lit(b)
                        );
                    }
                }
                if backward.is_some() {
                    out.push_str("    all_states.append([f.tolist(), b.tolist()])\n");
                    let (fl, bl) = if rnn.return_sequences {
                        ("f", "b")
                    } else {
                        ("f[:, -1]", "b[:, 0]")
                    };
                    let merged = match rnn.bidirectional.unwrap_or_default().keras_name() {
                        "concat" => format!("torch.cat([{fl}, {bl}], dim=-1)"),
                        "sum" => format!("{fl} + {bl}"),
                        "mul" => format!("{fl} * {bl}"),
                        _ => format!("({fl} + {bl}) / 2"),
                    };
                    let _ = writeln!(out, "    x = {merged}");
                } else {
                    out.push_str("    all_states.append([f.tolist()])\n");
                    let next = if rnn.return_sequences {
                        "f"
                    } else {
                        "f[:, -1]"
                    };
                    let _ = writeln!(out, "    x = {next}");
                }
            }
            (LayerSpec::Dense(d), LayerWeights::Dense { kernel, bias }) => {
                let _ = writeln!(
                    out,
                    "    dense = nn.Linear({}, {}, bias={})\n    dense.weight.data = t({}).T.contiguous()",
                    kernel.nrows(),
                    d.units,
                    py_bool(bias.is_some()),
                    array(kernel.view())
                );
                if let Some(b) = bias {
                    let _ = writeln!(out, "    dense.bias.data = t({})", array(b.view()));
                }
                let f = match d.activation.keras_name() {
                    "relu" => "torch.relu",
                    "sigmoid" => "torch.sigmoid",
                    "tanh" => "torch.tanh",
                    "softmax" => "lambda z: torch.softmax(z, dim=-1)",
                    _ => "lambda z: z",
                };
                let _ = writeln!(out, "    x = ({f})(dense(x))");
            }
            _ => {}
        }
    }
    out.push_str("\nprint(json.dumps({\"states\": all_states, \"output\": x.tolist()}))\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const CASE: &str = r#"{"input": {"timesteps": 3, "features": 2},
      "layers": [{"type": "simple_rnn", "units": 3, "return_sequences": true, "bidirectional": "sum"},
                 {"type": "simple_rnn", "units": 2, "activation": "sigmoid"},
                 {"type": "dense", "units": 1, "activation": "sigmoid"}],
      "init": {"scheme": "pytorch", "seed": 3},
      "inputs": [[[0.1, 0.2], [0.3, -0.4], [1.0, 0.5]]]}"#;

    #[test]
    fn every_language_mentions_every_layer() {
        let case = CaseSpec::from_json(CASE).unwrap();
        for language in [Language::Numpy, Language::Keras, Language::Pytorch] {
            let code = python(&case, language).unwrap();
            assert!(
                code.contains("print(json.dumps({\"states\": "),
                "{language:?}"
            );
        }
        assert!(python(&case, Language::Keras)
            .unwrap()
            .contains("merge_mode=\"sum\""));
        assert!(python(&case, Language::Pytorch)
            .unwrap()
            .contains("'_reverse'"));
    }
}
