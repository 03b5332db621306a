//! The page's view of a model's layers: the embedding in front, the recurrent layers and
//! the dense head. Every place the app looks inside a [`LayerSpec`] to find or edit these
//! goes through here, so a new layer kind is handled in one file.

use crate::model::{CellKind, DenseSpec, EmbeddingSpec, LayerSpec, ModelSpec, RnnActivation};

use super::cell_settings::{edit_at, CellSettings};

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
    /// Its activation (the candidate's for LSTM and GRU).
    pub activation: RnnActivation,
    /// Its cell.
    pub cell: CellKind,
}

/// Whether `layer` is a recurrent layer.
#[must_use]
pub fn is_recurrent(layer: &LayerSpec) -> bool {
    layer.recurrent().is_some()
}

/// The recurrent layers of `model`, first first.
#[must_use]
pub fn recurrent_layers(model: &ModelSpec) -> Vec<RecurrentLayer> {
    model
        .layers
        .iter()
        .enumerate()
        .filter_map(|(stack_index, layer)| {
            layer.recurrent().map(|r| RecurrentLayer {
                stack_index,
                units: r.units,
                bidirectional: r.bidirectional.is_some(),
                return_sequences: r.return_sequences,
                activation: r.activation,
                cell: r.cell,
            })
        })
        .collect()
}

/// The settings of every recurrent layer, first first.
#[must_use]
pub fn recurrent_specs(model: &ModelSpec) -> Vec<CellSettings> {
    model.layers.iter().filter_map(CellSettings::of).collect()
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

/// Edits recurrent layer `n` (0-based among the recurrent layers); returns whether there
/// is one.
pub fn edit_recurrent(
    model: &mut ModelSpec,
    n: usize,
    edit: impl FnOnce(&mut CellSettings),
) -> bool {
    recurrent_indices(model)
        .get(n)
        .is_some_and(|&index| edit_at(&mut model.layers, index, edit))
}

/// Edits the recurrent layer at `index` of `model.layers`; returns whether it is one.
pub fn edit_recurrent_at(
    model: &mut ModelSpec,
    index: usize,
    edit: impl FnOnce(&mut CellSettings),
) -> bool {
    edit_at(&mut model.layers, index, edit)
}

/// A new recurrent layer of `cell` and `units` with Keras' defaults.
#[must_use]
pub fn new_recurrent(cell: CellKind, units: usize) -> LayerSpec {
    CellSettings::new(cell, units).to_layer()
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
