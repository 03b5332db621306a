//! What the user did, as one enum, grouped by what it changes. Each group is reduced by
//! its own function in [`super::reduce`]; a new action goes into its group.

use std::rc::Rc;

use crate::model::{DenseActivation, InitScheme, MergeMode, ModelSpec, RnnActivation};
use crate::rnn::Direction;

use crate::app::domain::cell_settings::CellOption;
use crate::app::domain::classroom::PageMode;
use crate::app::domain::import::{ImportError, Imported};
use crate::app::domain::inputs::InputSource;
use crate::app::domain::lang::Lang;
use crate::app::domain::link::{LinkError, ViewState};
use crate::app::domain::panel::Panel;
use crate::app::domain::presets::Preset;

use super::fields::NumberField;

/// What the user did.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    // ---- The page --------------------------------------------------------------------
    /// Switch the interface language.
    SetLang(Lang),

    // ---- The model ([`super::reduce`]'s `model`) -------------------------------------
    /// Load one of the seed chapter's examples.
    LoadPreset(Preset),
    /// Load a model with Keras initialization (the quiz's "show me").
    LoadModel(Box<ModelSpec>, InputSource),
    /// A numeric field was edited (raw text, parsed here).
    SetNumber(NumberField, String),
    /// Activation of recurrent layer `n`.
    SetActivation(usize, RnnActivation),
    /// `use_bias` of recurrent layer `n`.
    SetUseBias(usize, bool),
    /// `return_sequences` of recurrent layer `n`.
    SetReturnSequences(usize, bool),
    /// Bidirectional wrapper (and merge mode) of recurrent layer `n`.
    SetBidirectional(usize, Option<MergeMode>),
    /// Cell type or gate option of recurrent layer `n`.
    SetCellOption(usize, CellOption),
    /// Add a recurrent layer on top.
    AddLayer,
    /// Remove recurrent layer `n`.
    RemoveLayer(usize),
    /// Move recurrent layer `n` one place down (towards the input) or up.
    MoveLayer(usize, bool),
    /// Put an embedding in front, or remove it.
    SetEmbedding(bool),
    /// Put a dense head on top, or remove it.
    SetDense(bool),
    /// Activation of the dense head.
    SetDenseActivation(DenseActivation),
    /// Weight initializer.
    SetInit(InitScheme),
    /// Input source.
    SetInput(InputSource),

    // ---- Time and the selected cell (`time`) -----------------------------------------
    /// Select a cell: recurrent layer (0-based), direction, timestep.
    Select(usize, Direction, usize),
    /// Select the example of the batch shown.
    SelectExample(usize),
    /// Go to the first step.
    First,
    /// One step back.
    Previous,
    /// One step on.
    Next,
    /// Go to the last step.
    Last,
    /// Go to a timestep (0-based).
    GoTo(usize),
    /// Start or stop playing.
    TogglePlay,
    /// Stop playing.
    Pause,
    /// The play timer fired.
    Tick,
    /// Milliseconds per step while playing.
    SetSpeed(u32),
    /// Show the step in the seed's numpy notation too.
    ToggleNumpy,

    // ---- Links, saved sessions, classroom panels (`share`) ---------------------------
    /// Open a saved view (named so).
    Open(Rc<ViewState>, String),
    /// A saved view (named so) could not be read.
    OpenFailed(String, LinkError),
    /// Show or hide a panel.
    TogglePanel(Panel),
    /// Dismiss the notice.
    Dismiss,
    /// Go back to the last session kept before a broken link or stored session opened
    /// the default view ([`crate::app::state::AppState::restorable`]).
    RestoreLast,

    // ---- The classroom (`classroom`) -------------------------------------------------
    /// Show the page normally, presenting, or embedded.
    SetMode(PageMode),
    /// Open or close the list of keys.
    ToggleKeys,
    /// Escape: closes the list of keys, else leaves presenting.
    Escape,

    // ---- Imports and the training view (`import`) ------------------------------------
    /// Use an imported file's model and weights (and its input, if it brings one).
    Import(Rc<Imported>),
    /// A file could not be imported.
    ImportFailed(ImportError),
    /// Show the model being trained, as [`Action::Import`] but without a notice (sent on
    /// every redraw of the training charts while "Follow in visualizer" is on).
    FollowTraining(Rc<Imported>),
}
