//! Gradients of every layer kind — Embedding, `SimpleRNN`, Bidirectional with each merge
//! mode, Dense anywhere — against central differences of the loss, over many random small
//! models (a property test with a fixed list of seeds).
//!
//! The engine computes in f32, so the differences use a step of 1e-2 on the f32 forward
//! pass (round-off ~1e-5, truncation ~1e-4); `ReLU` is left out here because its kink makes
//! such steps unreliable (`ReLU` is checked in f64 in `train_gradients.rs`).
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

use ndarray::{Array2, Array3, ArrayD, Axis, IxDyn};
use unrolled::rnn::{
    Activation, BidirectionalConfig, DenseConfig, EmbeddingConfig, InitScheme, Input, LayerConfig,
    MergeMode, Prng, SimpleRnnConfig, Stack,
};
use unrolled::train::{Loss, Network};

const ACTIVATIONS: [Activation; 3] = [Activation::Tanh, Activation::Sigmoid, Activation::Linear];
const MERGES: [MergeMode; 4] = [
    MergeMode::Concat,
    MergeMode::Sum,
    MergeMode::Mul,
    MergeMode::Ave,
];

/// Small integer in `0..n` from the generator.
fn pick(rng: &mut Prng, n: usize) -> usize {
    (rng.next_u64() % n as u64) as usize
}

struct Case {
    configs: Vec<LayerConfig>,
    tokens: bool,
    loss: Loss,
}

/// A random model: optional Embedding, one or two recurrent layers (each `SimpleRNN` or
/// Bidirectional with a random merge mode), sometimes a Dense between them, and a head
/// fitting a random loss.
fn random_case(rng: &mut Prng) -> Case {
    let mut configs = Vec::new();
    let tokens = pick(rng, 2) == 0;
    if tokens {
        configs.push(LayerConfig::Embedding(EmbeddingConfig {
            vocab_size: 5,
            output_dim: 3,
        }));
    }
    let depth = 1 + pick(rng, 2);
    let sequence_out = pick(rng, 2) == 0;
    for i in 0..depth {
        let last = i + 1 == depth;
        let layer = SimpleRnnConfig {
            units: 2 + pick(rng, 2),
            activation: ACTIVATIONS[pick(rng, ACTIVATIONS.len())],
            use_bias: pick(rng, 4) != 0,
            return_sequences: !last || sequence_out,
        };
        configs.push(if pick(rng, 3) == 0 {
            LayerConfig::SimpleRnn(layer)
        } else {
            LayerConfig::Bidirectional(BidirectionalConfig {
                layer,
                merge_mode: MERGES[pick(rng, MERGES.len())],
            })
        });
        if !last && pick(rng, 3) == 0 {
            configs.push(LayerConfig::Dense(DenseConfig {
                units: 3,
                activation: Activation::Tanh,
                use_bias: true,
            }));
        }
    }
    let loss = [
        Loss::MeanSquaredError,
        Loss::BinaryCrossentropy,
        Loss::CategoricalCrossentropy,
    ][pick(rng, 3)];
    let (units, activation) = match loss {
        Loss::MeanSquaredError => (2, ACTIVATIONS[pick(rng, ACTIVATIONS.len())]),
        Loss::BinaryCrossentropy => (1, Activation::Sigmoid),
        Loss::CategoricalCrossentropy => (3, Activation::Softmax),
    };
    configs.push(LayerConfig::Dense(DenseConfig {
        units,
        activation,
        use_bias: pick(rng, 4) != 0,
    }));
    Case {
        configs,
        tokens,
        loss,
    }
}

fn targets(rng: &mut Prng, shape: &[usize], loss: Loss) -> ArrayD<f32> {
    let mut t = ArrayD::from_shape_fn(IxDyn(shape), |_| rng.uniform(0.0, 1.0));
    match loss {
        Loss::MeanSquaredError => t.mapv_inplace(|v| 2.0 * v - 1.0),
        Loss::BinaryCrossentropy => t.mapv_inplace(|v| if v > 0.5 { 1.0 } else { 0.0 }),
        Loss::CategoricalCrossentropy => {
            let units = shape[shape.len() - 1];
            for mut lane in t.lanes_mut(Axis(shape.len() - 1)) {
                let hot = pick(rng, units);
                lane.iter_mut()
                    .enumerate()
                    .for_each(|(i, v)| *v = f32::from(u8::from(i == hot)));
            }
        }
    }
    t
}

/// Every weight of a random network (drawn in ±0.7 so units stay off saturation) checked
/// element by element against `(L(w + ε) - L(w - ε)) / 2ε`.
fn check_seed(seed: u64) {
    let mut rng = Prng::new(seed);
    let case = random_case(&mut rng);
    let (batch, timesteps, features) = (2, 4, 3);
    let stack = Stack::init(features, &case.configs, InitScheme::Keras, seed).unwrap();
    let mut net = Network::from_stack(&stack).unwrap();
    let params: Vec<ArrayD<f32>> = net
        .parameters()
        .iter()
        .map(|p| p.mapv(|_| rng.uniform(-0.7, 0.7)))
        .collect();
    net.set_parameters(&params).unwrap();
    let features_in: Array3<f32> =
        Array3::from_shape_fn((batch, timesteps, features), |_| rng.uniform(-1.0, 1.0));
    let tokens_in: Array2<i64> =
        Array2::from_shape_fn((batch, timesteps), |_| pick(&mut rng, 4) as i64);
    let input = if case.tokens {
        Input::Tokens(tokens_in.view())
    } else {
        Input::Features(features_in.view())
    };
    let tape = net.forward(input).unwrap();
    let y = targets(&mut rng, tape.prediction.shape(), case.loss);
    let grads = net.backward(&tape, case.loss, y.view(), None).unwrap();
    let analytic: Vec<ArrayD<f32>> = grads
        .tensors()
        .iter()
        .map(ndarray::ArrayBase::to_owned)
        .collect();
    assert_eq!(analytic.len(), params.len(), "seed {seed}");
    let loss_at = |p: &[ArrayD<f32>]| -> f64 {
        let mut n = net.clone();
        n.set_parameters(p).unwrap();
        let tape = n.forward(input).unwrap();
        f64::from(n.backward(&tape, case.loss, y.view(), None).unwrap().loss)
    };
    let eps = 1e-2_f32;
    let mut p = params.clone();
    for ti in 0..p.len() {
        for j in 0..p[ti].len() {
            let orig = p[ti].as_slice().unwrap()[j];
            p[ti].as_slice_mut().unwrap()[j] = orig + eps;
            let lp = loss_at(&p);
            p[ti].as_slice_mut().unwrap()[j] = orig - eps;
            let lm = loss_at(&p);
            p[ti].as_slice_mut().unwrap()[j] = orig;
            let numeric = (lp - lm) / (2.0 * f64::from(eps));
            let a = f64::from(analytic[ti].as_slice().unwrap()[j]);
            assert!(
                (a - numeric).abs() <= 2e-3 + 1e-2 * numeric.abs(),
                "seed {seed} {:?} {:?}: tensor {ti} index {j}: analytic {a} numeric {numeric}",
                case.configs,
                case.loss,
            );
        }
    }
}

#[test]
fn every_layer_kind_matches_finite_differences_on_random_models() {
    for seed in 1..=40 {
        check_seed(seed);
    }
}

#[test]
fn random_models_cover_every_layer_kind_and_merge_mode() {
    // The property test is only as good as the models it draws: make sure the seeds above
    // reach Embedding, both recurrent kinds, every merge mode, a Dense between recurrent
    // layers and all three losses.
    let mut seen = std::collections::HashSet::new();
    for seed in 1..=40 {
        let case = random_case(&mut Prng::new(seed));
        for (i, c) in case.configs.iter().enumerate() {
            let last = i + 1 == case.configs.len();
            seen.insert(match c {
                LayerConfig::Embedding(_) => "embedding".to_owned(),
                LayerConfig::SimpleRnn(_) => "simple_rnn".to_owned(),
                LayerConfig::Bidirectional(b) => format!("{:?}", b.merge_mode),
                LayerConfig::Dense(_) if !last => "inner dense".to_owned(),
                LayerConfig::Dense(_) => format!("{:?}", case.loss),
            });
        }
    }
    for kind in [
        "embedding",
        "simple_rnn",
        "Concat",
        "Sum",
        "Mul",
        "Ave",
        "inner dense",
        "MeanSquaredError",
        "BinaryCrossentropy",
        "CategoricalCrossentropy",
    ] {
        assert!(seen.contains(kind), "no random model has {kind}: {seen:?}");
    }
}

#[test]
fn truncated_bidirectional_equals_full_when_k_covers_the_sequence() {
    let configs = [
        LayerConfig::Bidirectional(BidirectionalConfig {
            layer: SimpleRnnConfig {
                units: 3,
                return_sequences: true,
                ..SimpleRnnConfig::default()
            },
            merge_mode: MergeMode::Concat,
        }),
        LayerConfig::Dense(DenseConfig {
            units: 1,
            activation: Activation::Linear,
            use_bias: true,
        }),
    ];
    let net =
        Network::from_stack(&Stack::init(2, &configs, InitScheme::Keras, 3).unwrap()).unwrap();
    let x = Array3::from_shape_fn((2, 5, 2), |(b, t, d)| ((b + 2 * t + 3 * d) as f32).sin());
    let y = ArrayD::from_shape_fn(IxDyn(&[2, 5, 1]), |i| (i[1] as f32) / 5.0);
    let tape = net.forward(Input::Features(x.view())).unwrap();
    let full = net
        .backward(&tape, Loss::MeanSquaredError, y.view(), None)
        .unwrap();
    let same = net
        .backward(&tape, Loss::MeanSquaredError, y.view(), Some(5))
        .unwrap();
    let cut = net
        .backward(&tape, Loss::MeanSquaredError, y.view(), Some(1))
        .unwrap();
    let diff = |a: &unrolled::train::Gradients, b: &unrolled::train::Gradients| {
        a.tensors()
            .iter()
            .zip(b.tensors())
            .flat_map(|(u, v)| {
                u.iter()
                    .zip(v.iter())
                    .map(|(p, q)| (p - q).abs())
                    .collect::<Vec<_>>()
            })
            .fold(0.0_f32, f32::max)
    };
    assert!(diff(&full, &same) < 1e-6, "{}", diff(&full, &same));
    assert!(diff(&full, &cut) > 1e-3, "{}", diff(&full, &cut));
    // One line per direction, input-time indexed: the backward direction's gradient is
    // largest where it has read the most steps (t = 0), the forward one's at t = 0 too
    // (it feeds every later step).
    assert_eq!(full.flow.len(), 2);
    assert_eq!(full.flow[0].direction, unrolled::rnn::Direction::Forward);
    assert_eq!(full.flow[1].direction, unrolled::rnn::Direction::Backward);
    assert!(full
        .flow
        .iter()
        .all(|f| f.norms.len() == 5 && f.norms.iter().all(|v| v.is_finite())));
}
