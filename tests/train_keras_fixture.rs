//! The training engine against Keras 3: loss, gradients (tf.GradientTape) and the weights
//! after two `train_on_batch` steps with each optimizer, from
//! `tests/fixtures/train/keras_train.json` (written by `make_fixture.py` beside it): plain
//! and stacked `SimpleRNNs`, an Embedding → Bidirectional (concat, mul) model on token ids and
//! a Bidirectional (sum, ave) model with per-step targets.
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
use serde_json::Value;
use unrolled::rnn::{
    Activation, BidirectionalConfig, DenseConfig, EmbeddingConfig, Input, LayerConfig, MergeMode,
    SimpleRnnConfig, Stack,
};
use unrolled::train::{Loss, Network, Optimizer, OptimizerConfig};

const FIXTURE: &str = include_str!("fixtures/train/keras_train.json");

/// Every number of a nested JSON list, in row-major order.
fn walk(v: &Value, out: &mut Vec<f32>) {
    match v {
        Value::Array(items) => items.iter().for_each(|i| walk(i, out)),
        other => out.push(other.as_f64().unwrap() as f32),
    }
}

/// A nested JSON list of numbers as an f32 array.
fn array(v: &Value) -> ArrayD<f32> {
    let mut shape = Vec::new();
    let mut cur = v;
    while let Value::Array(items) = cur {
        shape.push(items.len());
        match items.first() {
            Some(first) => cur = first,
            None => break,
        }
    }
    let mut flat = Vec::new();
    walk(v, &mut flat);
    ArrayD::from_shape_vec(IxDyn(&shape), flat).unwrap()
}

fn rnn(units: usize, activation: Activation, return_sequences: bool) -> LayerConfig {
    LayerConfig::SimpleRnn(SimpleRnnConfig {
        units,
        activation,
        use_bias: true,
        return_sequences,
    })
}

fn bidi(
    units: usize,
    activation: Activation,
    return_sequences: bool,
    merge_mode: MergeMode,
) -> LayerConfig {
    let LayerConfig::SimpleRnn(layer) = rnn(units, activation, return_sequences) else {
        unreachable!()
    };
    LayerConfig::Bidirectional(BidirectionalConfig { layer, merge_mode })
}

/// The case's input: token ids for a model starting with an Embedding, else features.
enum CaseInput {
    Features(Array3<f32>),
    Tokens(Array2<i64>),
}

impl CaseInput {
    fn of(configs: &[LayerConfig], x: &Value) -> Self {
        let a = array(x);
        match configs.first() {
            Some(LayerConfig::Embedding(_)) => {
                Self::Tokens(a.mapv(|v| v as i64).into_dimensionality().unwrap())
            }
            _ => Self::Features(a.into_dimensionality().unwrap()),
        }
    }

    fn view(&self) -> Input<'_> {
        match self {
            Self::Features(x) => Input::Features(x.view()),
            Self::Tokens(t) => Input::Tokens(t.view()),
        }
    }
}

fn dense(units: usize, activation: Activation) -> LayerConfig {
    LayerConfig::Dense(DenseConfig {
        units,
        activation,
        use_bias: true,
    })
}

/// `(configs, Keras tensors per layer, loss)` of a fixture case.
fn layout(name: &str) -> (Vec<LayerConfig>, Vec<usize>, Loss) {
    match name {
        "stack_softmax_cce" => (
            vec![
                rnn(4, Activation::Tanh, true),
                rnn(3, Activation::Relu, false),
                dense(2, Activation::Softmax),
            ],
            vec![3, 3, 2],
            Loss::CategoricalCrossentropy,
        ),
        "rnn_sigmoid_bce" => (
            vec![
                rnn(3, Activation::Tanh, false),
                dense(1, Activation::Sigmoid),
            ],
            vec![3, 2],
            Loss::BinaryCrossentropy,
        ),
        "embedding_bidirectional_bce" => (
            vec![
                LayerConfig::Embedding(EmbeddingConfig {
                    vocab_size: 16,
                    output_dim: 3,
                }),
                bidi(3, Activation::Tanh, true, MergeMode::Concat),
                bidi(2, Activation::Tanh, false, MergeMode::Mul),
                dense(1, Activation::Sigmoid),
            ],
            vec![1, 6, 6, 2],
            Loss::BinaryCrossentropy,
        ),
        "bidirectional_sum_ave_mse" => (
            vec![
                bidi(3, Activation::Sigmoid, true, MergeMode::Sum),
                bidi(2, Activation::Tanh, true, MergeMode::Ave),
                dense(2, Activation::Linear),
            ],
            vec![6, 6, 2],
            Loss::MeanSquaredError,
        ),
        other => panic!("unknown case {other}"),
    }
}

fn network(configs: &[LayerConfig], counts: &[usize], flat: &[ArrayD<f32>]) -> Network {
    let mut grouped = Vec::new();
    let mut rest = flat;
    for &n in counts {
        let (head, tail) = rest.split_at(n);
        grouped.push(head.to_vec());
        rest = tail;
    }
    Network::from_stack(&Stack::from_keras_weights(configs, &grouped).unwrap()).unwrap()
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

/// A JSON list of nested number lists as f32 arrays.
fn arrays(v: &Value) -> Vec<ArrayD<f32>> {
    v.as_array().unwrap().iter().map(array).collect()
}

fn cases() -> Vec<Value> {
    let root: Value = serde_json::from_str(FIXTURE).unwrap();
    root["cases"].as_array().unwrap().clone()
}

#[test]
fn loss_and_gradients_match_keras() {
    for case in cases() {
        let name = case["name"].as_str().unwrap();
        let (configs, counts, loss) = layout(name);
        let weights = arrays(&case["weights"]);
        let net = network(&configs, &counts, &weights);
        let x = CaseInput::of(&configs, &case["x"]);
        let y = array(&case["y"]);
        let tape = net.forward(x.view()).unwrap();
        assert_close(
            name,
            &tape.prediction.view().to_owned(),
            &array(&case["prediction"]),
            1e-5,
        );
        let grads = net.backward(&tape, loss, y.view(), None).unwrap();
        let keras_loss = case["loss_value"].as_f64().unwrap() as f32;
        assert!(
            (grads.loss - keras_loss).abs() < 1e-5,
            "{name}: loss {} vs {keras_loss}",
            grads.loss
        );
        let keras_grads = arrays(&case["grads"]);
        for (i, (g, k)) in grads.tensors().iter().zip(&keras_grads).enumerate() {
            assert_close(&format!("{name} grad {i}"), &g.to_owned(), k, 1e-4);
        }
    }
}

#[test]
fn two_optimizer_steps_match_keras_train_on_batch() {
    for case in cases() {
        let name = case["name"].as_str().unwrap();
        let (configs, counts, loss) = layout(name);
        let weights = arrays(&case["weights"]);
        let x = CaseInput::of(&configs, &case["x"]);
        let y = array(&case["y"]);
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
            let mut net = network(&configs, &counts, &weights);
            let mut opt = Optimizer::new(config, clip);
            for _ in 0..2 {
                net.train_step(&mut opt, x.view(), y.view(), loss, None)
                    .unwrap();
            }
            let expected = arrays(&case["after_two_steps"][key]);
            for (i, (p, k)) in net.parameters().iter().zip(&expected).enumerate() {
                assert_close(&format!("{name} {key} tensor {i}"), p, k, 1e-5);
            }
        }
    }
}
