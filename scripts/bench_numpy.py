"""Times numpy loops of the engine's equations at the sizes of benches/forward.rs.

    python3 scripts/bench_numpy.py                 # numpy table only
    python3 scripts/bench_numpy.py --criterion target/criterion
                                                   # plus Rust (criterion median) and ratios
    python3 scripts/bench_numpy.py --gated [--criterion target/criterion] [--wasm LOG]
                                                   # the LSTM and GRU loops instead
    ... --fastest                                  # every column's fastest run, not its median

The SimpleRNN loop is the chapter's, verbatim: for each x_t, h = tanh(Wx @ x_t + Wh @ h + b),
the states collected in a list and stacked. The LSTM and GRU loops are the same equations
as the engine's (Keras's, see lstm() and gru() below), written the way the chapter writes
its loop: one step per x_t, x_t @ kernel and h @ recurrent_kernel each step, gate blocks
sliced, states collected. Timed in float32 (and float64 for the SimpleRNN); each figure is
the median of several repeats.
"""

import argparse
import json
import os
import statistics
import time

import numpy as np

SIZES = [(10, 4, 8), (100, 32, 64), (1000, 128, 256), (1000, 512, 512)]
GATED_SIZES = [(100, 32, 64), (1000, 128, 256)]


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def lstm(inputs, kernel, recurrent_kernel, bias, units):
    """Keras's LSTM, gates i, f, c, o: c = f * c + i * tanh(z_c), h = o * tanh(c)."""
    h = np.zeros((units,), dtype=inputs.dtype)
    c = np.zeros((units,), dtype=inputs.dtype)
    states = []
    for x_t in inputs:
        z = x_t @ kernel + h @ recurrent_kernel + bias
        i = sigmoid(z[:units])
        f = sigmoid(z[units:2 * units])
        c = f * c + i * np.tanh(z[2 * units:3 * units])
        h = sigmoid(z[3 * units:]) * np.tanh(c)
        states.append(h)
    return np.stack(states, axis=0)


def gru(inputs, kernel, recurrent_kernel, bias, units):
    """Keras's GRU with reset_after, gates z, r, h and bias rows (input, recurrent)."""
    h = np.zeros((units,), dtype=inputs.dtype)
    states = []
    for x_t in inputs:
        xz = x_t @ kernel + bias[0]
        hz = h @ recurrent_kernel + bias[1]
        z = sigmoid(xz[:units] + hz[:units])
        r = sigmoid(xz[units:2 * units] + hz[units:2 * units])
        candidate = np.tanh(xz[2 * units:] + r * hz[2 * units:])
        h = z * h + (1 - z) * candidate
        states.append(h)
    return np.stack(states, axis=0)


def time_gated(cell, t, d, h, repeats=9, budget=0.2):
    rng = np.random.default_rng(0)
    gates = 4 if cell == "lstm" else 3
    inputs = rng.random((t, d)).astype(np.float32)
    kernel = (rng.random((d, gates * h)) * 0.1).astype(np.float32)
    recurrent_kernel = (rng.random((h, gates * h)) * 0.1).astype(np.float32)
    if cell == "lstm":
        bias = np.zeros(gates * h, dtype=np.float32)
        run = lambda: lstm(inputs, kernel, recurrent_kernel, bias, h)  # noqa: E731
    else:
        bias = np.zeros((2, gates * h), dtype=np.float32)
        run = lambda: gru(inputs, kernel, recurrent_kernel, bias, h)  # noqa: E731
    return median_time(run, repeats, budget)


# "median" (the default) or "fastest": which figure of the repeats every column reports.
STATISTIC = "median"


def median_time(run, repeats, budget):
    run()  # warm-up
    start = time.perf_counter()
    run()
    once = time.perf_counter() - start
    inner = max(1, int(budget / max(once, 1e-9)))
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(inner):
            run()
        samples.append((time.perf_counter() - start) / inner)
    return min(samples) if STATISTIC == "fastest" else statistics.median(samples)


def seed_loop(inputs, Wx, Wh, b, hidden_units):
    hidden_state_t = np.zeros((hidden_units,), dtype=inputs.dtype)
    total_hidden_states = []
    for input_t in inputs:
        output_t = np.tanh(np.dot(Wx, input_t) + np.dot(Wh, hidden_state_t) + b)
        total_hidden_states.append(output_t)
        hidden_state_t = output_t
    return np.stack(total_hidden_states, axis=0)


def time_one(t, d, h, dtype, repeats=9, budget=0.2):
    rng = np.random.default_rng(0)
    inputs = rng.random((t, d)).astype(dtype)
    Wx = rng.random((h, d)).astype(dtype)
    Wh = rng.random((h, h)).astype(dtype)
    b = rng.random((h,)).astype(dtype)
    return median_time(lambda: seed_loop(inputs, Wx, Wh, b, h), repeats, budget)


def criterion_median(root, t, d, h, group="forward"):
    """Criterion's median (or, with --fastest, its fastest sample) in seconds."""
    folder = os.path.join(root, group, f"T{t}_D{d}_H{h}", "new")
    try:
        if STATISTIC == "fastest":
            with open(os.path.join(folder, "sample.json")) as f:
                sample = json.load(f)
            return min(t / i for t, i in zip(sample["times"], sample["iters"])) * 1e-9
        with open(os.path.join(folder, "estimates.json")) as f:
            return json.load(f)["median"]["point_estimate"] * 1e-9
    except (OSError, KeyError, ValueError, ZeroDivisionError):
        return None


def fmt(seconds):
    if seconds is None:
        return "-"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    return f"{seconds * 1e3:.2f} ms"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--criterion", help="criterion output folder (target/criterion)")
    parser.add_argument("--gated", action="store_true", help="time the LSTM and GRU loops")
    parser.add_argument(
        "--fastest",
        action="store_true",
        help="report every column's fastest run instead of its median (steadier on a busy machine)",
    )
    parser.add_argument(
        "--wasm",
        help="output of scripts/bench-wasm.sh, to add the wasm medians and wasm / Rust",
    )
    args = parser.parse_args()
    global STATISTIC
    STATISTIC = "fastest" if args.fastest else "median"
    if args.gated:
        gated_table(args)
        return
    header = "| T, D, H | numpy f32 | numpy f64 |"
    if args.criterion:
        header += " Rust f32 | numpy f32 / Rust | numpy f64 / Rust |"
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    for t, d, h in SIZES:
        n32 = time_one(t, d, h, np.float32)
        n64 = time_one(t, d, h, np.float64)
        row = f"| {t}, {d}, {h} | {fmt(n32)} | {fmt(n64)} |"
        if args.criterion:
            rust = criterion_median(args.criterion, t, d, h)
            if rust:
                row += f" {fmt(rust)} | {n32 / rust:.1f}x | {n64 / rust:.1f}x |"
            else:
                row += " - | - | - |"
        print(row, flush=True)


def wasm_medians(path):
    """{(cell, t, d, h): seconds} from the `| lstm | 100, 32, 64 | 0.216 ms | ...` rows."""
    found = {}
    with open(path) as f:
        for line in f:
            parts = [p.strip() for p in line.strip().strip("|").split("|")]
            column = 3 if STATISTIC == "fastest" else 2
            if len(parts) == 5 and parts[0] in ("lstm", "gru") and parts[column].endswith(" ms"):
                t, d, h = (int(v) for v in parts[1].split(","))
                found[(parts[0], t, d, h)] = float(parts[column][:-3]) * 1e-3
    return found


def gated_table(args):
    wasm = wasm_medians(args.wasm) if args.wasm else {}
    header = "| cell | T, D, H | numpy f32 |"
    if args.criterion:
        header += " Rust f32 | numpy / Rust |"
    if wasm:
        header += " wasm f32 | wasm / Rust |"
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    for cell in ("lstm", "gru"):
        for t, d, h in GATED_SIZES:
            n32 = time_gated(cell, t, d, h)
            row = f"| {cell} | {t}, {d}, {h} | {fmt(n32)} |"
            rust = None
            if args.criterion:
                rust = criterion_median(os.path.join(args.criterion, "gated"), t, d, h, cell)
                row += f" {fmt(rust)} | {n32 / rust:.1f}x |" if rust else " - | - |"
            if wasm:
                w = wasm.get((cell, t, d, h))
                row += f" {fmt(w)} |" if w else " - |"
                row += f" {w / rust:.2f}x |" if w and rust else " - |"
            print(row, flush=True)


if __name__ == "__main__":
    main()
