//! Running a case on the engine ([`crate::rnn`]): the model's layers become an engine
//! stack, explicit weights or a seeded initializer fill it, and the outputs (and, if asked,
//! every step's cell internals) come back in Keras' layout.

use ndarray::{Array2, ArrayD};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::case::{CaseInputs, CaseParameters, CaseSpec, LayerWeights, NestedArray, RnnWeights};
use super::error::ModelError;
use super::limits::MAX_TRACE_NUMBERS;
use super::spec::{
    DenseActivation, DenseSpec, EmbeddingSpec, GruSpec, LayerSpec, LstmSpec, RnnActivation,
    SimpleRnnSpec,
};
use crate::rnn::{
    self, CellTrace, Direction, GateTrace, Input, Layer, LayerConfig, Recurrent, RecurrentConfig,
    RecurrentRef, Stack, StackOutput,
};

/// What running a case gives: every layer's output, the weights used, optional traces.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseRun {
    /// One array per layer, shaped as Keras returns it: `(batch, timesteps, units)` or
    /// `(batch, units)`.
    pub outputs: Vec<ArrayD<f32>>,
    /// The weights used, one entry per layer (drawn by the initializer for `init` cases).
    pub weights: Vec<LayerWeights>,
    /// With tracing: per layer, `None` for non-recurrent layers, else each direction's
    /// steps.
    pub traces: Option<Vec<Option<LayerTrace>>>,
}

/// The cell internals of one recurrent layer, per direction, batch item and timestep
/// (input time order, also for the backward direction).
#[derive(Debug, Clone, PartialEq)]
pub struct LayerTrace {
    /// `forward[batch][t]`.
    pub forward: Vec<Vec<CellTrace>>,
    /// `backward[batch][t]`, for a bidirectional layer.
    pub backward: Option<Vec<Vec<CellTrace>>>,
}

impl LayerSpec {
    /// The engine's settings for this layer.
    #[must_use]
    pub fn engine_config(&self) -> LayerConfig {
        let wrap = |layer: RecurrentConfig, bidirectional| match (bidirectional, layer) {
            (Some(merge_mode), layer) => {
                LayerConfig::Bidirectional(rnn::BidirectionalConfig { layer, merge_mode })
            }
            (None, RecurrentConfig::SimpleRnn(c)) => LayerConfig::SimpleRnn(c),
            (None, RecurrentConfig::Lstm(c)) => LayerConfig::Lstm(c),
            (None, RecurrentConfig::Gru(c)) => LayerConfig::Gru(c),
        };
        match self {
            Self::Embedding(embedding) => LayerConfig::Embedding(rnn::EmbeddingConfig {
                vocab_size: embedding.vocab,
                output_dim: embedding.dim,
            }),
            Self::SimpleRnn(spec) => wrap(
                RecurrentConfig::SimpleRnn(rnn::SimpleRnnConfig {
                    units: spec.units,
                    activation: spec.activation.engine(),
                    use_bias: spec.use_bias,
                    return_sequences: spec.return_sequences,
                }),
                spec.bidirectional,
            ),
            Self::Lstm(spec) => wrap(
                RecurrentConfig::Lstm(rnn::LstmConfig {
                    units: spec.units,
                    activation: spec.activation.engine(),
                    recurrent_activation: spec.recurrent_activation.engine(),
                    use_bias: spec.use_bias,
                    unit_forget_bias: spec.unit_forget_bias,
                    return_sequences: spec.return_sequences,
                }),
                spec.bidirectional,
            ),
            Self::Gru(spec) => wrap(
                RecurrentConfig::Gru(rnn::GruConfig {
                    units: spec.units,
                    activation: spec.activation.engine(),
                    recurrent_activation: spec.recurrent_activation.engine(),
                    use_bias: spec.use_bias,
                    reset_after: spec.reset_after,
                    return_sequences: spec.return_sequences,
                }),
                spec.bidirectional,
            ),
            Self::Dense(dense) => LayerConfig::Dense(rnn::DenseConfig {
                units: dense.units,
                activation: dense.activation.engine(),
                use_bias: dense.use_bias,
            }),
        }
    }

    /// The document's layer for an engine layer (unnamed), or `None` for a recurrent layer
    /// whose activation a document cannot write (softmax).
    #[must_use]
    pub fn of_engine(layer: &Layer) -> Option<Self> {
        let recurrent = |config: RecurrentConfig, bidirectional| {
            Some(match config {
                RecurrentConfig::SimpleRnn(c) => Self::SimpleRnn(SimpleRnnSpec {
                    activation: RnnActivation::from_engine(c.activation)?,
                    use_bias: c.use_bias,
                    return_sequences: c.return_sequences,
                    bidirectional,
                    ..SimpleRnnSpec::new(c.units)
                }),
                RecurrentConfig::Lstm(c) => Self::Lstm(LstmSpec {
                    activation: RnnActivation::from_engine(c.activation)?,
                    recurrent_activation: RnnActivation::from_engine(c.recurrent_activation)?,
                    use_bias: c.use_bias,
                    unit_forget_bias: c.unit_forget_bias,
                    return_sequences: c.return_sequences,
                    bidirectional,
                    ..LstmSpec::new(c.units)
                }),
                RecurrentConfig::Gru(c) => Self::Gru(GruSpec {
                    activation: RnnActivation::from_engine(c.activation)?,
                    recurrent_activation: RnnActivation::from_engine(c.recurrent_activation)?,
                    use_bias: c.use_bias,
                    reset_after: c.reset_after,
                    return_sequences: c.return_sequences,
                    bidirectional,
                    ..GruSpec::new(c.units)
                }),
            })
        };
        match layer {
            Layer::Embedding(e) => {
                let config = e.config();
                Some(Self::Embedding(EmbeddingSpec {
                    name: None,
                    vocab: config.vocab_size,
                    dim: config.output_dim,
                }))
            }
            Layer::Dense(d) => {
                let config = d.config();
                Some(Self::Dense(DenseSpec {
                    activation: DenseActivation::from_engine(config.activation),
                    use_bias: config.use_bias,
                    ..DenseSpec::new(config.units)
                }))
            }
            Layer::Bidirectional(b) => recurrent(b.config().layer, Some(b.merge_mode())),
            Layer::SimpleRnn(_) | Layer::Lstm(_) | Layer::Gru(_) => {
                recurrent(layer.recurrent(Direction::Forward)?.config(), None)
            }
        }
    }
}

/// An engine layer as a document's layer and weights (see [`LayerSpec::of_engine`]): what
/// a trained stack becomes when the visualizer shows it.
#[must_use]
pub fn document_layer(layer: &Layer) -> Option<(LayerSpec, LayerWeights)> {
    Some((LayerSpec::of_engine(layer)?, LayerWeights::of_engine(layer)))
}

/// One direction's weights as the engine layer of its cell.
fn engine_recurrent(config: RecurrentConfig, w: &RnnWeights) -> Result<Recurrent, rnn::RnnError> {
    let (kernel, recurrent_kernel) = (w.kernel.clone(), w.recurrent_kernel.clone());
    Ok(match config {
        RecurrentConfig::SimpleRnn(c) => Recurrent::SimpleRnn(rnn::SimpleRnn::new(
            c,
            rnn::SimpleRnnWeights {
                kernel,
                recurrent_kernel,
                bias: w.bias.clone(),
            },
        )?),
        RecurrentConfig::Lstm(c) => Recurrent::Lstm(rnn::Lstm::new(
            c,
            rnn::LstmWeights {
                kernel,
                recurrent_kernel,
                bias: w.bias.clone(),
            },
        )?),
        RecurrentConfig::Gru(c) => {
            let bias = match (&w.bias, &w.recurrent_bias) {
                (Some(b), Some(r)) => Some(
                    ndarray::stack(ndarray::Axis(0), &[b.view(), r.view()]).map_err(|_| {
                        rnn::RnnError::WeightShape {
                            layer: 0,
                            direction: None,
                            tensor: rnn::WeightName::Bias,
                            expected: vec![2, b.len()],
                            actual: vec![2, r.len()],
                        }
                    })?,
                ),
                (Some(b), None) => Some(b.clone().insert_axis(ndarray::Axis(0))),
                (None, _) => None,
            };
            Recurrent::Gru(rnn::Gru::new(
                c,
                rnn::GruWeights {
                    kernel,
                    recurrent_kernel,
                    bias,
                },
            )?)
        }
    })
}

/// One direction's engine weights in the case document's layout.
fn case_rnn_weights(cell: RecurrentRef<'_>) -> RnnWeights {
    let (bias, recurrent_bias) = match cell {
        RecurrentRef::SimpleRnn(l) => (l.weights().bias.clone(), None),
        RecurrentRef::Lstm(l) => (l.weights().bias.clone(), None),
        RecurrentRef::Gru(l) => (
            l.weights().input_bias().map(|b| b.to_owned()),
            l.weights().recurrent_bias().map(|b| b.to_owned()),
        ),
    };
    RnnWeights {
        kernel: cell.kernel().to_owned(),
        recurrent_kernel: cell.recurrent_kernel().to_owned(),
        bias,
        recurrent_bias,
    }
}

impl LayerWeights {
    /// The weights an engine layer holds, in the case document's layout.
    #[must_use]
    pub fn of_engine(layer: &Layer) -> Self {
        match layer {
            Layer::Embedding(embedding) => Self::Embedding {
                embeddings: embedding.embeddings().clone(),
            },
            Layer::SimpleRnn(cell) => {
                Self::SimpleRnn(case_rnn_weights(RecurrentRef::SimpleRnn(cell)))
            }
            Layer::Lstm(cell) => Self::Lstm(case_rnn_weights(RecurrentRef::Lstm(cell))),
            Layer::Gru(cell) => Self::Gru(case_rnn_weights(RecurrentRef::Gru(cell))),
            Layer::Bidirectional(both) => Self::Bidirectional {
                forward: case_rnn_weights(both.direction(Direction::Forward)),
                backward: case_rnn_weights(both.direction(Direction::Backward)),
            },
            Layer::Dense(dense) => Self::Dense {
                kernel: dense.weights().kernel.clone(),
                bias: dense.weights().bias.clone(),
            },
        }
    }
}

fn engine_layer(config: LayerConfig, weights: &LayerWeights) -> Result<Layer, rnn::RnnError> {
    let one_direction = |recurrent: Recurrent| match recurrent {
        Recurrent::SimpleRnn(l) => Layer::SimpleRnn(l),
        Recurrent::Lstm(l) => Layer::Lstm(l),
        Recurrent::Gru(l) => Layer::Gru(l),
    };
    Ok(match (config, weights) {
        (LayerConfig::Embedding(config), LayerWeights::Embedding { embeddings }) => {
            Layer::Embedding(rnn::Embedding::new(&config, embeddings.clone())?)
        }
        (LayerConfig::SimpleRnn(c), LayerWeights::SimpleRnn(w)) => {
            one_direction(engine_recurrent(RecurrentConfig::SimpleRnn(c), w)?)
        }
        (LayerConfig::Lstm(c), LayerWeights::Lstm(w)) => {
            one_direction(engine_recurrent(RecurrentConfig::Lstm(c), w)?)
        }
        (LayerConfig::Gru(c), LayerWeights::Gru(w)) => {
            one_direction(engine_recurrent(RecurrentConfig::Gru(c), w)?)
        }
        (LayerConfig::Bidirectional(config), LayerWeights::Bidirectional { forward, backward }) => {
            Layer::Bidirectional(rnn::Bidirectional::from_directions(
                engine_recurrent(config.layer.clone(), forward)
                    .map_err(|e| e.in_direction(Direction::Forward))?,
                engine_recurrent(config.layer, backward)
                    .map_err(|e| e.in_direction(Direction::Backward))?,
                config.merge_mode,
            )?)
        }
        (LayerConfig::Dense(config), LayerWeights::Dense { kernel, bias }) => {
            Layer::Dense(rnn::Dense::new(
                config,
                rnn::DenseWeights {
                    kernel: kernel.clone(),
                    bias: bias.clone(),
                },
            )?)
        }
        // Case validation pairs each layer with weights of its own kind.
        (_, _) => return Err(rnn::RnnError::EmptyStack),
    })
}

impl CaseSpec {
    /// The engine stack for this case: explicit weights, or drawn by the seeded scheme.
    ///
    /// # Errors
    /// [`ModelError::Engine`] if the engine refuses the layers (validation makes that
    /// unexpected).
    pub fn stack(&self) -> Result<Stack, ModelError> {
        let configs: Vec<LayerConfig> = self
            .model
            .layers
            .iter()
            .map(LayerSpec::engine_config)
            .collect();
        let stack = match &self.parameters {
            CaseParameters::Init(init) => Stack::init(
                self.model.input.features.unwrap_or(0),
                &configs,
                init.scheme,
                init.seed,
            )?,
            CaseParameters::Weights(weights) => Stack::new(
                configs
                    .into_iter()
                    .zip(weights)
                    .enumerate()
                    .map(|(index, (config, weights))| {
                        engine_layer(config, weights).map_err(|err| err.at_layer(index))
                    })
                    .collect::<Result<Vec<_>, _>>()?,
            )?,
        };
        Ok(stack)
    }

    /// Numbers a full trace of this case holds: per recurrent layer and direction,
    /// batch × timesteps × (features + k × units), `k` = 6 for `SimpleRNN`, 28 for LSTM
    /// (four gates of six vectors and four state vectors), 21 for GRU.
    fn trace_numbers(&self, stack: &Stack) -> u64 {
        let steps = self.inputs.batch() as u64 * self.inputs.timesteps() as u64;
        stack
            .layers()
            .iter()
            .map(|layer| {
                let directions = match layer {
                    Layer::Bidirectional(_) => 2,
                    _ => 1,
                };
                layer.recurrent(Direction::Forward).map_or(0, |cell| {
                    let per_unit = match cell.kind() {
                        rnn::CellKind::SimpleRnn => 6,
                        rnn::CellKind::Lstm => 28,
                        rnn::CellKind::Gru => 21,
                    };
                    directions * steps * (cell.input_dim() + per_unit * cell.units()) as u64
                })
            })
            .fold(0, u64::saturating_add)
    }

    /// Runs the case from zero initial states; with `trace`, also recomputes every step's
    /// cell internals.
    ///
    /// # Errors
    /// [`ModelError::TraceTooLarge`] before any work when the trace would exceed
    /// [`MAX_TRACE_NUMBERS`]; [`ModelError::Engine`] when a value becomes NaN or infinite
    /// (naming the layer, batch item and timestep).
    pub fn run(&self, trace: bool) -> Result<CaseRun, ModelError> {
        let stack = self.stack()?;
        if trace {
            let numbers = self.trace_numbers(&stack);
            if numbers > MAX_TRACE_NUMBERS {
                return Err(ModelError::TraceTooLarge {
                    numbers,
                    max: MAX_TRACE_NUMBERS,
                });
            }
        }
        let tokens: Option<Array2<i64>> = match &self.inputs {
            CaseInputs::Tokens(ids) => Some(ids.mapv(|id| i64::try_from(id).unwrap_or(i64::MAX))),
            CaseInputs::Features(_) => None,
        };
        let input = match (&self.inputs, &tokens) {
            (CaseInputs::Features(values), _) => Input::Features(values.view()),
            (CaseInputs::Tokens(_), Some(ids)) => Input::Tokens(ids.view()),
            (CaseInputs::Tokens(_), None) => return Err(rnn::RnnError::EmptyStack.into()),
        };
        let outputs: StackOutput = stack.forward_checked(input)?;
        let traces = if trace {
            Some(self.traces(&stack, input, &outputs)?)
        } else {
            None
        };
        Ok(CaseRun {
            outputs: outputs
                .layers
                .iter()
                .map(|layer| layer.output.view().to_owned())
                .collect(),
            weights: stack.layers().iter().map(LayerWeights::of_engine).collect(),
            traces,
        })
    }

    fn traces(
        &self,
        stack: &Stack,
        input: Input<'_>,
        outputs: &StackOutput,
    ) -> Result<Vec<Option<LayerTrace>>, ModelError> {
        let batch = self.inputs.batch();
        let direction = |index: usize, direction: Direction| {
            (0..batch)
                .map(|item| stack.cell_traces(input, outputs, index, direction, item))
                .collect::<Result<Vec<_>, _>>()
        };
        stack
            .layers()
            .iter()
            .enumerate()
            .map(|(index, layer)| match layer {
                Layer::Bidirectional(_) => Ok(Some(LayerTrace {
                    forward: direction(index, Direction::Forward)?,
                    backward: Some(direction(index, Direction::Backward)?),
                })),
                layer if layer.is_recurrent() => Ok(Some(LayerTrace {
                    forward: direction(index, Direction::Forward)?,
                    backward: None,
                })),
                _ => Ok(None),
            })
            .collect()
    }
}

/// One step in the CLI's JSON: the names the chapter uses for the cell's pieces (also the
/// page's "step internals" download of a gated cell, so both name them alike).
pub struct StepJson<'a>(pub &'a CellTrace);

/// One gate in the CLI's JSON: `x_t·kernel_g`, `h_{t-1}·recurrent_kernel_g`, `bias_g`
/// (`recurrent_bias_g`), `z_g` and the gate's value under its own name.
struct GateJson<'a> {
    gate: &'a GateTrace,
    name: &'static str,
    /// The GRU candidate without `reset_after`: its recurrent part is `(r⊙h_{t-1})·U_h`.
    reset_before: bool,
}

impl Serialize for GateJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let g = self.gate;
        let name = self.name;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry(
            &format!("x_t·kernel_{name}"),
            &NestedArray(g.input_part.view()),
        )?;
        let recurrent = if self.reset_before {
            format!("(r⊙h_{{t-1}})·recurrent_kernel_{name}")
        } else {
            format!("h_{{t-1}}·recurrent_kernel_{name}")
        };
        map.serialize_entry(&recurrent, &NestedArray(g.recurrent_part.view()))?;
        map.serialize_entry(&format!("bias_{name}"), &NestedArray(g.bias.view()))?;
        if let Some(b) = &g.recurrent_bias {
            map.serialize_entry(&format!("recurrent_bias_{name}"), &NestedArray(b.view()))?;
        }
        map.serialize_entry(&format!("z_{name}"), &NestedArray(g.pre_activation.view()))?;
        map.serialize_entry(name, &NestedArray(g.value.view()))?;
        map.end()
    }
}

impl Serialize for StepJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let gate = |gate, name| GateJson {
            gate,
            name,
            reset_before: false,
        };
        let mut map = serializer.serialize_map(None)?;
        match self.0 {
            CellTrace::SimpleRnn(step) => {
                map.serialize_entry("timestep", &step.timestep)?;
                map.serialize_entry("step_index", &step.step_index)?;
                map.serialize_entry("x_t", &NestedArray(step.x_t.view()))?;
                map.serialize_entry("h_{t-1}", &NestedArray(step.h_prev.view()))?;
                map.serialize_entry("x_t·kernel", &NestedArray(step.input_projection.view()))?;
                map.serialize_entry(
                    "h_{t-1}·recurrent_kernel",
                    &NestedArray(step.recurrent_projection.view()),
                )?;
                map.serialize_entry("bias", &NestedArray(step.bias.view()))?;
                map.serialize_entry("z_t", &NestedArray(step.pre_activation.view()))?;
                map.serialize_entry("h_t", &NestedArray(step.h_t.view()))?;
            }
            CellTrace::Lstm(step) => {
                map.serialize_entry("timestep", &step.timestep)?;
                map.serialize_entry("step_index", &step.step_index)?;
                map.serialize_entry("x_t", &NestedArray(step.x_t.view()))?;
                map.serialize_entry("h_{t-1}", &NestedArray(step.h_prev.view()))?;
                map.serialize_entry("c_{t-1}", &NestedArray(step.c_prev.view()))?;
                map.serialize_entry("input_gate", &gate(&step.input_gate, "i"))?;
                map.serialize_entry("forget_gate", &gate(&step.forget_gate, "f"))?;
                map.serialize_entry("candidate", &gate(&step.candidate, "c̃"))?;
                map.serialize_entry("output_gate", &gate(&step.output_gate, "o"))?;
                map.serialize_entry("f⊙c_{t-1}", &NestedArray(step.kept.view()))?;
                map.serialize_entry("i⊙c̃", &NestedArray(step.written.view()))?;
                map.serialize_entry("c_t", &NestedArray(step.c_t.view()))?;
                map.serialize_entry("act(c_t)", &NestedArray(step.c_activated.view()))?;
                map.serialize_entry("h_t", &NestedArray(step.h_t.view()))?;
            }
            CellTrace::Gru(step) => {
                map.serialize_entry("timestep", &step.timestep)?;
                map.serialize_entry("step_index", &step.step_index)?;
                map.serialize_entry("reset_after", &step.reset_after)?;
                map.serialize_entry("x_t", &NestedArray(step.x_t.view()))?;
                map.serialize_entry("h_{t-1}", &NestedArray(step.h_prev.view()))?;
                map.serialize_entry("update_gate", &gate(&step.update_gate, "z"))?;
                map.serialize_entry("reset_gate", &gate(&step.reset_gate, "r"))?;
                map.serialize_entry(
                    "candidate",
                    &GateJson {
                        gate: &step.candidate,
                        name: "h̃",
                        reset_before: !step.reset_after,
                    },
                )?;
                let reset_name = if step.reset_after {
                    "r⊙(h_{t-1}·recurrent_kernel_h̃+recurrent_bias_h̃)"
                } else {
                    "r⊙h_{t-1}"
                };
                map.serialize_entry(reset_name, &NestedArray(step.reset_product.view()))?;
                map.serialize_entry("h_t", &NestedArray(step.h_t.view()))?;
            }
        }
        map.end()
    }
}

/// Steps of one direction, `[batch][timestep]`.
struct DirectionJson<'a>(&'a [Vec<CellTrace>]);

impl Serialize for DirectionJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(
            self.0
                .iter()
                .map(|item| item.iter().map(StepJson).collect::<Vec<_>>()),
        )
    }
}

impl Serialize for LayerTrace {
    /// `{"forward": [batch][timestep]{...}, "backward": ...}`; per `SimpleRNN` step `x_t`,
    /// `h_{t-1}`, `x_t·kernel`, `h_{t-1}·recurrent_kernel`, `bias`, `z_t`, `h_t`; per LSTM
    /// step `x_t`, `h_{t-1}`, `c_{t-1}`, each gate's parts (`input_gate`, `forget_gate`,
    /// `candidate`, `output_gate`), `f⊙c_{t-1}`, `i⊙c̃`, `c_t`, `act(c_t)`, `h_t`; per GRU
    /// step `x_t`, `h_{t-1}`, `update_gate`, `reset_gate`, `candidate`, the reset product,
    /// `h_t`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("forward", &DirectionJson(&self.forward))?;
        if let Some(backward) = &self.backward {
            map.serialize_entry("backward", &DirectionJson(backward))?;
        }
        map.end()
    }
}

impl Serialize for CaseRun {
    /// `{"outputs": [...], "weights": [...]}`, plus `"trace"` when traced.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        let outputs: Vec<_> = self.outputs.iter().map(|o| NestedArray(o.view())).collect();
        map.serialize_entry("outputs", &outputs)?;
        map.serialize_entry("weights", &self.weights)?;
        if let Some(traces) = &self.traces {
            map.serialize_entry("trace", traces)?;
        }
        map.end()
    }
}
