//! Bad shapes, bad tokens and impossible stacks give typed errors, never panics; NaN and
//! infinity are reported with layer, direction and timestep.
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

use ndarray::{arr2, Array1, Array2, Array3, ArrayD, IxDyn};
use unrolled::rnn::{
    Activation, Bidirectional, BidirectionalConfig, Dense, DenseConfig, DenseWeights, Direction,
    Embedding, EmbeddingConfig, InitScheme, Input, Layer, LayerConfig, MergeMode, NonFinite,
    RnnError, SimpleRnn, SimpleRnnConfig, SimpleRnnWeights, Stack, WeightName,
};

fn rnn_config(units: usize) -> SimpleRnnConfig {
    SimpleRnnConfig {
        units,
        return_sequences: true,
        ..SimpleRnnConfig::default()
    }
}

fn weights(d: usize, h: usize) -> SimpleRnnWeights {
    SimpleRnnWeights {
        kernel: Array2::zeros((d, h)),
        recurrent_kernel: Array2::zeros((h, h)),
        bias: Some(Array1::zeros(h)),
    }
}

#[test]
fn wrong_weight_shapes_name_tensor_and_shapes() {
    let mut w = weights(4, 8);
    w.kernel = Array2::zeros((4, 7));
    assert_eq!(
        SimpleRnn::new(rnn_config(8), w).unwrap_err(),
        RnnError::WeightShape {
            layer: 0,
            direction: None,
            tensor: WeightName::Kernel,
            expected: vec![4, 8],
            actual: vec![4, 7],
        }
    );
    let mut w = weights(4, 8);
    w.recurrent_kernel = Array2::zeros((8, 3));
    let err = SimpleRnn::new(rnn_config(8), w).unwrap_err();
    assert!(matches!(
        err,
        RnnError::WeightShape {
            tensor: WeightName::RecurrentKernel,
            ..
        }
    ));
    assert_eq!(
        err.to_string(),
        "layer 0: recurrent_kernel should have shape [8, 8] but has [8, 3]"
    );
    let mut w = weights(4, 8);
    w.bias = Some(Array1::zeros(9));
    assert!(matches!(
        SimpleRnn::new(rnn_config(8), w).unwrap_err(),
        RnnError::WeightShape {
            tensor: WeightName::Bias,
            ..
        }
    ));
    // Bias present although use_bias is off.
    let config = SimpleRnnConfig {
        use_bias: false,
        ..rnn_config(8)
    };
    assert!(matches!(
        SimpleRnn::new(config, weights(4, 8)).unwrap_err(),
        RnnError::BiasPresence {
            use_bias: false,
            ..
        }
    ));
}

#[test]
fn bidirectional_errors_name_the_direction_and_stack_errors_the_layer() {
    let config = BidirectionalConfig {
        layer: rnn_config(3),
        merge_mode: MergeMode::Sum,
    };
    let mut back = weights(2, 3);
    back.recurrent_kernel = Array2::zeros((2, 2));
    let err = Bidirectional::new(config.clone(), weights(2, 3), back).unwrap_err();
    assert!(matches!(
        err,
        RnnError::WeightShape {
            direction: Some(Direction::Backward),
            tensor: WeightName::RecurrentKernel,
            ..
        }
    ));
    // Backward kernel with another input size.
    let err = Bidirectional::new(config.clone(), weights(2, 3), weights(5, 3)).unwrap_err();
    assert!(matches!(
        err,
        RnnError::WeightShape {
            direction: Some(Direction::Backward),
            tensor: WeightName::Kernel,
            ..
        }
    ));

    // Keras weight lists: layer 1's kernel is wrong.
    let z = |shape: &[usize]| ArrayD::<f32>::zeros(IxDyn(shape));
    let configs = [
        LayerConfig::SimpleRnn(rnn_config(3)),
        LayerConfig::Bidirectional(config),
    ];
    let lists = vec![
        vec![z(&[2, 3]), z(&[3, 3]), z(&[3])],
        vec![
            z(&[3, 3]),
            z(&[3, 3]),
            z(&[3]),
            z(&[3, 4]),
            z(&[3, 3]),
            z(&[3]),
        ],
    ];
    let err = Stack::from_keras_weights(&configs, &lists).unwrap_err();
    assert_eq!(
        err,
        RnnError::WeightShape {
            layer: 1,
            direction: Some(Direction::Backward),
            tensor: WeightName::Kernel,
            expected: vec![3, 3],
            actual: vec![3, 4],
        }
    );
    // Too few tensors, and a tensor of the wrong rank.
    let err =
        Stack::from_keras_weights(&configs[..1], &[vec![z(&[2, 3]), z(&[3, 3])]]).unwrap_err();
    assert_eq!(
        err,
        RnnError::WeightCount {
            layer: 0,
            expected: 3,
            actual: 2
        }
    );
    let err = Stack::from_keras_weights(&configs[..1], &[vec![z(&[2, 3]), z(&[3, 3]), z(&[3, 1])]])
        .unwrap_err();
    assert!(matches!(
        err,
        RnnError::WeightShape {
            tensor: WeightName::Bias,
            ..
        }
    ));
}

#[test]
fn input_feature_mismatch_and_impossible_stacks() {
    let stack = Stack::init(
        4,
        &[LayerConfig::SimpleRnn(rnn_config(3))],
        InitScheme::Keras,
        0,
    )
    .expect("stack");
    let x = Array3::<f32>::zeros((2, 5, 6));
    assert_eq!(
        stack.forward(Input::Features(x.view())).unwrap_err(),
        RnnError::FeatureMismatch {
            layer: 0,
            expected: 4,
            actual: 6
        }
    );
    // Direct layer calls check too.
    let cell = SimpleRnn::new(rnn_config(3), weights(4, 3)).expect("cell");
    assert!(matches!(
        cell.forward(x.view()),
        Err(RnnError::FeatureMismatch { .. })
    ));
    assert!(matches!(
        cell.step(Array2::zeros((2, 4)).view(), Array2::zeros((2, 5)).view()),
        Err(RnnError::WeightShape { .. })
    ));
    assert!(matches!(
        cell.step(Array2::zeros((2, 3)).view(), Array2::zeros((2, 3)).view()),
        Err(RnnError::FeatureMismatch { .. })
    ));
    // Empty batch or sequence.
    for shape in [(0, 5, 4), (2, 0, 4)] {
        let x = Array3::<f32>::zeros(shape);
        assert!(matches!(
            stack.forward(Input::Features(x.view())),
            Err(RnnError::ZeroSize { .. })
        ));
        assert!(matches!(
            cell.forward(x.view()),
            Err(RnnError::ZeroSize { .. })
        ));
    }
    let empty_step = cell.step(Array2::zeros((0, 4)).view(), Array2::zeros((0, 3)).view());
    assert_eq!(empty_step.map(|h| h.dim()), Ok((0, 3)));
    // Zero units.
    assert!(matches!(
        Stack::init(
            4,
            &[LayerConfig::SimpleRnn(rnn_config(0))],
            InitScheme::Keras,
            0
        ),
        Err(RnnError::ZeroSize {
            layer: 0,
            what: "units"
        })
    ));
    // A recurrent layer after one that returns only its last step.
    let last = SimpleRnnConfig {
        return_sequences: false,
        ..rnn_config(3)
    };
    let err = Stack::init(
        4,
        &[
            LayerConfig::SimpleRnn(last),
            LayerConfig::SimpleRnn(rnn_config(3)),
        ],
        InitScheme::Keras,
        0,
    );
    assert_eq!(err.unwrap_err(), RnnError::NeedsSequence { layer: 1 });
    // Layers that do not fit together.
    let a = Layer::SimpleRnn(SimpleRnn::new(rnn_config(3), weights(4, 3)).expect("a"));
    let b = Layer::SimpleRnn(SimpleRnn::new(rnn_config(3), weights(5, 3)).expect("b"));
    assert_eq!(
        Stack::new(vec![a, b]).unwrap_err(),
        RnnError::FeatureMismatch {
            layer: 1,
            expected: 5,
            actual: 3
        }
    );
    assert_eq!(Stack::new(vec![]).unwrap_err(), RnnError::EmptyStack);
    // Dense with a wrong input.
    let dense = Dense::new(
        DenseConfig {
            units: 2,
            activation: Activation::Linear,
            use_bias: false,
        },
        DenseWeights {
            kernel: Array2::zeros((3, 2)),
            bias: None,
        },
    )
    .expect("dense");
    assert!(matches!(
        dense.forward_last(Array2::zeros((1, 4)).view()),
        Err(RnnError::FeatureMismatch { .. })
    ));
}

#[test]
fn tokens_out_of_range_and_wrong_input_kind() {
    let emb = EmbeddingConfig {
        vocab_size: 5,
        output_dim: 2,
    };
    let configs = [
        LayerConfig::Embedding(emb.clone()),
        LayerConfig::SimpleRnn(rnn_config(3)),
    ];
    let stack = Stack::init(0, &configs, InitScheme::Keras, 0).expect("stack");
    assert!(stack.takes_tokens());
    let ok = arr2(&[[0i64, 4, 2]]);
    assert!(stack.forward(Input::Tokens(ok.view())).is_ok());
    for (bad, token) in [(arr2(&[[0i64, 5, 2]]), 5), (arr2(&[[0i64, -1, 2]]), -1)] {
        assert_eq!(
            stack.forward(Input::Tokens(bad.view())).unwrap_err(),
            RnnError::TokenOutOfRange {
                layer: 0,
                batch: 0,
                timestep: 1,
                token,
                vocab_size: 5
            }
        );
    }
    let x = Array3::<f32>::zeros((1, 3, 5));
    assert_eq!(
        stack.forward(Input::Features(x.view())).unwrap_err(),
        RnnError::InputKind {
            expects_tokens: true
        }
    );
    let features_stack = Stack::init(2, &configs[1..], InitScheme::Keras, 0).expect("stack");
    assert_eq!(
        features_stack
            .forward(Input::Tokens(ok.view()))
            .unwrap_err(),
        RnnError::InputKind {
            expects_tokens: false
        }
    );
    // An Embedding anywhere but first.
    let e = Layer::Embedding(Embedding::new(&emb, Array2::zeros((5, 2))).expect("emb"));
    let r = Layer::SimpleRnn(SimpleRnn::new(rnn_config(3), weights(2, 3)).expect("rnn"));
    assert_eq!(
        Stack::new(vec![r, e]).unwrap_err(),
        RnnError::EmbeddingNotFirst { layer: 1 }
    );
    assert!(matches!(
        Embedding::new(&emb, Array2::zeros((4, 2))),
        Err(RnnError::WeightShape {
            tensor: WeightName::Embeddings,
            ..
        })
    ));
}

/// A relu `SimpleRNN` whose state grows by 1e20 per step overflows f32 at the third step.
fn exploding(units: usize) -> SimpleRnnWeights {
    SimpleRnnWeights {
        kernel: Array2::ones((1, units)),
        recurrent_kernel: Array2::eye(units) * 1e20,
        bias: Some(Array1::ones(units)),
    }
}

#[test]
fn non_finite_values_are_located_and_outputs_still_returned() {
    let relu = SimpleRnnConfig {
        activation: Activation::Relu,
        ..rnn_config(2)
    };
    let layers = vec![
        Layer::SimpleRnn(SimpleRnn::new(relu.clone(), exploding(2)).expect("rnn")),
        Layer::Dense(
            Dense::new(
                DenseConfig {
                    units: 1,
                    activation: Activation::Linear,
                    use_bias: false,
                },
                DenseWeights {
                    kernel: Array2::ones((2, 1)),
                    bias: None,
                },
            )
            .expect("dense"),
        ),
    ];
    let stack = Stack::new(layers).expect("stack");
    let x = Array3::<f32>::ones((1, 5, 1));
    let out = stack
        .forward(Input::Features(x.view()))
        .expect("outputs despite overflow");
    let expected = NonFinite {
        layer: 0,
        direction: Some(Direction::Forward),
        batch: 0,
        timestep: Some(2),
        unit: 0,
    };
    assert_eq!(out.check_finite(), Some(expected));
    assert_eq!(out.ensure_finite(), Err(RnnError::NonFinite(expected)));
    assert_eq!(
        stack
            .forward_checked(Input::Features(x.view()))
            .unwrap_err(),
        RnnError::NonFinite(expected)
    );
    assert!(RnnError::NonFinite(expected)
        .to_string()
        .contains("timestep 2"));

    // Backward direction: reading starts at t = 5, so the third step read is t = 3.
    let config = BidirectionalConfig {
        layer: relu,
        merge_mode: MergeMode::Concat,
    };
    let tame = SimpleRnnWeights {
        recurrent_kernel: Array2::zeros((2, 2)),
        ..exploding(2)
    };
    let bi = Bidirectional::new(config, tame, exploding(2)).expect("bi");
    let stack = Stack::new(vec![Layer::Bidirectional(bi)]).expect("stack");
    let x = Array3::<f32>::ones((2, 6, 1));
    let out = stack.forward(Input::Features(x.view())).expect("outputs");
    assert_eq!(
        out.check_finite(),
        Some(NonFinite {
            layer: 0,
            direction: Some(Direction::Backward),
            batch: 0,
            timestep: Some(3),
            unit: 0
        })
    );

    // NaN in the input shows up at its timestep, and finite runs report nothing.
    let stack = Stack::init(
        1,
        &[LayerConfig::SimpleRnn(rnn_config(3))],
        InitScheme::Keras,
        0,
    )
    .expect("stack");
    let mut x = Array3::<f32>::zeros((2, 4, 1));
    assert_eq!(
        stack
            .forward(Input::Features(x.view()))
            .expect("ok")
            .check_finite(),
        None
    );
    x[[1, 2, 0]] = f32::NAN;
    let nf = stack
        .forward(Input::Features(x.view()))
        .expect("ok")
        .check_finite()
        .expect("nan");
    assert_eq!((nf.layer, nf.batch, nf.timestep), (0, 1, Some(2)));
}

#[test]
fn trace_requests_out_of_range_are_errors() {
    let configs = [
        LayerConfig::SimpleRnn(rnn_config(3)),
        LayerConfig::Dense(DenseConfig::default()),
    ];
    let stack = Stack::init(2, &configs, InitScheme::Keras, 0).expect("stack");
    let x = Array3::<f32>::zeros((2, 4, 2));
    let input = Input::Features(x.view());
    let out = stack.forward(input).expect("out");
    assert!(stack
        .trace(input, &out, 0, Direction::Forward, 1, 3)
        .is_ok());
    let what = |r: Result<_, RnnError>| match r {
        Err(RnnError::TraceOutOfRange { what, .. }) => what,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        what(stack.trace(input, &out, 5, Direction::Forward, 0, 0)),
        "layer"
    );
    assert_eq!(
        what(stack.trace(input, &out, 1, Direction::Forward, 0, 0)),
        "direction"
    );
    assert_eq!(
        what(stack.trace(input, &out, 0, Direction::Backward, 0, 0)),
        "direction"
    );
    assert_eq!(
        what(stack.trace(input, &out, 0, Direction::Forward, 2, 0)),
        "batch"
    );
    assert_eq!(
        what(stack.trace(input, &out, 0, Direction::Forward, 0, 4)),
        "timestep"
    );
    // Outputs of another input.
    let other = Array3::<f32>::zeros((2, 6, 2));
    assert_eq!(
        what(stack.trace(
            Input::Features(other.view()),
            &out,
            0,
            Direction::Forward,
            0,
            0
        )),
        "outputs"
    );
}
