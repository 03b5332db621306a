//! The page's view of a model's layers: the embedding in front, the recurrent layers and
//! the dense head. Every place the app looks inside a [`LayerSpec`] to find or edit these
//! goes through here, so a new layer kind is handled in one file.

use crate::model::{
    CellKind, DenseSpec, EmbeddingSpec, LayerSpec, ModelSpec, RnnActivation, SimpleRnnSpec,
};

/// One recurrent layer as the page numbers them ("layer 1" is the first recurrent layer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecurrentLayer {
    /// Index in the model's `layers` (and in the engine's stack).
    pub stack_index: usize,
    /// Hidden units per direction.
    pub units: usize,
    /// Whether it is wrapped in `Bidirectional`.
    pub bidirectional: bool,
    /// Keras `return_sequences`.
    pub return_sequences: bool,
    /// Its activation.
    pub activation: RnnActivation,
}

/// Whether `layer` is a recurrent layer.
#[must_use]
pub fn is_recurrent(layer: &LayerSpec) -> bool {
    matches!(layer, LayerSpec::SimpleRnn(_))
}

/// The recurrent layers of `model`, first first.
#[must_use]
pub fn recurrent_layers(model: &ModelSpec) -> Vec<RecurrentLayer> {
    model
        .layers
        .iter()
        .enumerate()
        .filter_map(|(stack_index, layer)| match layer {
            LayerSpec::SimpleRnn(rnn) => Some(RecurrentLayer {
                stack_index,
                units: rnn.units,
                bidirectional: rnn.bidirectional.is_some(),
                return_sequences: rnn.return_sequences,
                activation: rnn.activation,
            }),
            LayerSpec::Embedding(_)
            | LayerSpec::Lstm(_)
            | LayerSpec::Gru(_)
            | LayerSpec::Dense(_) => None,
        })
        .collect()
}

/// The settings of every recurrent layer, first first.
#[must_use]
pub fn recurrent_specs(model: &ModelSpec) -> Vec<&SimpleRnnSpec> {
    model
        .layers
        .iter()
        .filter_map(|l| match l {
            LayerSpec::SimpleRnn(rnn) => Some(rnn),
            LayerSpec::Embedding(_)
            | LayerSpec::Lstm(_)
            | LayerSpec::Gru(_)
            | LayerSpec::Dense(_) => None,
        })
        .collect()
}

/// Indices in `model.layers` of the recurrent layers.
#[must_use]
pub fn recurrent_indices(model: &ModelSpec) -> Vec<usize> {
    model
        .layers
        .iter()
        .enumerate()
        .filter(|(_, l)| is_recurrent(l))
        .map(|(i, _)| i)
        .collect()
}

/// Recurrent layer `n` (0-based among the recurrent layers), to edit.
pub fn recurrent_mut(model: &mut ModelSpec, n: usize) -> Option<&mut SimpleRnnSpec> {
    model
        .layers
        .iter_mut()
        .filter_map(|l| match l {
            LayerSpec::SimpleRnn(rnn) => Some(rnn),
            LayerSpec::Embedding(_)
            | LayerSpec::Lstm(_)
            | LayerSpec::Gru(_)
            | LayerSpec::Dense(_) => None,
        })
        .nth(n)
}

/// The recurrent layer at `index` of `model.layers`, to edit.
pub fn recurrent_at_mut(model: &mut ModelSpec, index: usize) -> Option<&mut SimpleRnnSpec> {
    match model.layers.get_mut(index) {
        Some(LayerSpec::SimpleRnn(rnn)) => Some(rnn),
        _ => None,
    }
}

/// A new recurrent layer of `units` with Keras' defaults.
#[must_use]
pub fn new_recurrent(units: usize) -> LayerSpec {
    LayerSpec::SimpleRnn(SimpleRnnSpec::new(units))
}

/// The embedding in front, if the model starts with one.
#[must_use]
pub fn embedding(model: &ModelSpec) -> Option<&EmbeddingSpec> {
    match model.layers.first() {
        Some(LayerSpec::Embedding(e)) => Some(e),
        _ => None,
    }
}

/// The embedding in front, to edit.
pub fn embedding_mut(model: &mut ModelSpec) -> Option<&mut EmbeddingSpec> {
    match model.layers.first_mut() {
        Some(LayerSpec::Embedding(e)) => Some(e),
        _ => None,
    }
}

/// The dense head, if the model ends with one.
#[must_use]
pub fn dense_head(model: &ModelSpec) -> Option<&DenseSpec> {
    match model.layers.last() {
        Some(LayerSpec::Dense(d)) => Some(d),
        _ => None,
    }
}

/// The dense head, to edit.
pub fn dense_head_mut(model: &mut ModelSpec) -> Option<&mut DenseSpec> {
    match model.layers.last_mut() {
        Some(LayerSpec::Dense(d)) => Some(d),
        _ => None,
    }
}

/// The vocabulary of the embedding anywhere in the model, if there is one.
#[must_use]
pub fn vocabulary(model: &ModelSpec) -> Option<usize> {
    model.layers.iter().find_map(|l| match l {
        LayerSpec::Embedding(e) => Some(e.vocab),
        LayerSpec::SimpleRnn(_) | LayerSpec::Lstm(_) | LayerSpec::Gru(_) | LayerSpec::Dense(_) => {
            None
        }
    })
}

/// The first layer of a cell type the page does not draw yet (LSTM, GRU): its index in
/// `model.layers` and its cell.
#[must_use]
pub fn unshown_cell(model: &ModelSpec) -> Option<(usize, CellKind)> {
    model
        .layers
        .iter()
        .enumerate()
        .find_map(|(index, layer)| match layer {
            LayerSpec::Lstm(_) => Some((index, CellKind::Lstm)),
            LayerSpec::Gru(_) => Some((index, CellKind::Gru)),
            LayerSpec::Embedding(_) | LayerSpec::SimpleRnn(_) | LayerSpec::Dense(_) => None,
        })
}
