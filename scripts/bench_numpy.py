"""Times the seed chapter's numpy RNN loop at the sizes of benches/forward.rs.

    python3 scripts/bench_numpy.py                 # numpy table only
    python3 scripts/bench_numpy.py --criterion target/criterion
                                                   # plus Rust (criterion median) and ratios

The loop is the chapter's, verbatim: for each x_t, h = tanh(Wx @ x_t + Wh @ h + b), the
states collected in a list and stacked. Timed in float32 and float64; each figure is the
median of several repeats.
"""

import argparse
import json
import os
import statistics
import time

import numpy as np

SIZES = [(10, 4, 8), (100, 32, 64), (1000, 128, 256), (1000, 512, 512)]


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
    seed_loop(inputs, Wx, Wh, b, h)  # warm-up
    start = time.perf_counter()
    seed_loop(inputs, Wx, Wh, b, h)
    once = time.perf_counter() - start
    inner = max(1, int(budget / max(once, 1e-9)))
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(inner):
            seed_loop(inputs, Wx, Wh, b, h)
        samples.append((time.perf_counter() - start) / inner)
    return statistics.median(samples)


def criterion_median(root, t, d, h):
    path = os.path.join(root, "forward", f"T{t}_D{d}_H{h}", "new", "estimates.json")
    try:
        with open(path) as f:
            return json.load(f)["median"]["point_estimate"] * 1e-9
    except (OSError, KeyError, ValueError):
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
    args = parser.parse_args()
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


if __name__ == "__main__":
    main()
