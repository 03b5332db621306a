//! The page computes and shows LSTM and GRU layers: the model builder switches a layer's
//! cell and its gate options, the summary and PyTorch table follow, the step's gates equal
//! the CLI's trace, links and saved sessions carry the cell, and Keras and PyTorch weights
//! of gated layers import.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test stops at the first broken fixture or setup, and says which"
)]

use std::rc::Rc;

use serde_json::Value;
use unrolled::app::domain::cell_settings::CellOption;
use unrolled::app::domain::export::step_trace_json;
use unrolled::app::domain::import::import;
use unrolled::app::domain::layers::recurrent_layers;
use unrolled::app::domain::link::{parse_fragment, parse_stored};
use unrolled::app::domain::presets::Preset;
use unrolled::app::domain::session::Session;
use unrolled::app::i18n::Lang;
use unrolled::app::state::{Action, AppState};
use unrolled::model::{CaseSpec, CellKind, LayerSpec, RnnActivation};
use unrolled::rnn::{CellTrace, Direction};
use yew::Reducible;

fn act(state: Rc<AppState>, action: Action) -> Rc<AppState> {
    state.reduce(action)
}

fn session(state: &AppState) -> &Session {
    state
        .session
        .as_ref()
        .unwrap_or_else(|| panic!("no session: {:?}", state.errors))
}

#[test]
fn the_page_computes_gated_layers_and_traces_their_gates() {
    let text = r#"{"input": {"features": 2}, "layers": [{"type": "simple_rnn", "units": 3, "return_sequences": true}, {"type": "gru", "units": 2, "return_sequences": true}, {"type": "lstm", "units": 2}],
        "init": {"scheme": "keras", "seed": 1}, "inputs": [[[1, 2], [3, 4], [0.5, -1]]]}"#;
    let case = CaseSpec::from_json(text).expect("valid");
    let s = Session::compute(&case).expect("the page computes LSTM and GRU layers");
    let layers = recurrent_layers(&s.model);
    assert_eq!(
        layers.iter().map(|l| l.cell).collect::<Vec<_>>(),
        [CellKind::SimpleRnn, CellKind::Gru, CellKind::Lstm]
    );
    let cli: Value = serde_json::to_value(case.run(true).expect("runs")).expect("json");
    for (n, layer) in layers.iter().enumerate() {
        for t in 0..3 {
            let trace = s
                .cell_trace(layer.stack_index, Direction::Forward, 0, t)
                .expect("trace");
            let states = s.states(layer.stack_index, Direction::Forward, 0).unwrap();
            for (a, b) in trace.h_t().iter().zip(states.row(t)) {
                assert!((a - b).abs() < 1e-6, "layer {n} t {t}: {a} vs {b}");
            }
            let step = &cli["trace"][layer.stack_index]["forward"][0][t];
            let ours = serde_json::to_value(unrolled::model::StepJson(&trace)).unwrap();
            assert_eq!(&ours, step, "layer {n} t {t}");
        }
    }
    assert!(matches!(
        s.cell_trace(2, Direction::Forward, 0, 1).unwrap(),
        CellTrace::Lstm(_)
    ));
    assert!(s.gate_series(1, Direction::Forward, 0).is_some());
}

/// `Total params` of the summary.
fn total(state: &AppState) -> u64 {
    session(state).info.keras_params()
}

#[test]
fn the_builder_switches_a_layers_cell_and_the_summary_follows() {
    // SimpleRNN(3, input_shape=(2, 10)): 42 parameters.
    let state = Rc::new(AppState::with_preset(Lang::En, Preset::InputShape));
    assert_eq!(total(&state), 42);
    let lstm = act(
        state,
        Action::SetCellOption(0, CellOption::Cell(CellKind::Lstm)),
    );
    assert_eq!(total(&lstm), 4 * 42);
    let summary = session(&lstm).info.summary_text();
    assert!(summary.contains(" lstm (LSTM) "), "{summary}");
    assert_eq!(
        session(&lstm).info.pytorch_params(),
        4 * (3 * (10 + 3) + 2 * 3)
    );
    let gru = act(
        lstm.clone(),
        Action::SetCellOption(0, CellOption::Cell(CellKind::Gru)),
    );
    // reset_after: two bias rows.
    assert_eq!(total(&gru), 3 * (3 * (10 + 3) + 2 * 3));
    let before = act(gru, Action::SetCellOption(0, CellOption::ResetAfter(false)));
    assert_eq!(total(&before), 3 * 42);
    let Some(LayerSpec::Gru(g)) = before.draft.layers.first() else {
        panic!("not a GRU: {:?}", before.draft);
    };
    assert!(!g.reset_after);
    let hard = act(
        before,
        Action::SetCellOption(
            0,
            CellOption::RecurrentActivation(RnnActivation::HardSigmoid),
        ),
    );
    let Some(LayerSpec::Gru(g)) = hard.draft.layers.first() else {
        panic!("not a GRU");
    };
    assert_eq!(g.recurrent_activation, RnnActivation::HardSigmoid);
    let no_forget = act(
        lstm,
        Action::SetCellOption(0, CellOption::UnitForgetBias(false)),
    );
    let Some(LayerSpec::Lstm(l)) = no_forget.draft.layers.first() else {
        panic!("not an LSTM");
    };
    assert!(!l.unit_forget_bias);
    // A layer added on top takes the cell of the layer below.
    let two = act(no_forget, Action::AddLayer);
    let cells: Vec<_> = recurrent_layers(&two.draft)
        .iter()
        .map(|l| l.cell)
        .collect();
    assert_eq!(cells, [CellKind::Lstm, CellKind::Lstm]);
    assert!(two.errors.is_empty(), "{:?}", two.errors);
    // Moving layers keeps each cell with its layer and return_sequences with the place.
    let mixed = act(
        two,
        Action::SetCellOption(1, CellOption::Cell(CellKind::Gru)),
    );
    let moved = act(mixed, Action::MoveLayer(1, true));
    let kinds: Vec<_> = moved.draft.layers.iter().map(LayerSpec::kind).collect();
    assert_eq!(kinds, ["gru", "lstm"]);
    assert!(moved.errors.is_empty(), "{:?}", moved.errors);
    // Units edit the gated layer too.
    let wider = act(
        moved,
        Action::SetNumber(unrolled::app::state::NumberField::Units(0), "5".into()),
    );
    assert_eq!(recurrent_layers(&wider.draft)[0].units, 5);
}

#[test]
fn links_and_saved_sessions_carry_the_cell_and_its_options() {
    let state = Rc::new(AppState::with_preset(Lang::Ko, Preset::NumpyLoop));
    let state = act(
        state,
        Action::SetCellOption(0, CellOption::Cell(CellKind::Gru)),
    );
    let state = act(
        state,
        Action::SetCellOption(0, CellOption::ResetAfter(false)),
    );
    let state = act(state, Action::GoTo(3));
    let view = state.view();
    let fragment = view.to_fragment();
    assert!(fragment.starts_with("v1="), "{fragment}");
    let back = parse_fragment(&format!("#{fragment}"))
        .expect("reads")
        .expect("a view");
    assert_eq!(back, view);
    let stored = parse_stored(&fragment).expect("stored session reads");
    assert_eq!(stored, view);
    let opened = AppState::open(&back).expect("opens");
    assert_eq!(opened.draft, state.draft);
    let (a, b) = (session(&opened), session(&state));
    let layer = recurrent_layers(&a.model)[0];
    let ta = a
        .cell_trace(layer.stack_index, Direction::Forward, 0, 3)
        .unwrap();
    let tb = b
        .cell_trace(layer.stack_index, Direction::Forward, 0, 3)
        .unwrap();
    assert_eq!(ta, tb);
    let CellTrace::Gru(g) = ta else {
        panic!("not a GRU step");
    };
    assert!(!g.reset_after);
}

#[test]
fn the_step_download_of_a_gated_cell_names_its_parts_as_the_cli_does() {
    let state = Rc::new(AppState::with_preset(Lang::En, Preset::InputShape));
    let state = act(
        state,
        Action::SetCellOption(0, CellOption::Cell(CellKind::Lstm)),
    );
    let state = act(state, Action::GoTo(1));
    let s = session(&state);
    let json: Value = serde_json::from_str(&step_trace_json(s, state.selection).unwrap()).unwrap();
    let cli: Value = serde_json::to_value(s.case.run(true).unwrap()).unwrap();
    let step = &cli["trace"][0]["forward"][0][1];
    for key in ["c_t", "h_t", "f⊙c_{t-1}", "i⊙c̃", "c_{t-1}", "x_t"] {
        close(&json[key], &step[key], key);
    }
    for (key, value) in [
        ("input_gate", "i"),
        ("forget_gate", "f"),
        ("candidate", "c̃"),
        ("output_gate", "o"),
    ] {
        close(&json[key][value], &step[key][value], key);
        close(
            &json[key][format!("z_{value}")],
            &step[key][format!("z_{value}")],
            key,
        );
    }
    assert_eq!(json["layer"], 1);
    assert_eq!(json["timestep"], 1);
}

/// Two JSON number lists agree (JSON text is read back within a float's last digit).
fn close(a: &Value, b: &Value, what: &str) {
    let (a, b) = (a.as_array().expect(what), b.as_array().expect(what));
    assert_eq!(a.len(), b.len(), "{what}");
    for (x, y) in a.iter().zip(b) {
        let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
        assert!(
            (x - y).abs() <= 1e-12 * (1.0 + y.abs()),
            "{what}: {x} vs {y}"
        );
    }
}

/// The Keras `get_weights()` lists of a session's layers, as JSON.
fn keras_json(s: &Session) -> String {
    let weights = serde_json::to_value(s.case.run(false).unwrap()).unwrap()["weights"].clone();
    let lists: Vec<Value> = weights
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            let mut list = vec![w["kernel"].clone(), w["recurrent_kernel"].clone()];
            if !w["bias"].is_null() {
                list.push(w["bias"].clone());
            }
            Value::Array(list)
        })
        .collect();
    Value::Array(lists).to_string()
}

#[test]
fn keras_and_pytorch_weights_of_gated_layers_import() {
    for cell in [CellKind::Lstm, CellKind::Gru] {
        let state = Rc::new(AppState::with_preset(Lang::En, Preset::InputShape));
        let state = act(state, Action::SetCellOption(0, CellOption::Cell(cell)));
        let s = session(&state);
        let text = keras_json(s);
        let imported = import("weights.json", text.as_bytes(), &state.draft).expect("imports");
        let again = act(state.clone(), Action::Import(Rc::new(imported)));
        let (a, b) = (session(&again), session(&state));
        assert_eq!(
            a.states(0, Direction::Forward, 0).unwrap(),
            b.states(0, Direction::Forward, 0).unwrap(),
            "{cell}"
        );
        // One array short: named with its gate layout.
        let short: Value = serde_json::from_str(&text).unwrap();
        let cut = Value::Array(vec![Value::Array(
            short[0].as_array().unwrap()[..2].to_vec(),
        )]);
        let err = import("w.json", cut.to_string().as_bytes(), &state.draft).unwrap_err();
        assert!(err.to_string().contains("\"bias\" is missing"), "{err}");
    }
    let fixture: Value =
        serde_json::from_str(include_str!("fixtures/rnn/pytorch_gated.json")).unwrap();
    for (file, name, cell) in [
        (
            &include_bytes!("fixtures/rnn/pytorch_lstm_state_dict.npz")[..],
            "lstm_two_layers_bidirectional",
            "lstm",
        ),
        (
            &include_bytes!("fixtures/rnn/pytorch_gru_state_dict.npz")[..],
            "gru_two_layers_bidirectional",
            "gru",
        ),
    ] {
        let current = AppState::with_preset(Lang::En, Preset::NumpyLoop).draft;
        let imported = import("sd.npz", file, &current).expect("imports");
        assert!(imported.model.layers.iter().all(|l| l.kind() == cell));
        let case = fixture["cases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .unwrap();
        let input = &case["input"][0];
        let rows: Vec<String> = input
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r.as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_f64().unwrap().to_string())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let mut model = imported.model.clone();
        model.input.timesteps = Some(rows.len());
        let imported = unrolled::app::domain::import::Imported {
            model,
            input: Some(unrolled::app::domain::inputs::InputSource::Manual(
                rows.join("\n"),
            )),
            ..imported
        };
        let state = act(
            Rc::new(AppState::with_preset(Lang::En, Preset::NumpyLoop)),
            Action::Import(Rc::new(imported)),
        );
        let s = session(&state);
        let last = s.output.last().unwrap().view();
        let want = &case["output"][0];
        let want: Vec<f64> = want
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|r| r.as_array().unwrap().iter().map(|v| v.as_f64().unwrap()))
            .collect();
        assert_eq!(last.len(), want.len(), "{name}");
        for (a, e) in last.iter().zip(&want) {
            assert!((f64::from(*a) - e).abs() < 1e-5, "{name}: {a} vs torch {e}");
        }
    }
}
