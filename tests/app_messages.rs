//! Every error the page can show has Korean text, and English stays each error's own
//! message. `error_text`'s Korean arm is an exhaustive match, so a new variant without
//! Korean does not compile; these tests check that the words are really Korean.
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

use unrolled::app::domain::export::ExportError;
use unrolled::app::domain::inputs::InputError;
use unrolled::app::domain::session::SessionError;
use unrolled::app::i18n::errors::error_text;
use unrolled::app::i18n::export::export_error_text;
use unrolled::app::i18n::Lang;
use unrolled::app::state::errors::{NumberFieldError, PageError};
use unrolled::model::cost::CostError;
use unrolled::model::{Dims, LayerRef, ModelError};
use unrolled::rnn::{Direction, NonFinite, RnnError, WeightName};

fn has_hangul(text: &str) -> bool {
    text.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
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
    ]
}

#[allow(clippy::too_many_lines, reason = "one example per variant")]
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
            found: "lstm".into(),
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
        ModelError::TraceTooLarge {
            numbers: 10,
            max: 5,
        },
    ];
    errors.extend(rnn_errors().into_iter().map(ModelError::Engine));
    errors
}

fn page_errors() -> Vec<PageError> {
    let mut errors = vec![
        PageError::Number(NumberFieldError::Empty),
        PageError::Number(NumberFieldError::NotWhole("abc".into())),
        PageError::Input(InputError::NotANumber {
            line: 2,
            text: "x".into(),
        }),
        PageError::Input(InputError::WrongWidth {
            line: 1,
            found: 3,
            expected: 4,
        }),
        PageError::Input(InputError::Empty),
        PageError::Input(InputError::TooLong {
            lines: 2000,
            limit: 1000,
        }),
        PageError::Input(InputError::NoWords),
        PageError::Session(SessionError::Cost(CostError::Timesteps {
            timesteps: 2000,
            limit: 1000,
        })),
        PageError::Session(SessionError::Cost(CostError::Batch {
            batch: 100,
            limit: 64,
        })),
        PageError::Session(SessionError::Cost(CostError::Initialize {
            layer: 1,
            units: 4000,
            needed: 128_000_000_000,
            limit: 100_000_000,
        })),
        PageError::Session(SessionError::Cost(CostError::Inputs {
            batch: 48,
            timesteps: 1000,
            features: 4096,
            needed: 196_608_000,
            limit: 2_097_152,
        })),
        PageError::Session(SessionError::Cost(CostError::Forward {
            batch: 4,
            timesteps: 1000,
            needed: 300_000_000,
            limit: 200_000_000,
        })),
        PageError::Session(SessionError::Cost(CostError::Kept {
            needed: 9_000_000,
            limit: 8_388_608,
        })),
        PageError::Session(SessionError::Cost(CostError::Export {
            needed: 9_000_000,
            limit: 4_194_304,
        })),
        PageError::Session(SessionError::Cost(CostError::TrainBatch {
            batch: 512,
            timesteps: 200,
            units: 256,
            needed: 20_000_000_000,
            limit: 25_000_000,
        })),
        PageError::NeedsOneLayer,
    ];
    errors.extend(model_errors().into_iter().map(PageError::Model));
    errors.extend(
        rnn_errors()
            .into_iter()
            .map(|e| PageError::Session(SessionError::Engine(e))),
    );
    errors.extend(
        model_errors()
            .into_iter()
            .take(3)
            .map(|e| PageError::Session(SessionError::Model(e))),
    );
    errors
}

#[test]
fn every_page_error_has_korean_text_and_english_is_its_display() {
    for error in page_errors() {
        let ko = error_text(&error, Lang::Ko);
        assert!(has_hangul(&ko), "{error:?} has no Korean: {ko}");
        assert_eq!(error_text(&error, Lang::En), error.to_string());
        // The model module's English place names are translated too.
        assert!(!ko.contains("layer 2 ("), "{ko}");
        assert!(!ko.contains("must be"), "{ko}");
    }
}

#[test]
fn export_errors_have_korean_text() {
    for error in [
        ExportError::Json("oops".into()),
        ExportError::Browser,
        ExportError::NoPlots,
        ExportError::Chart("oops".into()),
    ] {
        assert!(has_hangul(&export_error_text(&error, Lang::Ko)));
        assert_eq!(export_error_text(&error, Lang::En), error.to_string());
    }
}

#[test]
fn korean_messages_keep_the_numbers_and_names_of_the_english_ones() {
    let error = PageError::Model(ModelError::SequenceEnded {
        layer: RNN,
        previous: LayerRef {
            index: 0,
            kind: "simple_rnn",
        },
    });
    let ko = error_text(&error, Lang::Ko);
    assert!(ko.contains("층 2 (simple_rnn)"), "{ko}");
    assert!(ko.contains("층 1 (simple_rnn)"), "{ko}");
    assert!(ko.contains("return_sequences"), "{ko}");
    let ko = error_text(
        &PageError::Number(NumberFieldError::NotWhole("abc".into())),
        Lang::Ko,
    );
    assert!(ko.contains("\"abc\""), "{ko}");
}
