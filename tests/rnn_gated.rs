//! The LSTM and GRU engine against Keras 3 (`tests/fixtures/rnn/keras_gated.json`, written
//! by `make_gated_fixtures.py` beside it): every layer's output and every recurrent layer's
//! hidden and cell states, straight through `rnn::Stack` from Keras `get_weights()` lists;
//! the step, the traces and the gate series against the sequence pass; `PyTorch`
//! `nn.LSTM` / `nn.GRU` weights converted to Keras layout (`pytorch_gated.json`).
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
    clippy::print_stdout,
    clippy::too_many_lines,
    reason = "tests compare exact values from fixtures, cast small sizes, use the formulas' one-letter names and print their figures"
)]

use ndarray::{s, Array2, Array3, ArrayD, ArrayView3, ArrayViewD, IxDyn};
use serde_json::Value;
use unrolled::rnn::{
    convert, Activation, BidirectionalConfig, CellKind, CellTrace, DenseConfig, Direction,
    EmbeddingConfig, GateSeries, Gru, GruConfig, GruWeights, InitScheme, Input, Layer, LayerConfig,
    Lstm, LstmConfig, LstmState, MergeMode, RecurrentConfig, SimpleRnnConfig, Stack, StackOutput,
};

const KERAS: &str = include_str!("fixtures/rnn/keras_gated.json");
const PYTORCH: &str = include_str!("fixtures/rnn/pytorch_gated.json");

/// Nested JSON lists to an f32 array.
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

fn activation(v: &Value, default: Activation) -> Activation {
    if v.is_null() {
        default
    } else {
        serde_json::from_value(v.clone()).expect("activation")
    }
}

fn flag(v: &Value, default: bool) -> bool {
    v.as_bool().unwrap_or(default)
}

/// The engine's settings of a fixture layer (a model document's layer object).
fn layer_config(v: &Value) -> LayerConfig {
    let units = v["units"].as_u64().unwrap_or(0) as usize;
    let return_sequences = flag(&v["return_sequences"], false);
    let use_bias = flag(&v["use_bias"], true);
    let act = activation(&v["activation"], Activation::Tanh);
    let rec = activation(&v["recurrent_activation"], Activation::Sigmoid);
    let cell = match v["type"].as_str().expect("type") {
        "embedding" => {
            return LayerConfig::Embedding(EmbeddingConfig {
                vocab_size: v["vocab"].as_u64().expect("vocab") as usize,
                output_dim: v["dim"].as_u64().expect("dim") as usize,
            })
        }
        "dense" => {
            return LayerConfig::Dense(DenseConfig {
                units,
                activation: activation(&v["activation"], Activation::Linear),
                use_bias,
            })
        }
        "simple_rnn" => RecurrentConfig::SimpleRnn(SimpleRnnConfig {
            units,
            activation: act,
            use_bias,
            return_sequences,
        }),
        "lstm" => RecurrentConfig::Lstm(LstmConfig {
            units,
            activation: act,
            recurrent_activation: rec,
            use_bias,
            unit_forget_bias: flag(&v["unit_forget_bias"], true),
            return_sequences,
        }),
        "gru" => RecurrentConfig::Gru(GruConfig {
            units,
            activation: act,
            recurrent_activation: rec,
            use_bias,
            reset_after: flag(&v["reset_after"], true),
            return_sequences,
        }),
        other => panic!("unknown layer {other}"),
    };
    match (v["bidirectional"].as_str(), cell) {
        (Some(mode), layer) => LayerConfig::Bidirectional(BidirectionalConfig {
            layer,
            merge_mode: MergeMode::from_keras_name(mode).expect("merge mode"),
        }),
        (None, RecurrentConfig::SimpleRnn(c)) => LayerConfig::SimpleRnn(c),
        (None, RecurrentConfig::Lstm(c)) => LayerConfig::Lstm(c),
        (None, RecurrentConfig::Gru(c)) => LayerConfig::Gru(c),
    }
}

/// A fixture layer's weights as Keras's `get_weights()` list.
fn keras_list(weights: &Value) -> Vec<ArrayD<f32>> {
    let direction = |w: &Value| {
        ["kernel", "recurrent_kernel", "bias"]
            .iter()
            .filter(|name| !w[**name].is_null())
            .map(|name| array(&w[*name]))
            .collect::<Vec<_>>()
    };
    if let Some(e) = weights.get("embeddings") {
        return vec![array(e)];
    }
    if weights.get("forward").is_some() {
        let mut list = direction(&weights["forward"]);
        list.extend(direction(&weights["backward"]));
        return list;
    }
    direction(weights)
}

/// `abs`: |a - e| <= 1e-4; `rel`: |a - e| <= 1e-4 · max(|e|, 1). Returns the largest error.
fn assert_close(
    what: &str,
    actual: ArrayViewD<'_, f32>,
    expected: &ArrayD<f32>,
    tolerance: &str,
) -> f32 {
    assert_eq!(actual.shape(), expected.shape(), "{what}: shape");
    let mut worst = 0.0f32;
    for (a, e) in actual.iter().zip(expected) {
        let err = (a - e).abs();
        let allowed = match tolerance {
            "abs" => 1e-4,
            _ => 1e-4 * e.abs().max(1.0),
        };
        assert!(err <= allowed, "{what}: got {a}, Keras {e}");
        worst = worst.max(err);
    }
    worst
}

struct Case {
    name: String,
    tolerance: String,
    stack: Stack,
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
}

fn cases() -> Vec<Case> {
    let root: Value = serde_json::from_str(KERAS).expect("fixture json");
    root["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|c| {
            let doc = &c["document"];
            let configs: Vec<LayerConfig> = doc["layers"]
                .as_array()
                .expect("layers")
                .iter()
                .map(layer_config)
                .collect();
            let weights: Vec<Vec<ArrayD<f32>>> = doc["weights"]
                .as_array()
                .expect("weights")
                .iter()
                .map(keras_list)
                .collect();
            let stack = Stack::from_keras_weights(&configs, &weights).expect("stack");
            let inputs = array(&doc["inputs"]);
            let (features, tokens) = if stack.takes_tokens() {
                (
                    None,
                    Some(
                        inputs
                            .mapv(|v| v as i64)
                            .into_dimensionality()
                            .expect("2-D"),
                    ),
                )
            } else {
                (Some(inputs.into_dimensionality().expect("3-D")), None)
            };
            Case {
                name: c["name"].as_str().expect("name").to_owned(),
                tolerance: c["tolerance"].as_str().expect("tolerance").to_owned(),
                stack,
                features,
                tokens,
                value: c.clone(),
            }
        })
        .collect()
}

#[test]
fn every_keras_case_matches_outputs_hidden_and_cell_states() {
    let cases = cases();
    assert!(cases.len() >= 55, "the full case list");
    let mut worst = 0.0f32;
    for case in &cases {
        let out = case.stack.forward_checked(case.input()).expect("forward");
        for (i, (layer, expected)) in out
            .layers
            .iter()
            .zip(case.value["outputs"].as_array().expect("outputs"))
            .enumerate()
        {
            let what = format!("{} layer {i} output", case.name);
            worst = worst.max(assert_close(
                &what,
                layer.output.view(),
                &array(expected),
                &case.tolerance,
            ));
            let states = &case.value["states"][i];
            if states.is_null() {
                continue;
            }
            for (d, direction) in [Direction::Forward, Direction::Backward].iter().enumerate() {
                let Some(hidden) = layer.states(*direction) else {
                    continue;
                };
                let what = format!("{} layer {i} {direction} h", case.name);
                worst = worst.max(assert_close(
                    &what,
                    hidden.into_dyn(),
                    &array(&states["hidden"][d]),
                    &case.tolerance,
                ));
                match (layer.cells(*direction), states["cell"].get(d)) {
                    (Some(cells), Some(expected)) => {
                        let what = format!("{} layer {i} {direction} c", case.name);
                        worst = worst.max(assert_close(
                            &what,
                            cells.into_dyn(),
                            &array(expected),
                            "rel",
                        ));
                    }
                    (None, None) => {}
                    (cells, expected) => panic!(
                        "{} layer {i}: cell states {} but Keras has {}",
                        case.name,
                        cells.is_some(),
                        expected.is_some()
                    ),
                }
            }
        }
    }
    println!("{} Keras cases, largest difference {worst:e}", cases.len());
}

/// `prev` state rows of `a [batch, T, u]` for step `t` in `direction` (zeros at the start).
fn previous(a: ArrayView3<'_, f32>, t: usize, direction: Direction) -> Array2<f32> {
    let (batch, timesteps, u) = a.dim();
    let prev = match direction {
        Direction::Forward => t.checked_sub(1),
        Direction::Backward => (t + 1 < timesteps).then_some(t + 1),
    };
    prev.map_or_else(
        || Array2::zeros((batch, u)),
        |p| a.slice(s![.., p, ..]).to_owned(),
    )
}

#[test]
fn step_traces_and_gate_series_agree_with_the_sequence_pass() {
    for case in cases() {
        let out: StackOutput = case.stack.forward(case.input()).expect("forward");
        for (i, layer) in case.stack.layers().iter().enumerate() {
            for direction in [Direction::Forward, Direction::Backward] {
                let Some(cell) = layer.recurrent(direction) else {
                    continue;
                };
                let hidden = out.layers[i].states(direction).expect("states");
                let x = if i == 0 {
                    case.features.clone().map(ndarray::ArrayBase::into_dyn)
                } else {
                    out.layers[i - 1]
                        .output
                        .as_sequence()
                        .map(|x| x.to_owned().into_dyn())
                };
                let Some(x) = x else {
                    continue;
                };
                let x: Array3<f32> = x.into_dimensionality().expect("3-D");
                let (batch, timesteps, _) = hidden.dim();
                let series = case
                    .stack
                    .gate_series(case.input(), &out, i, direction, batch - 1)
                    .expect("series");
                for t in 0..timesteps {
                    // One step from the stored previous state gives the stored state.
                    let h_prev = previous(hidden, t, direction);
                    let x_t = x.slice(s![.., t, ..]);
                    let h_t = match cell {
                        unrolled::rnn::RecurrentRef::SimpleRnn(l) => {
                            l.step(x_t, h_prev.view()).expect("step")
                        }
                        unrolled::rnn::RecurrentRef::Lstm(l) => {
                            let cells = out.layers[i].cells(direction).expect("cells");
                            let next = l
                                .step(
                                    x_t,
                                    &LstmState {
                                        h: h_prev.clone(),
                                        c: previous(cells, t, direction),
                                    },
                                )
                                .expect("step");
                            for (a, e) in next.c.iter().zip(cells.slice(s![.., t, ..])) {
                                assert!((a - e).abs() < 1e-5, "{} c", case.name);
                            }
                            next.h
                        }
                        unrolled::rnn::RecurrentRef::Gru(l) => {
                            l.step(x_t, h_prev.view()).expect("step")
                        }
                    };
                    for (a, e) in h_t.iter().zip(hidden.slice(s![.., t, ..])) {
                        assert!(
                            (a - e).abs() < 1e-5,
                            "{} layer {i} step {t}: {a} vs {e}",
                            case.name
                        );
                    }
                    // The trace of the last batch item recomputes the same state.
                    let trace = case
                        .stack
                        .cell_trace(case.input(), &out, i, direction, batch - 1, t)
                        .expect("trace");
                    for (a, e) in trace.h_t().iter().zip(hidden.slice(s![batch - 1, t, ..])) {
                        assert!((a - e).abs() < 1e-5, "{} trace h_t", case.name);
                    }
                    check_trace_parts(&case.name, &trace, &series, t);
                }
            }
        }
    }
}

/// A trace's parts add up, and its gate values are the series' row `t`.
fn check_trace_parts(name: &str, trace: &CellTrace, series: &GateSeries, t: usize) {
    let close = |a: &ndarray::Array1<f32>, b: ndarray::ArrayView1<'_, f32>, what: &str| {
        for (x, y) in a.iter().zip(b) {
            assert!((x - y).abs() < 1e-5, "{name} {what} t{t}: {x} vs {y}");
        }
    };
    match (trace, series) {
        (
            CellTrace::Lstm(step),
            GateSeries::Lstm {
                input_gate,
                forget_gate,
                candidate,
                output_gate,
                cell,
            },
        ) => {
            for gate in [
                &step.input_gate,
                &step.forget_gate,
                &step.candidate,
                &step.output_gate,
            ] {
                let sum = &gate.input_part + &gate.bias + &gate.recurrent_part;
                close(&sum, gate.pre_activation.view(), "pre-activation");
            }
            close(&step.input_gate.value, input_gate.row(t), "i");
            close(&step.forget_gate.value, forget_gate.row(t), "f");
            close(&step.candidate.value, candidate.row(t), "c̃");
            close(&step.output_gate.value, output_gate.row(t), "o");
            close(&step.c_t, cell.row(t), "c_t");
            close(
                &(&step.kept + &step.written),
                step.c_t.view(),
                "c_t = f⊙c + i⊙c̃",
            );
        }
        (
            CellTrace::Gru(step),
            GateSeries::Gru {
                update_gate,
                reset_gate,
                candidate,
            },
        ) => {
            close(&step.update_gate.value, update_gate.row(t), "z");
            close(&step.reset_gate.value, reset_gate.row(t), "r");
            close(&step.candidate.value, candidate.row(t), "h̃");
            let inner = if step.reset_after {
                let b = step
                    .candidate
                    .recurrent_bias
                    .clone()
                    .unwrap_or_else(|| ndarray::Array1::zeros(step.h_t.len()));
                &step.reset_gate.value * &(&step.candidate.recurrent_part + &b)
            } else {
                &step.reset_gate.value * &step.h_prev
            };
            close(&inner, step.reset_product.view(), "reset product");
        }
        (CellTrace::SimpleRnn(step), GateSeries::SimpleRnn { pre_activation }) => {
            close(&step.pre_activation, pre_activation.row(t), "z_t");
        }
        _ => panic!("{name}: trace and series of different cells"),
    }
}

#[test]
fn pytorch_state_dicts_convert_to_keras_layout() {
    let root: Value = serde_json::from_str(PYTORCH).expect("fixture json");
    for case in root["cases"].as_array().expect("cases") {
        let name = case["name"].as_str().expect("name");
        let sd = &case["state_dict"];
        let bidirectional = case["bidirectional"].as_bool().expect("bidirectional");
        let lstm = case["cell"] == "lstm";
        let mut layers = Vec::new();
        for l in 0.. {
            let key = |k: &str, suffix: &str| format!("{k}_l{l}{suffix}");
            if sd.get(key("weight_ih", "")).is_none() {
                break;
            }
            let direction = |suffix: &str| {
                let get = |k: &str| {
                    sd.get(key(k, suffix))
                        .map(|v| array(v).into_dimensionality::<ndarray::Ix2>().expect("2-D"))
                };
                let get1 = |k: &str| {
                    sd.get(key(k, suffix))
                        .map(|v| array(v).into_dimensionality::<ndarray::Ix1>().expect("1-D"))
                };
                let (w_ih, w_hh) = (
                    get("weight_ih").expect("w_ih"),
                    get("weight_hh").expect("w_hh"),
                );
                let (b_ih, b_hh) = (get1("bias_ih"), get1("bias_hh"));
                if lstm {
                    let w = convert::lstm_from_pytorch(
                        w_ih.view(),
                        w_hh.view(),
                        b_ih.as_ref().map(ndarray::ArrayBase::view),
                        b_hh.as_ref().map(ndarray::ArrayBase::view),
                    )
                    .expect("lstm");
                    let config = LstmConfig {
                        units: w.recurrent_kernel.nrows(),
                        use_bias: w.bias.is_some(),
                        return_sequences: true,
                        ..LstmConfig::default()
                    };
                    unrolled::rnn::Recurrent::Lstm(Lstm::new(config, w).expect("layer"))
                } else {
                    let w: GruWeights = convert::gru_from_pytorch(
                        w_ih.view(),
                        w_hh.view(),
                        b_ih.as_ref().map(ndarray::ArrayBase::view),
                        b_hh.as_ref().map(ndarray::ArrayBase::view),
                    )
                    .expect("gru");
                    let config = GruConfig {
                        units: w.recurrent_kernel.nrows(),
                        use_bias: w.bias.is_some(),
                        return_sequences: true,
                        ..GruConfig::default()
                    };
                    unrolled::rnn::Recurrent::Gru(Gru::new(config, w).expect("layer"))
                }
            };
            let forward = direction("");
            layers.push(if bidirectional {
                Layer::Bidirectional(
                    unrolled::rnn::Bidirectional::from_directions(
                        forward,
                        direction("_reverse"),
                        MergeMode::Concat,
                    )
                    .expect("bidirectional"),
                )
            } else {
                match forward {
                    unrolled::rnn::Recurrent::Lstm(l) => Layer::Lstm(l),
                    unrolled::rnn::Recurrent::Gru(l) => Layer::Gru(l),
                    unrolled::rnn::Recurrent::SimpleRnn(l) => Layer::SimpleRnn(l),
                }
            });
        }
        let stack = Stack::new(layers).expect("stack");
        let x: Array3<f32> = array(&case["input"]).into_dimensionality().expect("3-D");
        let out = stack.forward(Input::Features(x.view())).expect("forward");
        let last = out.last().expect("output");
        assert_close(name, last.view(), &array(&case["output"]), "abs");
    }
}

#[test]
fn keras_initializers_follow_keras_shapes_and_rules() {
    // LSTM: glorot kernel within ±sqrt(6 / (D + 4u)), recurrent kernel with orthonormal
    // rows over the whole (u, 4u) matrix, forget bias 1 only with unit_forget_bias.
    let (d, u) = (3, 5);
    let lstm = Lstm::init(
        LstmConfig {
            units: u,
            ..LstmConfig::default()
        },
        d,
        InitScheme::Keras,
        7,
    )
    .expect("lstm");
    let w = lstm.weights();
    let limit = (6.0 / (d + 4 * u) as f32).sqrt();
    assert!(w.kernel.iter().all(|v| v.abs() <= limit));
    let gram = w.recurrent_kernel.dot(&w.recurrent_kernel.t());
    for ((r, c), v) in gram.indexed_iter() {
        let want = if r == c { 1.0 } else { 0.0 };
        assert!((v - want).abs() < 1e-5, "rows orthonormal: {r},{c} {v}");
    }
    let bias = w.bias.as_ref().expect("bias");
    assert!(bias.slice(s![u..2 * u]).iter().all(|&v| v == 1.0));
    assert!(bias
        .slice(s![..u])
        .iter()
        .chain(bias.slice(s![2 * u..]))
        .all(|&v| v == 0.0));
    let no_forget = Lstm::init(
        LstmConfig {
            units: u,
            unit_forget_bias: false,
            ..LstmConfig::default()
        },
        d,
        InitScheme::Keras,
        7,
    )
    .expect("lstm");
    assert!(no_forget
        .weights()
        .bias
        .as_ref()
        .expect("bias")
        .iter()
        .all(|&v| v == 0.0));
    // GRU: (u, 3u) orthogonal, zero biases of both shapes.
    for reset_after in [true, false] {
        let gru = Gru::init(
            GruConfig {
                units: u,
                reset_after,
                ..GruConfig::default()
            },
            d,
            InitScheme::Keras,
            7,
        )
        .expect("gru");
        let w = gru.weights();
        let gram = w.recurrent_kernel.dot(&w.recurrent_kernel.t());
        assert!((gram[[2, 2]] - 1.0).abs() < 1e-5 && gram[[0, 1]].abs() < 1e-5);
        assert_eq!(
            w.bias.as_ref().expect("bias").nrows(),
            if reset_after { 2 } else { 1 }
        );
    }
    // PyTorch: every tensor within ±1/sqrt(u), both biases drawn (a GRU keeps them as two rows).
    let k = 1.0 / (u as f32).sqrt();
    let torch = Lstm::init(
        LstmConfig {
            units: u,
            ..LstmConfig::default()
        },
        d,
        InitScheme::PyTorch,
        3,
    )
    .expect("lstm");
    assert!(torch.weights().kernel.iter().all(|v| v.abs() <= k));
    // The LSTM's bias is bias_ih + bias_hh, so it reaches beyond ±k.
    assert!(torch
        .weights()
        .bias
        .as_ref()
        .expect("bias")
        .iter()
        .all(|v| v.abs() <= 2.0 * k));
    let gru = Gru::init(
        GruConfig {
            units: u,
            ..GruConfig::default()
        },
        d,
        InitScheme::PyTorch,
        3,
    )
    .expect("gru");
    let b = gru.weights().bias.as_ref().expect("bias");
    assert!(b.iter().all(|v| v.abs() <= k) && b.row(0) != b.row(1));
    // Seeded: the same seed gives the same weights, another seed others.
    let again = Lstm::init(
        LstmConfig {
            units: u,
            ..LstmConfig::default()
        },
        d,
        InitScheme::Keras,
        7,
    )
    .expect("lstm");
    assert_eq!(again.weights(), lstm.weights());
    let other = Lstm::init(
        LstmConfig {
            units: u,
            ..LstmConfig::default()
        },
        d,
        InitScheme::Keras,
        8,
    )
    .expect("lstm");
    assert_ne!(other.weights(), lstm.weights());
}

#[test]
fn stacks_mix_the_three_cells_and_count_parameters_as_keras() {
    let configs = [
        LayerConfig::SimpleRnn(SimpleRnnConfig {
            units: 4,
            return_sequences: true,
            ..SimpleRnnConfig::default()
        }),
        LayerConfig::Lstm(LstmConfig {
            units: 3,
            return_sequences: true,
            ..LstmConfig::default()
        }),
        LayerConfig::Bidirectional(BidirectionalConfig {
            layer: GruConfig {
                units: 2,
                reset_after: false,
                ..GruConfig::default()
            }
            .into(),
            merge_mode: MergeMode::Ave,
        }),
    ];
    let stack = Stack::init(5, &configs, InitScheme::Keras, 1).expect("stack");
    let counts: Vec<usize> = stack
        .layers()
        .iter()
        .map(|l| {
            [Direction::Forward, Direction::Backward]
                .iter()
                .filter_map(|d| l.recurrent(*d))
                .map(unrolled::rnn::RecurrentRef::param_count)
                .sum()
        })
        .collect();
    // SimpleRNN 4·(5+4)+4; LSTM 4·(3·(4+3)+3); 2 × GRU 3·(2·(3+2)+2).
    assert_eq!(counts, [40, 96, 72]);
    assert_eq!(
        stack.layers()[2]
            .recurrent(Direction::Backward)
            .map(unrolled::rnn::RecurrentRef::kind),
        Some(CellKind::Gru)
    );
    let x = Array3::from_shape_fn((2, 6, 5), |(b, t, d)| ((b + t + d) as f32 * 0.3).sin());
    let out = stack
        .forward_checked(Input::Features(x.view()))
        .expect("forward");
    assert_eq!(out.last().expect("output").shape(), &[2, 2]);
    assert!(out.layers[1].cells(Direction::Forward).is_some());
    assert!(out.layers[2].cells(Direction::Forward).is_none());
    // A backward GRU's state at t = 0 has read the whole sequence; its weights came from
    // generator direction 1, not the forward's.
    let Layer::Bidirectional(b) = &stack.layers()[2] else {
        panic!("bidirectional")
    };
    assert_ne!(
        b.direction(Direction::Forward).kernel(),
        b.direction(Direction::Backward).kernel()
    );
}
