//! The trainer: spectral radii against numpy, determinism, NaN stops, bad settings.
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

use ndarray::Array2;
use unrolled::train::spectral_radius;

#[derive(serde::Deserialize)]
struct SpectralCase {
    name: String,
    n: usize,
    matrix: Vec<f32>,
    moduli: Vec<f64>,
    radius: f64,
}

/// Eigenvalue moduli and spectral radii of the fixture's matrices match
/// `numpy.linalg.eigvals` (script: `tests/fixtures/train/make_spectral_radius.py`).
#[test]
fn spectral_radius_matches_numpy() {
    let text = std::fs::read_to_string("tests/fixtures/train/spectral_radius.json").unwrap();
    let cases: Vec<SpectralCase> = serde_json::from_str(&text).unwrap();
    assert!(cases.len() >= 15);
    for case in cases {
        let a = Array2::from_shape_vec((case.n, case.n), case.matrix).unwrap();
        let mut moduli: Vec<f64> = unrolled::train::eigenvalues(a.view())
            .unwrap_or_else(|| panic!("{}: no eigenvalues", case.name))
            .iter()
            .map(|&(re, im)| re.hypot(im))
            .collect();
        moduli.sort_by(|x, y| y.total_cmp(x));
        assert_eq!(moduli.len(), case.moduli.len(), "{}", case.name);
        // A defective (Jordan) eigenvalue is only determined to ~sqrt(eps) relative.
        let tol = if case.name.starts_with("jordan") {
            1e-3
        } else {
            1e-8
        };
        for (got, want) in moduli.iter().zip(&case.moduli) {
            assert!(
                (got - want).abs() <= tol * want.abs().max(1.0),
                "{}: moduli {moduli:?} vs numpy {:?}",
                case.name,
                case.moduli
            );
        }
        let radius = f64::from(spectral_radius(a.view()));
        assert!(
            (radius - case.radius).abs() <= 1e-5 * case.radius.max(1.0),
            "{}: radius {radius} vs numpy {}",
            case.name,
            case.radius
        );
    }
}

use unrolled::rnn::{Activation, Direction, InitScheme};
use unrolled::train::trainer::epoch_order;
use unrolled::train::{OptimizerConfig, TaskKind, TrainError, Trainer, TrainerConfig};

fn trained(config: &TrainerConfig, epochs: usize) -> Trainer {
    let mut t = Trainer::new(config.clone()).unwrap();
    for _ in 0..epochs {
        t.train_epoch().unwrap();
    }
    t
}

#[test]
fn same_seed_trains_to_the_same_weights() {
    for kind in [TaskKind::NoisySine, TaskKind::Parity] {
        let config = TrainerConfig::for_task(kind);
        let a = trained(&config, 3);
        let b = trained(&config, 3);
        assert_eq!(
            a.network().parameters(),
            b.network().parameters(),
            "{kind:?}"
        );
        assert_eq!(a.history(), b.history(), "{kind:?}");
        // Another weight seed, or another data seed, trains to other weights.
        let c = trained(
            &TrainerConfig {
                seed: 1,
                ..config.clone()
            },
            3,
        );
        assert_ne!(
            a.network().parameters(),
            c.network().parameters(),
            "{kind:?}"
        );
        let mut other_data = config.clone();
        other_data.task.seed = 1;
        let d = trained(&other_data, 3);
        assert_ne!(
            a.network().parameters(),
            d.network().parameters(),
            "{kind:?}"
        );
    }
}

#[test]
fn epochs_are_shuffled_permutations() {
    let a = epoch_order(0, 0, 100);
    let b = epoch_order(0, 1, 100);
    assert_ne!(a, b);
    assert_ne!(a, (0..100).collect::<Vec<_>>());
    assert_eq!(a, epoch_order(0, 0, 100));
    let mut sorted = a.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, (0..100).collect::<Vec<_>>());
}

#[test]
fn batches_cover_the_epoch() {
    let mut config = TrainerConfig::for_task(TaskKind::BitSum);
    config.task.examples = 50;
    config.batch_size = 16;
    let mut t = Trainer::new(config).unwrap();
    assert_eq!(t.batches_per_epoch(), 4);
    for b in 0..4 {
        let r = t.train_batch().unwrap();
        assert_eq!((r.epoch, r.batch, r.epoch_finished), (0, b, b == 3));
    }
    assert_eq!(t.epoch(), 1);
    assert_eq!(t.history().len(), 1);
    assert_eq!(t.history()[0].epoch, 0);
    assert_eq!(t.history()[0].spectral_radii.len(), 1);
    let r = t.train_batch().unwrap();
    assert_eq!((r.epoch, r.batch), (1, 0));
}

/// A learning rate of `f32::MAX` makes the first SGD update infinite: the step is
/// refused with an error naming the Dense head, nothing changes, and after lowering the
/// learning rate the same trainer trains on.
#[test]
fn an_infinite_update_keeps_the_last_good_weights() {
    let mut config = TrainerConfig::for_task(TaskKind::NoisySine);
    // Uniform [0, 1) weights make the first predictions large, so gradients exceed 1.
    config.init = InitScheme::Uniform01;
    config.optimizer = OptimizerConfig::Sgd {
        learning_rate: f32::MAX,
        momentum: 0.0,
    };
    let mut t = Trainer::new(config).unwrap();
    let before = t.clone();
    let err = t.train_batch().unwrap_err();
    match &err {
        TrainError::NonFinite {
            what,
            epoch: 0,
            batch: 0,
            ..
        } => {
            assert_eq!(*what, "updated weights");
        }
        other => panic!("expected NonFinite, got {other:?}"),
    }
    let message = err.to_string();
    assert!(
        message.contains("learning rate") && message.contains("clip norm"),
        "{message}"
    );
    assert_eq!(t, before, "a refused step changes nothing");
    t.set_learning_rate(0.01).unwrap();
    let first = t.train_epoch().unwrap();
    for _ in 0..4 {
        t.train_epoch().unwrap();
    }
    let last = t.history().last().unwrap();
    assert!(
        last.loss.is_finite() && last.loss < first.loss,
        "{} -> {}",
        first.loss,
        last.loss
    );
}

/// `ReLU` cells with uniform [0, 1) weights grow by about the spectral radius (≈ 8) per
/// step and overflow on long sequences: the error names layer 0, the forward direction
/// and the timestep where the hidden states first became infinite.
#[test]
fn exploding_hidden_states_are_located() {
    let mut config = TrainerConfig::for_task(TaskKind::BitSum);
    config.activation = Activation::Relu;
    config.init = InitScheme::Uniform01;
    config.task.timesteps = 100;
    let mut t = Trainer::new(config).unwrap();
    let before = t.network().parameters();
    match t.train_batch().unwrap_err() {
        TrainError::NonFinite {
            layer: 0,
            direction: Some(Direction::Forward),
            what,
            timestep: Some(step),
            ..
        } => {
            assert_eq!(what, "hidden states");
            assert!((20..100).contains(&step), "timestep {step}");
        }
        other => panic!("expected NonFinite in layer 0, got {other:?}"),
    }
    assert_eq!(t.network().parameters(), before);
}

#[test]
fn bad_trainer_settings_are_errors() {
    let base = TrainerConfig::for_task(TaskKind::Echo);
    let zero = |f: fn(&mut TrainerConfig), setting: &'static str| {
        let mut c = base.clone();
        f(&mut c);
        assert_eq!(
            Trainer::new(c).unwrap_err(),
            TrainError::ZeroSetting { setting }
        );
    };
    zero(|c| c.hidden_units = 0, "hidden units");
    zero(|c| c.layers = 0, "layers");
    zero(|c| c.batch_size = 0, "batch size");
    zero(|c| c.task.timesteps = 0, "timesteps");
    let mut c = base.clone();
    c.hidden_units = 1 << 30;
    assert!(matches!(
        Trainer::new(c),
        Err(TrainError::SettingTooLarge {
            setting: "hidden units",
            ..
        })
    ));
    let mut c = base.clone();
    c.truncation = Some(0);
    assert_eq!(Trainer::new(c).unwrap_err(), TrainError::ZeroTruncation);
    for lr in [0.0, -1.0, f32::NAN, f32::INFINITY] {
        let mut c = base.clone();
        c.optimizer = OptimizerConfig::Adam {
            learning_rate: lr,
            beta_1: 0.9,
            beta_2: 0.999,
            epsilon: 1e-7,
        };
        assert!(matches!(
            Trainer::new(c),
            Err(TrainError::BadNumber {
                setting: "learning rate",
                ..
            })
        ));
    }
    let mut c = base.clone();
    c.clip_norm = Some(0.0);
    assert!(matches!(
        Trainer::new(c),
        Err(TrainError::BadNumber {
            setting: "clip norm",
            ..
        })
    ));
    let mut t = Trainer::new(base).unwrap();
    assert!(t.set_learning_rate(f32::NAN).is_err());
    assert_eq!(
        t.sample_text("a", 3, 1.0, 0).unwrap_err(),
        TrainError::NotCharModel
    );
}

#[test]
fn spectral_radii_follow_the_initialiser() {
    // Keras' orthogonal recurrent kernel has every |λ| = 1; uniform [0, 1) has a Perron
    // root near H / 2.
    let config = TrainerConfig::for_task(TaskKind::Echo);
    let keras = Trainer::new(config.clone()).unwrap().spectral_radii();
    assert_eq!(keras.len(), 1);
    assert!((keras[0] - 1.0).abs() < 1e-4, "{keras:?}");
    let uniform = Trainer::new(TrainerConfig {
        init: InitScheme::Uniform01,
        ..config
    })
    .unwrap()
    .spectral_radii();
    assert!((6.0..10.0).contains(&uniform[0]), "{uniform:?}");
}

#[test]
fn token_tasks_are_deterministic() {
    for kind in [TaskKind::CharModel, TaskKind::Sentiment] {
        let config = TrainerConfig::for_task(kind);
        let a = trained(&config, 2);
        let b = trained(&config, 2);
        assert_eq!(
            a.network().parameters(),
            b.network().parameters(),
            "{kind:?}"
        );
        let c = trained(&TrainerConfig { seed: 3, ..config }, 2);
        assert_ne!(
            a.network().parameters(),
            c.network().parameters(),
            "{kind:?}"
        );
    }
}

/// After 20 epochs on the default text, sampling is seeded, continues the prompt with
/// characters of the text, and at a low temperature writes words of the text.
#[test]
fn the_char_model_samples_words_of_its_text() {
    let config = TrainerConfig::for_task(TaskKind::CharModel);
    let text = config.task.text.clone();
    let t = trained(&config, 20);
    let sample = t.sample_text("the ", 60, 0.1, 7).unwrap();
    println!("sample: {sample:?}");
    assert!(sample.starts_with("the "));
    assert_eq!(sample.chars().count(), 64);
    assert_eq!(sample, t.sample_text("the ", 60, 0.1, 7).unwrap());
    let words: Vec<&str> = sample.split([' ', '.']).filter(|w| !w.is_empty()).collect();
    // Every complete word (the last may be cut off) occurs in the training text.
    for w in &words[..words.len() - 1] {
        assert!(
            text.split([' ', '.']).any(|tw| tw == *w),
            "{w:?} in {sample:?}"
        );
    }
    let hot: Vec<String> = (0..5)
        .map(|s| t.sample_text("the ", 40, 2.0, s).unwrap())
        .collect();
    assert!(
        hot.iter().any(|h| h != &hot[0]),
        "seeds differ at a high temperature"
    );
    assert_eq!(t.sample_text("", 5, 1.0, 0).unwrap().chars().count(), 6);
    assert_eq!(
        t.sample_text("thé", 5, 1.0, 0).unwrap_err(),
        TrainError::UnknownCharacter { character: 'é' }
    );
    assert!(matches!(
        t.sample_text("the", 5, 0.0, 0),
        Err(TrainError::BadNumber { .. })
    ));
    assert!(matches!(
        t.sample_text("the", 1 << 40, 1.0, 0),
        Err(TrainError::SettingTooLarge { .. })
    ));
}

/// Two bidirectional layers: the flow has one line per cell (forward and backward of
/// each layer) with one norm per timestep, the radii one per cell, and the loss falls.
#[test]
fn deep_bidirectional_models_train() {
    let mut config = TrainerConfig::for_task(TaskKind::Echo);
    config.layers = 2;
    config.bidirectional = true;
    config.hidden_units = 8;
    let mut t = Trainer::new(config).unwrap();
    let flow = t.gradient_flow(0).unwrap();
    let cells: Vec<(usize, Direction)> = flow.iter().map(|f| (f.layer, f.direction)).collect();
    assert_eq!(
        cells,
        [
            (0, Direction::Forward),
            (0, Direction::Backward),
            (1, Direction::Forward),
            (1, Direction::Backward)
        ]
    );
    assert!(flow
        .iter()
        .all(|f| f.norms.len() == 10 && f.norms.iter().all(|v| v.is_finite())));
    assert_eq!(t.spectral_radii().len(), 4);
    assert!(matches!(
        t.gradient_flow(1000),
        Err(TrainError::ExampleOutOfRange { .. })
    ));
    for _ in 0..5 {
        t.train_epoch().unwrap();
    }
    let h = t.history();
    assert!(
        h[4].loss < 0.5 * h[0].loss,
        "{} -> {}",
        h[0].loss,
        h[4].loss
    );
    assert_eq!(t.stack().unwrap().layers().len(), 3);
}

/// With truncation 1 no gradient flows back through time: ‖∂`L/∂h_t`‖ only gets the
/// output's own contribution, so early steps of a many-to-one task get nothing.
#[test]
fn truncation_cuts_the_gradient_flow() {
    let mut config = TrainerConfig::for_task(TaskKind::BitSum);
    let full = Trainer::new(config.clone())
        .unwrap()
        .gradient_flow(0)
        .unwrap();
    config.truncation = Some(1);
    let cut = Trainer::new(config).unwrap().gradient_flow(0).unwrap();
    assert!(full[0].norms[0] > 0.0);
    assert_eq!(cut[0].norms[0], 0.0);
    assert!(cut[0].norms[9] > 0.0);
}
