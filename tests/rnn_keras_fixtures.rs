//! Checks the RNN engine against Keras 3 and numpy numbers (tests/fixtures/rnn, produced by
//! `tests/fixtures/rnn/make_fixtures.py`).
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

use ndarray::{Array1, Array2, Array3, ArrayD, ArrayViewD, IxDyn};
use serde_json::Value;
use unrolled::rnn::{
    convert, Activation, BidirectionalConfig, DenseConfig, Direction, EmbeddingConfig, Input,
    Layer, LayerConfig, MergeMode, SimpleRnn, SimpleRnnConfig, Stack,
};

fn load(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/rnn/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("fixture file");
    serde_json::from_str(&text).expect("fixture json")
}

/// Nested JSON lists to an f64 array.
fn array(v: &Value) -> ArrayD<f64> {
    fn walk(v: &Value, depth: usize, shape: &mut Vec<usize>, flat: &mut Vec<f64>) {
        match v {
            Value::Array(items) => {
                if shape.len() == depth {
                    shape.push(items.len());
                }
                for item in items {
                    walk(item, depth + 1, shape, flat);
                }
            }
            other => flat.push(other.as_f64().expect("number")),
        }
    }
    let (mut shape, mut flat) = (Vec::new(), Vec::new());
    walk(v, 0, &mut shape, &mut flat);
    ArrayD::from_shape_vec(IxDyn(&shape), flat).expect("rectangular")
}

fn array_f32(v: &Value) -> ArrayD<f32> {
    array(v).mapv(|x| x as f32)
}

fn activation(v: &Value) -> Activation {
    serde_json::from_value(v.clone()).expect("activation")
}

fn rnn_config(v: &Value) -> SimpleRnnConfig {
    SimpleRnnConfig {
        units: v["units"].as_u64().expect("units") as usize,
        activation: activation(&v["activation"]),
        use_bias: v["use_bias"].as_bool().expect("use_bias"),
        return_sequences: v["return_sequences"].as_bool().expect("rs"),
    }
}

fn layer_config(v: &Value) -> LayerConfig {
    match v["type"].as_str().expect("type") {
        "simple_rnn" => LayerConfig::SimpleRnn(rnn_config(v)),
        "bidirectional" => LayerConfig::Bidirectional(BidirectionalConfig {
            layer: rnn_config(&v["layer"]),
            merge_mode: serde_json::from_value::<MergeMode>(v["merge_mode"].clone())
                .expect("merge"),
        }),
        "embedding" => LayerConfig::Embedding(EmbeddingConfig {
            vocab_size: v["input_dim"].as_u64().expect("vocab") as usize,
            output_dim: v["output_dim"].as_u64().expect("dim") as usize,
        }),
        "dense" => LayerConfig::Dense(DenseConfig {
            units: v["units"].as_u64().expect("units") as usize,
            activation: activation(&v["activation"]),
            use_bias: v["use_bias"].as_bool().expect("use_bias"),
        }),
        other => panic!("unknown layer {other}"),
    }
}

/// `abs`: |a - e| <= 1e-5. `rel`: |a - e| <= 1e-5 * max(|e|, 1).
fn assert_close(name: &str, actual: ArrayViewD<'_, f32>, expected: &ArrayD<f64>, tolerance: &str) {
    assert_eq!(actual.shape(), expected.shape(), "{name}: shape");
    let mut worst = 0.0f64;
    for (a, e) in actual.iter().zip(expected.iter()) {
        let err = (f64::from(*a) - e).abs();
        let allowed = match tolerance {
            "abs" => 1e-5,
            _ => 1e-5 * e.abs().max(1.0),
        };
        assert!(
            err <= allowed,
            "{name}: got {a}, expected {e} (error {err:e}, {tolerance})"
        );
        worst = worst.max(err);
    }
    eprintln!("{name}: max abs error {worst:e}");
}

#[test]
fn keras_cases_match_every_layer_output() {
    let fixtures = load("keras_cases.json");
    let cases = fixtures["cases"].as_array().expect("cases");
    assert!(cases.len() >= 40, "expected the full case list");
    for case in cases {
        let name = case["name"].as_str().expect("name");
        let tolerance = case["tolerance"].as_str().expect("tolerance");
        let layers: Vec<Layer> = case["layers"]
            .as_array()
            .expect("layers")
            .iter()
            .map(|l| {
                let weights: Vec<ArrayD<f32>> = l["weights"]
                    .as_array()
                    .expect("weights")
                    .iter()
                    .map(array_f32)
                    .collect();
                Layer::from_keras_weights(&layer_config(l), &weights).expect("layer")
            })
            .collect();
        let stack = Stack::new(layers).expect("stack");
        let features;
        let tokens;
        let input = if let Some(t) = case["input"].get("tokens") {
            tokens = array(t)
                .mapv(|x| x as i64)
                .into_dimensionality::<ndarray::Ix2>()
                .expect("2-D tokens");
            Input::Tokens(tokens.view())
        } else {
            features = array_f32(&case["input"]["features"])
                .into_dimensionality::<ndarray::Ix3>()
                .expect("3-D features");
            Input::Features(features.view())
        };
        let out = stack.forward_checked(input).expect("forward");
        let expected = case["outputs"].as_array().expect("outputs");
        assert_eq!(out.layers.len(), expected.len(), "{name}: layer count");
        for (i, (layer_out, e)) in out.layers.iter().zip(expected).enumerate() {
            assert_close(
                &format!("{name} layer {i}"),
                layer_out.output.view(),
                &array(e),
                tolerance,
            );
        }
        // Every trace recomputes the stored state it describes.
        for (i, layer) in stack.layers().iter().enumerate() {
            for dir in [Direction::Forward, Direction::Backward] {
                if layer.cell(dir).is_none() {
                    continue;
                }
                let states = out.layers[i].states(dir).expect("states");
                let traces = stack.traces(input, &out, i, dir, 0).expect("traces");
                for tr in traces {
                    for (a, b) in tr
                        .h_t
                        .iter()
                        .zip(states.slice(ndarray::s![0, tr.timestep, ..]))
                    {
                        assert!(
                            (a - b).abs() <= 1e-5 * b.abs().max(1.0),
                            "{name}: trace {i} {dir}"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn seed_numpy_loop_is_reproduced_from_seed_notation() {
    let f = load("seed_numpy.json");
    let wx = array_f32(&f["wx"])
        .into_dimensionality::<ndarray::Ix2>()
        .expect("wx");
    let wh = array_f32(&f["wh"])
        .into_dimensionality::<ndarray::Ix2>()
        .expect("wh");
    let b = array_f32(&f["b"])
        .into_dimensionality::<ndarray::Ix1>()
        .expect("b");
    let inputs = array_f32(&f["inputs"])
        .into_dimensionality::<ndarray::Ix2>()
        .expect("inputs");
    assert_eq!(
        (wx.dim(), wh.dim(), inputs.dim()),
        ((8, 4), (8, 8), (10, 4))
    );
    let weights = convert::from_seed_notation(wx.view(), wh.view(), b.view()).expect("convert");
    assert_eq!(weights.kernel, wx.t());
    assert_eq!(weights.recurrent_kernel, wh.t());
    let cell = SimpleRnn::new(
        SimpleRnnConfig {
            units: 8,
            return_sequences: true,
            ..SimpleRnnConfig::default()
        },
        weights,
    )
    .expect("cell");
    let x: Array3<f32> = inputs.insert_axis(ndarray::Axis(0));
    let states = cell
        .hidden_states(x.view(), Direction::Forward)
        .expect("states");
    let expected = array(&f["hidden_states"]).insert_axis(ndarray::Axis(0));
    assert_close(
        "seed numpy loop",
        states.view().into_dyn(),
        &expected,
        "abs",
    );
    // The saturation the seed chapter shows: every state after the first is near 1.
    assert!(states
        .slice(ndarray::s![0, 1.., ..])
        .iter()
        .all(|&h| h > 0.99));

    // The step-by-step API gives the same numbers as the sequence method.
    let mut h = Array2::<f32>::zeros((1, 8));
    for t in 0..10 {
        h = cell
            .step(x.slice(ndarray::s![.., t, ..]), h.view())
            .expect("step");
        for (a, e) in h.iter().zip(states.slice(ndarray::s![0, t, ..])) {
            assert!((a - e).abs() <= 1e-6);
        }
    }
}

#[test]
fn pytorch_weights_convert_and_reproduce_torch_formula() {
    let f = load("pytorch_rnn.json");
    let w_ih = array_f32(&f["weight_ih"])
        .into_dimensionality::<ndarray::Ix2>()
        .expect("w_ih");
    let w_hh = array_f32(&f["weight_hh"])
        .into_dimensionality::<ndarray::Ix2>()
        .expect("w_hh");
    let b_ih = array_f32(&f["bias_ih"])
        .into_dimensionality::<ndarray::Ix1>()
        .expect("b_ih");
    let b_hh = array_f32(&f["bias_hh"])
        .into_dimensionality::<ndarray::Ix1>()
        .expect("b_hh");
    let weights = convert::from_pytorch(
        w_ih.view(),
        w_hh.view(),
        Some(b_ih.view()),
        Some(b_hh.view()),
    )
    .expect("convert");
    assert_eq!(weights.kernel.dim(), (3, 4));
    assert_eq!(weights.kernel, w_ih.t());
    assert_eq!(weights.recurrent_kernel, w_hh.t());
    let sum: Array1<f32> = &b_ih + &b_hh;
    assert_eq!(weights.bias.as_ref(), Some(&sum));
    let config = SimpleRnnConfig {
        units: 4,
        return_sequences: true,
        ..SimpleRnnConfig::default()
    };
    let cell = SimpleRnn::new(config, weights).expect("cell");
    let x = array_f32(&f["input"])
        .into_dimensionality::<ndarray::Ix3>()
        .expect("x");
    let out = cell.forward(x.view()).expect("forward");
    assert_close("pytorch", out.view(), &array(&f["output"]), "abs");

    // bias=False in torch: no bias at all.
    let no_bias = convert::from_pytorch(w_ih.view(), w_hh.view(), None, None).expect("convert");
    assert!(no_bias.bias.is_none());
}
