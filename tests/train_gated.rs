//! Training LSTM and GRU layers against Keras 3 (`tests/fixtures/train/keras_train_gated.json`,
//! written by `make_gated_fixture.py` beside it): loss, every gradient (tf.GradientTape) and
//! the weights after two `train_on_batch` steps with each optimizer, clipping included; and
//! truncated BPTT against an independent computation: with `k = 1` each step's gradient is
//! the loss of that step with the previous state held fixed, found by central differences
//! through `step`.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test stops at the first broken fixture or setup, and says which"
)]
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::float_cmp,
    clippy::too_many_lines,
    clippy::many_single_char_names,
    reason = "tests compare values from fixtures, cast small sizes and use the formulas' names"
)]

use ndarray::{s, Array2, Array3, ArrayD, IxDyn};
use serde_json::Value;
use unrolled::model::ModelSpec;
use unrolled::rnn::{
    Activation, DenseConfig, Direction, GruConfig, InitScheme, Input, Layer, LayerConfig,
    LstmConfig, LstmState, Stack,
};
use unrolled::train::{Loss, Network, Optimizer, OptimizerConfig};

const FIXTURE: &str = include_str!("fixtures/train/keras_train_gated.json");

fn array(v: &Value) -> ArrayD<f32> {
    fn walk(v: &Value, depth: usize, shape: &mut Vec<usize>, flat: &mut Vec<f32>) {
        match v {
            Value::Array(items) => {
                if shape.len() == depth {
                    shape.push(items.len());
                }
                for item in items {
                    walk(item, depth + 1, shape, flat);
                }
            }
            other => flat.push(other.as_f64().expect("number") as f32),
        }
    }
    let (mut shape, mut flat) = (Vec::new(), Vec::new());
    walk(v, 0, &mut shape, &mut flat);
    ArrayD::from_shape_vec(IxDyn(&shape), flat).expect("rectangular")
}

fn arrays(v: &Value) -> Vec<ArrayD<f32>> {
    v.as_array().expect("list").iter().map(array).collect()
}

/// Keras `get_weights()` tensors of a layer.
fn tensor_count(config: &LayerConfig) -> usize {
    match config {
        LayerConfig::Embedding(_) => 1,
        LayerConfig::Dense(d) => 1 + usize::from(d.use_bias),
        LayerConfig::Bidirectional(b) => 2 * b.layer.tensor_count(),
        other => other.recurrent().map_or(0, |r| r.tensor_count()),
    }
}

struct Case {
    name: String,
    loss: Loss,
    configs: Vec<LayerConfig>,
    weights: Vec<ArrayD<f32>>,
    features: Option<Array3<f32>>,
    tokens: Option<Array2<i64>>,
    value: Value,
}

impl Case {
    fn input(&self) -> Input<'_> {
        match (&self.features, &self.tokens) {
            (Some(x), _) => Input::Features(x.view()),
            (_, Some(t)) => Input::Tokens(t.view()),
            _ => panic!("no input"),
        }
    }

    fn network(&self) -> Network {
        let mut rest = &self.weights[..];
        let mut grouped = Vec::new();
        for c in &self.configs {
            let (head, tail) = rest.split_at(tensor_count(c));
            grouped.push(head.to_vec());
            rest = tail;
        }
        Network::from_stack(&Stack::from_keras_weights(&self.configs, &grouped).expect("stack"))
            .expect("network")
    }
}

fn cases() -> Vec<Case> {
    let root: Value = serde_json::from_str(FIXTURE).expect("fixture");
    root["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|c| {
            let x = array(&c["x"]);
            let tokens = c["layers"][0]["type"] == "embedding";
            let input = if tokens {
                serde_json::json!({"timesteps": x.shape()[1]})
            } else {
                serde_json::json!({"timesteps": x.shape()[1], "features": x.shape()[2]})
            };
            let model = ModelSpec::from_json(
                &serde_json::json!({"input": input, "layers": c["layers"]}).to_string(),
            )
            .expect("model");
            let loss = match c["loss"].as_str().expect("loss") {
                "categorical_crossentropy" => Loss::CategoricalCrossentropy,
                "binary_crossentropy" => Loss::BinaryCrossentropy,
                _ => Loss::MeanSquaredError,
            };
            Case {
                name: c["name"].as_str().expect("name").to_owned(),
                loss,
                configs: model
                    .layers
                    .iter()
                    .map(unrolled::model::LayerSpec::engine_config)
                    .collect(),
                weights: arrays(&c["weights"]),
                features: (!tokens).then(|| x.clone().into_dimensionality().expect("3-D")),
                tokens: tokens.then(|| x.mapv(|v| v as i64).into_dimensionality().expect("2-D")),
                value: c.clone(),
            }
        })
        .collect()
}

fn assert_close(what: &str, actual: &ArrayD<f32>, expected: &ArrayD<f32>, tol: f32) {
    assert_eq!(actual.shape(), expected.shape(), "{what}");
    for (a, e) in actual.iter().zip(expected) {
        assert!(
            (a - e).abs() <= tol * (1.0 + e.abs()),
            "{what}: {a} vs Keras {e}"
        );
    }
}

#[test]
fn loss_and_every_gradient_match_keras() {
    for case in cases() {
        let net = case.network();
        let tape = net.forward(case.input()).expect("forward");
        assert_close(
            &case.name,
            &tape.prediction.view().to_owned(),
            &array(&case.value["prediction"]),
            1e-5,
        );
        let y = array(&case.value["y"]);
        let grads = net
            .backward(&tape, case.loss, y.view(), None)
            .expect("backward");
        let keras_loss = case.value["loss_value"].as_f64().expect("loss") as f32;
        assert!(
            (grads.loss - keras_loss).abs() < 1e-5,
            "{}: loss {} vs {keras_loss}",
            case.name,
            grads.loss
        );
        let keras = arrays(&case.value["grads"]);
        assert_eq!(grads.tensors().len(), keras.len(), "{}", case.name);
        for (i, (g, k)) in grads.tensors().iter().zip(&keras).enumerate() {
            assert_close(
                &format!("{} gradient {i}", case.name),
                &g.to_owned(),
                k,
                1e-4,
            );
        }
    }
}

#[test]
fn two_train_on_batch_steps_match_keras_with_every_optimizer() {
    for case in cases() {
        let y = array(&case.value["y"]);
        let optimizers = [
            ("sgd", OptimizerConfig::sgd(), None),
            (
                "sgd_momentum",
                OptimizerConfig::Sgd {
                    learning_rate: 0.01,
                    momentum: 0.9,
                },
                None,
            ),
            ("rmsprop", OptimizerConfig::rms_prop(), None),
            ("adam", OptimizerConfig::adam(), None),
            (
                "sgd_clip",
                OptimizerConfig::Sgd {
                    learning_rate: 0.5,
                    momentum: 0.0,
                },
                Some(0.1),
            ),
        ];
        for (key, config, clip) in optimizers {
            let mut net = case.network();
            let mut opt = Optimizer::new(config, clip);
            for _ in 0..2 {
                net.train_step(&mut opt, case.input(), y.view(), case.loss, None)
                    .expect("step");
            }
            let expected = arrays(&case.value["after_two_steps"][key]);
            for (i, (p, k)) in net.parameters().iter().zip(&expected).enumerate() {
                assert_close(&format!("{} {key} tensor {i}", case.name), p, k, 1e-5);
            }
        }
    }
}

/// `[cell (return_sequences) → Dense(1, linear)]` with MSE on per-step targets.
fn per_step_model(cell: LayerConfig) -> (Network, Array3<f32>, ArrayD<f32>) {
    let configs = [
        cell,
        LayerConfig::Dense(DenseConfig {
            units: 1,
            activation: Activation::Linear,
            use_bias: true,
        }),
    ];
    let net =
        Network::from_stack(&Stack::init(2, &configs, InitScheme::PyTorch, 5).expect("stack"))
            .expect("network");
    let x = Array3::from_shape_fn((2, 6, 2), |(b, t, d)| {
        ((b + 2 * t + 3 * d) as f32 * 0.7).sin()
    });
    let y = ArrayD::from_shape_fn(IxDyn(&[2, 6, 1]), |i| ((i[0] + i[1]) as f32 * 0.4).cos());
    (net, x, y)
}

/// The `k = 1` truncated gradient of the recurrent layer's weights, independently: the
/// sum over steps of `∂L_t/∂w` with the previous state fixed at its forward value, where
/// `L_t` is step `t`'s share of the mean squared error, by central differences on `step`.
fn one_step_gradients(net: &Network, x: &Array3<f32>, y: &ArrayD<f32>) -> Vec<ArrayD<f64>> {
    let stack = net.stack();
    let out = stack.forward(Input::Features(x.view())).expect("forward");
    let hidden = out.layers[0]
        .states(Direction::Forward)
        .expect("h")
        .to_owned();
    let cells = out.layers[0]
        .cells(Direction::Forward)
        .map(|c| c.to_owned());
    let Layer::Dense(dense) = &stack.layers()[1] else {
        panic!("dense head")
    };
    let (batch, timesteps, units) = hidden.dim();
    let n = (batch * timesteps) as f64;
    let head = |h: &Array2<f32>| -> Array2<f32> { dense.forward_last(h.view()).expect("dense") };
    let prev = |a: &Array3<f32>, t: usize| -> Array2<f32> {
        if t == 0 {
            Array2::zeros((batch, units))
        } else {
            a.slice(s![.., t - 1, ..]).to_owned()
        }
    };
    let step_loss = |layer: &Layer| -> f64 {
        (0..timesteps)
            .map(|t| {
                let x_t = x.slice(s![.., t, ..]);
                let h_t = match layer {
                    Layer::Lstm(l) => {
                        let c = cells.as_ref().expect("cells");
                        l.step(
                            x_t,
                            &LstmState {
                                h: prev(&hidden, t),
                                c: prev(c, t),
                            },
                        )
                        .expect("step")
                        .h
                    }
                    Layer::Gru(l) => l.step(x_t, prev(&hidden, t).view()).expect("step"),
                    _ => panic!("gated"),
                };
                let p = head(&h_t);
                (0..batch)
                    .map(|b| {
                        let d = f64::from(p[[b, 0]]) - f64::from(y[[b, t, 0]]);
                        d * d / n
                    })
                    .sum::<f64>()
            })
            .sum()
    };
    let base: Vec<ArrayD<f32>> = net.parameters();
    let recurrent = match &stack.layers()[0] {
        Layer::Lstm(l) => 2 + usize::from(l.config().use_bias),
        Layer::Gru(l) => 2 + usize::from(l.config().use_bias),
        _ => 0,
    };
    let rebuilt = |params: &[ArrayD<f32>]| -> Layer {
        let stack = net.with_parameters(params).expect("params");
        stack.layers()[0].clone()
    };
    let eps = 1e-3_f32;
    (0..recurrent)
        .map(|ti| {
            let mut grad = ArrayD::<f64>::zeros(base[ti].raw_dim());
            for j in 0..base[ti].len() {
                let mut p = base.clone();
                let orig = p[ti].as_slice().expect("contiguous")[j];
                p[ti].as_slice_mut().expect("contiguous")[j] = orig + eps;
                let plus = step_loss(&rebuilt(&p));
                p[ti].as_slice_mut().expect("contiguous")[j] = orig - eps;
                let minus = step_loss(&rebuilt(&p));
                grad.as_slice_mut().expect("contiguous")[j] =
                    (plus - minus) / (2.0 * f64::from(eps));
            }
            grad
        })
        .collect()
}

#[test]
fn truncated_bptt_of_gated_cells_cuts_the_state_and_the_cell_path() {
    let cells = [
        LayerConfig::Lstm(LstmConfig {
            units: 3,
            return_sequences: true,
            ..LstmConfig::default()
        }),
        LayerConfig::Gru(GruConfig {
            units: 3,
            return_sequences: true,
            ..GruConfig::default()
        }),
        LayerConfig::Gru(GruConfig {
            units: 3,
            reset_after: false,
            return_sequences: true,
            ..GruConfig::default()
        }),
    ];
    for cell in cells {
        let (net, x, y) = per_step_model(cell.clone());
        let tape = net.forward(Input::Features(x.view())).expect("forward");
        let loss = Loss::MeanSquaredError;
        let full = net.backward(&tape, loss, y.view(), None).expect("full");
        let covering = net.backward(&tape, loss, y.view(), Some(6)).expect("k = T");
        let one = net.backward(&tape, loss, y.view(), Some(1)).expect("k = 1");
        for (a, b) in full.tensors().iter().zip(covering.tensors()) {
            for (p, q) in a.iter().zip(b.iter()) {
                assert!((p - q).abs() < 1e-6, "{cell:?}: k = T is full BPTT");
            }
        }
        let independent = one_step_gradients(&net, &x, &y);
        for (ti, expected) in independent.iter().enumerate() {
            let ours = one.tensors()[ti].to_owned();
            for (a, e) in ours.iter().zip(expected) {
                assert!(
                    (f64::from(*a) - e).abs() <= 2e-4 + 1e-2 * e.abs(),
                    "{cell:?} tensor {ti}: truncated {a} vs one-step {e}"
                );
            }
        }
        // Truncation changes the recurrent gradients (the chain through h and c is cut)
        // but not the head's.
        let differs = full.tensors()[1]
            .iter()
            .zip(one.tensors()[1].iter())
            .any(|(p, q)| (p - q).abs() > 1e-4);
        assert!(differs, "{cell:?}: k = 1 cuts the recurrent chain");
        let head = full.tensors().len() - 2;
        for (p, q) in full.tensors()[head].iter().zip(one.tensors()[head].iter()) {
            assert!(
                (p - q).abs() < 1e-6,
                "{cell:?}: the Dense head is not truncated"
            );
        }
    }
}

/// Every built-in task trains with LSTM and GRU layers too: the model has the cell, and the
/// loss falls within three epochs.
#[test]
fn every_task_trains_with_either_gated_cell() {
    use unrolled::rnn::CellKind;
    use unrolled::train::{TaskKind, Trainer, TrainerConfig};
    for kind in TaskKind::ALL {
        for cell in [CellKind::Lstm, CellKind::Gru] {
            let mut trainer = Trainer::new(TrainerConfig {
                cell,
                ..TrainerConfig::for_task(kind)
            })
            .expect("trainer");
            let stack = trainer.stack().expect("stack");
            assert!(
                stack
                    .layers()
                    .iter()
                    .filter_map(|l| l.recurrent(Direction::Forward))
                    .all(|r| r.kind() == cell),
                "{kind:?} {cell:?}"
            );
            let before = trainer.evaluate().expect("evaluate").loss;
            for _ in 0..3 {
                trainer.train_epoch().expect("epoch");
            }
            let after = trainer.evaluate().expect("evaluate").loss;
            assert!(after < before, "{kind:?} {cell:?}: {before} -> {after}");
            assert_eq!(trainer.spectral_radii().len(), 1, "{kind:?} {cell:?}");
        }
    }
}
