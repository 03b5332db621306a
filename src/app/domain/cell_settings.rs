//! One recurrent layer as the model builder edits it, whatever its cell: the settings every
//! cell has plus the gated cells' options, and the change from one cell type to another
//! (which keeps units, activation, bias, `return_sequences` and the wrapper).

use crate::model::{
    CellKind, GruSpec, LayerSpec, LstmSpec, MergeMode, RnnActivation, SimpleRnnSpec,
};

/// A recurrent layer's settings, for SimpleRNN, LSTM and GRU alike. The options a cell
/// does not have are kept (with Keras' defaults) so that switching the cell back and
/// forth returns to the same layer.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "the flags are Keras' own layer arguments (use_bias, unit_forget_bias, reset_after, return_sequences)"
)]
pub struct CellSettings {
    /// Which cell.
    pub cell: CellKind,
    /// The layer's given name, if any.
    pub name: Option<String>,
    /// Hidden units.
    pub units: usize,
    /// `activation` (the candidate's and `c_t`'s for LSTM and GRU).
    pub activation: RnnActivation,
    /// LSTM and GRU: the gates' `recurrent_activation` (Keras default sigmoid).
    pub recurrent_activation: RnnActivation,
    /// `use_bias`.
    pub use_bias: bool,
    /// LSTM: `unit_forget_bias` (Keras default `true`).
    pub unit_forget_bias: bool,
    /// GRU: `reset_after` (Keras default `true`).
    pub reset_after: bool,
    /// `return_sequences`.
    pub return_sequences: bool,
    /// The `Bidirectional` merge mode, if wrapped.
    pub bidirectional: Option<MergeMode>,
}

/// One change to a recurrent layer's cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellOption {
    /// Make it a SimpleRNN, LSTM or GRU.
    Cell(CellKind),
    /// The gates' `recurrent_activation` (LSTM, GRU).
    RecurrentActivation(RnnActivation),
    /// GRU `reset_after`.
    ResetAfter(bool),
    /// LSTM `unit_forget_bias`.
    UnitForgetBias(bool),
}

impl CellSettings {
    /// A layer of `cell` with `units` and Keras' defaults.
    #[must_use]
    pub fn new(cell: CellKind, units: usize) -> Self {
        Self {
            cell,
            name: None,
            units,
            activation: RnnActivation::Tanh,
            recurrent_activation: RnnActivation::Sigmoid,
            use_bias: true,
            unit_forget_bias: true,
            reset_after: true,
            return_sequences: false,
            bidirectional: None,
        }
    }

    /// The settings of `layer`, or `None` for an embedding or dense layer.
    #[must_use]
    pub fn of(layer: &LayerSpec) -> Option<Self> {
        let base = |cell, units| Self::new(cell, units);
        Some(match layer {
            LayerSpec::SimpleRnn(l) => Self {
                name: l.name.clone(),
                activation: l.activation,
                use_bias: l.use_bias,
                return_sequences: l.return_sequences,
                bidirectional: l.bidirectional,
                ..base(CellKind::SimpleRnn, l.units)
            },
            LayerSpec::Lstm(l) => Self {
                name: l.name.clone(),
                activation: l.activation,
                recurrent_activation: l.recurrent_activation,
                use_bias: l.use_bias,
                unit_forget_bias: l.unit_forget_bias,
                return_sequences: l.return_sequences,
                bidirectional: l.bidirectional,
                ..base(CellKind::Lstm, l.units)
            },
            LayerSpec::Gru(l) => Self {
                name: l.name.clone(),
                activation: l.activation,
                recurrent_activation: l.recurrent_activation,
                use_bias: l.use_bias,
                reset_after: l.reset_after,
                return_sequences: l.return_sequences,
                bidirectional: l.bidirectional,
                ..base(CellKind::Gru, l.units)
            },
            LayerSpec::Embedding(_) | LayerSpec::Dense(_) => return None,
        })
    }

    /// The layer these settings describe.
    #[must_use]
    pub fn to_layer(&self) -> LayerSpec {
        let s = self.clone();
        match s.cell {
            CellKind::SimpleRnn => LayerSpec::SimpleRnn(SimpleRnnSpec {
                name: s.name,
                units: s.units,
                activation: s.activation,
                use_bias: s.use_bias,
                return_sequences: s.return_sequences,
                bidirectional: s.bidirectional,
            }),
            CellKind::Lstm => LayerSpec::Lstm(LstmSpec {
                name: s.name,
                units: s.units,
                activation: s.activation,
                recurrent_activation: s.recurrent_activation,
                use_bias: s.use_bias,
                unit_forget_bias: s.unit_forget_bias,
                return_sequences: s.return_sequences,
                bidirectional: s.bidirectional,
            }),
            CellKind::Gru => LayerSpec::Gru(GruSpec {
                name: s.name,
                units: s.units,
                activation: s.activation,
                recurrent_activation: s.recurrent_activation,
                use_bias: s.use_bias,
                reset_after: s.reset_after,
                return_sequences: s.return_sequences,
                bidirectional: s.bidirectional,
            }),
        }
    }

    /// Applies one change of cell or gate option.
    pub fn apply(&mut self, option: CellOption) {
        match option {
            CellOption::Cell(cell) => {
                if cell != self.cell {
                    // A given name such as "simple_rnn_1" belongs to the old class.
                    self.name = None;
                }
                self.cell = cell;
            }
            CellOption::RecurrentActivation(a) => self.recurrent_activation = a,
            CellOption::ResetAfter(on) => self.reset_after = on,
            CellOption::UnitForgetBias(on) => self.unit_forget_bias = on,
        }
    }
}

/// Edits the recurrent layer at `index` of `layers` through its [`CellSettings`]; does
/// nothing when that layer is not recurrent. Returns whether it edited.
pub fn edit_at(
    layers: &mut [LayerSpec],
    index: usize,
    edit: impl FnOnce(&mut CellSettings),
) -> bool {
    let Some(layer) = layers.get_mut(index) else {
        return false;
    };
    let Some(mut settings) = CellSettings::of(layer) else {
        return false;
    };
    edit(&mut settings);
    *layer = settings.to_layer();
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cell_reads_back_as_written() {
        for cell in CellKind::ALL {
            let mut s = CellSettings::new(cell, 5);
            s.activation = RnnActivation::Relu;
            s.use_bias = false;
            s.return_sequences = true;
            s.bidirectional = Some(MergeMode::Sum);
            if cell != CellKind::SimpleRnn {
                s.recurrent_activation = RnnActivation::HardSigmoid;
            }
            if cell == CellKind::Lstm {
                s.unit_forget_bias = false;
            }
            if cell == CellKind::Gru {
                s.reset_after = false;
            }
            let layer = s.to_layer();
            assert_eq!(layer.kind(), cell.name());
            assert_eq!(CellSettings::of(&layer), Some(s));
        }
    }

    #[test]
    fn a_new_cell_keeps_the_shared_settings_and_drops_the_name() {
        let mut s = CellSettings::of(&LayerSpec::SimpleRnn(SimpleRnnSpec {
            name: Some("simple_rnn_1".into()),
            units: 7,
            return_sequences: true,
            ..SimpleRnnSpec::new(7)
        }))
        .unwrap_or_else(|| CellSettings::new(CellKind::SimpleRnn, 1));
        s.apply(CellOption::Cell(CellKind::Lstm));
        let LayerSpec::Lstm(lstm) = s.to_layer() else {
            panic!("not an LSTM");
        };
        assert_eq!(lstm.units, 7);
        assert!(lstm.return_sequences);
        assert!(lstm.unit_forget_bias);
        assert_eq!(lstm.recurrent_activation, RnnActivation::Sigmoid);
        assert_eq!(lstm.name, None);
    }
}
