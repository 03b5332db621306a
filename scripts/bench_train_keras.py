"""Times one training epoch of every built-in task in Keras beside Unrolled's trainer.

Run from the repository root: python3 scripts/bench_train_keras.py [repetitions]
(Keras 3 with the TensorFlow backend, CPU). It builds and runs
`cargo run --profile bench --example train_tasks_json`, which prints per task the layer
configs, the initial weights, the data in epoch 0's shuffled order and Unrolled's own
time for that epoch (fastest of `repetitions`, default 5). Here the same model gets the
same weights and trains one epoch on the same batches (shuffle=False) with the same
optimizer (Adam, the task's learning rate) and loss.

Keras is timed twice: the first fit (cold: includes building the tf.function graph) and
the fastest of `repetitions` further one-epoch fits (warm; those start from the weights
the previous fit left, which costs the same). The loss columns compare the epoch's mean
training loss of Unrolled and of Keras' first fit: with the same weights, data and
optimizer they agree to 5 decimals on the float tasks. On the token tasks they differ
a little, and not because of the gradients (with SGD they agree too): Keras 3's TF
backend keeps an Embedding's gradient as tf.IndexedSlices, and Adam's `ops.square`
squares each occurrence's slice before they are summed, so for a token that appears
several times in a batch Keras' second moment is sum(g_i^2) where textbook Adam (and
Unrolled) use (sum g_i)^2.
"""
import json
import os
import subprocess
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")

import numpy as np  # noqa: E402
import keras  # noqa: E402

REPETITIONS = int(sys.argv[1]) if len(sys.argv) > 1 else 5


def layer(config):
    kind = config["type"]
    if kind == "embedding":
        return keras.layers.Embedding(config["vocab_size"], config["output_dim"])
    if kind in ("simple_rnn", "bidirectional"):
        cell = config if kind == "simple_rnn" else config["layer"]
        rnn = keras.layers.SimpleRNN(
            cell["units"],
            activation=cell["activation"],
            use_bias=cell["use_bias"],
            return_sequences=cell["return_sequences"],
        )
        if kind == "simple_rnn":
            return rnn
        return keras.layers.Bidirectional(rnn, merge_mode=config["merge_mode"])
    if kind == "dense":
        return keras.layers.Dense(
            config["units"], activation=config["activation"], use_bias=config["use_bias"]
        )
    raise ValueError(f"unknown layer {kind}")


def array(tensor):
    return np.asarray(tensor["data"], dtype=np.float32).reshape(tensor["shape"])


def main():
    out = subprocess.run(
        ["cargo", "run", "--quiet", "--profile", "bench", "--example", "train_tasks_json", "--", str(REPETITIONS)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    tasks = json.loads(out)
    rows = []
    for task in tasks:
        inputs = task["inputs"]
        if "tokens" in inputs:
            x = np.asarray(inputs["tokens"], dtype=np.int32).reshape(inputs["shape"])
            first = keras.Input(shape=x.shape[1:], dtype="int32")
        else:
            x = array(inputs)
            first = keras.Input(shape=x.shape[1:])
        y = array(task["targets"])
        model = keras.Sequential([first] + [layer(c) for c in task["layers"]])
        model.set_weights([array(w) for w in task["weights"]])
        model.compile(optimizer=keras.optimizers.Adam(task["learning_rate"]), loss=task["loss"])
        fit = dict(batch_size=task["batch_size"], epochs=1, shuffle=False, verbose=0)
        start = time.perf_counter()
        history = model.fit(x, y, **fit)
        cold = time.perf_counter() - start
        warm = []
        for _ in range(REPETITIONS):
            start = time.perf_counter()
            model.fit(x, y, **fit)
            warm.append(time.perf_counter() - start)
        rows.append(
            (
                task["task"],
                task["ours_epoch_seconds"],
                cold,
                min(warm),
                task["ours_epoch_loss"],
                history.history["loss"][0],
            )
        )
    print(f"{'task':<12} {'ours ms':>9} {'keras cold ms':>14} {'keras warm ms':>14} {'warm/ours':>10} {'loss ours':>10} {'loss keras':>10}")
    for name, ours, cold, warm, loss_ours, loss_keras in rows:
        print(
            f"{name:<12} {ours * 1e3:9.2f} {cold * 1e3:14.1f} {warm * 1e3:14.1f} {warm / ours:10.1f} {loss_ours:10.5f} {loss_keras:10.5f}"
        )


if __name__ == "__main__":
    main()
