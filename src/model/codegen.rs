//! Python that reproduces a case outside the browser: the seed chapter's numpy loop (and
//! the same loop for LSTM and GRU) with the weights written out, a Keras model with
//! `set_weights`, and `PyTorch` with converted weights (`nn.RNN`; `nn.LSTMCell` and
//! `nn.GRUCell` stepped through the sequence; hand-written loops where `PyTorch` has no
//! such layer: other activations, a GRU with `reset_after=False`).
//!
//! Conversions to `PyTorch`: `weight_ih = kernelᵀ`, `weight_hh = recurrent_kernelᵀ`; one
//! Keras bias becomes `bias_ih` with `bias_hh = 0`. The LSTM's gate rows `i, f, g, o` are
//! Keras's `i, f, c, o`; the GRU's rows `r, z, n` are Keras's `z, r, h` with the first two
//! blocks swapped, and a `reset_after` GRU's bias rows become `bias_ih` (row 0) and
//! `bias_hh` (row 1).
//!
//! Each program prints one JSON line, `{"states": [...], "cells": [...], "output": ...}`:
//! per recurrent layer a list of directions (forward, then backward), each
//! `[batch][timestep][unit]` indexed by input time — the numbers the page plots — and in
//! `cells` the LSTM's cell states the same way (`null` for other layers).

use std::fmt::Write as _;

use ndarray::{ArrayView, Dimension};

use super::case::{CaseInputs, LayerWeights, NestedArray, RnnWeights};
use super::spec::{CellKind, LayerSpec, ModelSpec, RecurrentSettings};
use super::{CaseSpec, ModelError};

/// Which program to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// numpy only: the seed chapter's loop.
    Numpy,
    /// tf.keras: `Sequential` + `set_weights`.
    Keras,
    /// `PyTorch`: `nn.RNN`, `nn.LSTMCell`, `nn.GRUCell` (`nn.Embedding`, `nn.Linear`).
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

/// The Keras bias as a literal (`None` without a bias).
fn keras_bias(weights: &RnnWeights) -> Option<String> {
    weights.keras_bias().map(|b| array(b.view()))
}

/// `(kernel, recurrent_kernel, bias)` as numpy arrays; a missing bias is zeros of Keras's
/// shape.
fn rnn_literal(weights: &RnnWeights, rnn: &RecurrentSettings) -> String {
    let n = weights.recurrent_kernel.ncols();
    let bias = keras_bias(weights).map_or_else(
        || {
            if rnn.cell == CellKind::Gru && rnn.reset_after {
                format!("np.zeros((2, {n}), dtype=np.float32)")
            } else {
                format!("np.zeros({n}, dtype=np.float32)")
            }
        },
        |b| format!("np.array({b}, dtype=np.float32)"),
    );
    format!(
        "(np.array({}, dtype=np.float32), np.array({}, dtype=np.float32), {bias})",
        array(weights.kernel.view()),
        array(weights.recurrent_kernel.view()),
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
    if name == "hard_sigmoid":
        # Keras 3: relu6(z + 3) / 6 (Keras 2 used clip(0.2 z + 0.5, 0, 1)).
        return np.clip(z + 3, 0, 6) / 6
    if name == "softmax":
        e = np.exp(z - z.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)
    return z

def order(timesteps, go_backwards):
    return range(timesteps - 1, -1, -1) if go_backwards else range(timesteps)

def simple_rnn(x, weights, act, go_backwards=False):
    """The seed's loop, batched: h_t = f(x_t . kernel + h_{t-1} . recurrent_kernel + bias).
    x (batch, T, D) -> states (batch, T, units), indexed by input time."""
    kernel, recurrent_kernel, bias = weights
    batch, timesteps, _ = x.shape
    hidden_state_t = np.zeros((batch, kernel.shape[1]), dtype=np.float32)
    states = np.zeros((batch, timesteps, kernel.shape[1]), dtype=np.float32)
    for t in order(timesteps, go_backwards):
        hidden_state_t = activation(act, x[:, t] @ kernel + hidden_state_t @ recurrent_kernel + bias)
        states[:, t] = hidden_state_t
    return states, None

def lstm(x, weights, act, rec, go_backwards=False):
    """Keras's LSTM, gate blocks i, f, c, o: z = x_t . kernel + h_{t-1} . recurrent_kernel + bias,
    c_t = f * c_{t-1} + i * act(z_c), h_t = o * act(c_t). -> (h states, c states)."""
    kernel, recurrent_kernel, bias = weights
    batch, timesteps, _ = x.shape
    u = recurrent_kernel.shape[0]
    h = np.zeros((batch, u), dtype=np.float32)
    c = np.zeros((batch, u), dtype=np.float32)
    states = np.zeros((batch, timesteps, u), dtype=np.float32)
    cells = np.zeros((batch, timesteps, u), dtype=np.float32)
    for t in order(timesteps, go_backwards):
        z = x[:, t] @ kernel + h @ recurrent_kernel + bias
        i = activation(rec, z[:, :u])
        f = activation(rec, z[:, u:2 * u])
        c = f * c + i * activation(act, z[:, 2 * u:3 * u])
        h = activation(rec, z[:, 3 * u:]) * activation(act, c)
        states[:, t], cells[:, t] = h, c
    return states, cells

def gru(x, weights, act, rec, reset_after, go_backwards=False):
    """Keras's GRU, gate blocks z, r, h: h_t = z * h_{t-1} + (1 - z) * h~, with
    h~ = act(x_t.W_h + b_h + r * (h_{t-1}.U_h + b'_h)) (reset_after, bias rows b and b')
    or act(x_t.W_h + b_h + (r * h_{t-1}).U_h) (reset before, one bias)."""
    kernel, recurrent_kernel, bias = weights
    input_bias, recurrent_bias = (bias[0], bias[1]) if reset_after else (bias, 0)
    batch, timesteps, _ = x.shape
    u = recurrent_kernel.shape[0]
    h = np.zeros((batch, u), dtype=np.float32)
    states = np.zeros((batch, timesteps, u), dtype=np.float32)
    for t in order(timesteps, go_backwards):
        xz = x[:, t] @ kernel + input_bias
        if reset_after:
            hz = h @ recurrent_kernel + recurrent_bias
        else:
            hz = h @ recurrent_kernel[:, :2 * u]
        z = activation(rec, xz[:, :u] + hz[:, :u])
        r = activation(rec, xz[:, u:2 * u] + hz[:, u:2 * u])
        if reset_after:
            candidate = activation(act, xz[:, 2 * u:] + r * hz[:, 2 * u:])
        else:
            candidate = activation(act, xz[:, 2 * u:] + (r * h) @ recurrent_kernel[:, 2 * u:])
        h = z * h + (1 - z) * candidate
        states[:, t] = h
    return states, None

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

/// The directions of a recurrent layer's weights: `(forward, backward?)`.
fn directions(w: &LayerWeights) -> Option<(&RnnWeights, Option<&RnnWeights>)> {
    match w {
        LayerWeights::SimpleRnn(f) | LayerWeights::Lstm(f) | LayerWeights::Gru(f) => {
            Some((f, None))
        }
        LayerWeights::Bidirectional { forward, backward } => Some((forward, Some(backward))),
        LayerWeights::Embedding { .. } | LayerWeights::Dense { .. } => None,
    }
}

/// The numpy call of one direction: `simple_rnn(...)`, `lstm(...)` or `gru(...)`.
fn numpy_call(
    rnn: &RecurrentSettings,
    activations: (&str, &str),
    w: &RnnWeights,
    backward: bool,
) -> String {
    let (act, rec) = activations;
    let back = if backward { ", go_backwards=True" } else { "" };
    let weights = rnn_literal(w, rnn);
    match rnn.cell {
        CellKind::SimpleRnn => format!("simple_rnn(x, {weights}, \"{act}\"{back})"),
        CellKind::Lstm => format!("lstm(x, {weights}, \"{act}\", \"{rec}\"{back})"),
        CellKind::Gru => format!(
            "gru(x, {weights}, \"{act}\", \"{rec}\", {}{back})",
            py_bool(rnn.reset_after)
        ),
    }
}

/// `(activation, recurrent_activation)` Keras names of a recurrent layer (`sigmoid` for a
/// `SimpleRNN`, which has none).
fn activation_names(layer: &LayerSpec) -> (&'static str, &'static str) {
    match layer {
        LayerSpec::Lstm(l) => (
            l.activation.keras_name(),
            l.recurrent_activation.keras_name(),
        ),
        LayerSpec::Gru(l) => (
            l.activation.keras_name(),
            l.recurrent_activation.keras_name(),
        ),
        LayerSpec::SimpleRnn(l) => (l.activation.keras_name(), "sigmoid"),
        LayerSpec::Embedding(_) | LayerSpec::Dense(_) => ("linear", "sigmoid"),
    }
}

fn numpy(case: &CaseSpec, weights: &[LayerWeights]) -> String {
    let mut out = header(&case.model, "numpy");
    out.push_str(NUMPY_HELPERS);
    let _ = writeln!(out, "\nx = {}", inputs_literal(&case.inputs));
    out.push_str("all_states = []\nall_cells = []\n");
    for (index, (layer, w)) in case.model.layers.iter().zip(weights).enumerate() {
        let _ = writeln!(out, "\n# layer {index}: {}", layer.kind());
        match (layer, w, layer.recurrent(), directions(w)) {
            (LayerSpec::Embedding(_), LayerWeights::Embedding { embeddings }, _, _) => {
                let _ = writeln!(
                    out,
                    "embeddings = np.array({}, dtype=np.float32)\nx = embeddings[x]",
                    array(embeddings.view())
                );
            }
            (_, _, Some(rnn), Some((forward, backward))) => {
                let names = activation_names(layer);
                let _ = writeln!(out, "f, fc = {}", numpy_call(&rnn, names, forward, false));
                if let Some(b) = backward {
                    let _ = writeln!(out, "b, bc = {}", numpy_call(&rnn, names, b, true));
                    out.push_str("all_states.append([f.tolist(), b.tolist()])\n");
                    out.push_str(
                        "all_cells.append(None if fc is None else [fc.tolist(), bc.tolist()])\n",
                    );
                    let mode = rnn.bidirectional.unwrap_or_default().keras_name();
                    if rnn.return_sequences {
                        let _ = writeln!(out, "x = merge(\"{mode}\", f, b)");
                    } else {
                        let _ = writeln!(out, "x = merge(\"{mode}\", f[:, -1], b[:, 0])");
                    }
                } else {
                    out.push_str("all_states.append([f.tolist()])\n");
                    out.push_str("all_cells.append(None if fc is None else [fc.tolist()])\n");
                    out.push_str(if rnn.return_sequences {
                        "x = f\n"
                    } else {
                        "x = f[:, -1]\n"
                    });
                }
            }
            (LayerSpec::Dense(dense), LayerWeights::Dense { kernel, bias }, _, _) => {
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
        "\nprint(json.dumps({\"states\": all_states, \"cells\": all_cells, \"output\": np.asarray(x).tolist()}))\n",
    );
    out
}

/// The Keras layer of a recurrent spec (without its `Bidirectional` wrapper).
fn keras_recurrent(layer: &LayerSpec) -> Option<String> {
    Some(match layer {
        LayerSpec::SimpleRnn(l) => format!(
            "keras.layers.SimpleRNN({}, activation=\"{}\", use_bias={}, return_sequences={})",
            l.units,
            l.activation.keras_name(),
            py_bool(l.use_bias),
            py_bool(l.return_sequences)
        ),
        LayerSpec::Lstm(l) => format!(
            "keras.layers.LSTM({}, activation=\"{}\", recurrent_activation=\"{}\", use_bias={}, unit_forget_bias={}, return_sequences={})",
            l.units,
            l.activation.keras_name(),
            l.recurrent_activation.keras_name(),
            py_bool(l.use_bias),
            py_bool(l.unit_forget_bias),
            py_bool(l.return_sequences)
        ),
        LayerSpec::Gru(l) => format!(
            "keras.layers.GRU({}, activation=\"{}\", recurrent_activation=\"{}\", use_bias={}, reset_after={}, return_sequences={})",
            l.units,
            l.activation.keras_name(),
            l.recurrent_activation.keras_name(),
            py_bool(l.use_bias),
            py_bool(l.reset_after),
            py_bool(l.return_sequences)
        ),
        LayerSpec::Embedding(_) | LayerSpec::Dense(_) => return None,
    })
}

fn keras(case: &CaseSpec, weights: &[LayerWeights]) -> String {
    let mut out = header(&case.model, "tf.keras");
    out.push_str(
        "import json\nimport numpy as np\nimport tensorflow as tf\nfrom tensorflow import keras\n\n",
    );
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
        let line = match (layer, keras_recurrent(layer), layer.recurrent()) {
            (LayerSpec::Embedding(e), _, _) => {
                format!("keras.layers.Embedding({}, {})", e.vocab, e.dim)
            }
            (LayerSpec::Dense(d), _, _) => format!(
                "keras.layers.Dense({}, activation=\"{}\", use_bias={})",
                d.units,
                d.activation.keras_name(),
                py_bool(d.use_bias)
            ),
            (_, Some(cell), Some(rnn)) => match rnn.bidirectional {
                Some(mode) => format!(
                    "keras.layers.Bidirectional({cell}, merge_mode=\"{}\")",
                    mode.keras_name()
                ),
                None => cell,
            },
            (_, _, _) => "keras.layers.Identity()".to_owned(),
        };
        let _ = writeln!(out, "model.add({line})");
    }
    out.push_str("\ndef arr(values):\n    return np.array(values, dtype=np.float32)\n\n");
    for (index, w) in weights.iter().enumerate() {
        let list = match (w, directions(w)) {
            (LayerWeights::Embedding { embeddings }, _) => {
                format!("[arr({})]", array(embeddings.view()))
            }
            (LayerWeights::Dense { kernel, bias }, _) => match bias {
                Some(b) => format!("[arr({}), arr({})]", array(kernel.view()), array(b.view())),
                None => format!("[arr({})]", array(kernel.view())),
            },
            (_, Some((forward, None))) => rnn_list(forward),
            (_, Some((forward, Some(backward)))) => {
                format!("{} + {}", rnn_list(forward), rnn_list(backward))
            }
            (_, None) => "[]".to_owned(),
        };
        let _ = writeln!(out, "model.layers[{index}].set_weights({list})");
    }
    let _ = writeln!(out, "\nx = {}", inputs_literal(&case.inputs));
    out.push_str(KERAS_STATES);
    out
}

const KERAS_STATES: &str = r#"
class StatesCell(keras.layers.Layer):
    """Runs a layer's own cell (same weights) and emits h_t, or [h_t, c_t] for an LSTM."""

    def __init__(self, cell):
        super().__init__()
        self.cell = cell
        self.lstm = isinstance(cell, keras.layers.LSTMCell)
        self.state_size = cell.state_size
        self.output_size = 2 * cell.units if self.lstm else cell.units

    def call(self, inputs, states, training=False):
        h, new_states = self.cell(inputs, states, training=training)
        if self.lstm:
            return tf.concat([new_states[0], new_states[1]], axis=-1), new_states
        return h, new_states

def layer_states(rnn, x):
    """(h, c or None) of a recurrent layer, each (batch, T, units), indexed by input time:
    the layer's own cell run again with return_sequences=True. A go_backwards layer
    emits them last input first, so they are flipped back."""
    out = keras.layers.RNN(StatesCell(rnn.cell), return_sequences=True,
                           go_backwards=rnn.go_backwards)(x)
    out = np.asarray(out)
    if rnn.go_backwards:
        out = out[:, ::-1]
    units = rnn.cell.units
    if isinstance(rnn.cell, keras.layers.LSTMCell):
        return out[..., :units], out[..., units:]
    return out, None

def listed(values):
    return None if values[0] is None else [v.tolist() for v in values]

# Walk the model layer by layer, keeping each recurrent layer's hidden (and cell) states.
RECURRENT = (keras.layers.SimpleRNN, keras.layers.LSTM, keras.layers.GRU)
all_states = []
all_cells = []
h = x
for layer in model.layers:
    if isinstance(layer, keras.layers.Bidirectional):
        (fh, fc), (bh, bc) = layer_states(layer.forward_layer, h), layer_states(layer.backward_layer, h)
        all_states.append([fh.tolist(), bh.tolist()])
        all_cells.append(listed([fc, bc]))
    elif isinstance(layer, RECURRENT):
        fh, fc = layer_states(layer, h)
        all_states.append([fh.tolist()])
        all_cells.append(listed([fc]))
    h = layer(h)

print(json.dumps({"states": all_states, "cells": all_cells, "output": np.asarray(model(x)).tolist()}))
"#;

fn rnn_list(w: &RnnWeights) -> String {
    let mut items = vec![
        format!("arr({})", array(w.kernel.view())),
        format!("arr({})", array(w.recurrent_kernel.view())),
    ];
    if let Some(b) = keras_bias(w) {
        items.push(format!("arr({b})"));
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

const PYTORCH_HELPERS: &str = r#"import json
import numpy as np
import torch
from torch import nn

def t(values):
    return torch.tensor(np.array(values, dtype=np.float32))

def f_of(name):
    """A Keras activation as a torch function (hard_sigmoid: Keras 3's relu6(z + 3) / 6,
    which is torch's hardsigmoid)."""
    return {"tanh": torch.tanh, "sigmoid": torch.sigmoid, "relu": torch.relu,
            "hard_sigmoid": nn.functional.hardsigmoid,
            "softmax": lambda z: torch.softmax(z, dim=-1)}.get(name, lambda z: z)

def order(timesteps, go_backwards):
    return range(timesteps - 1, -1, -1) if go_backwards else range(timesteps)

def set_direction(rnn, suffix, kernel, recurrent_kernel, bias):
    # Keras layout -> nn.RNN: weight_ih = kernel.T, weight_hh = recurrent_kernel.T;
    # Keras has one bias, nn.RNN two (they are summed): bias_ih = bias, bias_hh = 0.
    getattr(rnn, 'weight_ih_l0' + suffix).data = t(kernel).T.contiguous()
    getattr(rnn, 'weight_hh_l0' + suffix).data = t(recurrent_kernel).T.contiguous()
    if bias is not None:
        getattr(rnn, 'bias_ih_l0' + suffix).data = t(bias)
        getattr(rnn, 'bias_hh_l0' + suffix).data = torch.zeros(len(bias))

def manual_rnn(x, kernel, recurrent_kernel, bias, f, go_backwards=False):
    # nn.RNN knows only tanh and relu; other activations run this loop.
    kernel, recurrent_kernel = t(kernel), t(recurrent_kernel)
    bias = t(bias) if bias is not None else 0
    h = torch.zeros(x.shape[0], kernel.shape[1])
    out = [None] * x.shape[1]
    for i in order(x.shape[1], go_backwards):
        h = f(x[:, i] @ kernel + h @ recurrent_kernel + bias)
        out[i] = h
    return torch.stack(out, dim=1), None

def lstm(x, kernel, recurrent_kernel, bias, act, rec, go_backwards=False):
    """Keras's LSTM. With tanh and sigmoid it is nn.LSTMCell (gate rows i, f, g, o = Keras's
    i, f, c, o; weight_ih = kernel.T, weight_hh = recurrent_kernel.T, bias_ih = bias,
    bias_hh = 0); other activations run the same equations by hand. -> (h, c) per step."""
    kernel, recurrent_kernel = t(kernel), t(recurrent_kernel)
    u = recurrent_kernel.shape[0]
    bias = t(bias) if bias is not None else torch.zeros(4 * u)
    h, c = torch.zeros(x.shape[0], u), torch.zeros(x.shape[0], u)
    cell = None
    if act == "tanh" and rec == "sigmoid":
        cell = nn.LSTMCell(kernel.shape[0], u)
        cell.weight_ih.data, cell.weight_hh.data = kernel.T.contiguous(), recurrent_kernel.T.contiguous()
        cell.bias_ih.data, cell.bias_hh.data = bias, torch.zeros(4 * u)
    hs, cs = [None] * x.shape[1], [None] * x.shape[1]
    for i in order(x.shape[1], go_backwards):
        if cell is not None:
            h, c = cell(x[:, i], (h, c))
        else:
            z = x[:, i] @ kernel + h @ recurrent_kernel + bias
            gate, a = f_of(rec), f_of(act)
            c = gate(z[:, u:2 * u]) * c + gate(z[:, :u]) * a(z[:, 2 * u:3 * u])
            h = gate(z[:, 3 * u:]) * a(c)
        hs[i], cs[i] = h, c
    return torch.stack(hs, dim=1), torch.stack(cs, dim=1)

def swap(m):
    """Keras's gate blocks z, r, h <-> PyTorch's r, z, n (the last axis)."""
    u = m.shape[-1] // 3
    return torch.cat([m[..., u:2 * u], m[..., :u], m[..., 2 * u:]], dim=-1)

def gru(x, kernel, recurrent_kernel, bias, act, rec, reset_after, go_backwards=False):
    """Keras's GRU. With reset_after, tanh and sigmoid it is nn.GRUCell (rows r, z, n:
    weight_ih = swap(kernel).T, weight_hh = swap(recurrent_kernel).T, bias_ih = swap(bias[0]),
    bias_hh = swap(bias[1])); otherwise (no nn.GRU resets before the product) the same
    equations by hand."""
    kernel, recurrent_kernel = t(kernel), t(recurrent_kernel)
    u = recurrent_kernel.shape[0]
    if bias is None:
        bias = torch.zeros((2, 3 * u)) if reset_after else torch.zeros(3 * u)
    else:
        bias = t(bias)
    input_bias, recurrent_bias = (bias[0], bias[1]) if reset_after else (bias, 0)
    h = torch.zeros(x.shape[0], u)
    cell = None
    if reset_after and act == "tanh" and rec == "sigmoid":
        cell = nn.GRUCell(kernel.shape[0], u)
        cell.weight_ih.data = swap(kernel).T.contiguous()
        cell.weight_hh.data = swap(recurrent_kernel).T.contiguous()
        cell.bias_ih.data, cell.bias_hh.data = swap(input_bias), swap(recurrent_bias)
    hs = [None] * x.shape[1]
    gate, a = f_of(rec), f_of(act)
    for i in order(x.shape[1], go_backwards):
        if cell is not None:
            h = cell(x[:, i], h)
        else:
            xz = x[:, i] @ kernel + input_bias
            hz = h @ recurrent_kernel + recurrent_bias
            z = gate(xz[:, :u] + hz[:, :u])
            r = gate(xz[:, u:2 * u] + hz[:, u:2 * u])
            if reset_after:
                n = a(xz[:, 2 * u:] + r * hz[:, 2 * u:])
            else:
                n = a(xz[:, 2 * u:] + (r * h) @ recurrent_kernel[:, 2 * u:])
            h = z * h + (1 - z) * n
        hs[i] = h
    return torch.stack(hs, dim=1), None

def listed(values):
    return None if values[0] is None else [v.tolist() for v in values]

"#;

/// The torch call of one direction of a gated layer, or of a `SimpleRNN` without `nn.RNN`.
fn torch_call(
    rnn: &RecurrentSettings,
    activations: (&str, &str),
    w: &RnnWeights,
    backward: bool,
) -> String {
    let (act, rec) = activations;
    let back = if backward { ", go_backwards=True" } else { "" };
    let bias = keras_bias(w).unwrap_or_else(|| "None".to_owned());
    let weights = format!(
        "{}, {}, {bias}",
        array(w.kernel.view()),
        array(w.recurrent_kernel.view())
    );
    match rnn.cell {
        CellKind::SimpleRnn => format!("manual_rnn(x, {weights}, f_of(\"{act}\"){back})"),
        CellKind::Lstm => format!("lstm(x, {weights}, \"{act}\", \"{rec}\"{back})"),
        CellKind::Gru => format!(
            "gru(x, {weights}, \"{act}\", \"{rec}\", {}{back})",
            py_bool(rnn.reset_after)
        ),
    }
}

fn pytorch(case: &CaseSpec, weights: &[LayerWeights]) -> String {
    let mut out = header(&case.model, "PyTorch");
    out.push_str(PYTORCH_HELPERS);
    let _ = writeln!(
        out,
        "x = torch.tensor({})\nall_states = []\nall_cells = []\n\nwith torch.no_grad():",
        inputs_literal(&case.inputs)
    );
    for (layer, w) in case.model.layers.iter().zip(weights) {
        match (layer, w, layer.recurrent(), directions(w)) {
            (LayerSpec::Embedding(e), LayerWeights::Embedding { embeddings }, _, _) => {
                let _ = writeln!(
                    out,
                    "    embedding = nn.Embedding({}, {})\n    embedding.weight.data = t({})\n    x = embedding(x)",
                    e.vocab,
                    e.dim,
                    array(embeddings.view())
                );
            }
            (_, _, Some(rnn), Some((forward, backward))) => {
                let names = activation_names(layer);
                let units = rnn.units;
                let act = names.0;
                if rnn.cell == CellKind::SimpleRnn && matches!(act, "tanh" | "relu") {
                    let lit = |w: &RnnWeights| {
                        format!(
                            "{}, {}, {}",
                            array(w.kernel.view()),
                            array(w.recurrent_kernel.view()),
                            keras_bias(w).unwrap_or_else(|| "None".to_owned())
                        )
                    };
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
                        "    seq, _ = rnn(x)\n    f, fc = seq[..., :{units}], None\n    b, bc = seq[..., {units}:], None"
                    );
                } else {
                    let _ = writeln!(
                        out,
                        "    f, fc = {}",
                        torch_call(&rnn, names, forward, false)
                    );
                    if let Some(b) = backward {
                        let _ = writeln!(out, "    b, bc = {}", torch_call(&rnn, names, b, true));
                    }
                }
                if backward.is_some() {
                    out.push_str("    all_states.append([f.tolist(), b.tolist()])\n");
                    out.push_str("    all_cells.append(listed([fc, bc]))\n");
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
                    out.push_str("    all_cells.append(listed([fc]))\n");
                    let next = if rnn.return_sequences {
                        "f"
                    } else {
                        "f[:, -1]"
                    };
                    let _ = writeln!(out, "    x = {next}");
                }
            }
            (LayerSpec::Dense(d), LayerWeights::Dense { kernel, bias }, _, _) => {
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
                let _ = writeln!(
                    out,
                    "    x = f_of(\"{}\")(dense(x))",
                    d.activation.keras_name()
                );
            }
            _ => out.push_str("    raise ValueError('weights do not match the layer')\n"),
        }
    }
    out.push_str(
        "\nprint(json.dumps({\"states\": all_states, \"cells\": all_cells, \"output\": x.tolist()}))\n",
    );
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
