//! LSTM and GRU layers in model and case documents: every Keras 3 case of
//! `tests/fixtures/rnn/keras_gated.json` read as a case document and run (outputs, and each
//! step's `h_t` and `c_t` from the trace) within 1e-4; defaults, refused fields, bad weights
//! naming the gate layout, round trips, parameter formulas, the Keras code of a layer, the
//! `PyTorch` summary, and an engine stack turned back into a document.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test stops at the first broken fixture or setup, and says which"
)]
#![allow(
    clippy::cast_possible_truncation,
    clippy::float_cmp,
    clippy::print_stdout,
    clippy::too_many_lines,
    reason = "tests compare values from fixtures, cast small sizes and print their figures"
)]

use ndarray::{ArrayD, IxDyn};
use serde_json::Value;
use unrolled::model::{
    document_layer, BiasTerms, CaseParameters, CaseSpec, CellKind, InputSpec, LayerSpec,
    ModelError, ModelSpec, RecurrentParams, RnnActivation,
};
use unrolled::rnn::{CellTrace, InitScheme, Input, Stack};

const KERAS: &str = include_str!("fixtures/rnn/keras_gated.json");

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

fn close(what: &str, a: f32, e: f32, tolerance: &str) {
    let allowed = if tolerance == "abs" {
        1e-4
    } else {
        1e-4 * e.abs().max(1.0)
    };
    assert!((a - e).abs() <= allowed, "{what}: {a} vs Keras {e}");
}

fn keras_cases() -> Vec<Value> {
    let root: Value = serde_json::from_str(KERAS).expect("fixture");
    root["cases"].as_array().expect("cases").clone()
}

#[test]
fn every_keras_case_runs_as_a_case_document_within_1e_4() {
    for case in keras_cases() {
        let name = case["name"].as_str().expect("name");
        let tolerance = case["tolerance"].as_str().expect("tolerance");
        let text = case["document"].to_string();
        let spec = CaseSpec::from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let run = spec.run(true).expect("runs");
        for (i, (ours, keras)) in run
            .outputs
            .iter()
            .zip(case["outputs"].as_array().expect("outputs"))
            .enumerate()
        {
            let keras = array(keras);
            assert_eq!(ours.shape(), keras.shape(), "{name} layer {i}");
            for (a, e) in ours.iter().zip(&keras) {
                close(&format!("{name} layer {i}"), *a, *e, tolerance);
            }
        }
        let traces = run.traces.expect("traced");
        for (i, trace) in traces.iter().enumerate() {
            let states = &case["states"][i];
            let Some(trace) = trace else {
                assert!(states.is_null(), "{name} layer {i} is recurrent");
                continue;
            };
            let directions = [Some(&trace.forward), trace.backward.as_ref()];
            for (d, steps) in directions.iter().enumerate() {
                let Some(steps) = steps else { continue };
                for (b, item) in steps.iter().enumerate() {
                    for (t, step) in item.iter().enumerate() {
                        let h = &states["hidden"][d][b][t];
                        for (u, v) in step.h_t().iter().enumerate() {
                            let e = h[u].as_f64().expect("h") as f32;
                            close(
                                &format!("{name} layer {i} dir {d} h[{b}][{t}]"),
                                *v,
                                e,
                                tolerance,
                            );
                        }
                        if let CellTrace::Lstm(step) = step {
                            let c = &states["cell"][d][b][t];
                            for (u, v) in step.c_t.iter().enumerate() {
                                let e = c[u].as_f64().expect("c") as f32;
                                close(
                                    &format!("{name} layer {i} dir {d} c[{b}][{t}]"),
                                    *v,
                                    e,
                                    "rel",
                                );
                            }
                        }
                    }
                }
            }
        }
        // A case writes itself back as the same document.
        let again = CaseSpec::from_json(&serde_json::to_string(&spec).expect("writes"))
            .unwrap_or_else(|e| panic!("{name} round trip: {e}"));
        assert_eq!(again, spec, "{name} round trip");
    }
}

fn model_error(text: &str) -> String {
    match ModelSpec::from_json(text) {
        Ok(model) => panic!("accepted {text}: {model:?}"),
        Err(err) => err.to_string(),
    }
}

fn case_error(text: &str) -> String {
    match CaseSpec::from_json(text) {
        Ok(case) => panic!("accepted {text}: {case:?}"),
        Err(err) => err.to_string(),
    }
}

#[test]
fn omitted_fields_take_keras_defaults_and_write_back_in_order() {
    let model = ModelSpec::from_json(
        r#"{"input": {"timesteps": 4, "features": 3},
            "layers": [{"type": "lstm", "units": 8, "return_sequences": true}, {"type": "gru", "units": 2}]}"#,
    )
    .expect("valid");
    let LayerSpec::Lstm(lstm) = &model.layers[0] else {
        panic!("lstm")
    };
    assert_eq!(
        (
            lstm.activation,
            lstm.recurrent_activation,
            lstm.use_bias,
            lstm.unit_forget_bias,
            lstm.bidirectional
        ),
        (
            RnnActivation::Tanh,
            RnnActivation::Sigmoid,
            true,
            true,
            None
        )
    );
    let LayerSpec::Gru(gru) = &model.layers[1] else {
        panic!("gru")
    };
    assert!(gru.reset_after && !gru.return_sequences);
    assert_eq!(
        serde_json::to_string(&model.layers[0]).expect("json"),
        r#"{"type":"lstm","units":8,"activation":"tanh","recurrent_activation":"sigmoid","use_bias":true,"unit_forget_bias":true,"return_sequences":true,"bidirectional":null}"#
    );
    assert_eq!(
        serde_json::to_string(&model.layers[1]).expect("json"),
        r#"{"type":"gru","units":2,"activation":"tanh","recurrent_activation":"sigmoid","use_bias":true,"reset_after":true,"return_sequences":false,"bidirectional":null}"#
    );
    let hard = ModelSpec::from_json(
        r#"{"input": {"features": 1}, "layers": [{"type": "gru", "units": 1, "activation": "hard_sigmoid", "recurrent_activation": "linear"}]}"#,
    )
    .expect("valid");
    assert_eq!(
        hard.layers[0].keras_code(""),
        "GRU(1, activation='hard_sigmoid', recurrent_activation='linear')"
    );
}

#[test]
fn fields_of_other_layer_types_are_refused_with_the_layers_own_list() {
    assert_eq!(
        model_error(r#"{"input": {"features": 1}, "layers": [{"type": "lstm", "units": 2, "reset_after": false}]}"#),
        "layer 1 (lstm): \"reset_after\" is not a setting of this layer type; its settings are \"name\", \"units\", \"activation\", \"recurrent_activation\", \"use_bias\", \"unit_forget_bias\", \"return_sequences\" and \"bidirectional\""
    );
    assert_eq!(
        model_error(r#"{"input": {"features": 1}, "layers": [{"type": "gru", "units": 2, "unit_forget_bias": false}]}"#),
        "layer 1 (gru): \"unit_forget_bias\" is not a setting of this layer type; its settings are \"name\", \"units\", \"activation\", \"recurrent_activation\", \"use_bias\", \"reset_after\", \"return_sequences\" and \"bidirectional\""
    );
    assert_eq!(
        model_error(r#"{"input": {"features": 1}, "layers": [{"type": "simple_rnn", "units": 2, "recurrent_activation": "tanh"}]}"#),
        "layer 1 (simple_rnn): \"recurrent_activation\" is not a setting of this layer type; its settings are \"name\", \"units\", \"activation\", \"use_bias\", \"return_sequences\" and \"bidirectional\""
    );
    assert_eq!(
        model_error(r#"{"input": {"features": 1}, "layers": [{"type": "lstm", "units": 2, "recurrent_activation": "softsign"}]}"#),
        "layer 1 (lstm): activation \"softsign\" is not available here; use one of \"tanh\", \"relu\", \"sigmoid\", \"linear\", \"hard_sigmoid\""
    );
    assert_eq!(
        model_error(r#"{"input": {"features": 1}, "layers": [{"type": "gru", "units": 0}]}"#),
        "layer 1 (gru): \"units\" is 0, but it must be at least 1"
    );
    assert_eq!(
        model_error(r#"{"input": {"features": 1}, "layers": [{"type": "gru", "units": 2}, {"type": "lstm", "units": 2}]}"#),
        "layer 2 (lstm) needs a sequence, but layer 1 (gru) returns only its last step; set \"return_sequences\": true on layer 1 (gru)"
    );
}

const WEIGHTS_MODEL: &str =
    r#""input": {"timesteps": 2, "features": 3}, "inputs": [[[1, 2, 3], [4, 5, 6]]]"#;

fn zeros(shape: &[usize]) -> Value {
    match shape {
        [] => Value::from(0.0),
        [n, rest @ ..] => Value::Array((0..*n).map(|_| zeros(rest)).collect()),
    }
}

fn gated_case(layer: &str, weights: &Value) -> String {
    format!(r#"{{{WEIGHTS_MODEL}, "layers": [{layer}], "weights": [{weights}]}}"#)
}

#[test]
fn bad_weights_name_the_layer_tensor_gate_layout_and_both_shapes() {
    let lstm = r#"{"type": "lstm", "units": 4}"#;
    let w = serde_json::json!({"kernel": zeros(&[3, 12]), "recurrent_kernel": zeros(&[4, 16]), "bias": zeros(&[16])});
    assert_eq!(
        case_error(&gated_case(lstm, &w)),
        "layer 1 (lstm): weight \"kernel\" must be (3, 16) = (input, 4·units) with gates i, f, c, o; found (3, 12)"
    );
    let w = serde_json::json!({"kernel": zeros(&[3, 16]), "recurrent_kernel": zeros(&[4, 4]), "bias": zeros(&[16])});
    assert_eq!(
        case_error(&gated_case(lstm, &w)),
        "layer 1 (lstm): weight \"recurrent_kernel\" must be (4, 16) = (units, 4·units) with gates i, f, c, o; found (4, 4)"
    );
    let w = serde_json::json!({"kernel": zeros(&[3, 16]), "recurrent_kernel": zeros(&[4, 16]), "bias": zeros(&[4])});
    assert_eq!(
        case_error(&gated_case(lstm, &w)),
        "layer 1 (lstm): weight \"bias\" must be (16,) = (4·units,) with gates i, f, c, o; found (4,)"
    );
    let gru = r#"{"type": "gru", "units": 2}"#;
    let w = serde_json::json!({"kernel": zeros(&[3, 6]), "recurrent_kernel": zeros(&[2, 6]), "bias": zeros(&[6])});
    assert_eq!(
        case_error(&gated_case(gru, &w)),
        "layer 1 (gru): weight \"bias\" must be (2, 6) = (2, 3·units) with gates z, r, h (row 0 the input bias, row 1 the recurrent bias); found (6,)"
    );
    let before = r#"{"type": "gru", "units": 2, "reset_after": false}"#;
    let w = serde_json::json!({"kernel": zeros(&[3, 6]), "recurrent_kernel": zeros(&[2, 6]), "bias": zeros(&[2, 6])});
    assert_eq!(
        case_error(&gated_case(before, &w)),
        "layer 1 (gru): weight \"bias\" must be (6,) = (3·units,) with gates z, r, h; found (2, 6)"
    );
    let w = serde_json::json!({"kernel": zeros(&[3, 6]), "recurrent_kernel": zeros(&[2, 6])});
    assert_eq!(
        case_error(&gated_case(gru, &w)),
        "layer 1 (gru): weight \"bias\" is missing; it should have shape (2, 6)"
    );
    let bi = r#"{"type": "lstm", "units": 1, "bidirectional": "sum"}"#;
    let good = serde_json::json!({"kernel": zeros(&[3, 4]), "recurrent_kernel": zeros(&[1, 4]), "bias": zeros(&[4])});
    let bad = serde_json::json!({"kernel": zeros(&[3, 4]), "recurrent_kernel": zeros(&[4, 1]), "bias": zeros(&[4])});
    assert_eq!(
        case_error(&gated_case(bi, &serde_json::json!({"forward": good, "backward": bad}))),
        "layer 1 (lstm): weight \"backward.recurrent_kernel\" must be (1, 4) = (units, 4·units) with gates i, f, c, o; found (4, 1)"
    );
    let nobias = r#"{"type": "lstm", "units": 1, "use_bias": false}"#;
    let w = serde_json::json!({"kernel": zeros(&[3, 4]), "recurrent_kernel": zeros(&[1, 4]), "bias": zeros(&[4])});
    assert_eq!(
        case_error(&gated_case(nobias, &w)),
        "layer 1 (lstm): weight \"bias\" does not belong to this layer; the layer has \"use_bias\": false; remove the bias or set \"use_bias\": true"
    );
    let w = serde_json::json!({"kernel": zeros(&[3, 4]), "recurrent_kernel": zeros(&[1, 4]), "embeddings": zeros(&[1, 1])});
    assert_eq!(
        case_error(&gated_case(nobias, &w)),
        "layer 1 (lstm): weight \"embeddings\" does not belong to this layer; an lstm has \"kernel\", \"recurrent_kernel\" and \"bias\""
    );
    // The typed error carries the layout for the page's Korean text.
    let Err(ModelError::GateWeightShape { layout, .. }) = CaseSpec::from_json(&gated_case(
        gru,
        &serde_json::json!({"kernel": zeros(&[3, 5]), "recurrent_kernel": zeros(&[2, 6]), "bias": zeros(&[2, 6])}),
    )) else {
        panic!("a gate layout error")
    };
    assert_eq!(
        (layout.cell, layout.gates(), layout.shape_words()),
        (CellKind::Gru, "z, r, h", "(input, 3·units)".to_owned())
    );
}

#[test]
fn parameter_formulas_and_pytorch_counts_say_why() {
    let model = ModelSpec::from_json(
        r#"{"input": {"timesteps": 5, "features": 3}, "layers": [
            {"type": "lstm", "units": 8, "return_sequences": true, "bidirectional": "concat"},
            {"type": "gru", "units": 4, "return_sequences": true},
            {"type": "gru", "units": 4, "reset_after": false, "return_sequences": true},
            {"type": "simple_rnn", "units": 2}]}"#,
    )
    .expect("valid");
    let info = model.validate().expect("valid");
    let params: Vec<RecurrentParams> = model
        .layers
        .iter()
        .zip(&info.layers)
        .map(|(layer, li)| {
            RecurrentParams::of(layer, li.input_shape.last().expect("width")).expect("recurrent")
        })
        .collect();
    // LSTM: 2 × 4·(u·(d+u)+u); GRU reset_after 3·(u·(d+u)+2u); reset before 3·(u·(d+u)+u).
    assert_eq!(params[0].numbers(), "2 × 4 × (8 × (3 + 8) + 8)");
    assert_eq!(params[0].keras, 2 * 4 * (8 * (3 + 8) + 8));
    assert_eq!(params[0].pytorch, 2 * 4 * (8 * (3 + 8) + 2 * 8));
    assert_eq!(params[1].numbers(), "3 × (4 × (16 + 4) + 2 × 4)");
    assert_eq!(
        (params[1].bias, params[1].keras, params[1].pytorch),
        (BiasTerms::Two, 264, 264)
    );
    assert_eq!(params[2].numbers(), "3 × (4 × (4 + 4) + 4)");
    assert_eq!((params[2].keras, params[2].pytorch), (108, 120));
    assert_eq!(params[3].numbers(), "(2 × (4 + 2) + 2)");
    for (p, li) in params.iter().zip(&info.layers) {
        assert_eq!(
            (p.keras, p.pytorch),
            (li.keras_params, li.pytorch_params),
            "{}",
            li.name
        );
    }
    assert_eq!(
        info.pytorch_summary_text().lines().rev().take(4).collect::<Vec<_>>(),
        [
            " simple_rnn (SimpleRNN): +2: nn.RNN adds two bias vectors (bias_ih and bias_hh) where Keras adds one",
            " gru_1 (GRU): +12: nn.GRU adds two bias vectors (bias_ih and bias_hh) where this layer (reset_after=False) adds one; and nn.GRU always applies the reset gate after the recurrent product, so no nn.GRU computes this layer",
            " gru (GRU): same count: nn.GRU's bias_ih and bias_hh are Keras's two bias rows (reset_after=True)",
            " bidirectional (Bidirectional): +64: nn.LSTM adds two bias vectors of 4·units (bias_ih and bias_hh) where Keras adds one",
        ]
    );
    assert_eq!(
        model.layers[0].keras_code(", input_shape=(5, 3)"),
        "Bidirectional(LSTM(8, return_sequences=True), input_shape=(5, 3))"
    );
    assert_eq!(
        model.layers[2].keras_code(""),
        "GRU(4, reset_after=False, return_sequences=True)"
    );
    // Only GRU layers with reset_after and biases: the counts agree, and the text says so.
    let same = ModelSpec::from_json(
        r#"{"input": {"features": 2}, "layers": [{"type": "gru", "units": 3}]}"#,
    )
    .expect("valid")
    .validate()
    .expect("valid")
    .pytorch_summary_text();
    assert!(same.ends_with("Keras counts the same; how the modules differ:\n gru (GRU): same count: nn.GRU's bias_ih and bias_hh are Keras's two bias rows (reset_after=True)\n"), "{same}");
}

#[test]
fn seeded_gated_cases_are_deterministic_and_follow_the_scheme() {
    let text = |scheme: &str, seed: u64| {
        format!(
            r#"{{"input": {{"features": 2}}, "layers": [{{"type": "lstm", "units": 3, "return_sequences": true, "bidirectional": "ave"}}, {{"type": "gru", "units": 2}}],
                "init": {{"scheme": "{scheme}", "seed": {seed}}}, "inputs": [[[1, 2], [3, 4], [0, -1]]]}}"#
        )
    };
    let run = |scheme: &str, seed: u64| {
        CaseSpec::from_json(&text(scheme, seed))
            .expect("valid")
            .run(false)
            .expect("runs")
    };
    assert_eq!(run("keras", 1), run("keras", 1));
    assert_ne!(run("keras", 1).outputs, run("keras", 2).outputs);
    assert_ne!(run("keras", 1).outputs, run("pytorch", 1).outputs);
    let keras = run("keras", 1);
    let unrolled::model::LayerWeights::Bidirectional { forward, .. } = &keras.weights[0] else {
        panic!("bidirectional")
    };
    // Keras: zero bias but the forget block, which starts at 1.
    let bias = forward.bias.as_ref().expect("bias");
    assert_eq!(
        bias.to_vec(),
        [0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    );
    let unrolled::model::LayerWeights::Gru(gru) = &keras.weights[1] else {
        panic!("gru")
    };
    assert!(
        gru.recurrent_bias.is_some(),
        "reset_after keeps two bias rows"
    );
    let CaseParameters::Init(init) = CaseSpec::from_json(&text("uniform01", 5))
        .expect("valid")
        .parameters
    else {
        panic!("init")
    };
    assert_eq!(init.scheme, InitScheme::Uniform01);
}

#[test]
fn an_engine_stack_becomes_a_document_that_runs_the_same() {
    let model = ModelSpec::from_json(
        r#"{"input": {"timesteps": 4, "features": 2}, "layers": [
            {"type": "gru", "units": 3, "return_sequences": true, "reset_after": false, "bidirectional": "mul"},
            {"type": "lstm", "units": 2, "recurrent_activation": "hard_sigmoid", "unit_forget_bias": false},
            {"type": "dense", "units": 1, "activation": "hard_sigmoid"}]}"#,
    )
    .expect("valid");
    let configs: Vec<_> = model.layers.iter().map(LayerSpec::engine_config).collect();
    let stack = Stack::init(2, &configs, InitScheme::PyTorch, 9).expect("stack");
    let (layers, weights): (Vec<_>, Vec<_>) = stack
        .layers()
        .iter()
        .map(|l| document_layer(l).expect("writable"))
        .unzip();
    assert_eq!(layers, model.layers);
    let x = ndarray::Array3::from_shape_fn((1, 4, 2), |(_, t, d)| (t as f32 - d as f32) * 0.5);
    let case = CaseSpec {
        model: ModelSpec {
            name: None,
            input: InputSpec {
                timesteps: Some(4),
                features: Some(2),
                batch: None,
            },
            layers,
        },
        parameters: CaseParameters::Weights(weights),
        inputs: unrolled::model::CaseInputs::Features(x.clone()),
    };
    let ran = case.run(false).expect("runs");
    let direct = stack.forward(Input::Features(x.view())).expect("forward");
    assert_eq!(
        ran.outputs[2],
        direct.last().expect("last").view().to_owned()
    );
    // A document cannot write a recurrent softmax, so that layer has no document form.
    let softmax = Stack::init(
        2,
        &[unrolled::rnn::LayerConfig::Lstm(
            unrolled::rnn::LstmConfig {
                units: 2,
                activation: unrolled::rnn::Activation::Softmax,
                ..unrolled::rnn::LstmConfig::default()
            },
        )],
        InitScheme::Keras,
        1,
    )
    .expect("stack");
    assert!(document_layer(&softmax.layers()[0]).is_none());
}

#[test]
fn pytorch_state_dicts_become_models_that_reproduce_torch() {
    let root: Value =
        serde_json::from_str(include_str!("fixtures/rnn/pytorch_gated.json")).expect("fixture");
    for case in root["cases"].as_array().expect("cases") {
        let name = case["name"].as_str().expect("name");
        let arrays: Vec<(String, ArrayD<f32>)> = case["state_dict"]
            .as_object()
            .expect("state_dict")
            .iter()
            .map(|(k, v)| (format!("rnn.{k}"), array(v)))
            .collect();
        let named: Vec<unrolled::model::NamedTensor<'_>> = arrays
            .iter()
            .map(|(name, a)| unrolled::model::NamedTensor {
                name,
                array: a.view(),
            })
            .collect();
        let imported = unrolled::model::from_pytorch_state_dict(&named).expect("imports");
        let x: ndarray::Array3<f32> = array(&case["input"]).into_dimensionality().expect("3-D");
        let cell = if case["cell"] == "lstm" {
            CellKind::Lstm
        } else {
            CellKind::Gru
        };
        assert!(imported
            .layers
            .iter()
            .all(|l| l.recurrent().is_some_and(|r| r.cell == cell
                && r.bidirectional.is_some() == case["bidirectional"].as_bool().expect("bool")
                && r.use_bias == case["bias"].as_bool().expect("bool"))));
        let spec = CaseSpec {
            model: ModelSpec {
                name: None,
                input: InputSpec {
                    timesteps: None,
                    features: Some(imported.features),
                    batch: None,
                },
                layers: imported.layers,
            },
            parameters: CaseParameters::Weights(imported.weights),
            inputs: unrolled::model::CaseInputs::Features(x),
        };
        let run = spec.run(false).expect("runs");
        let ours = run.outputs.last().expect("output");
        let torch = array(&case["output"]);
        assert_eq!(ours.shape(), torch.shape(), "{name}");
        for (a, e) in ours.iter().zip(&torch) {
            assert!((a - e).abs() < 1e-5, "{name}: {a} vs torch {e}");
        }
        // The same weights through the Keras-list path give the same model.
        let keras: Vec<_> = spec
            .model
            .layers
            .iter()
            .zip(match &spec.parameters {
                CaseParameters::Weights(w) => w.clone(),
                CaseParameters::Init(_) => unreachable!(),
            })
            .enumerate()
            .map(|(i, (layer, w))| {
                let list: Vec<ArrayD<f32>> = match &w {
                    unrolled::model::LayerWeights::Bidirectional { forward, backward } => {
                        [forward, backward]
                            .iter()
                            .flat_map(|d| keras_list(d))
                            .collect()
                    }
                    unrolled::model::LayerWeights::Lstm(d)
                    | unrolled::model::LayerWeights::Gru(d) => keras_list(d),
                    _ => unreachable!(),
                };
                let views: Vec<_> = list.iter().map(ArrayD::view).collect();
                let back = unrolled::model::layer_weights_from_keras(&spec.model, i, &views)
                    .unwrap_or_else(|e| panic!("{name} layer {i}: {e}"));
                assert_eq!(unrolled::model::keras_names(layer).len(), views.len());
                back
            })
            .collect();
        assert_eq!(CaseParameters::Weights(keras), spec.parameters, "{name}");
    }
    // What cannot be imported says why.
    let odd = ndarray::Array2::<f32>::zeros((5, 2)).into_dyn();
    let ih = ndarray::Array2::<f32>::zeros((5, 3)).into_dyn();
    let named = [
        unrolled::model::NamedTensor {
            name: "weight_ih_l0",
            array: ih.view(),
        },
        unrolled::model::NamedTensor {
            name: "weight_hh_l0",
            array: odd.view(),
        },
    ];
    assert_eq!(
        unrolled::model::from_pytorch_state_dict(&named).unwrap_err().to_string(),
        "array \"weight_hh_l0\" has shape (5, 2): (hidden, hidden) is nn.RNN's, (3·hidden, hidden) nn.GRU's, (4·hidden, hidden) nn.LSTM's"
    );
    assert_eq!(
        unrolled::model::from_pytorch_state_dict(&named[..1])
            .unwrap_err()
            .to_string(),
        "array \"weight_hh_l0\" is missing"
    );
    assert_eq!(
        unrolled::model::from_pytorch_state_dict(&[])
            .unwrap_err()
            .to_string(),
        "no \"weight_ih_l0\" array: this is not the state_dict of an nn.RNN, nn.LSTM or nn.GRU"
    );
}

/// One direction's weights as Keras lists them.
fn keras_list(w: &unrolled::model::RnnWeights) -> Vec<ArrayD<f32>> {
    let mut list = vec![
        w.kernel.clone().into_dyn(),
        w.recurrent_kernel.clone().into_dyn(),
    ];
    list.extend(w.keras_bias());
    list
}

#[test]
fn a_keras_list_of_the_wrong_length_or_shape_is_refused_with_the_layout() {
    let model = ModelSpec::from_json(
        r#"{"input": {"features": 3}, "layers": [{"type": "gru", "units": 2}]}"#,
    )
    .expect("valid");
    let k = ArrayD::<f32>::zeros(IxDyn(&[3, 6]));
    let r = ArrayD::<f32>::zeros(IxDyn(&[2, 6]));
    let flat_bias = ArrayD::<f32>::zeros(IxDyn(&[6]));
    assert_eq!(
        unrolled::model::layer_weights_from_keras(&model, 0, &[k.view(), r.view()])
            .unwrap_err()
            .to_string(),
        "layer 1 (gru): weight \"bias\" is missing; it should have shape (2, 6)"
    );
    assert_eq!(
        unrolled::model::layer_weights_from_keras(&model, 0, &[k.view(), r.view(), flat_bias.view()])
            .unwrap_err()
            .to_string(),
        "layer 1 (gru): weight \"bias\" must be (2, 6) = (2, 3·units) with gates z, r, h (row 0 the input bias, row 1 the recurrent bias); found (6,)"
    );
    let extra = [k.view(), r.view(), flat_bias.view(), flat_bias.view()];
    assert!(unrolled::model::layer_weights_from_keras(&model, 0, &extra)
        .unwrap_err()
        .to_string()
        .contains("weight \"array 4\" does not belong to this layer"));
}

/// The `.npz` files `np.savez` writes for an `nn.LSTM` / `nn.GRU` `state_dict`, read by the
/// page's `.npz` reader and imported by the core: what the page's import wires together.
#[test]
fn pytorch_npz_files_import_through_the_page_reader() {
    let root: Value =
        serde_json::from_str(include_str!("fixtures/rnn/pytorch_gated.json")).expect("fixture");
    for (file, case_name) in [
        (
            &include_bytes!("fixtures/rnn/pytorch_lstm_state_dict.npz")[..],
            "lstm_two_layers_bidirectional",
        ),
        (
            &include_bytes!("fixtures/rnn/pytorch_gru_state_dict.npz")[..],
            "gru_two_layers_bidirectional",
        ),
    ] {
        let arrays = unrolled::app::domain::npz::read_npz(file).expect("npz");
        let owned: Vec<(String, ArrayD<f32>)> = arrays
            .iter()
            .map(|a| {
                (
                    a.name.clone(),
                    ArrayD::from_shape_vec(IxDyn(&a.shape), a.data.clone()).expect("shape"),
                )
            })
            .collect();
        let named: Vec<_> = owned
            .iter()
            .map(|(name, a)| unrolled::model::NamedTensor {
                name,
                array: a.view(),
            })
            .collect();
        let imported = unrolled::model::from_pytorch_state_dict(&named).expect("imports");
        let case = root["cases"]
            .as_array()
            .expect("cases")
            .iter()
            .find(|c| c["name"] == case_name)
            .expect("case");
        let x: ndarray::Array3<f32> = array(&case["input"]).into_dimensionality().expect("3-D");
        let spec = CaseSpec {
            model: ModelSpec {
                name: None,
                input: InputSpec {
                    timesteps: None,
                    features: Some(imported.features),
                    batch: None,
                },
                layers: imported.layers,
            },
            parameters: CaseParameters::Weights(imported.weights),
            inputs: unrolled::model::CaseInputs::Features(x),
        };
        let ours = spec
            .run(false)
            .expect("runs")
            .outputs
            .pop()
            .expect("output");
        for (a, e) in ours.iter().zip(&array(&case["output"])) {
            assert!((a - e).abs() < 1e-5, "{case_name}: {a} vs torch {e}");
        }
    }
}
