//! Korean for every error the page can show, walked variant by variant: each error enum
//! has an example of every variant here, and a `kind` function that names the variant
//! with a match listing them all, so a new variant does not compile until it is added
//! (with its example) and its Korean is checked. English stays each error's own words.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test stops at the first broken fixture or setup, and says which"
)]
#![allow(
    clippy::too_many_lines,
    reason = "one example per variant, kept together like the enums"
)]

use std::collections::BTreeSet;

use unrolled::app::domain::export::ExportError;
use unrolled::app::domain::import::{ImportError, ImportKind};
use unrolled::app::domain::import_error::{JsonProblem, Mismatch, NpyProblem, Role, ZipProblem};
use unrolled::app::domain::inputs::InputError;
use unrolled::app::domain::link::{LinkError, LinkPart};
use unrolled::app::domain::session::SessionError;
use unrolled::app::domain::sessions::{SessionListError, SessionsError};
use unrolled::app::domain::train_form::{FieldProblem, FormError};
use unrolled::app::domain::train_run::{Alert, LayerLabel, TrainNotice};
use unrolled::app::i18n::errors::error_text;
use unrolled::app::i18n::export::export_error_text;
use unrolled::app::i18n::import::{import_error_text, import_kind_text};
use unrolled::app::i18n::keras::{keras_ko, KerasText};
use unrolled::app::i18n::share::{
    link_error_text, notice_text, open_error_text, session_list_error_text, sessions_error_text,
    storage_text,
};
use unrolled::app::i18n::train_errors::{
    alert_text, field_problem_text, form_error_text, train_error_text, train_notice_text,
};
use unrolled::app::i18n::Lang;
use unrolled::app::services::storage::StorageError;
use unrolled::app::state::errors::{NumberFieldError, PageError};
use unrolled::app::state::notice::{Notice, OpenError};
use unrolled::keras::{KerasError, SettingHint};
use unrolled::model::cost::CostError;
use unrolled::model::{
    CellKind, Dims, GateLayout, GateTensor, LayerRef, ModelError, StateDictError,
};
use unrolled::rnn::{Activation, Direction, NonFinite, RnnError, WeightName};
use unrolled::train::TrainError;

fn has_hangul(text: &str) -> bool {
    text.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
}

/// Three English words in a row (lower case, no code identifiers): a sentence left
/// untranslated.
fn english_phrase(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split([' ', ',', ';', ':', '(', ')']).collect();
    words
        .windows(3)
        .find(|w| {
            w.iter().all(|word| {
                word.len() > 1 && word.chars().all(|c| c.is_ascii_lowercase() || c == '\'')
            })
        })
        .map(|w| w.join(" "))
}

/// Checks the Korean words of one error.
fn korean(what: &str, ko: &str) {
    assert!(has_hangul(ko), "{what} has no Korean: {ko}");
    assert!(
        english_phrase(ko).is_none(),
        "{what} keeps English in Korean: {ko}: {:?}",
        english_phrase(ko)
    );
}

/// Asserts `kinds` names every variant `0..count` of an enum at least once.
fn covers(what: &str, kinds: impl IntoIterator<Item = usize>, count: usize) {
    let seen: BTreeSet<usize> = kinds.into_iter().collect();
    let missing: Vec<usize> = (0..count).filter(|k| !seen.contains(k)).collect();
    assert!(
        missing.is_empty(),
        "{what}: no example of variants {missing:?}"
    );
}

const RNN: LayerRef = LayerRef {
    index: 1,
    kind: "simple_rnn",
};

fn rnn_errors() -> Vec<RnnError> {
    vec![
        RnnError::WeightShape {
            layer: 0,
            direction: Some(Direction::Backward),
            tensor: WeightName::Kernel,
            expected: vec![4, 8],
            actual: vec![4, 7],
        },
        RnnError::WeightCount {
            layer: 0,
            expected: 3,
            actual: 2,
        },
        RnnError::BiasPresence {
            layer: 0,
            direction: None,
            use_bias: true,
        },
        RnnError::ZeroSize {
            layer: 0,
            what: "units",
        },
        RnnError::FeatureMismatch {
            layer: 1,
            expected: 4,
            actual: 5,
        },
        RnnError::NeedsSequence { layer: 1 },
        RnnError::InputKind {
            expects_tokens: true,
        },
        RnnError::EmbeddingNotFirst { layer: 1 },
        RnnError::EmptyStack,
        RnnError::TokenOutOfRange {
            layer: 0,
            batch: 0,
            timestep: 2,
            token: 99,
            vocab_size: 50,
        },
        RnnError::TraceOutOfRange {
            what: "layer",
            index: 3,
            available: 1,
        },
        RnnError::StatesShape {
            forward: vec![1, 2],
            backward: vec![1, 3],
        },
        RnnError::NonFinite(NonFinite {
            layer: 0,
            direction: Some(Direction::Forward),
            batch: 0,
            timestep: Some(3),
            unit: 1,
        }),
        RnnError::DirectionsDiffer { layer: 1 },
        RnnError::CellMismatch {
            layer: 1,
            expected: CellKind::Lstm,
            actual: CellKind::Gru,
        },
        RnnError::NotSimpleRnn {
            layer: 1,
            cell: CellKind::Lstm,
        },
    ]
}

fn model_errors() -> Vec<ModelError> {
    let mut errors = vec![
        ModelError::Syntax {
            line: 1,
            column: 2,
            message: "expected value".into(),
        },
        ModelError::Json {
            path: "layers[1].units".into(),
            line: 3,
            column: 4,
            message: "invalid type".into(),
        },
        ModelError::DocumentTooLarge { bytes: 10, max: 5 },
        ModelError::NoLayers,
        ModelError::TooManyLayers { count: 70, max: 64 },
        ModelError::UnknownLayerType {
            index: 0,
            found: "conv1d".into(),
        },
        ModelError::FieldNotForLayer {
            layer: RNN,
            field: "vocab",
            allowed: "\"units\"",
        },
        ModelError::MissingField {
            layer: RNN,
            field: "units",
        },
        ModelError::NotPositive {
            at: "layer 2 (simple_rnn)".into(),
            field: "units",
            value: 0,
        },
        ModelError::TooLarge {
            at: "input".into(),
            field: "timesteps",
            value: 99_999,
            max: 10_000,
        },
        ModelError::UnknownActivation {
            layer: RNN,
            found: "gelu".into(),
            allowed: "\"tanh\"",
        },
        ModelError::UnknownMergeMode {
            layer: RNN,
            found: "max".into(),
        },
        ModelError::EmbeddingNotFirst { layer: RNN },
        ModelError::FeaturesWithEmbedding,
        ModelError::MissingFeatures,
        ModelError::SequenceEnded {
            layer: RNN,
            previous: LayerRef {
                index: 0,
                kind: "simple_rnn",
            },
        },
        ModelError::DuplicateName {
            name: "a".into(),
            first: LayerRef {
                index: 0,
                kind: "dense",
            },
            second: RNN,
        },
        ModelError::BadName {
            at: "the model".into(),
            chars: 0,
            max: 256,
        },
        ModelError::TooManyParams { count: 9, max: 8 },
        ModelError::WrongDocumentKind("this is a model document; a case also needs \"weights\""),
        ModelError::WeightsOrInit("add one of them"),
        ModelError::WeightsCount {
            expected: 2,
            found: 1,
        },
        ModelError::MissingWeight {
            layer: RNN,
            tensor: "kernel".into(),
            expected: Dims(vec![4, 8]),
        },
        ModelError::MissingDirection {
            layer: RNN,
            direction: "backward",
        },
        ModelError::UnexpectedWeight {
            layer: RNN,
            tensor: "embeddings".into(),
            hint: "a simple_rnn has \"kernel\", \"recurrent_kernel\" and \"bias\"",
        },
        ModelError::WeightShape {
            layer: RNN,
            tensor: "bias".into(),
            expected: Dims(vec![8]),
            found: Dims(vec![7]),
        },
        ModelError::GateWeightShape {
            layer: LayerRef {
                index: 1,
                kind: "gru",
            },
            tensor: "bias".into(),
            expected: Dims(vec![2, 24]),
            found: Dims(vec![24]),
            layout: GateLayout {
                cell: CellKind::Gru,
                tensor: GateTensor::Bias,
                reset_after: true,
            },
        },
        ModelError::GateWeightShape {
            layer: LayerRef {
                index: 1,
                kind: "lstm",
            },
            tensor: "kernel".into(),
            expected: Dims(vec![4, 32]),
            found: Dims(vec![4, 8]),
            layout: GateLayout {
                cell: CellKind::Lstm,
                tensor: GateTensor::Kernel,
                reset_after: true,
            },
        },
        ModelError::UnexpectedWeight {
            layer: LayerRef {
                index: 1,
                kind: "lstm",
            },
            tensor: "embeddings".into(),
            hint: "an lstm has \"kernel\", \"recurrent_kernel\" and \"bias\"",
        },
        ModelError::UnexpectedWeight {
            layer: LayerRef {
                index: 1,
                kind: "gru",
            },
            tensor: "embeddings".into(),
            hint: "a gru has \"kernel\", \"recurrent_kernel\" and \"bias\"",
        },
        ModelError::NotFinite {
            at: "layer 1 (dense) kernel".into(),
        },
        ModelError::MissingInputs,
        ModelError::InputShape {
            expected: "(1, ?, 4)".into(),
            found: Dims(vec![1, 3, 5]),
        },
        ModelError::BadToken {
            batch: 0,
            step: 1,
            value: "1.5".into(),
            last: 49,
        },
        ModelError::RunTooLarge { work: 10, max: 5 },
        ModelError::Cost(CostError::Initialize {
            layer: 1,
            units: 4096,
            needed: 137_000_000_000,
            limit: 20_000_000_000,
        }),
        ModelError::TraceTooLarge {
            numbers: 10,
            max: 5,
        },
    ];
    errors.extend(rnn_errors().into_iter().map(ModelError::Engine));
    errors
}

fn rnn_kind(e: &RnnError) -> usize {
    match e {
        RnnError::WeightShape { .. } => 0,
        RnnError::WeightCount { .. } => 1,
        RnnError::BiasPresence { .. } => 2,
        RnnError::ZeroSize { .. } => 3,
        RnnError::FeatureMismatch { .. } => 4,
        RnnError::NeedsSequence { .. } => 5,
        RnnError::InputKind { .. } => 6,
        RnnError::EmbeddingNotFirst { .. } => 7,
        RnnError::EmptyStack => 8,
        RnnError::TokenOutOfRange { .. } => 9,
        RnnError::TraceOutOfRange { .. } => 10,
        RnnError::StatesShape { .. } => 11,
        RnnError::NonFinite(_) => 12,
        RnnError::DirectionsDiffer { .. } => 13,
        RnnError::CellMismatch { .. } => 14,
        RnnError::NotSimpleRnn { .. } => 15,
    }
}

fn model_kind(e: &ModelError) -> usize {
    match e {
        ModelError::Syntax { .. } => 0,
        ModelError::Json { .. } => 1,
        ModelError::DocumentTooLarge { .. } => 2,
        ModelError::NoLayers => 3,
        ModelError::TooManyLayers { .. } => 4,
        ModelError::UnknownLayerType { .. } => 5,
        ModelError::FieldNotForLayer { .. } => 6,
        ModelError::MissingField { .. } => 7,
        ModelError::NotPositive { .. } => 8,
        ModelError::TooLarge { .. } => 9,
        ModelError::UnknownActivation { .. } => 10,
        ModelError::UnknownMergeMode { .. } => 11,
        ModelError::EmbeddingNotFirst { .. } => 12,
        ModelError::FeaturesWithEmbedding => 13,
        ModelError::MissingFeatures => 14,
        ModelError::SequenceEnded { .. } => 15,
        ModelError::DuplicateName { .. } => 16,
        ModelError::BadName { .. } => 17,
        ModelError::TooManyParams { .. } => 18,
        ModelError::WrongDocumentKind(_) => 19,
        ModelError::WeightsOrInit(_) => 20,
        ModelError::WeightsCount { .. } => 21,
        ModelError::MissingWeight { .. } => 22,
        ModelError::MissingDirection { .. } => 23,
        ModelError::UnexpectedWeight { .. } => 24,
        ModelError::WeightShape { .. } => 25,
        ModelError::NotFinite { .. } => 26,
        ModelError::MissingInputs => 27,
        ModelError::InputShape { .. } => 28,
        ModelError::BadToken { .. } => 29,
        ModelError::RunTooLarge { .. } => 30,
        ModelError::TraceTooLarge { .. } => 31,
        ModelError::Engine(_) => 32,
        ModelError::GateWeightShape { .. } => 33,
        ModelError::Cost(_) => 34,
    }
}

fn session_errors() -> Vec<SessionError> {
    vec![
        SessionError::Model(ModelError::NoLayers),
        SessionError::Engine(RnnError::EmptyStack),
        SessionError::Cost(CostError::Timesteps {
            timesteps: 2000,
            limit: 1000,
        }),
        SessionError::Cost(CostError::Batch {
            batch: 100,
            limit: 64,
        }),
        SessionError::Cost(CostError::Initialize {
            layer: 1,
            units: 4000,
            needed: 128_000_000_000,
            limit: 100_000_000,
        }),
        SessionError::Cost(CostError::Inputs {
            batch: 48,
            timesteps: 1000,
            features: 4096,
            needed: 196_608_000,
            limit: 2_097_152,
        }),
        SessionError::Cost(CostError::Forward {
            batch: 4,
            timesteps: 1000,
            needed: 300_000_000,
            limit: 200_000_000,
        }),
        SessionError::Cost(CostError::Kept {
            needed: 9_000_000,
            limit: 8_388_608,
        }),
        SessionError::Cost(CostError::Export {
            needed: 9_000_000,
            limit: 4_194_304,
        }),
        SessionError::Cost(CostError::TrainBatch {
            batch: 512,
            timesteps: 200,
            units: 256,
            needed: 20_000_000_000,
            limit: 25_000_000,
        }),
    ]
}

fn session_kind(e: &SessionError) -> usize {
    match e {
        SessionError::Model(_) => 0,
        SessionError::Engine(_) => 1,
        SessionError::Cost(CostError::Timesteps { .. }) => 2,
        SessionError::Cost(CostError::Batch { .. }) => 3,
        SessionError::Cost(CostError::Initialize { .. }) => 4,
        SessionError::Cost(CostError::Inputs { .. }) => 5,
        SessionError::Cost(CostError::Forward { .. }) => 6,
        SessionError::Cost(CostError::Kept { .. }) => 7,
        SessionError::Cost(CostError::Export { .. }) => 8,
        SessionError::Cost(CostError::TrainBatch { .. }) => 9,
    }
}

fn input_errors() -> Vec<InputError> {
    vec![
        InputError::NotANumber {
            line: 2,
            text: "x".into(),
        },
        InputError::WrongWidth {
            line: 1,
            found: 3,
            expected: 4,
        },
        InputError::Empty,
        InputError::TooLong {
            lines: 2000,
            limit: 1000,
        },
        InputError::NoWords,
    ]
}

fn input_kind(e: &InputError) -> usize {
    match e {
        InputError::NotANumber { .. } => 0,
        InputError::WrongWidth { .. } => 1,
        InputError::Empty => 2,
        InputError::TooLong { .. } => 3,
        InputError::NoWords => 4,
    }
}

fn page_errors() -> Vec<PageError> {
    let mut errors = vec![
        PageError::Number(NumberFieldError::Empty),
        PageError::Number(NumberFieldError::NotWhole("abc".into())),
        PageError::NeedsOneLayer,
    ];
    errors.extend(model_errors().into_iter().map(PageError::Model));
    errors.extend(session_errors().into_iter().map(PageError::Session));
    errors.extend(
        rnn_errors()
            .into_iter()
            .map(|e| PageError::Session(SessionError::Engine(e))),
    );
    errors.extend(input_errors().into_iter().map(PageError::Input));
    errors
}

fn page_kind(e: &PageError) -> usize {
    match e {
        PageError::Number(NumberFieldError::Empty) => 0,
        PageError::Number(NumberFieldError::NotWhole(_)) => 1,
        PageError::Model(_) => 2,
        PageError::Session(_) => 3,
        PageError::Input(_) => 4,
        PageError::NeedsOneLayer => 5,
    }
}

#[test]
fn the_check_catches_english_left_in_korean() {
    assert!(english_phrase("학습할 수 없습니다: the truncation length must be").is_some());
    assert!(english_phrase("층 2 (simple_rnn): \"units\"이(가) 0입니다").is_none());
    assert!(english_phrase("nn.RNN의 weight_ih는 (hidden_size, input_size)입니다").is_none());
}

#[test]
fn every_page_error_has_korean() {
    covers("RnnError", rnn_errors().iter().map(rnn_kind), 16);
    covers("ModelError", model_errors().iter().map(model_kind), 35);
    covers(
        "SessionError",
        session_errors().iter().map(session_kind),
        10,
    );
    covers("InputError", input_errors().iter().map(input_kind), 5);
    covers("PageError", page_errors().iter().map(page_kind), 6);
    for error in page_errors() {
        korean(&format!("{error:?}"), &error_text(&error, Lang::Ko));
        assert_eq!(error_text(&error, Lang::En), error.to_string());
    }
}

fn link_errors() -> Vec<LinkError> {
    let mut errors = vec![
        LinkError::Oversized {
            bytes: 20_000,
            max: 16_384,
        },
        LinkError::UnknownVersion("v9".into()),
        LinkError::Base64(12),
        LinkError::NotText,
        LinkError::Json {
            detail: "unknown field `hello`".into(),
            line: 1,
            column: 9,
        },
        LinkError::NoView,
        LinkError::InvalidModel(ModelError::NoLayers),
        LinkError::InvalidWeights(ModelError::WeightsCount {
            expected: 1,
            found: 2,
        }),
    ];
    for what in [
        LinkPart::Language,
        LinkPart::Preset,
        LinkPart::InputKind,
        LinkPart::Direction,
        LinkPart::Panel,
    ] {
        errors.push(LinkError::Unknown {
            what,
            value: "zz".into(),
        });
    }
    errors
}

fn link_kind(e: &LinkError) -> usize {
    match e {
        LinkError::Oversized { .. } => 0,
        LinkError::UnknownVersion(_) => 1,
        LinkError::Base64(_) => 2,
        LinkError::NotText => 3,
        LinkError::Json { .. } => 4,
        LinkError::NoView => 5,
        LinkError::Unknown { what, .. } => match what {
            LinkPart::Language => 6,
            LinkPart::Preset => 7,
            LinkPart::InputKind => 8,
            LinkPart::Direction => 9,
            LinkPart::Panel => 10,
        },
        LinkError::InvalidModel(_) => 11,
        LinkError::InvalidWeights(_) => 12,
    }
}

fn open_errors() -> Vec<OpenError> {
    let mut errors: Vec<OpenError> = link_errors().into_iter().map(OpenError::Link).collect();
    errors.push(OpenError::Unusable(PageError::NeedsOneLayer));
    errors
}

fn open_kind(e: &OpenError) -> usize {
    match e {
        OpenError::Link(_) => 0,
        OpenError::Unusable(_) => 1,
    }
}

fn sessions_errors() -> Vec<SessionsError> {
    vec![
        SessionsError::EmptyName,
        SessionsError::Taken("lesson".into()),
        SessionsError::Missing("lesson".into()),
        SessionsError::TooMany(50),
        SessionsError::ViewTooLarge {
            bytes: 300_000,
            max: 262_144,
        },
    ]
}

fn sessions_kind(e: &SessionsError) -> usize {
    match e {
        SessionsError::EmptyName => 0,
        SessionsError::Taken(_) => 1,
        SessionsError::Missing(_) => 2,
        SessionsError::TooMany(_) => 3,
        SessionsError::ViewTooLarge { .. } => 4,
    }
}

fn list_errors() -> Vec<SessionListError> {
    vec![
        SessionListError::TooLarge,
        SessionListError::Damaged {
            detail: "expected value".into(),
            line: 1,
            column: 1,
        },
    ]
}

fn list_kind(e: &SessionListError) -> usize {
    match e {
        SessionListError::TooLarge => 0,
        SessionListError::Damaged { .. } => 1,
    }
}

fn storage_kind(e: StorageError) -> usize {
    match e {
        StorageError::Unavailable => 0,
        StorageError::Full => 1,
    }
}

#[test]
fn every_link_session_and_storage_error_has_korean() {
    covers("LinkError", link_errors().iter().map(link_kind), 13);
    covers("OpenError", open_errors().iter().map(open_kind), 2);
    covers(
        "SessionsError",
        sessions_errors().iter().map(sessions_kind),
        5,
    );
    covers("SessionListError", list_errors().iter().map(list_kind), 2);
    let storage = [StorageError::Unavailable, StorageError::Full];
    covers("StorageError", storage.iter().copied().map(storage_kind), 2);
    for error in link_errors() {
        korean(&format!("{error:?}"), &link_error_text(&error, Lang::Ko));
        assert_eq!(link_error_text(&error, Lang::En), error.to_string());
    }
    for error in open_errors() {
        korean(&format!("{error:?}"), &open_error_text(&error, Lang::Ko));
        assert_eq!(open_error_text(&error, Lang::En), error.to_string());
    }
    for error in sessions_errors() {
        korean(
            &format!("{error:?}"),
            &sessions_error_text(&error, Lang::Ko),
        );
        assert_eq!(sessions_error_text(&error, Lang::En), error.to_string());
    }
    for error in list_errors() {
        korean(
            &format!("{error:?}"),
            &session_list_error_text(&error, Lang::Ko),
        );
        assert!(session_list_error_text(&error, Lang::En).ends_with(&error.to_string()));
    }
    for error in storage {
        korean(&format!("{error:?}"), storage_text(error).text(Lang::Ko));
    }
}

fn role() -> Role {
    Role {
        layer: Some(1),
        direction: Some(Direction::Backward),
        tensor: "kernel",
    }
}

fn import_errors() -> Vec<ImportError> {
    let mut errors = vec![
        ImportError::TooLarge { bytes: 9, max: 8 },
        ImportError::UnknownFormat,
        ImportError::NoReader,
        ImportError::Unreadable,
        ImportError::Keras(KerasError::NotKeras),
    ];
    for problem in [
        ZipProblem::Unreadable,
        ZipProblem::TooManyArrays,
        ZipProblem::TotalTooLarge,
        ZipProblem::Overlapping,
        ZipProblem::ShortLocalHeader,
    ] {
        errors.push(ImportError::Zip(problem));
    }
    for problem in [
        NpyProblem::DeclaredTooLarge,
        NpyProblem::CutOff,
        NpyProblem::Damaged,
        NpyProblem::UnknownMethod,
        NpyProblem::NotNpy,
        NpyProblem::UnknownVersion,
        NpyProblem::HeaderCutOff,
        NpyProblem::NoDtype,
        NpyProblem::Dtype("'<i8'".into()),
        NpyProblem::FortranOrder,
        NpyProblem::NoShape,
        NpyProblem::ShapeUnreadable,
        NpyProblem::ShapeNumbers("a, b".into()),
        NpyProblem::ShapeTooLarge("99999, 99999".into()),
        NpyProblem::DataCutOff {
            shape: "4, 8".into(),
            needed: 128,
            found: 64,
        },
        NpyProblem::NotFinite(3),
        NpyProblem::TooNested,
        NpyProblem::NotRectangular,
        NpyProblem::NonNumber,
        NpyProblem::NotNumbers,
    ] {
        errors.push(ImportError::Npy {
            name: "kernel".into(),
            problem,
        });
    }
    for problem in [
        JsonProblem::Syntax {
            detail: "expected value".into(),
            line: 2,
            column: 3,
        },
        JsonProblem::NotLayerList,
        JsonProblem::LayerNotList(2),
        JsonProblem::Document(ModelError::MissingInputs),
    ] {
        errors.push(ImportError::Json(problem));
    }
    for mismatch in [
        Mismatch::Shape {
            array: "arr_0".into(),
            role: role(),
            found: vec![4, 7],
            needed: vec![4, 8],
        },
        Mismatch::TooFewArrays(role()),
        Mismatch::TooManyArrays {
            first: "arr_9".into(),
            shape: vec![8],
        },
        Mismatch::LayerCount { file: 2, model: 3 },
        Mismatch::Model(ModelError::NoLayers),
        Mismatch::PytorchShape {
            array: "weight_ih_l0".into(),
            shape: vec![8],
        },
        Mismatch::Missing("weight_hh_l0".into()),
        Mismatch::Unusable("weight_ih_l1".into()),
        Mismatch::NoPytorchLayers,
        Mismatch::Convert(RnnError::EmptyStack),
        Mismatch::StateDict(StateDictError::NoLayers),
        Mismatch::StateDict(StateDictError::Missing {
            name: "weight_hh_l1".into(),
        }),
        Mismatch::StateDict(StateDictError::Rank {
            name: "bias_ih_l0".into(),
            found: Dims(vec![2, 3]),
            rank: 1,
        }),
        Mismatch::StateDict(StateDictError::UnknownCell {
            name: "weight_hh_l0".into(),
            found: Dims(vec![10, 5]),
        }),
        Mismatch::StateDict(StateDictError::MixedCells {
            layer: 1,
            first: CellKind::Lstm,
            found: CellKind::Gru,
        }),
        Mismatch::StateDict(StateDictError::LayerInput {
            layer: 1,
            expected: 8,
            found: 6,
        }),
        Mismatch::StateDict(StateDictError::Engine {
            layer: 0,
            source: RnnError::EmptyStack,
        }),
    ] {
        errors.push(ImportError::Mismatch(mismatch));
    }
    errors
}

fn import_kind(e: &ImportError) -> usize {
    match e {
        ImportError::TooLarge { .. } => 0,
        ImportError::UnknownFormat => 1,
        ImportError::NoReader => 2,
        ImportError::Unreadable => 3,
        ImportError::Keras(_) => 50,
        ImportError::Zip(problem) => {
            4 + match problem {
                ZipProblem::Unreadable => 0,
                ZipProblem::TooManyArrays => 1,
                ZipProblem::TotalTooLarge => 2,
                ZipProblem::Overlapping => 3,
                ZipProblem::ShortLocalHeader => 4,
            }
        }
        ImportError::Npy { problem, .. } => {
            9 + match problem {
                NpyProblem::DeclaredTooLarge => 0,
                NpyProblem::CutOff => 1,
                NpyProblem::Damaged => 2,
                NpyProblem::UnknownMethod => 3,
                NpyProblem::NotNpy => 4,
                NpyProblem::UnknownVersion => 5,
                NpyProblem::HeaderCutOff => 6,
                NpyProblem::NoDtype => 7,
                NpyProblem::Dtype(_) => 8,
                NpyProblem::FortranOrder => 9,
                NpyProblem::NoShape => 10,
                NpyProblem::ShapeUnreadable => 11,
                NpyProblem::ShapeNumbers(_) => 12,
                NpyProblem::ShapeTooLarge(_) => 13,
                NpyProblem::DataCutOff { .. } => 14,
                NpyProblem::NotFinite(_) => 15,
                NpyProblem::TooNested => 16,
                NpyProblem::NotRectangular => 17,
                NpyProblem::NonNumber => 18,
                NpyProblem::NotNumbers => 19,
            }
        }
        ImportError::Json(problem) => {
            29 + match problem {
                JsonProblem::Syntax { .. } => 0,
                JsonProblem::NotLayerList => 1,
                JsonProblem::LayerNotList(_) => 2,
                JsonProblem::Document(_) => 3,
            }
        }
        ImportError::Mismatch(mismatch) => {
            33 + match mismatch {
                Mismatch::Shape { .. } => 0,
                Mismatch::TooFewArrays(_) => 1,
                Mismatch::TooManyArrays { .. } => 2,
                Mismatch::LayerCount { .. } => 3,
                Mismatch::Model(_) => 4,
                Mismatch::PytorchShape { .. } => 5,
                Mismatch::Missing(_) => 6,
                Mismatch::Unusable(_) => 7,
                Mismatch::NoPytorchLayers => 8,
                Mismatch::Convert(_) => 9,
                Mismatch::StateDict(e) => {
                    10 + match e {
                        StateDictError::NoLayers => 0,
                        StateDictError::Missing { .. } => 1,
                        StateDictError::Rank { .. } => 2,
                        StateDictError::UnknownCell { .. } => 3,
                        StateDictError::MixedCells { .. } => 4,
                        StateDictError::LayerInput { .. } => 5,
                        StateDictError::Engine { .. } => 6,
                    }
                }
            }
        }
    }
}

fn import_kind_id(kind: ImportKind) -> usize {
    match kind {
        ImportKind::KerasNpz => 0,
        ImportKind::KerasJson => 1,
        ImportKind::ModelDocument => 2,
        ImportKind::CaseDocument => 3,
        ImportKind::PytorchStateDict => 4,
        ImportKind::Training => 5,
        ImportKind::KerasFile => 6,
    }
}

fn export_kind(e: &ExportError) -> usize {
    match e {
        ExportError::Json(_) => 0,
        ExportError::NoPlots => 1,
        ExportError::Chart(_) => 2,
        ExportError::Browser => 3,
        ExportError::TooLarge(_) => 4,
    }
}

#[test]
fn every_import_and_export_error_has_korean() {
    covers("ImportError", import_errors().iter().map(import_kind), 51);
    for error in import_errors() {
        korean(&format!("{error:?}"), &import_error_text(&error, Lang::Ko));
        assert_eq!(import_error_text(&error, Lang::En), error.to_string());
    }
    let kinds = [
        ImportKind::KerasNpz,
        ImportKind::KerasJson,
        ImportKind::ModelDocument,
        ImportKind::CaseDocument,
        ImportKind::PytorchStateDict,
        ImportKind::Training,
        ImportKind::KerasFile,
    ];
    covers("ImportKind", kinds.iter().copied().map(import_kind_id), 7);
    for kind in [
        ImportKind::ModelDocument,
        ImportKind::CaseDocument,
        ImportKind::Training,
        ImportKind::KerasFile,
    ] {
        assert!(has_hangul(import_kind_text(kind, Lang::Ko)), "{kind:?}");
    }
    let exports = [
        ExportError::Json("oops".into()),
        ExportError::NoPlots,
        ExportError::Chart("oops".into()),
        ExportError::Browser,
        ExportError::TooLarge(CostError::Export {
            needed: 9_000_000,
            limit: 4_194_304,
        }),
    ];
    covers("ExportError", exports.iter().map(export_kind), 5);
    for error in exports {
        korean(&format!("{error:?}"), &export_error_text(&error, Lang::Ko));
    }
}

#[test]
fn every_notice_has_korean() {
    let notices = vec![
        Notice::BadLink(OpenError::Link(LinkError::Base64(3))),
        Notice::BadStored(OpenError::Unusable(PageError::NeedsOneLayer)),
        Notice::Opened("lesson".into()),
        Notice::BadNamed("lesson".into(), OpenError::Link(LinkError::NoView)),
        Notice::Imported(ImportKind::CaseDocument),
        Notice::ImportFailed(ImportError::UnknownFormat),
        Notice::ImportUnusable(PageError::NeedsOneLayer),
        Notice::Restored,
    ];
    let kind = |n: &Notice| match n {
        Notice::BadLink(_) => 0,
        Notice::BadStored(_) => 1,
        Notice::Opened(_) => 2,
        Notice::BadNamed(..) => 3,
        Notice::Imported(_) => 4,
        Notice::ImportFailed(_) => 5,
        Notice::ImportUnusable(_) => 6,
        Notice::Restored => 7,
    };
    covers("Notice", notices.iter().map(kind), 8);
    for notice in &notices {
        korean(&format!("{notice:?}"), &notice_text(notice, Lang::Ko));
        assert!(!has_hangul(&notice_text(notice, Lang::En)), "{notice:?}");
    }
    // The English wording is today's.
    assert_eq!(
        notice_text(&notices[0], Lang::En),
        "The link could not be opened, so the default view is shown: the link's data is damaged (not valid base64 at character 3); it may have been cut off when copied."
    );
}

fn train_errors() -> Vec<TrainError> {
    vec![
        TrainError::Rnn(RnnError::EmptyStack),
        TrainError::Shape {
            what: "targets",
            expected: vec![8, 1],
            actual: vec![8, 2],
        },
        TrainError::UnsupportedLayer {
            layer: 1,
            kind: "Embedding",
        },
        TrainError::LossActivation {
            expected: Activation::Sigmoid,
            actual: None,
        },
        TrainError::LossActivation {
            expected: Activation::Softmax,
            actual: Some(Activation::Tanh),
        },
        TrainError::Layout {
            reason: "incompatible shapes".into(),
        },
        TrainError::ZeroTruncation,
        TrainError::ParameterCount {
            expected: 3,
            actual: 2,
        },
        TrainError::ZeroSetting {
            setting: "batch size",
        },
        TrainError::SettingTooLarge {
            setting: "timesteps",
            value: 5000,
            max: 200,
        },
        TrainError::BadNumber {
            setting: "learning rate",
            value: -1.0,
            range: "a number greater than 0",
        },
        TrainError::EchoDelay {
            delay: 9,
            timesteps: 8,
        },
        TrainError::TextTooShort {
            characters: 3,
            needed: 21,
        },
        TrainError::TooFewCharacters { distinct: 1 },
        TrainError::NotCharModel,
        TrainError::UnknownCharacter { character: 'é' },
        TrainError::ExampleOutOfRange {
            index: 9,
            examples: 4,
        },
        TrainError::NonFinite {
            layer: 1,
            direction: Some(Direction::Backward),
            what: "gradients",
            timestep: Some(3),
            epoch: 2,
            batch: 5,
        },
    ]
}

fn train_kind(e: &TrainError) -> usize {
    match e {
        TrainError::Rnn(_) => 0,
        TrainError::Shape { .. } => 1,
        TrainError::UnsupportedLayer { .. } => 2,
        TrainError::LossActivation { .. } => 3,
        TrainError::Layout { .. } => 4,
        TrainError::ZeroTruncation => 5,
        TrainError::ParameterCount { .. } => 6,
        TrainError::ZeroSetting { .. } => 7,
        TrainError::SettingTooLarge { .. } => 8,
        TrainError::BadNumber { .. } => 9,
        TrainError::EchoDelay { .. } => 10,
        TrainError::TextTooShort { .. } => 11,
        TrainError::TooFewCharacters { .. } => 12,
        TrainError::NotCharModel => 13,
        TrainError::UnknownCharacter { .. } => 14,
        TrainError::ExampleOutOfRange { .. } => 15,
        TrainError::NonFinite { .. } => 16,
    }
}

fn form_errors() -> Vec<FormError> {
    vec![
        FormError::NotANumber,
        FormError::NotPositive,
        FormError::WholeNumber { min: 1, max: 512 },
        FormError::WholeOrEmpty { min: 1, max: 30 },
        FormError::PositiveOrEmpty,
    ]
}

fn form_kind(e: FormError) -> usize {
    match e {
        FormError::NotANumber => 0,
        FormError::NotPositive => 1,
        FormError::WholeNumber { .. } => 2,
        FormError::WholeOrEmpty { .. } => 3,
        FormError::PositiveOrEmpty => 4,
    }
}

#[test]
fn every_training_error_has_korean() {
    covers("TrainError", train_errors().iter().map(train_kind), 17);
    covers("FormError", form_errors().into_iter().map(form_kind), 5);
    let labels = [
        LayerLabel::Recurrent {
            number: 0,
            direction: None,
        },
        LayerLabel::Dense,
        LayerLabel::Embedding,
    ];
    for error in train_errors() {
        for (compared, layer) in [(false, None), (true, Some(labels[1]))] {
            let ko = train_error_text(&error, layer, 0.01, compared, Lang::Ko);
            korean(&format!("{error:?}"), &ko);
            let en = train_error_text(&error, layer, 0.01, compared, Lang::En);
            assert!(!has_hangul(&en), "{error:?}: {en}");
        }
        let problem = FieldProblem::Train(error.clone());
        korean(
            &format!("{error:?}"),
            &field_problem_text(&problem, Lang::Ko),
        );
        let notice = TrainNotice::Failed(error.clone());
        korean(&format!("{error:?}"), &train_notice_text(&notice, Lang::Ko));
        for layer in labels {
            let alert = Alert {
                compared: false,
                error: error.clone(),
                layer,
                lower_rate: 0.001,
            };
            korean(&format!("{error:?}"), &alert_text(&alert, Lang::Ko));
        }
    }
    for error in form_errors() {
        korean(&format!("{error:?}"), &form_error_text(error, Lang::Ko));
        korean(
            &format!("{error:?}"),
            &field_problem_text(&FieldProblem::Form(error), Lang::Ko),
        );
    }
    korean("opened", &train_notice_text(&TrainNotice::Opened, Lang::Ko));
    // The NaN alert names the layer as the page numbers layers, in both languages.
    let nan = &train_errors()[17];
    let alert = |lang| {
        alert_text(
            &Alert {
                compared: false,
                error: nan.clone(),
                layer: LayerLabel::Recurrent {
                    number: 0,
                    direction: Some(Direction::Backward),
                },
                lower_rate: 0.001,
            },
            lang,
        )
    };
    assert!(
        alert(Lang::En).contains("layer 1 ←, at timestep 3"),
        "{}",
        alert(Lang::En)
    );
    assert!(
        alert(Lang::En).contains("lower learning rate (e.g. 0.001)"),
        "{}",
        alert(Lang::En)
    );
    assert!(alert(Lang::Ko).contains("층 1 ←"), "{}", alert(Lang::Ko));
}

fn keras_errors() -> Vec<KerasError> {
    let text = || "x".to_owned();
    let mut errors = vec![
        KerasError::FileTooLarge { bytes: 9, max: 8 },
        KerasError::NotKeras,
        KerasError::MissingEntry {
            entry: "config.json",
        },
        KerasError::Zip { reason: text() },
        KerasError::EntryTooLarge {
            entry: text(),
            max: 8,
        },
        KerasError::Hdf5 { reason: text() },
        KerasError::NoModelConfig,
        KerasError::Config { reason: text() },
        KerasError::UnsupportedLayer {
            name: "conv1d".into(),
            class: "Conv1D".into(),
        },
        KerasError::CustomObject {
            name: "scale".into(),
            object: "course>Scale".into(),
        },
        KerasError::NotAChain { reason: text() },
        KerasError::UnsupportedModel {
            class: "Graph".into(),
        },
        KerasError::MissingWeights {
            name: "gru".into(),
            detail: text(),
        },
        KerasError::WeightsTooLarge {
            name: "gru".into(),
            found: 9,
            expected: 8,
        },
        KerasError::Model(ModelError::NoLayers),
    ];
    for hint in [
        SettingHint::Stateful,
        SettingHint::ReturnState,
        SettingHint::TimeMajor,
        SettingHint::GoBackwards,
        SettingHint::Keras2HardSigmoid,
        SettingHint::RecurrentActivations,
        SettingHint::DenseActivations,
        SettingHint::BackwardLayer,
        SettingHint::MergeModes,
        SettingHint::MergeNone,
        SettingHint::MaskZero,
    ] {
        errors.push(KerasError::UnsupportedSetting {
            name: "lstm".into(),
            class: "LSTM".into(),
            setting: "stateful=True".into(),
            hint,
        });
    }
    errors
}

fn keras_kind(e: &KerasError) -> usize {
    match e {
        KerasError::FileTooLarge { .. } => 0,
        KerasError::NotKeras => 1,
        KerasError::MissingEntry { .. } => 2,
        KerasError::Zip { .. } => 3,
        KerasError::EntryTooLarge { .. } => 4,
        KerasError::Hdf5 { .. } => 5,
        KerasError::NoModelConfig => 6,
        KerasError::Config { .. } => 7,
        KerasError::UnsupportedLayer { .. } => 8,
        KerasError::CustomObject { .. } => 9,
        KerasError::NotAChain { .. } => 10,
        KerasError::UnsupportedModel { .. } => 11,
        KerasError::MissingWeights { .. } => 12,
        KerasError::WeightsTooLarge { .. } => 13,
        KerasError::Model(_) => 14,
        KerasError::UnsupportedSetting { hint, .. } => {
            15 + match hint {
                SettingHint::Stateful => 0,
                SettingHint::ReturnState => 1,
                SettingHint::TimeMajor => 2,
                SettingHint::GoBackwards => 3,
                SettingHint::Keras2HardSigmoid => 4,
                SettingHint::RecurrentActivations => 5,
                SettingHint::DenseActivations => 6,
                SettingHint::BackwardLayer => 7,
                SettingHint::MergeModes => 8,
                SettingHint::MergeNone => 9,
                SettingHint::MaskZero => 10,
            }
        }
    }
}

#[test]
fn every_keras_file_error_has_korean() {
    covers("KerasError", keras_errors().iter().map(keras_kind), 26);
    for error in keras_errors() {
        korean(&format!("{error:?}"), &keras_ko(&error));
        let page = ImportError::Keras(error.clone());
        assert_eq!(import_error_text(&page, Lang::En), error.to_string());
    }
    for text in [KerasText::Open, KerasText::OpenHint] {
        assert!(has_hangul(text.text(Lang::Ko)), "{text:?}");
        assert!(!has_hangul(text.text(Lang::En)), "{text:?}");
    }
}
