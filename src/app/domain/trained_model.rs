//! A trained stack as the visualizer's model: the model document with explicit weights
//! (Keras layout) and the input that shows one example of the training data.

use ndarray::Axis;

use crate::model::{InputSpec, LayerWeights, ModelSpec};
use crate::rnn::{Layer, Stack};
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
    layer.is_recurrent()
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
    // A trained stack only holds layers a document can write (the trainer's recurrent
    // activations are never softmax), so no layer is left out here.
    for (spec, w) in stack
        .layers()
        .iter()
        .filter_map(crate::model::document_layer)
    {
        layers.push(spec);
        weights.push(w);
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
