//! Gradient checks of the training engine against central finite differences of an
//! independent f64 forward pass, plus optimizer and training-loop checks.
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

use ndarray::{Array2, Array3, ArrayD, IxDyn};
use unrolled::rnn::{
    Activation, Dense, DenseConfig, DenseWeights, InitScheme, Input, Prng, SimpleRnn,
    SimpleRnnConfig, SimpleRnnWeights,
};
use unrolled::train::{Loss, Network, Optimizer, OptimizerConfig};

fn act64(a: Activation, z: &mut [f64]) {
    match a {
        Activation::Linear => {}
        Activation::Relu => z.iter_mut().for_each(|v| *v = v.max(0.0)),
        Activation::Sigmoid => z.iter_mut().for_each(|v| *v = 1.0 / (1.0 + (-*v).exp())),
        Activation::Tanh => z.iter_mut().for_each(|v| *v = v.tanh()),
        Activation::Softmax => {
            let m = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            for v in z.iter_mut() {
                *v = (*v - m).exp();
            }
            let s: f64 = z.iter().sum();
            for v in z.iter_mut() {
                *v /= s;
            }
        }
    }
}

/// Flat f64 parameters in `Network::parameters` order plus the layer descriptions.
struct Ref {
    rnn: Vec<(SimpleRnnConfig, usize)>,
    head: Option<DenseConfig>,
}

fn loss64(r: &Ref, p: &[Vec<f64>], x: &Array3<f32>, y: &ArrayD<f32>, loss: Loss) -> f64 {
    let (b, t, _) = x.dim();
    let mut seq: Vec<Vec<Vec<f64>>> = (0..b)
        .map(|i| {
            (0..t)
                .map(|s| {
                    x.slice(ndarray::s![i, s, ..])
                        .iter()
                        .map(|&v| f64::from(v))
                        .collect()
                })
                .collect()
        })
        .collect();
    let mut k = 0;
    let mut last_only = false;
    for (c, d) in &r.rnn {
        let h = c.units;
        let (kern, rec) = (&p[k], &p[k + 1]);
        let bias = c.use_bias.then(|| &p[k + 2]);
        k += 2 + usize::from(c.use_bias);
        for item in &mut seq {
            let mut prev = vec![0.0; h];
            for xt in item.iter_mut() {
                let mut z: Vec<f64> = (0..h)
                    .map(|j| {
                        (0..*d).map(|i| xt[i] * kern[i * h + j]).sum::<f64>()
                            + (0..h).map(|i| prev[i] * rec[i * h + j]).sum::<f64>()
                            + bias.map_or(0.0, |bb| bb[j])
                    })
                    .collect();
                act64(c.activation, &mut z);
                prev.clone_from(&z);
                *xt = z;
            }
        }
        if !c.return_sequences {
            last_only = true;
            for item in &mut seq {
                let l = item.pop().unwrap();
                *item = vec![l];
            }
        }
    }
    if let Some(c) = &r.head {
        let d = seq[0][0].len();
        let u = c.units;
        let (kern, bias) = (&p[k], c.use_bias.then(|| &p[k + 1]));
        for item in &mut seq {
            for xt in item.iter_mut() {
                let mut z: Vec<f64> = (0..u)
                    .map(|j| {
                        (0..d).map(|i| xt[i] * kern[i * u + j]).sum::<f64>()
                            + bias.map_or(0.0, |bb| bb[j])
                    })
                    .collect();
                act64(c.activation, &mut z);
                *xt = z;
            }
        }
    }
    let flat: Vec<f64> = seq.iter().flatten().flatten().copied().collect();
    let tg: Vec<f64> = y.iter().map(|&v| f64::from(v)).collect();
    assert_eq!(flat.len(), tg.len(), "last_only={last_only}");
    let n = flat.len() as f64;
    let units = *y.shape().last().unwrap() as f64;
    match loss {
        Loss::MeanSquaredError => {
            flat.iter()
                .zip(&tg)
                .map(|(a, b)| (a - b).powi(2))
                .sum::<f64>()
                / n
        }
        Loss::BinaryCrossentropy => {
            -flat
                .iter()
                .zip(&tg)
                .map(|(a, b)| b * a.ln() + (1.0 - b) * (1.0 - a).ln())
                .sum::<f64>()
                / n
        }
        Loss::CategoricalCrossentropy => {
            -flat.iter().zip(&tg).map(|(a, b)| b * a.ln()).sum::<f64>() / (n / units)
        }
    }
}

fn random(rng: &mut Prng, shape: &[usize], lo: f64, hi: f64) -> ArrayD<f32> {
    ArrayD::from_shape_fn(IxDyn(shape), |_| rng.uniform(lo, hi))
}

fn build(seed: u64, d: usize, rnn: &[SimpleRnnConfig], head: Option<DenseConfig>) -> Network {
    let mut rng = Prng::new(seed);
    let mut width = d;
    let mut layers = Vec::new();
    for c in rnn {
        let h = c.units;
        let w = SimpleRnnWeights {
            kernel: random(&mut rng, &[width, h], -0.8, 0.8)
                .into_dimensionality()
                .unwrap(),
            recurrent_kernel: random(&mut rng, &[h, h], -0.6, 0.6)
                .into_dimensionality()
                .unwrap(),
            bias: c.use_bias.then(|| {
                random(&mut rng, &[h], -0.3, 0.5)
                    .into_dimensionality()
                    .unwrap()
            }),
        };
        layers.push(SimpleRnn::new(c.clone(), w).unwrap());
        width = h;
    }
    let head = head.map(|c| {
        let w = DenseWeights {
            kernel: random(&mut rng, &[width, c.units], -0.8, 0.8)
                .into_dimensionality()
                .unwrap(),
            bias: c.use_bias.then(|| {
                random(&mut rng, &[c.units], -0.3, 0.3)
                    .into_dimensionality()
                    .unwrap()
            }),
        };
        Dense::new(c, w).unwrap()
    });
    Network::new(layers, head).unwrap()
}

fn targets(rng: &mut Prng, shape: &[usize], loss: Loss) -> ArrayD<f32> {
    match loss {
        Loss::MeanSquaredError => random(rng, shape, -1.0, 1.0),
        Loss::BinaryCrossentropy => {
            random(rng, shape, 0.0, 1.0).mapv(|v| if v > 0.5 { 1.0 } else { 0.0 })
        }
        Loss::CategoricalCrossentropy => {
            let mut t = ArrayD::zeros(IxDyn(shape));
            let u = *shape.last().unwrap();
            for mut lane in t.lanes_mut(ndarray::Axis(shape.len() - 1)) {
                lane[(rng.next_u64() % u as u64) as usize] = 1.0;
            }
            t
        }
    }
}

/// Checks every gradient of `net` against f64 central differences.
fn check(
    seed: u64,
    rnn: &[SimpleRnnConfig],
    head: Option<DenseConfig>,
    loss: Loss,
    truncation: Option<usize>,
) {
    let (b, t, d) = (2, 4, 3);
    let net = build(seed, d, rnn, head.clone());
    let mut rng = Prng::new(seed ^ 0x4d);
    let x: Array3<f32> = random(&mut rng, &[b, t, d], -1.0, 1.0)
        .into_dimensionality()
        .unwrap();
    let tape = net.forward(Input::Features(x.view())).unwrap();
    let y = targets(&mut rng, tape.prediction.shape(), loss);
    let grads = net.backward(&tape, loss, y.view(), truncation).unwrap();
    let r = Ref {
        rnn: rnn
            .iter()
            .scan(d, |w, c| {
                let i = *w;
                *w = c.units;
                Some((c.clone(), i))
            })
            .collect(),
        head,
    };
    let mut p: Vec<Vec<f64>> = net
        .parameters()
        .iter()
        .map(|a| a.iter().map(|&v| f64::from(v)).collect())
        .collect();
    let l0 = loss64(&r, &p, &x, &y, loss);
    assert!(
        (l0 - f64::from(grads.loss)).abs() < 1e-4 * (1.0 + l0.abs()),
        "loss {l0} vs {}",
        grads.loss
    );
    let analytic = grads.tensors();
    assert_eq!(analytic.len(), p.len());
    let eps = 1e-6;
    for ti in 0..p.len() {
        for j in 0..p[ti].len() {
            let orig = p[ti][j];
            p[ti][j] = orig + eps;
            let lp = loss64(&r, &p, &x, &y, loss);
            p[ti][j] = orig - eps;
            let lm = loss64(&r, &p, &x, &y, loss);
            p[ti][j] = orig;
            let numeric = (lp - lm) / (2.0 * eps);
            let a = f64::from(*analytic[ti].iter().nth(j).unwrap());
            assert!(
                (a - numeric).abs() <= 1e-4 + 1e-3 * numeric.abs(),
                "tensor {ti} index {j}: analytic {a} numeric {numeric}"
            );
        }
    }
}

fn rnn(
    units: usize,
    activation: Activation,
    use_bias: bool,
    return_sequences: bool,
) -> SimpleRnnConfig {
    SimpleRnnConfig {
        units,
        activation,
        use_bias,
        return_sequences,
    }
}

const ACTIVATIONS: [Activation; 4] = [
    Activation::Tanh,
    Activation::Relu,
    Activation::Sigmoid,
    Activation::Linear,
];

#[test]
fn single_layer_every_activation_bias_and_return_mode() {
    let mut seed = 1;
    for a in ACTIVATIONS {
        for bias in [true, false] {
            for seq in [true, false] {
                seed += 1;
                check(
                    seed,
                    &[rnn(3, a, bias, seq)],
                    None,
                    Loss::MeanSquaredError,
                    None,
                );
            }
        }
    }
}

#[test]
fn two_layer_stack_with_dense_head_every_loss() {
    let stack = [
        rnn(4, Activation::Tanh, true, true),
        rnn(3, Activation::Tanh, true, false),
    ];
    let head = |units, activation| {
        Some(DenseConfig {
            units,
            activation,
            use_bias: true,
        })
    };
    check(
        11,
        &stack,
        head(2, Activation::Linear),
        Loss::MeanSquaredError,
        None,
    );
    check(
        12,
        &stack,
        head(2, Activation::Sigmoid),
        Loss::BinaryCrossentropy,
        None,
    );
    check(
        13,
        &stack,
        head(3, Activation::Softmax),
        Loss::CategoricalCrossentropy,
        None,
    );
    for a in [Activation::Relu, Activation::Tanh, Activation::Sigmoid] {
        check(
            14,
            &stack,
            Some(DenseConfig {
                units: 2,
                activation: a,
                use_bias: false,
            }),
            Loss::MeanSquaredError,
            None,
        );
    }
}

#[test]
fn per_step_targets_through_a_dense_head_on_every_step() {
    let stack = [
        rnn(3, Activation::Tanh, true, true),
        rnn(3, Activation::Relu, false, true),
    ];
    let head = |units, activation| {
        Some(DenseConfig {
            units,
            activation,
            use_bias: true,
        })
    };
    check(
        21,
        &stack,
        head(2, Activation::Tanh),
        Loss::MeanSquaredError,
        None,
    );
    check(
        22,
        &stack,
        head(1, Activation::Sigmoid),
        Loss::BinaryCrossentropy,
        None,
    );
    check(
        23,
        &stack,
        head(3, Activation::Softmax),
        Loss::CategoricalCrossentropy,
        None,
    );
}

#[test]
fn truncated_bptt_equals_full_when_k_covers_the_sequence() {
    let stack = [
        rnn(3, Activation::Tanh, true, true),
        rnn(2, Activation::Sigmoid, true, true),
    ];
    let net = build(5, 2, &stack, None);
    let mut rng = Prng::new(9);
    let x: Array3<f32> = random(&mut rng, &[2, 5, 2], -1.0, 1.0)
        .into_dimensionality()
        .unwrap();
    let tape = net.forward(Input::Features(x.view())).unwrap();
    let y = random(&mut rng, &[2, 5, 2], -1.0, 1.0);
    let full = net
        .backward(&tape, Loss::MeanSquaredError, y.view(), None)
        .unwrap();
    for k in [5, 9] {
        let tr = net
            .backward(&tape, Loss::MeanSquaredError, y.view(), Some(k))
            .unwrap();
        for (a, b) in full.tensors().iter().zip(tr.tensors()) {
            for (u, v) in a.iter().zip(b.iter()) {
                assert!((u - v).abs() < 1e-5, "k={k}: {u} vs {v}");
            }
        }
    }
    // k = 1 cuts the recurrent path: the top layer's ‖∂L/∂h_t‖ is the direct output
    // gradient's, ‖2 (y_t - target_t) / N‖.
    let one = net
        .backward(&tape, Loss::MeanSquaredError, y.view(), Some(1))
        .unwrap();
    let pred = tape.prediction.as_sequence().unwrap();
    for t in 0..5 {
        let direct = (0..2)
            .flat_map(|b| (0..2).map(move |u| (b, u)))
            .map(|(b, u)| (2.0 * (pred[[b, t, u]] - y[[b, t, u]]) / 20.0).powi(2))
            .sum::<f32>()
            .sqrt();
        assert!((one.flow[1].norms[t] - direct).abs() < 1e-6);
    }
    assert!((full.flow[1].norms[0] - one.flow[1].norms[0]).abs() > 1e-6);
    assert_eq!(full.flow[0].norms.len(), 5);
}

/// A two-step update rule computed by hand: `(p0, g1, g2) -> p2`.
type HandUpdate<'a> = &'a dyn Fn(f64, f64, f64) -> f64;

#[test]
fn optimizers_match_hand_computed_two_steps() {
    let g1 = [0.5_f32, -1.0];
    let g2 = [0.25_f32, 2.0];
    let run = |config| {
        let mut opt = Optimizer::new(config, None);
        let mut p = ArrayD::from_shape_vec(IxDyn(&[2]), vec![1.0_f32, -2.0]).unwrap();
        for g in [g1, g2] {
            let ga = ArrayD::from_shape_vec(IxDyn(&[2]), g.to_vec()).unwrap();
            opt.step(&mut [p.view_mut()], &[ga.view()]).unwrap();
        }
        p
    };
    // Hand computation in f64 of the Keras update rules.
    let sgdm = |p0: f64, a: f64, b: f64| {
        let (lr, mu) = (0.01, 0.9);
        let v1 = -lr * a;
        let v2 = mu * v1 - lr * b;
        p0 + v1 + v2
    };
    let rms = |p0: f64, a: f64, b: f64| {
        let (lr, rho, eps) = (0.001, 0.9, 1e-7);
        let v1 = (1.0 - rho) * a * a;
        let p1 = p0 - lr * a / (v1 + eps).sqrt();
        let v2 = rho * v1 + (1.0 - rho) * b * b;
        p1 - lr * b / (v2 + eps).sqrt()
    };
    let adam = |p0: f64, a: f64, b: f64| {
        let (lr, b1, b2, eps) = (0.001, 0.9, 0.999, 1e-7);
        let (mut m, mut v, mut p) = (0.0, 0.0, p0);
        for (n, g) in [(1, a), (2, b)] {
            m += (g - m) * (1.0 - b1);
            v += (g * g - v) * (1.0 - b2);
            let alpha = lr * (1.0 - f64::powi(b2, n)).sqrt() / (1.0 - f64::powi(b1, n));
            p -= alpha * m / (v.sqrt() + eps);
        }
        p
    };
    let sgd = OptimizerConfig::Sgd {
        learning_rate: 0.01,
        momentum: 0.9,
    };
    let cases: [(OptimizerConfig, HandUpdate<'_>); 3] = [
        (sgd, &sgdm),
        (OptimizerConfig::rms_prop(), &rms),
        (OptimizerConfig::adam(), &adam),
    ];
    for (config, hand) in cases {
        let p = run(config);
        for (i, p0) in [1.0, -2.0].into_iter().enumerate() {
            let want = hand(p0, f64::from(g1[i]), f64::from(g2[i]));
            assert!(
                (f64::from(p[i]) - want).abs() < 1e-6,
                "{config:?}: {} vs {want}",
                p[i]
            );
        }
    }
    let plain = run(OptimizerConfig::sgd());
    assert!((plain[0] - (1.0 - 0.01 * 0.75)).abs() < 1e-7);
}

#[test]
fn clipping_by_global_norm_scales_to_the_limit() {
    let mut g = vec![
        ArrayD::from_elem(IxDyn(&[2]), 3.0_f32),
        ArrayD::from_elem(IxDyn(&[1]), 4.0_f32),
    ];
    let norm = unrolled::train::clip_by_global_norm(&mut g, 1.0);
    assert!((norm - 34.0_f32.sqrt()).abs() < 1e-5);
    assert!((unrolled::train::global_norm(&g) - 1.0).abs() < 1e-5);
}

#[test]
fn adam_reduces_the_loss_on_summing_sequences() {
    let mut net = Network::from_stack(
        &unrolled::rnn::Stack::init(
            1,
            &[
                unrolled::rnn::LayerConfig::SimpleRnn(rnn(8, Activation::Tanh, true, false)),
                unrolled::rnn::LayerConfig::Dense(DenseConfig {
                    units: 1,
                    activation: Activation::Linear,
                    use_bias: true,
                }),
            ],
            InitScheme::Keras,
            42,
        )
        .unwrap(),
    )
    .unwrap();
    let mut rng = Prng::new(3);
    let x: Array3<f32> = Array3::from_shape_fn((16, 5, 1), |_| rng.uniform(-0.5, 0.5));
    let y: Array2<f32> = x.sum_axis(ndarray::Axis(1));
    let mut opt = Optimizer::new(
        OptimizerConfig::Adam {
            learning_rate: 0.01,
            beta_1: 0.9,
            beta_2: 0.999,
            epsilon: 1e-7,
        },
        Some(1.0),
    );
    let mut losses = Vec::new();
    for _ in 0..20 {
        losses.push(
            net.train_step(
                &mut opt,
                Input::Features(x.view()),
                y.view().into_dyn(),
                Loss::MeanSquaredError,
                None,
            )
            .unwrap(),
        );
    }
    assert!(losses[19] < 0.5 * losses[0], "{losses:?}");
}

/// One `SimpleRNN` step in f64: `act(x · kernel + h · recurrent_kernel + bias)`.
fn step64(c: &SimpleRnnConfig, p: &[Vec<f64>], x: &[f64], h: &[f64]) -> Vec<f64> {
    let u = c.units;
    let mut z: Vec<f64> = (0..u)
        .map(|j| {
            (0..x.len()).map(|i| x[i] * p[0][i * u + j]).sum::<f64>()
                + (0..u).map(|i| h[i] * p[1][i * u + j]).sum::<f64>()
                + if c.use_bias { p[2][j] } else { 0.0 }
        })
        .collect();
    act64(c.activation, &mut z);
    z
}

/// The loss whose exact gradient is truncated BPTT: output step `s` is recomputed from
/// the state `h_{s-k}` of the unperturbed weights `frozen` (a constant), `k` steps with `p`.
fn truncated_loss64(
    c: &SimpleRnnConfig,
    p: &[Vec<f64>],
    frozen: &[Vec<f64>],
    x: &Array3<f32>,
    y: &ArrayD<f32>,
    k: usize,
) -> f64 {
    let (b, t, _) = x.dim();
    let u = c.units;
    let steps: Vec<usize> = if c.return_sequences {
        (0..t).collect()
    } else {
        vec![t - 1]
    };
    let n = (b * steps.len() * u) as f64;
    let xs = |i: usize, s: usize| -> Vec<f64> {
        x.slice(ndarray::s![i, s, ..])
            .iter()
            .map(|&v| f64::from(v))
            .collect()
    };
    let mut total = 0.0;
    for i in 0..b {
        // Unperturbed states of this batch item.
        let mut states = Vec::new();
        let mut h = vec![0.0; u];
        for s in 0..t {
            h = step64(c, frozen, &xs(i, s), &h);
            states.push(h.clone());
        }
        for (row, &s) in steps.iter().enumerate() {
            let start = (s + 1).saturating_sub(k);
            let mut h = if start == 0 {
                vec![0.0; u]
            } else {
                states[start - 1].clone()
            };
            for r in start..=s {
                h = step64(c, p, &xs(i, r), &h);
            }
            for (j, hj) in h.iter().enumerate() {
                let target = if c.return_sequences {
                    y[[i, row, j]]
                } else {
                    y[[i, j]]
                };
                total += (hj - f64::from(target)).powi(2);
            }
        }
    }
    total / n
}

#[test]
fn truncated_bptt_matches_differences_with_a_frozen_early_state() {
    for (seed, return_sequences) in [(31, true), (32, false)] {
        let c = rnn(3, Activation::Tanh, true, return_sequences);
        let net = build(seed, 2, std::slice::from_ref(&c), None);
        let mut rng = Prng::new(seed);
        let x: Array3<f32> = random(&mut rng, &[2, 6, 2], -1.0, 1.0)
            .into_dimensionality()
            .unwrap();
        let tape = net.forward(Input::Features(x.view())).unwrap();
        let y = random(&mut rng, tape.prediction.shape(), -1.0, 1.0);
        let k = 2;
        let grads = net
            .backward(&tape, Loss::MeanSquaredError, y.view(), Some(k))
            .unwrap();
        let frozen: Vec<Vec<f64>> = net
            .parameters()
            .iter()
            .map(|a| a.iter().map(|&v| f64::from(v)).collect())
            .collect();
        let mut p = frozen.clone();
        let eps = 1e-6;
        for (ti, analytic) in grads.tensors().iter().enumerate() {
            for (j, &a) in analytic.iter().enumerate() {
                let orig = p[ti][j];
                p[ti][j] = orig + eps;
                let lp = truncated_loss64(&c, &p, &frozen, &x, &y, k);
                p[ti][j] = orig - eps;
                let lm = truncated_loss64(&c, &p, &frozen, &x, &y, k);
                p[ti][j] = orig;
                let numeric = (lp - lm) / (2.0 * eps);
                assert!(
                    (f64::from(a) - numeric).abs() <= 1e-4 + 1e-3 * numeric.abs(),
                    "seq={return_sequences} tensor {ti} index {j}: {a} vs {numeric}"
                );
            }
        }
    }
}

#[test]
fn mse_through_a_softmax_head_uses_the_softmax_jacobian() {
    let stack = [rnn(3, Activation::Tanh, true, false)];
    let head = DenseConfig {
        units: 3,
        activation: Activation::Softmax,
        use_bias: true,
    };
    check(41, &stack, Some(head), Loss::MeanSquaredError, None);
}

#[test]
fn training_forward_matches_the_stack_forward() {
    use unrolled::rnn::Stack;
    let stack_cfg = [
        rnn(4, Activation::Relu, true, true),
        rnn(3, Activation::Tanh, false, false),
    ];
    let head = DenseConfig {
        units: 2,
        activation: Activation::Sigmoid,
        use_bias: true,
    };
    let net = build(51, 2, &stack_cfg, Some(head));
    let stack = Stack::new(net.stack().layers().to_vec()).unwrap();
    let x: Array3<f32> = Array3::from_shape_fn((2, 3, 2), |(b, t, d)| {
        0.1 * (b as f32) - 0.2 * (t as f32) + 0.3 * (d as f32)
    });
    let out = stack.forward(Input::Features(x.view())).unwrap();
    let tape = net.forward(Input::Features(x.view())).unwrap();
    assert_eq!(out.last(), Some(&tape.prediction));
    assert_eq!(
        Network::from_stack(&stack).unwrap().parameters(),
        net.parameters()
    );
}

#[test]
fn errors_are_typed() {
    use unrolled::train::TrainError;
    let stack_cfg = [rnn(3, Activation::Tanh, true, false)];
    let net = build(61, 2, &stack_cfg, None);
    let x = Array3::<f32>::zeros((1, 3, 2));
    let tape = net.forward(Input::Features(x.view())).unwrap();
    let y = ArrayD::<f32>::zeros(IxDyn(&[1, 3]));
    assert_eq!(
        net.backward(&tape, Loss::MeanSquaredError, y.view(), Some(0)),
        Err(TrainError::ZeroTruncation)
    );
    assert_eq!(
        net.backward(&tape, Loss::BinaryCrossentropy, y.view(), None),
        Err(TrainError::LossActivation {
            expected: Activation::Sigmoid,
            actual: None
        })
    );
    let wrong = ArrayD::<f32>::zeros(IxDyn(&[1, 4]));
    assert!(matches!(
        net.backward(&tape, Loss::MeanSquaredError, wrong.view(), None),
        Err(TrainError::Shape { .. })
    ));
    let other = build(62, 2, &[rnn(4, Activation::Tanh, true, false)], None);
    assert!(matches!(
        other.backward(&tape, Loss::MeanSquaredError, y.view(), None),
        Err(TrainError::Shape { .. })
    ));
}

#[test]
fn input_gradient_matches_differences() {
    use unrolled::train::{simple_rnn_backward, OutputGrad};
    for (seed, a, return_sequences) in [
        (71, Activation::Tanh, true),
        (72, Activation::Sigmoid, false),
        (73, Activation::Relu, true),
    ] {
        let c = rnn(3, a, true, return_sequences);
        let net = build(seed, 2, std::slice::from_ref(&c), None);
        let Some(unrolled::rnn::Layer::SimpleRnn(layer)) = net.stack().layers().first() else {
            panic!("a SimpleRNN first")
        };
        let mut rng = Prng::new(seed);
        let x: Array3<f32> = random(&mut rng, &[2, 4, 2], -1.0, 1.0)
            .into_dimensionality()
            .unwrap();
        let states = layer
            .hidden_states(x.view(), unrolled::rnn::Direction::Forward)
            .unwrap();
        // L = Σ w ⊙ output with fixed random weights w, so dL/d(output) = w.
        let out_shape: Vec<usize> = if return_sequences {
            vec![2, 4, 3]
        } else {
            vec![2, 3]
        };
        let w = random(&mut rng, &out_shape, -1.0, 1.0);
        let grad = if return_sequences {
            OutputGrad::Sequence(w.view().into_dimensionality().unwrap())
        } else {
            OutputGrad::Last(w.view().into_dimensionality().unwrap())
        };
        let back = simple_rnn_backward(layer, x.view(), states.view(), grad, None).unwrap();
        let params: Vec<Vec<f64>> = net
            .parameters()
            .iter()
            .map(|t| t.iter().map(|&v| f64::from(v)).collect())
            .collect();
        let loss = |x: &Array3<f64>| -> f64 {
            let mut total = 0.0;
            for i in 0..2 {
                let mut h = vec![0.0; 3];
                for s in 0..4 {
                    let xs: Vec<f64> = x.slice(ndarray::s![i, s, ..]).to_vec();
                    h = step64(&c, &params, &xs, &h);
                    if return_sequences || s == 3 {
                        for (j, hj) in h.iter().enumerate() {
                            let wj = if return_sequences {
                                w[[i, s, j]]
                            } else {
                                w[[i, j]]
                            };
                            total += f64::from(wj) * hj;
                        }
                    }
                }
            }
            total
        };
        let mut x64 = x.mapv(f64::from);
        let eps = 1e-6;
        for idx in ndarray::indices((2, 4, 2)) {
            let orig = x64[idx];
            x64[idx] = orig + eps;
            let lp = loss(&x64);
            x64[idx] = orig - eps;
            let lm = loss(&x64);
            x64[idx] = orig;
            let numeric = (lp - lm) / (2.0 * eps);
            let analytic = f64::from(back.input_grad[idx]);
            assert!(
                (analytic - numeric).abs() <= 1e-4 + 1e-3 * numeric.abs(),
                "{a:?} {idx:?}: {analytic} vs {numeric}"
            );
        }
    }
}

#[test]
fn changing_the_learning_rate_keeps_the_optimizer_state() {
    let net = build(81, 2, &[rnn(3, Activation::Tanh, true, false)], None);
    let x = Array3::<f32>::from_shape_fn((2, 3, 2), |(b, t, d)| (b + t + d) as f32 * 0.1);
    let y = ArrayD::<f32>::from_elem(IxDyn(&[2, 3]), 0.5);
    let step = |lr_change: Option<f32>| {
        let mut net = net.clone();
        let mut opt = Optimizer::new(OptimizerConfig::adam(), None);
        net.train_step(
            &mut opt,
            Input::Features(x.view()),
            y.view(),
            Loss::MeanSquaredError,
            None,
        )
        .unwrap();
        if let Some(lr) = lr_change {
            opt.set_learning_rate(lr);
        }
        net.train_step(
            &mut opt,
            Input::Features(x.view()),
            y.view(),
            Loss::MeanSquaredError,
            None,
        )
        .unwrap();
        (opt.iterations(), opt.config(), net.parameters())
    };
    let (iterations, config, same) = step(Some(0.001));
    assert_eq!(iterations, 2, "the step count survives");
    assert_eq!(config, OptimizerConfig::adam());
    // Setting Adam's own default rate changes nothing: the moments were kept.
    assert_eq!(same, step(None).2);
    assert_ne!(step(Some(0.1)).2, same);
}
