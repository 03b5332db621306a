//! The whole state of the page, and the computation of a session from it.
//!
//! A model edit that makes the model invalid or too large keeps the last valid model (and
//! its computed session) on screen and records the message next to the control that
//! caused it.

use std::rc::Rc;

use crate::model::{
    CaseInputs, CaseParameters, CaseSpec, InitScheme, InitSpec, LayerWeights, ModelSpec,
};

use crate::app::domain::classroom::PageMode;
use crate::app::domain::inputs::{build_inputs, InputShape, InputSource, DEFAULT_OPEN_TIMESTEPS};
use crate::app::domain::lang::Lang;
use crate::app::domain::layers::{recurrent_layers, vocabulary};
use crate::app::domain::panel::Panel;
use crate::app::domain::presets::{Preset, PresetSetup};
use crate::app::domain::selection::Selection;
use crate::app::domain::session::{check_budget, Session, MAX_BROWSER_TIMESTEPS};
use crate::rnn::Direction;

use super::errors::PageError;
use super::fields::{Field, NumberField};
use super::notice::Notice;

/// Imported weights and the model they fit.
pub type ImportedWeights = Rc<(ModelSpec, Vec<LayerWeights>)>;

/// The whole state of the page.
///
/// Compared field by field; the computed session by identity (a new session is a new
/// computation), so a component given any part of it re-renders exactly when that part
/// changed.
#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    /// Interface language.
    pub lang: Lang,
    /// The preset last loaded, while the model is unchanged since.
    pub preset: Option<Preset>,
    /// What the controls show; may be invalid.
    pub draft: ModelSpec,
    /// Raw text of numeric fields whose text did not parse.
    pub raw_numbers: Vec<(NumberField, String)>,
    /// Weight initializer.
    pub scheme: InitScheme,
    /// Seed of weights and random inputs.
    pub seed: u64,
    /// The input source.
    pub input: InputSource,
    /// The last valid model, computed; `None` only if no model ever computed.
    pub session: Option<Rc<Session>>,
    /// Messages next to the controls that caused them.
    pub errors: Vec<(Field, PageError)>,
    /// The selected cell.
    pub selection: Selection,
    /// Whether time is playing.
    pub playing: bool,
    /// Milliseconds per step while playing.
    pub speed_ms: u32,
    /// Whether the step panel also shows numpy notation.
    pub show_numpy: bool,
    /// Panels hidden for a classroom link.
    pub hidden: Vec<Panel>,
    /// A message about links, saved sessions or imports.
    pub notice: Option<Notice>,
    /// Imported weights and the model they fit; used while the draft is that model.
    pub imported: Option<ImportedWeights>,
    /// Shown normally, presenting or embedded (`present=1`, `embed=1` in the link).
    pub mode: PageMode,
    /// Whether the list of keys is open.
    pub keys_open: bool,
    /// The stored session a broken link (or a broken last session) pushed aside, one
    /// click away ([`super::Action::RestoreLast`]) until the page closes.
    pub restorable: Option<Rc<str>>,
    /// The input source of the computed session (the input may since have been edited
    /// into one the page cannot use).
    pub computed_input: InputSource,
}

impl Default for AppState {
    fn default() -> Self {
        Self::with_preset(Lang::En, Preset::NumpyLoop)
    }
}

impl AppState {
    /// A fresh state showing `preset`.
    #[must_use]
    pub fn with_preset(lang: Lang, preset: Preset) -> Self {
        Self::with_setup(lang, Some(preset), preset.setup())
    }

    /// A fresh state showing `setup` (from `preset`, if it is one).
    #[must_use]
    pub fn with_setup(lang: Lang, preset: Option<Preset>, setup: PresetSetup) -> Self {
        let mut state = Self {
            lang,
            preset,
            draft: setup.model,
            raw_numbers: Vec::new(),
            scheme: setup.scheme,
            seed: setup.seed,
            input: setup.input,
            session: None,
            errors: Vec::new(),
            selection: Selection::default(),
            playing: false,
            speed_ms: 700,
            show_numpy: false,
            hidden: Vec::new(),
            notice: None,
            imported: None,
            mode: PageMode::Normal,
            keys_open: false,
            restorable: None,
            computed_input: InputSource::Random,
        };
        state.recompute(Field::Layers);
        state
    }

    /// The message recorded for `field`, if any.
    #[must_use]
    pub fn error(&self, field: Field) -> Option<&PageError> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, e)| e)
    }

    /// Raw text of a numeric field that did not parse, if any.
    #[must_use]
    pub fn raw_number(&self, field: NumberField) -> Option<&str> {
        self.raw_numbers
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, t)| t.as_str())
    }

    /// Timesteps of the computed session (0 when none).
    #[must_use]
    pub fn timesteps(&self) -> usize {
        self.session.as_ref().map_or(0, |s| s.dims().1)
    }

    pub(crate) fn set_error(&mut self, field: Field, message: PageError) {
        self.errors.retain(|(f, _)| *f != field);
        self.errors.push((field, message));
    }

    pub(crate) fn clear_error(&mut self, field: Field) {
        self.errors.retain(|(f, _)| *f != field);
    }

    /// Recomputes the session from the draft; on failure keeps the old session and
    /// records the message at `field`.
    pub(crate) fn recompute(&mut self, field: Field) {
        match self.compute() {
            Ok(session) => {
                // A valid model clears the model messages (they described an older draft);
                // fields whose text still does not parse keep theirs.
                let pending: Vec<Field> = self
                    .raw_numbers
                    .iter()
                    .map(|(f, _)| Field::Number(*f))
                    .collect();
                self.errors.retain(|(f, _)| pending.contains(f));
                self.session = Some(Rc::new(session));
                self.computed_input = self.input.clone();
                self.clamp_selection();
            }
            Err(message) => self.set_error(field, message),
        }
    }

    fn compute(&self) -> Result<Session, PageError> {
        self.draft.validate()?;
        let shape = InputShape {
            batch: self.draft.input.batch.unwrap_or(1),
            timesteps: self.draft.input.timesteps,
            features: self.draft.input.features,
            vocab: vocabulary(&self.draft),
        };
        // Sizes are checked before any input or weight is allocated.
        let scheme = match &self.imported {
            Some(imported) if imported.0 == self.draft => None,
            _ => Some(self.scheme),
        };
        check_budget(
            &self.draft,
            scheme,
            shape.batch,
            shape.timesteps.unwrap_or(DEFAULT_OPEN_TIMESTEPS),
        )?;
        let inputs = build_inputs(&self.input, shape, self.seed, MAX_BROWSER_TIMESTEPS)?;
        Ok(Session::compute(&self.case(inputs))?)
    }

    /// The case document of the draft with `inputs`: what the page computes, and what
    /// `unrolled-cli run` computes from the same document.
    #[must_use]
    pub fn case(&self, inputs: CaseInputs) -> CaseSpec {
        CaseSpec {
            model: self.draft.clone(),
            parameters: match &self.imported {
                Some(imported) if imported.0 == self.draft => {
                    CaseParameters::Weights(imported.1.clone())
                }
                _ => CaseParameters::Init(InitSpec {
                    scheme: self.scheme,
                    seed: self.seed,
                }),
            },
            inputs,
        }
    }

    pub(crate) fn clamp_selection(&mut self) {
        let Some(session) = &self.session else { return };
        let layers = recurrent_layers(&session.model);
        let (batch, timesteps) = session.dims();
        let s = &mut self.selection;
        s.layer = s.layer.min(layers.len().saturating_sub(1));
        if !layers.get(s.layer).is_some_and(|l| l.bidirectional) {
            s.direction = Direction::Forward;
        }
        s.timestep = s.timestep.min(timesteps.saturating_sub(1));
        s.example = s.example.min(batch.saturating_sub(1));
    }

    pub(crate) fn step_to(&mut self, timestep: usize) {
        self.selection.timestep = timestep.min(self.timesteps().saturating_sub(1));
    }
}
