//! Running a case on the engine ([`crate::rnn`]): the model's layers become an engine
//! stack, explicit weights or a seeded initializer fill it, and the outputs (and, if asked,
//! every step's cell internals) come back in Keras' layout.

use ndarray::{Array2, ArrayD};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::case::{CaseInputs, CaseParameters, CaseSpec, LayerWeights, NestedArray, RnnWeights};
use super::error::ModelError;
use super::limits::MAX_TRACE_NUMBERS;
use super::spec::{DenseActivation, LayerSpec, RnnActivation};
use crate::rnn::{self, Direction, Input, Layer, LayerConfig, Stack, StackOutput, StepTrace};

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
    pub forward: Vec<Vec<StepTrace>>,
    /// `backward[batch][t]`, for a bidirectional layer.
    pub backward: Option<Vec<Vec<StepTrace>>>,
}

fn rnn_activation(activation: RnnActivation) -> rnn::Activation {
    match activation {
        RnnActivation::Tanh => rnn::Activation::Tanh,
        RnnActivation::Relu => rnn::Activation::Relu,
        RnnActivation::Sigmoid => rnn::Activation::Sigmoid,
        RnnActivation::Linear => rnn::Activation::Linear,
    }
}

fn dense_activation(activation: DenseActivation) -> rnn::Activation {
    match activation {
        DenseActivation::Linear => rnn::Activation::Linear,
        DenseActivation::Relu => rnn::Activation::Relu,
        DenseActivation::Sigmoid => rnn::Activation::Sigmoid,
        DenseActivation::Tanh => rnn::Activation::Tanh,
        DenseActivation::Softmax => rnn::Activation::Softmax,
    }
}

impl LayerSpec {
    /// The engine's settings for this layer.
    #[must_use]
    pub fn engine_config(&self) -> LayerConfig {
        match self {
            Self::Embedding(embedding) => LayerConfig::Embedding(rnn::EmbeddingConfig {
                vocab_size: embedding.vocab,
                output_dim: embedding.dim,
            }),
            Self::SimpleRnn(spec) => {
                let layer = rnn::SimpleRnnConfig {
                    units: spec.units,
                    activation: rnn_activation(spec.activation),
                    use_bias: spec.use_bias,
                    return_sequences: spec.return_sequences,
                };
                match spec.bidirectional {
                    None => LayerConfig::SimpleRnn(layer),
                    Some(mode) => LayerConfig::Bidirectional(rnn::BidirectionalConfig {
                        layer,
                        merge_mode: mode,
                    }),
                }
            }
            Self::Dense(dense) => LayerConfig::Dense(rnn::DenseConfig {
                units: dense.units,
                activation: dense_activation(dense.activation),
                use_bias: dense.use_bias,
            }),
        }
    }
}

fn engine_rnn_weights(weights: &RnnWeights) -> rnn::SimpleRnnWeights {
    rnn::SimpleRnnWeights {
        kernel: weights.kernel.clone(),
        recurrent_kernel: weights.recurrent_kernel.clone(),
        bias: weights.bias.clone(),
    }
}

fn case_rnn_weights(weights: &rnn::SimpleRnnWeights) -> RnnWeights {
    RnnWeights {
        kernel: weights.kernel.clone(),
        recurrent_kernel: weights.recurrent_kernel.clone(),
        bias: weights.bias.clone(),
    }
}

/// The weights an engine layer holds, in the case document's layout.
fn layer_weights(layer: &Layer) -> LayerWeights {
    match layer {
        Layer::Embedding(embedding) => LayerWeights::Embedding {
            embeddings: embedding.embeddings().clone(),
        },
        Layer::SimpleRnn(cell) => LayerWeights::SimpleRnn(case_rnn_weights(cell.weights())),
        Layer::Bidirectional(both) => LayerWeights::Bidirectional {
            forward: case_rnn_weights(both.direction(Direction::Forward).weights()),
            backward: case_rnn_weights(both.direction(Direction::Backward).weights()),
        },
        Layer::Dense(dense) => LayerWeights::Dense {
            kernel: dense.weights().kernel.clone(),
            bias: dense.weights().bias.clone(),
        },
    }
}

fn engine_layer(config: LayerConfig, weights: &LayerWeights) -> Result<Layer, rnn::RnnError> {
    Ok(match (config, weights) {
        (LayerConfig::Embedding(config), LayerWeights::Embedding { embeddings }) => {
            Layer::Embedding(rnn::Embedding::new(&config, embeddings.clone())?)
        }
        (LayerConfig::SimpleRnn(config), LayerWeights::SimpleRnn(weights)) => {
            Layer::SimpleRnn(rnn::SimpleRnn::new(config, engine_rnn_weights(weights))?)
        }
        (LayerConfig::Bidirectional(config), LayerWeights::Bidirectional { forward, backward }) => {
            Layer::Bidirectional(rnn::Bidirectional::new(
                config,
                engine_rnn_weights(forward),
                engine_rnn_weights(backward),
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
    /// batch × timesteps × (features + 6 × units).
    fn trace_numbers(&self, stack: &Stack) -> u64 {
        let steps = self.inputs.batch() as u64 * self.inputs.timesteps() as u64;
        stack
            .layers()
            .iter()
            .map(|layer| match layer {
                Layer::SimpleRnn(cell) => steps * (cell.input_dim() + 6 * cell.units()) as u64,
                Layer::Bidirectional(both) => {
                    let cell = both.direction(Direction::Forward);
                    2 * steps * (cell.input_dim() + 6 * cell.units()) as u64
                }
                _ => 0,
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
            weights: stack.layers().iter().map(layer_weights).collect(),
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
                .map(|item| stack.traces(input, outputs, index, direction, item))
                .collect::<Result<Vec<_>, _>>()
        };
        stack
            .layers()
            .iter()
            .enumerate()
            .map(|(index, layer)| match layer {
                Layer::SimpleRnn(_) => Ok(Some(LayerTrace {
                    forward: direction(index, Direction::Forward)?,
                    backward: None,
                })),
                Layer::Bidirectional(_) => Ok(Some(LayerTrace {
                    forward: direction(index, Direction::Forward)?,
                    backward: Some(direction(index, Direction::Backward)?),
                })),
                _ => Ok(None),
            })
            .collect()
    }
}

/// One step in the CLI's JSON: the names the chapter uses for the cell's pieces.
struct StepJson<'a>(&'a StepTrace);

impl Serialize for StepJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let step = self.0;
        let mut map = serializer.serialize_map(Some(9))?;
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
        map.end()
    }
}

/// Steps of one direction, `[batch][timestep]`.
struct DirectionJson<'a>(&'a [Vec<StepTrace>]);

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
    /// `{"forward": [batch][timestep]{...}, "backward": ...}` with `x_t`, `h_{t-1}`,
    /// `x_t·kernel`, `h_{t-1}·recurrent_kernel`, `bias`, `z_t`, `h_t` per step.
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
