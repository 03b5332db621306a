//! Step traces and bidirectional alignment on a one-unit example small enough to check by
//! hand.
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

use ndarray::{arr1, arr2, Array3};
use unrolled::rnn::{
    Activation, Bidirectional, BidirectionalConfig, Direction, Input, Layer, MergeMode, Output,
    SimpleRnn, SimpleRnnConfig, SimpleRnnWeights, Stack,
};

/// `h_t = x_t·2 + 1 + h_{t-1}·0.5` (linear), on `x = [1, 2, 3]`:
/// forward states `[3, 6.5, 10.25]`; backward (reading 3, 2, 1) `[7.25, 8.5, 7]` by
/// input time.
fn cell_weights() -> SimpleRnnWeights {
    SimpleRnnWeights {
        kernel: arr2(&[[2.0]]),
        recurrent_kernel: arr2(&[[0.5]]),
        bias: Some(arr1(&[1.0])),
    }
}

fn config(return_sequences: bool) -> SimpleRnnConfig {
    SimpleRnnConfig {
        units: 1,
        activation: Activation::Linear,
        use_bias: true,
        return_sequences,
    }
}

fn x() -> Array3<f32> {
    Array3::from_shape_vec((1, 3, 1), vec![1.0, 2.0, 3.0]).expect("x")
}

#[test]
fn forward_and_backward_states_are_indexed_by_input_time() {
    let cell = SimpleRnn::new(config(true), cell_weights()).expect("cell");
    let f = cell
        .hidden_states(x().view(), Direction::Forward)
        .expect("f");
    let b = cell
        .hidden_states(x().view(), Direction::Backward)
        .expect("b");
    assert_eq!(f.iter().copied().collect::<Vec<_>>(), vec![3.0, 6.5, 10.25]);
    assert_eq!(b.iter().copied().collect::<Vec<_>>(), vec![7.25, 8.5, 7.0]);
}

#[test]
fn merge_modes_align_like_keras() {
    let expected_seq: [(MergeMode, Vec<f32>); 4] = [
        (MergeMode::Concat, vec![3.0, 7.25, 6.5, 8.5, 10.25, 7.0]),
        (MergeMode::Sum, vec![10.25, 15.0, 17.25]),
        (MergeMode::Mul, vec![21.75, 55.25, 71.75]),
        (MergeMode::Ave, vec![5.125, 7.5, 8.625]),
    ];
    for (mode, seq) in expected_seq {
        let bi = |rs| {
            Bidirectional::new(
                BidirectionalConfig {
                    layer: config(rs),
                    merge_mode: mode,
                },
                cell_weights(),
                cell_weights(),
            )
            .expect("bi")
        };
        let Output::Sequence(out) = bi(true).forward(x().view()).expect("seq") else {
            panic!("sequence expected")
        };
        assert_eq!(out.iter().copied().collect::<Vec<_>>(), seq, "{mode:?}");
        // Without return_sequences: forward's last state (t = 2) with backward's (t = 0).
        let Output::Last(last) = bi(false).forward(x().view()).expect("last") else {
            panic!("last expected")
        };
        let want = match mode {
            MergeMode::Concat => vec![10.25, 7.25],
            MergeMode::Sum => vec![17.5],
            MergeMode::Mul => vec![74.3125],
            MergeMode::Ave => vec![8.75],
        };
        assert_eq!(last.iter().copied().collect::<Vec<_>>(), want, "{mode:?}");
    }
}

#[test]
fn traces_show_every_term_of_the_step() {
    let bi = Bidirectional::new(
        BidirectionalConfig {
            layer: config(true),
            merge_mode: MergeMode::Concat,
        },
        cell_weights(),
        cell_weights(),
    )
    .expect("bi");
    let stack = Stack::new(vec![Layer::Bidirectional(bi)]).expect("stack");
    let x = x();
    let input = Input::Features(x.view());
    let out = stack.forward(input).expect("out");

    let t = stack
        .trace(input, &out, 0, Direction::Forward, 0, 1)
        .expect("trace");
    assert_eq!((t.timestep, t.step_index), (1, 1));
    assert_eq!(t.x_t, arr1(&[2.0]));
    assert_eq!(t.h_prev, arr1(&[3.0]));
    assert_eq!(t.input_projection, arr1(&[4.0]));
    assert_eq!(t.recurrent_projection, arr1(&[1.5]));
    assert_eq!(t.bias, arr1(&[1.0]));
    assert_eq!(t.pre_activation, arr1(&[6.5]));
    assert_eq!(t.h_t, arr1(&[6.5]));

    // Backward at input time 1: second step read, previous state is the one at t = 2.
    let t = stack
        .trace(input, &out, 0, Direction::Backward, 0, 1)
        .expect("trace");
    assert_eq!((t.timestep, t.step_index), (1, 1));
    assert_eq!(t.h_prev, arr1(&[7.0]));
    assert_eq!(t.h_t, arr1(&[8.5]));
    // Backward at input time 2 is its first step: zero previous state.
    let t = stack
        .trace(input, &out, 0, Direction::Backward, 0, 2)
        .expect("trace");
    assert_eq!((t.step_index, t.h_prev[0], t.h_t[0]), (0, 0.0, 7.0));

    let all = stack
        .traces(input, &out, 0, Direction::Backward, 0)
        .expect("traces");
    let hs: Vec<f32> = all.iter().map(|t| t.h_t[0]).collect();
    assert_eq!(hs, vec![7.25, 8.5, 7.0]);
}

#[test]
fn trace_without_bias_shows_zero_bias_and_applies_activation() {
    let cfg = SimpleRnnConfig {
        use_bias: false,
        activation: Activation::Relu,
        ..config(true)
    };
    let w = SimpleRnnWeights {
        bias: None,
        kernel: arr2(&[[-2.0]]),
        ..cell_weights()
    };
    let cell = SimpleRnn::new(cfg, w).expect("cell");
    let x = x();
    let states = cell
        .hidden_states(x.view(), Direction::Forward)
        .expect("states");
    let t = cell
        .trace_step(x.view(), states.view(), Direction::Forward, 0, 0)
        .expect("trace");
    assert_eq!(t.bias, arr1(&[0.0]));
    assert_eq!(t.pre_activation, arr1(&[-2.0]));
    assert_eq!(t.h_t, arr1(&[0.0]));
}

#[test]
fn large_and_small_batches_agree_with_single_items() {
    use unrolled::rnn::{init::Prng, InitScheme};
    let cfg = SimpleRnnConfig {
        units: 37,
        return_sequences: true,
        ..SimpleRnnConfig::default()
    };
    let cell = SimpleRnn::init(cfg, 5, InitScheme::Keras, 3).expect("cell");
    let mut rng = Prng::new(1);
    for batch in [3, 12] {
        let x = Array3::from_shape_simple_fn((batch, 6, 5), || rng.uniform(-1.0, 1.0));
        for dir in [Direction::Forward, Direction::Backward] {
            let all = cell.hidden_states(x.view(), dir).expect("batch");
            for b in 0..batch {
                let one = x.slice(ndarray::s![b..b + 1, .., ..]);
                let single = cell.hidden_states(one, dir).expect("single");
                let got = all.slice(ndarray::s![b..b + 1, .., ..]);
                for (a, e) in got.iter().zip(single.iter()) {
                    assert!((a - e).abs() < 1e-5, "batch {batch} item {b} {dir}");
                }
            }
        }
    }
}

#[test]
fn pre_activations_of_all_steps_match_the_traces() {
    // Embedding → bidirectional (concat) → bidirectional (ave) → dense, batch 2: every
    // kind of layer input and both directions.
    let case =
        unrolled::model::CaseSpec::from_json(include_str!("../examples/bidirectional_case.json"))
            .expect("case");
    let session = unrolled::app::domain::session::Session::compute(&case).expect("session");
    let layers = unrolled::app::domain::layers::recurrent_layers(&session.model);
    assert_eq!(layers.len(), 2);
    for layer in layers {
        for direction in [Direction::Forward, Direction::Backward] {
            for batch in 0..2 {
                let z = session
                    .preactivations(layer.stack_index, direction, batch)
                    .expect("z");
                assert_eq!(z.dim(), (4, layer.units));
                for (t, row) in z.outer_iter().enumerate() {
                    let trace = session
                        .trace(layer.stack_index, direction, batch, t)
                        .expect("trace");
                    for (a, b) in row.iter().zip(&trace.pre_activation) {
                        assert!(
                            (a - b).abs() <= 1e-5 * b.abs().max(1.0),
                            "layer {} {direction:?} batch {batch} t {t}: {a} vs {b}",
                            layer.stack_index
                        );
                    }
                }
            }
        }
    }
    // Out of range asks give nothing rather than panicking.
    assert!(session.preactivations(0, Direction::Forward, 0).is_none());
    assert!(session.preactivations(1, Direction::Forward, 2).is_none());
    assert!(session.preactivations(9, Direction::Forward, 0).is_none());
}
