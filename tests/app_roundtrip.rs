//! What is saved reads back, by property: any view the reducer can reach, saved as the
//! last session (or by name, or as a link when it fits), reads back as the same view and
//! opens to the same view.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a property stops at the first counterexample, and proptest prints it"
)]

use proptest::prelude::*;

use unrolled::app::domain::inputs::InputSource;
use unrolled::app::domain::link::{fit, parse_fragment, parse_stored, Fit};
use unrolled::app::domain::panel::Panel;
use unrolled::app::domain::presets::Preset;
use unrolled::app::domain::sessions::{parse_sessions, save_named, sessions_json};
use unrolled::app::i18n::Lang;
use unrolled::app::state::fields::NumberField;
use unrolled::app::state::{Action, AppState};
use unrolled::model::{InitScheme, MergeMode, RnnActivation};
use unrolled::rnn::Direction;

fn number() -> impl Strategy<Value = Action> {
    let field = prop_oneof![
        Just(NumberField::Timesteps),
        Just(NumberField::Features),
        Just(NumberField::Batch),
        Just(NumberField::Seed),
        (0usize..3).prop_map(NumberField::Units),
        Just(NumberField::Vocab),
        Just(NumberField::EmbeddingDim),
        Just(NumberField::DenseUnits),
    ];
    let text = prop_oneof![
        (0u64..40).prop_map(|n| n.to_string()),
        Just(String::new()),
        Just("x".to_owned()),
        Just("4000".to_owned()),
        Just("700".to_owned()),
        any::<u64>().prop_map(|n| n.to_string()),
    ];
    (field, text).prop_map(|(f, t)| Action::SetNumber(f, t))
}

fn input() -> impl Strategy<Value = InputSource> {
    prop_oneof![
        Just(InputSource::Random),
        Just(InputSource::Sine),
        Just(InputSource::Step),
        "[a-z ]{0,30}".prop_map(InputSource::Sentence),
        "[0-9 .\\-\n]{0,60}".prop_map(InputSource::Manual),
    ]
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        3 => number(),
        1 => (0usize..8).prop_map(|i| Action::LoadPreset(Preset::ALL[i])),
        1 => Just(Action::SetLang(Lang::Ko)),
        1 => Just(Action::SetLang(Lang::En)),
        1 => (0usize..3, prop_oneof![Just(RnnActivation::Tanh), Just(RnnActivation::Relu)])
            .prop_map(|(n, a)| Action::SetActivation(n, a)),
        1 => (0usize..3, any::<bool>()).prop_map(|(n, b)| Action::SetUseBias(n, b)),
        1 => (0usize..3, any::<bool>()).prop_map(|(n, b)| Action::SetReturnSequences(n, b)),
        1 => (
            0usize..3,
            prop_oneof![
                Just(None),
                Just(Some(MergeMode::Concat)),
                Just(Some(MergeMode::Sum))
            ]
        )
            .prop_map(|(n, m)| Action::SetBidirectional(n, m)),
        1 => Just(Action::AddLayer),
        1 => (0usize..3).prop_map(Action::RemoveLayer),
        1 => (0usize..3, any::<bool>()).prop_map(|(n, d)| Action::MoveLayer(n, d)),
        1 => any::<bool>().prop_map(Action::SetEmbedding),
        1 => any::<bool>().prop_map(Action::SetDense),
        1 => prop_oneof![
            Just(InitScheme::Keras),
            Just(InitScheme::PyTorch),
            Just(InitScheme::Uniform01)
        ]
        .prop_map(Action::SetInit),
        1 => input().prop_map(Action::SetInput),
        1 => (0usize..3, any::<bool>(), 0usize..40).prop_map(|(l, back, t)| Action::Select(
            l,
            if back {
                Direction::Backward
            } else {
                Direction::Forward
            },
            t
        )),
        1 => (0usize..5).prop_map(Action::SelectExample),
        1 => Just(Action::Next),
        1 => Just(Action::Last),
        1 => (0usize..6).prop_map(|i| Action::TogglePanel(Panel::ALL[i])),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn every_reachable_view_reads_back(actions in proptest::collection::vec(action(), 0..12)) {
        let mut state = AppState::with_preset(Lang::En, Preset::NumpyLoop);
        for a in actions {
            state.apply(a);
        }
        let view = state.view();
        let fragment = view.to_fragment();
        prop_assert_ne!(fit(&fragment), Fit::TooLarge);
        // The last session.
        let back = parse_stored(&fragment).unwrap();
        prop_assert_eq!(&back, &view);
        let opened = AppState::open(&back);
        prop_assert!(opened.is_ok(), "{:?}", opened.err());
        prop_assert_eq!(opened.unwrap().view(), view.clone());
        // A link, when it fits one.
        if fit(&fragment) == Fit::Link {
            prop_assert_eq!(parse_fragment(&fragment).unwrap().unwrap(), view.clone());
        }
        // A named session.
        let list = save_named(&[], "lesson", fragment).unwrap();
        let list = parse_sessions(&sessions_json(&list)).unwrap();
        prop_assert_eq!(parse_stored(&list[0].view).unwrap(), view);
    }
}
