"""Times one training epoch of every built-in task in Keras beside Unrolled's trainer.

Run from the repository root (Keras 3 with the TensorFlow backend, CPU):
    python3 scripts/bench_train_keras.py --cli target/release/unrolled-cli [--repetitions 5]
        [--cell simple_rnn|lstm|gru] [TASK ...]
(scripts/bench-train.sh builds the CLI and passes it, with its arguments). For each task,
`unrolled-cli train TASK --dump` gives the layer configs, the initial weights (Keras
`get_weights()` order), the data, the loss and the optimizer settings, and
`unrolled-cli train TASK --epochs R` Unrolled's own epoch times (the fastest is reported).
Here the same model gets the same weights and trains one epoch on the same batches: the
examples are put in Unrolled's epoch-0 order (its xoshiro256** shuffle, ported below)
and fit with shuffle=False, the same batch size, Adam with the same learning rate.

Keras is timed twice: the first fit (cold: includes building the tf.function graph) and
the fastest of R further one-epoch fits (warm; they start from the weights the previous
fit left, which costs the same). The loss columns compare epoch 0's mean training loss
of Unrolled and of Keras' first fit. They agree to 5 decimals on the float tasks. On
the token tasks they differ a little, and not because of the gradients (with SGD they
agree too): Keras 3's TF backend keeps an Embedding's gradient as tf.IndexedSlices, and
Adam's `ops.square` squares each occurrence's slice before they are summed, so for a
token that appears several times in a batch Keras' second moment is sum(g_i^2) where
textbook Adam (and Unrolled) use (sum g_i)^2.
"""
import argparse
import json
import os
import subprocess
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")

import numpy as np  # noqa: E402
import keras  # noqa: E402

TASKS = ["noisy_sine", "echo", "bit_sum", "parity", "char_model", "sentiment"]

MASK = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15
SHUFFLE_SALT = 0x5_4FF1_E000_0000  # src/train/trainer.rs


def mix(z):
    """SplitMix64 finaliser (src/rnn/init.rs splitmix64_mix)."""
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


class Prng:
    """xoshiro256** seeded by SplitMix64 (src/rnn/init.rs Prng)."""

    def __init__(self, seed):
        self.s = []
        x = seed
        for _ in range(4):
            x = (x + GOLDEN) & MASK
            self.s.append(mix(x))

    def next_u64(self):
        s = self.s
        result = (rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result


def epoch_order(seed, epoch, n):
    """src/train/trainer.rs epoch_order: Fisher-Yates with multiply-high draws."""
    rng = Prng(mix(seed ^ mix((SHUFFLE_SALT + epoch) & MASK)))
    order = list(range(n))
    for i in range(n - 1, 0, -1):
        j = (rng.next_u64() * (i + 1)) >> 64
        order[i], order[j] = order[j], order[i]
    return order


def layer(config):
    kind = config["type"]
    if kind == "embedding":
        return keras.layers.Embedding(config["vocab_size"], config["output_dim"])
    if kind in ("simple_rnn", "lstm", "gru", "bidirectional"):
        cell = config if kind != "bidirectional" else config["layer"]
        common = dict(
            activation=cell["activation"],
            use_bias=cell["use_bias"],
            return_sequences=cell["return_sequences"],
        )
        cell_kind = cell.get("type", kind)
        if cell_kind == "lstm":
            rnn = keras.layers.LSTM(
                cell["units"],
                recurrent_activation=cell["recurrent_activation"],
                unit_forget_bias=cell["unit_forget_bias"],
                **common,
            )
        elif cell_kind == "gru":
            rnn = keras.layers.GRU(
                cell["units"],
                recurrent_activation=cell["recurrent_activation"],
                reset_after=cell["reset_after"],
                **common,
            )
        else:
            rnn = keras.layers.SimpleRNN(cell["units"], **common)
        if kind != "bidirectional":
            return rnn
        return keras.layers.Bidirectional(rnn, merge_mode=config["merge_mode"])
    if kind == "dense":
        return keras.layers.Dense(
            config["units"], activation=config["activation"], use_bias=config["use_bias"]
        )
    raise ValueError(f"unknown layer {kind}")


def cli_json(cli, *args):
    out = subprocess.run([cli, *args], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def optimizer(config):
    (name, settings), = config["optimizer"].items()
    if name != "adam":
        raise ValueError(f"only Adam is benchmarked, not {name}")
    return keras.optimizers.Adam(
        settings["learning_rate"],
        beta_1=settings["beta_1"],
        beta_2=settings["beta_2"],
        epsilon=settings["epsilon"],
    )


def bench(cli, task, repetitions, cell):
    dump = cli_json(cli, "train", task, "--cell", cell, "--dump")
    ours = cli_json(cli, "train", task, "--cell", cell, "--epochs", str(repetitions))
    config = dump["config"]
    if config["clip_norm"] is not None or config["truncation"] is not None:
        raise ValueError("clipping and truncation are not benchmarked")
    tokens = dump["layers"][0]["type"] == "embedding"
    x = np.asarray(dump["inputs"], dtype=np.int32 if tokens else np.float32)
    y = np.asarray(dump["targets"], dtype=np.float32)
    order = epoch_order(config["seed"], 0, len(x))
    x, y = x[order], y[order]
    first = keras.Input(shape=x.shape[1:], dtype="int32" if tokens else "float32")
    model = keras.Sequential([first] + [layer(c) for c in dump["layers"]])
    model.set_weights([np.asarray(w, dtype=np.float32) for w in dump["initial_weights"]])
    model.compile(optimizer=optimizer(config), loss=dump["loss"])
    fit = dict(batch_size=config["batch_size"], epochs=1, shuffle=False, verbose=0)
    start = time.perf_counter()
    history = model.fit(x, y, **fit)
    cold = time.perf_counter() - start
    warm = []
    for _ in range(repetitions):
        start = time.perf_counter()
        model.fit(x, y, **fit)
        warm.append(time.perf_counter() - start)
    return {
        "task": task,
        "ours": min(e["seconds"] for e in ours["epochs"]),
        "cold": cold,
        "warm": min(warm),
        "loss_ours": ours["epochs"][0]["loss"],
        "loss_keras": history.history["loss"][0],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", default="target/release/unrolled-cli", help="unrolled-cli binary")
    parser.add_argument("--repetitions", type=int, default=5, help="epochs timed per side")
    parser.add_argument(
        "--cell", default="simple_rnn", choices=["simple_rnn", "lstm", "gru"],
        help="the recurrent layers' cell (unrolled-cli train --cell)",
    )
    parser.add_argument("tasks", nargs="*", default=TASKS)
    args = parser.parse_args()
    rows = [bench(args.cli, task, args.repetitions, args.cell) for task in args.tasks]
    print(
        f"{'task':<12} {'ours ms':>9} {'keras cold ms':>14} {'keras warm ms':>14}"
        f" {'warm/ours':>10} {'loss ours':>10} {'loss keras':>10}"
    )
    for r in rows:
        print(
            f"{r['task']:<12} {r['ours'] * 1e3:9.2f} {r['cold'] * 1e3:14.1f} {r['warm'] * 1e3:14.1f}"
            f" {r['warm'] / r['ours']:10.1f} {r['loss_ours']:10.5f} {r['loss_keras']:10.5f}"
        )


if __name__ == "__main__":
    main()
