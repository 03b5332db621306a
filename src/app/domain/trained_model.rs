//! A trained stack as the visualizer's model: the model document with explicit weights
//! (Keras layout) and the input that shows one example of the training data.

use ndarray::Axis;

use crate::model::{
    DenseActivation, DenseSpec, EmbeddingSpec, InputSpec, LayerSpec, LayerWeights, MergeMode,
    ModelSpec, RnnActivation, RnnWeights, SimpleRnnSpec,
};
use crate::rnn::{self, Activation, Direction, Layer, Stack};
use crate::train::TaskInputs;

use super::inputs::{format_manual, InputSource};

/// The number of the recurrent layer at `stack_index` among the recurrent layers
/// (the embedding in front is not counted).
#[must_use]
pub fn recurrent_number(stack: &Stack, stack_index: usize) -> usize {
    stack
        .layers()
        .iter()
        .take(stack_index)
        .filter(|l| is_recurrent(l))
        .count()
}

/// Whether an engine layer is a recurrent one.
#[must_use]
pub fn is_recurrent(layer: &Layer) -> bool {
    matches!(layer, Layer::SimpleRnn(_) | Layer::Bidirectional(_))
}

fn rnn_activation(activation: Activation) -> RnnActivation {
    match activation {
        Activation::Relu => RnnActivation::Relu,
        Activation::Sigmoid => RnnActivation::Sigmoid,
        Activation::Linear | Activation::Softmax => RnnActivation::Linear,
        Activation::Tanh => RnnActivation::Tanh,
    }
}

fn dense_activation(activation: Activation) -> DenseActivation {
    match activation {
        Activation::Linear => DenseActivation::Linear,
        Activation::Relu => DenseActivation::Relu,
        Activation::Sigmoid => DenseActivation::Sigmoid,
        Activation::Tanh => DenseActivation::Tanh,
        Activation::Softmax => DenseActivation::Softmax,
    }
}

fn rnn_weights(cell: &rnn::SimpleRnn) -> RnnWeights {
    let w = cell.weights();
    RnnWeights {
        kernel: w.kernel.clone(),
        recurrent_kernel: w.recurrent_kernel.clone(),
        bias: w.bias.clone(),
    }
}

fn rnn_spec(config: &rnn::SimpleRnnConfig, bidirectional: Option<MergeMode>) -> SimpleRnnSpec {
    SimpleRnnSpec {
        activation: rnn_activation(config.activation),
        use_bias: config.use_bias,
        return_sequences: config.return_sequences,
        bidirectional,
        ..SimpleRnnSpec::new(config.units)
    }
}

/// A trained stack as the visualizer's model and explicit weights (Keras layout), with
/// `timesteps` steps, and the input that shows `example` of the dataset: its numbers
/// typed in for feature tasks, seeded random tokens for token tasks (the visualizer's
/// sentences use their own word ids).
#[must_use]
pub fn visualizer_model(
    stack: &Stack,
    inputs: &TaskInputs,
    example: usize,
) -> (ModelSpec, Vec<LayerWeights>, InputSource) {
    let mut layers = Vec::new();
    let mut weights = Vec::new();
    for layer in stack.layers() {
        match layer {
            Layer::Embedding(e) => {
                let config = e.config();
                layers.push(LayerSpec::Embedding(EmbeddingSpec {
                    name: None,
                    vocab: config.vocab_size,
                    dim: config.output_dim,
                }));
                weights.push(LayerWeights::Embedding {
                    embeddings: e.embeddings().clone(),
                });
            }
            Layer::SimpleRnn(cell) => {
                layers.push(LayerSpec::SimpleRnn(rnn_spec(cell.config(), None)));
                weights.push(LayerWeights::SimpleRnn(rnn_weights(cell)));
            }
            Layer::Bidirectional(both) => {
                let config = both.config();
                layers.push(LayerSpec::SimpleRnn(rnn_spec(
                    &config.layer,
                    Some(both.merge_mode()),
                )));
                weights.push(LayerWeights::Bidirectional {
                    forward: rnn_weights(both.direction(Direction::Forward)),
                    backward: rnn_weights(both.direction(Direction::Backward)),
                });
            }
            Layer::Dense(dense) => {
                let config = dense.config();
                layers.push(LayerSpec::Dense(DenseSpec {
                    activation: dense_activation(config.activation),
                    use_bias: config.use_bias,
                    ..DenseSpec::new(config.units)
                }));
                weights.push(LayerWeights::Dense {
                    kernel: dense.weights().kernel.clone(),
                    bias: dense.weights().bias.clone(),
                });
            }
        }
    }
    let (timesteps, features, source) = match inputs {
        TaskInputs::Features(x) => {
            let example = example.min(x.len_of(Axis(0)).saturating_sub(1));
            let values = x.index_axis(Axis(0), example).to_owned();
            (
                x.len_of(Axis(1)),
                Some(x.len_of(Axis(2))),
                InputSource::Manual(format_manual(&values)),
            )
        }
        TaskInputs::Tokens(t) => (t.len_of(Axis(1)), None, InputSource::Random),
    };
    let model = ModelSpec {
        name: None,
        input: InputSpec {
            timesteps: Some(timesteps),
            features,
            batch: None,
        },
        layers,
    };
    (model, weights, source)
}
