"""A numpy stand-in for the few parts of PyTorch the generated programs use
(src/model/codegen.rs), so tests/codegen_python.rs can run those programs where torch is not
installed (its wheels pull gigabytes of CUDA). Each layer computes the formula PyTorch's
documentation gives for it, in PyTorch's own layout:

    nn.RNN:      h' = tanh|relu(x W_ih^T + b_ih + h W_hh^T + b_hh)
    nn.LSTMCell: i, f, g, o = chunk4(x W_ih^T + b_ih + h W_hh^T + b_hh)
                 c' = sigmoid(f) c + sigmoid(i) tanh(g),  h' = sigmoid(o) tanh(c')
    nn.GRUCell:  r, z, n-parts = chunk3 of x W_ih^T + b_ih and of h W_hh^T + b_hh
                 r = sigmoid(r_x + r_h), z = sigmoid(z_x + z_h), n = tanh(n_x + r * n_h)
                 h' = (1 - z) n + z h
    nn.Linear:   x W^T + b;  nn.Embedding: W[ids];  nn.functional.hardsigmoid: relu6(x + 3) / 6

Only what the programs call is here; it is not a general replacement for torch.
"""

import contextlib

import numpy as np


class Tensor(np.ndarray):
    """A numpy array with the two torch methods the programs use."""

    def contiguous(self):
        return np.ascontiguousarray(self).view(Tensor)


def tensor(values):
    a = np.asarray(values)
    a = a.astype(np.int64 if np.issubdtype(a.dtype, np.integer) else np.float32)
    return a.view(Tensor)


def zeros(*shape):
    if len(shape) == 1 and isinstance(shape[0], tuple):
        shape = shape[0]
    return np.zeros(shape, dtype=np.float32).view(Tensor)


def stack(items, dim=0):
    return np.stack(items, axis=dim).view(Tensor)


def cat(items, dim=0):
    return np.concatenate(items, axis=dim).view(Tensor)


def tanh(x):
    return np.tanh(x).view(Tensor)


def sigmoid(x):
    return (1 / (1 + np.exp(-x))).view(Tensor)


def relu(x):
    return np.maximum(x, 0).view(Tensor)


def softmax(x, dim=-1):
    e = np.exp(x - x.max(axis=dim, keepdims=True))
    return (e / e.sum(axis=dim, keepdims=True)).view(Tensor)


@contextlib.contextmanager
def no_grad():
    yield


class Parameter:
    """Holds a tensor in `.data`, as torch's parameters do."""

    def __init__(self, value):
        self.data = value


class _Functional:
    @staticmethod
    def hardsigmoid(x):
        return (np.clip(x + 3, 0, 6) / 6).view(Tensor)


class _Module:
    def __call__(self, *args):
        return self.forward(*args)


class RNN(_Module):
    def __init__(self, input_size, hidden_size, nonlinearity="tanh", bias=True,
                 batch_first=False, bidirectional=False):
        assert batch_first
        self.hidden = hidden_size
        self.nonlinearity = nonlinearity
        self.directions = [""] + (["_reverse"] if bidirectional else [])
        for suffix in self.directions:
            setattr(self, "weight_ih_l0" + suffix, Parameter(zeros(hidden_size, input_size)))
            setattr(self, "weight_hh_l0" + suffix, Parameter(zeros(hidden_size, hidden_size)))
            if bias:
                setattr(self, "bias_ih_l0" + suffix, Parameter(zeros(hidden_size)))
                setattr(self, "bias_hh_l0" + suffix, Parameter(zeros(hidden_size)))
        self.bias = bias

    def forward(self, x):
        f = tanh if self.nonlinearity == "tanh" else relu
        outs = []
        for suffix in self.directions:
            w_ih = getattr(self, "weight_ih_l0" + suffix).data
            w_hh = getattr(self, "weight_hh_l0" + suffix).data
            b = 0
            if self.bias:
                b = getattr(self, "bias_ih_l0" + suffix).data + getattr(self, "bias_hh_l0" + suffix).data
            h = zeros(x.shape[0], self.hidden)
            out = [None] * x.shape[1]
            steps = range(x.shape[1] - 1, -1, -1) if suffix else range(x.shape[1])
            for t in steps:
                h = f(x[:, t] @ w_ih.T + h @ w_hh.T + b)
                out[t] = h
            outs.append(stack(out, dim=1))
        return cat(outs, dim=-1), None


class LSTMCell(_Module):
    def __init__(self, input_size, hidden_size):
        self.weight_ih = Parameter(zeros(4 * hidden_size, input_size))
        self.weight_hh = Parameter(zeros(4 * hidden_size, hidden_size))
        self.bias_ih = Parameter(zeros(4 * hidden_size))
        self.bias_hh = Parameter(zeros(4 * hidden_size))

    def forward(self, x, state):
        h, c = state
        gates = x @ self.weight_ih.data.T + self.bias_ih.data + h @ self.weight_hh.data.T + self.bias_hh.data
        i, f, g, o = np.split(gates, 4, axis=-1)
        c = sigmoid(f) * c + sigmoid(i) * tanh(g)
        return sigmoid(o) * tanh(c), c


class GRUCell(_Module):
    def __init__(self, input_size, hidden_size):
        self.weight_ih = Parameter(zeros(3 * hidden_size, input_size))
        self.weight_hh = Parameter(zeros(3 * hidden_size, hidden_size))
        self.bias_ih = Parameter(zeros(3 * hidden_size))
        self.bias_hh = Parameter(zeros(3 * hidden_size))

    def forward(self, x, h):
        gi = x @ self.weight_ih.data.T + self.bias_ih.data
        gh = h @ self.weight_hh.data.T + self.bias_hh.data
        ir, iz, i_n = np.split(gi, 3, axis=-1)
        hr, hz, h_n = np.split(gh, 3, axis=-1)
        r = sigmoid(ir + hr)
        z = sigmoid(iz + hz)
        n = tanh(i_n + r * h_n)
        return (1 - z) * n + z * h


class Linear(_Module):
    def __init__(self, in_features, out_features, bias=True):
        self.weight = Parameter(zeros(out_features, in_features))
        self.bias = Parameter(zeros(out_features)) if bias else None

    def forward(self, x):
        y = x @ self.weight.data.T
        return y + self.bias.data if self.bias is not None else y


class Embedding(_Module):
    def __init__(self, num_embeddings, embedding_dim):
        self.weight = Parameter(zeros(num_embeddings, embedding_dim))

    def forward(self, ids):
        return self.weight.data[np.asarray(ids)].view(Tensor)


class _Nn:
    RNN = RNN
    LSTMCell = LSTMCell
    GRUCell = GRUCell
    Linear = Linear
    Embedding = Embedding
    functional = _Functional


nn = _Nn()
