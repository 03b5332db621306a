//! The seed chapter's examples, one click each.
//!
//! Model and layer names follow the chapter's printed summaries (Keras numbers them per
//! session, so the chapter's second model is `sequential_1` with `simple_rnn_1`), so each
//! preset's summary reads exactly like the chapter's.

use crate::model::{
    CellKind, DenseActivation, DenseSpec, EmbeddingSpec, InitScheme, InputSpec, LayerSpec,
    MergeMode, ModelSpec, SimpleRnnSpec,
};

use super::cell_settings::{CellOption, CellSettings};

use super::inputs::InputSource;

/// A preset: one example of the seed chapter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Preset {
    /// `SimpleRNN(3, input_shape=(2, 10))`, In [1].
    InputShape,
    /// `SimpleRNN(3, batch_input_shape=(8, 2, 10))`, In [2].
    BatchInputShape,
    /// The same with `return_sequences=True`, In [3].
    ReturnSequences,
    /// The numpy loop: timesteps 10, input 4, hidden 8, uniform [0, 1) weights, In [4]-[6].
    NumpyLoop,
    /// `Bidirectional(SimpleRNN(8, return_sequences=True))` on (10, 5), In [7].
    Bidirectional,
    /// Four stacked bidirectional layers, In [8].
    DeepBidirectional,
    /// Embedding(5000, 100) → SimpleRNN(128) → Dense(1, sigmoid), the quiz, In [9].
    Quiz,
    /// The chapter's diagram: input 4, hidden 2, output 2, two timesteps.
    Diagram,
    /// The first example as `LSTM(3, input_shape=(2, 10))`: four times the parameters.
    InputShapeLstm,
    /// The first example as `GRU(3, input_shape=(2, 10))`: three gate blocks (and a second
    /// bias row, Keras' `reset_after`).
    InputShapeGru,
    /// The quiz model with `LSTM(128)` in place of `SimpleRNN(128)`.
    QuizLstm,
    /// The quiz model with `GRU(128)`.
    QuizGru,
}

/// Everything a preset sets.
#[derive(Debug, Clone, PartialEq)]
pub struct PresetSetup {
    /// The model.
    pub model: ModelSpec,
    /// Weight initializer.
    pub scheme: InitScheme,
    /// Seed of weights and random inputs.
    pub seed: u64,
    /// The input sequence.
    pub input: InputSource,
}

/// The quiz's example review: 30 words, the chapter's sample length.
pub const QUIZ_SENTENCE: &str = "this movie was a quiet surprise with warm acting a clever story \
and music that stayed with me long after the lights came on so I'd gladly watch it again";

fn named_rnn(units: usize, name: Option<&str>) -> SimpleRnnSpec {
    SimpleRnnSpec {
        name: name.map(str::to_owned),
        ..SimpleRnnSpec::new(units)
    }
}

fn bidirectional_rnn(units: usize) -> LayerSpec {
    LayerSpec::SimpleRnn(SimpleRnnSpec {
        return_sequences: true,
        bidirectional: Some(MergeMode::Concat),
        ..SimpleRnnSpec::new(units)
    })
}

impl Preset {
    /// Every preset, in the chapter's order.
    pub const ALL: [Preset; 12] = [
        Preset::InputShape,
        Preset::BatchInputShape,
        Preset::ReturnSequences,
        Preset::NumpyLoop,
        Preset::Bidirectional,
        Preset::DeepBidirectional,
        Preset::Quiz,
        Preset::Diagram,
        Preset::InputShapeLstm,
        Preset::InputShapeGru,
        Preset::QuizLstm,
        Preset::QuizGru,
    ];

    /// A stable identifier (for the select's values and links).
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Preset::InputShape => "input-shape",
            Preset::BatchInputShape => "batch-input-shape",
            Preset::ReturnSequences => "return-sequences",
            Preset::NumpyLoop => "numpy-loop",
            Preset::Bidirectional => "bidirectional",
            Preset::DeepBidirectional => "deep-bidirectional",
            Preset::Quiz => "quiz",
            Preset::Diagram => "diagram",
            Preset::InputShapeLstm => "input-shape-lstm",
            Preset::InputShapeGru => "input-shape-gru",
            Preset::QuizLstm => "quiz-lstm",
            Preset::QuizGru => "quiz-gru",
        }
    }

    /// The preset with identifier `id`.
    #[must_use]
    pub fn from_id(id: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.id() == id)
    }

    /// The Keras code the preset reproduces, as the chapter writes it.
    #[must_use]
    pub fn keras_code(self) -> &'static str {
        match self {
            Preset::InputShape => "model.add(SimpleRNN(3, input_shape=(2,10)))",
            Preset::BatchInputShape => "model.add(SimpleRNN(3, batch_input_shape=(8,2,10)))",
            Preset::ReturnSequences => {
                "model.add(SimpleRNN(3, batch_input_shape=(8,2,10), return_sequences=True))"
            }
            Preset::NumpyLoop => {
                "output_t = np.tanh(np.dot(Wx,input_t) + np.dot(Wh,hidden_state_t) + b)"
            }
            Preset::Bidirectional => {
                "model.add(Bidirectional(SimpleRNN(8, return_sequences=True), input_shape=(10, 5)))"
            }
            Preset::DeepBidirectional => "4 × Bidirectional(SimpleRNN(8, return_sequences=True))",
            Preset::Quiz => {
                "Embedding(5000, 100) → SimpleRNN(128) → Dense(1, activation='sigmoid')"
            }
            Preset::Diagram => "SimpleRNN(2, return_sequences=True) → Dense(2), input (2, 4)",
            Preset::InputShapeLstm => "model.add(LSTM(3, input_shape=(2,10)))",
            Preset::InputShapeGru => "model.add(GRU(3, input_shape=(2,10)))",
            Preset::QuizLstm => "Embedding(5000, 100) → LSTM(128) → Dense(1, activation='sigmoid')",
            Preset::QuizGru => "Embedding(5000, 100) → GRU(128) → Dense(1, activation='sigmoid')",
        }
    }

    /// The model, initializer and inputs.
    #[must_use]
    pub fn setup(self) -> PresetSetup {
        let gated = |base: Preset, cell: CellKind| {
            let mut setup = base.setup();
            setup.model.name = None;
            for layer in &mut setup.model.layers {
                if let Some(mut s) = CellSettings::of(layer) {
                    s.apply(CellOption::Cell(cell));
                    *layer = s.to_layer();
                }
            }
            setup
        };
        let keras = |model: ModelSpec| PresetSetup {
            model,
            scheme: InitScheme::Keras,
            seed: 42,
            input: InputSource::Random,
        };
        match self {
            Preset::InputShape => keras(ModelSpec {
                name: None,
                input: InputSpec {
                    timesteps: Some(2),
                    features: Some(10),
                    batch: None,
                },
                layers: vec![LayerSpec::SimpleRnn(SimpleRnnSpec::new(3))],
            }),
            Preset::BatchInputShape => keras(ModelSpec {
                name: Some("sequential_1".into()),
                input: InputSpec {
                    timesteps: Some(2),
                    features: Some(10),
                    batch: Some(8),
                },
                layers: vec![LayerSpec::SimpleRnn(named_rnn(3, Some("simple_rnn_1")))],
            }),
            Preset::ReturnSequences => keras(ModelSpec {
                name: Some("sequential_2".into()),
                input: InputSpec {
                    timesteps: Some(2),
                    features: Some(10),
                    batch: Some(8),
                },
                layers: vec![LayerSpec::SimpleRnn(SimpleRnnSpec {
                    return_sequences: true,
                    ..named_rnn(3, Some("simple_rnn_2"))
                })],
            }),
            Preset::NumpyLoop => PresetSetup {
                model: ModelSpec {
                    name: None,
                    input: InputSpec {
                        timesteps: Some(10),
                        features: Some(4),
                        batch: None,
                    },
                    layers: vec![LayerSpec::SimpleRnn(SimpleRnnSpec {
                        return_sequences: true,
                        ..SimpleRnnSpec::new(8)
                    })],
                },
                scheme: InitScheme::Uniform01,
                seed: 0,
                input: InputSource::Random,
            },
            Preset::Bidirectional => keras(ModelSpec {
                name: None,
                input: InputSpec {
                    timesteps: Some(10),
                    features: Some(5),
                    batch: None,
                },
                layers: vec![bidirectional_rnn(8)],
            }),
            Preset::DeepBidirectional => keras(ModelSpec {
                name: None,
                input: InputSpec {
                    timesteps: Some(10),
                    features: Some(5),
                    batch: None,
                },
                layers: (0..4).map(|_| bidirectional_rnn(8)).collect(),
            }),
            Preset::Quiz => PresetSetup {
                model: ModelSpec {
                    name: Some("sequential_5".into()),
                    input: InputSpec {
                        timesteps: None,
                        features: None,
                        batch: None,
                    },
                    layers: vec![
                        LayerSpec::Embedding(EmbeddingSpec {
                            name: None,
                            vocab: 5000,
                            dim: 100,
                        }),
                        LayerSpec::SimpleRnn(named_rnn(128, Some("simple_rnn_8"))),
                        LayerSpec::Dense(DenseSpec {
                            activation: DenseActivation::Sigmoid,
                            ..DenseSpec::new(1)
                        }),
                    ],
                },
                scheme: InitScheme::Keras,
                seed: 42,
                input: InputSource::Sentence(QUIZ_SENTENCE.into()),
            },
            Preset::InputShapeLstm => gated(Preset::InputShape, CellKind::Lstm),
            Preset::InputShapeGru => gated(Preset::InputShape, CellKind::Gru),
            Preset::QuizLstm => gated(Preset::Quiz, CellKind::Lstm),
            Preset::QuizGru => gated(Preset::Quiz, CellKind::Gru),
            Preset::Diagram => keras(ModelSpec {
                name: None,
                input: InputSpec {
                    timesteps: Some(2),
                    features: Some(4),
                    batch: None,
                },
                layers: vec![
                    LayerSpec::SimpleRnn(SimpleRnnSpec {
                        return_sequences: true,
                        ..SimpleRnnSpec::new(2)
                    }),
                    LayerSpec::Dense(DenseSpec::new(2)),
                ],
            }),
        }
    }
}
