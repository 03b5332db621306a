//! The one reducer: the old state and an [`Action`] give the new state. Pure: no storage,
//! timers or DOM here (those live in `hooks`). Each group of actions has its function.

use std::rc::Rc;

use yew::Reducible;

use crate::model::{CellKind, DenseSpec, EmbeddingSpec, InitScheme, LayerSpec, ModelSpec};

use crate::app::domain::cell_settings::CellSettings;
use crate::app::domain::classroom::PageMode;
use crate::app::domain::import::Imported;
use crate::app::domain::inputs::InputSource;
use crate::app::domain::layers::{
    dense_head, dense_head_mut, edit_recurrent, edit_recurrent_at, embedding, embedding_mut,
    is_recurrent, new_recurrent, recurrent_indices,
};
use crate::app::domain::link::parse_stored;
use crate::app::domain::presets::PresetSetup;

use super::action::Action;
use super::app_state::AppState;
use super::errors::{NumberFieldError, PageError};
use super::fields::{Field, NumberField};
use super::notice::{Notice, OpenError};

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        s.apply(action);
        Rc::new(s)
    }
}

impl AppState {
    /// Applies `action` to this state.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::SetLang(lang) => self.lang = lang,
            Action::LoadPreset(_)
            | Action::LoadModel(..)
            | Action::SetNumber(..)
            | Action::SetActivation(..)
            | Action::SetUseBias(..)
            | Action::SetReturnSequences(..)
            | Action::SetBidirectional(..)
            | Action::SetCellOption(..)
            | Action::AddLayer
            | Action::RemoveLayer(_)
            | Action::MoveLayer(..)
            | Action::SetEmbedding(_)
            | Action::SetDense(_)
            | Action::SetDenseActivation(_)
            | Action::SetInit(_)
            | Action::SetInput(_) => self.model(action),
            Action::Select(..)
            | Action::SelectExample(_)
            | Action::First
            | Action::Previous
            | Action::Next
            | Action::Last
            | Action::GoTo(_)
            | Action::TogglePlay
            | Action::Pause
            | Action::Tick
            | Action::SetSpeed(_)
            | Action::ToggleNumpy => self.time(action),
            Action::Open(..)
            | Action::OpenFailed(..)
            | Action::TogglePanel(_)
            | Action::Dismiss
            | Action::RestoreLast => {
                self.share(action);
            }
            Action::Import(_) | Action::ImportFailed(_) | Action::FollowTraining(_) => {
                self.import(action);
            }
            Action::SetMode(mode) => {
                self.mode = mode;
                self.keys_open = false;
            }
            Action::ToggleKeys => self.keys_open = !self.keys_open,
            Action::Escape => {
                if self.keys_open {
                    self.keys_open = false;
                } else if self.mode == PageMode::Presenting {
                    self.mode = PageMode::Normal;
                }
            }
        }
    }

    fn edit_model(&mut self, field: Field, edit: impl FnOnce(&mut ModelSpec)) {
        edit(&mut self.draft);
        // An edited model is no longer the chapter's: its Keras numbering returns.
        self.preset = None;
        self.recompute(field);
    }

    fn edit_layer(&mut self, n: usize, edit: impl FnOnce(&mut CellSettings)) {
        self.edit_model(Field::Layer(n), |m| {
            edit_recurrent(m, n, edit);
        });
    }

    /// The model, its initializer and its input.
    fn model(&mut self, action: Action) {
        match action {
            Action::LoadPreset(preset) => *self = AppState::with_preset(self.lang, preset),
            Action::LoadModel(model, input) => {
                let setup = PresetSetup {
                    model: *model,
                    scheme: InitScheme::Keras,
                    seed: 42,
                    input,
                };
                *self = AppState::with_setup(self.lang, None, setup);
            }
            Action::SetNumber(field, raw) => self.set_number(field, &raw),
            Action::SetActivation(n, activation) => {
                self.edit_layer(n, |r| r.activation = activation);
            }
            Action::SetUseBias(n, on) => self.edit_layer(n, |r| r.use_bias = on),
            Action::SetReturnSequences(n, on) => self.edit_layer(n, |r| r.return_sequences = on),
            Action::SetBidirectional(n, merge) => self.edit_layer(n, |r| r.bidirectional = merge),
            Action::SetCellOption(n, option) => self.edit_layer(n, |r| r.apply(option)),
            Action::AddLayer => self.edit_model(Field::Layers, add_layer),
            Action::RemoveLayer(n) => {
                let indices = recurrent_indices(&self.draft);
                if indices.len() > 1 {
                    if let Some(&index) = indices.get(n) {
                        self.edit_model(Field::Layers, |m| {
                            m.layers.remove(index);
                        });
                    }
                } else {
                    self.set_error(Field::Layers, PageError::NeedsOneLayer);
                }
            }
            Action::MoveLayer(n, down) => self.move_layer(n, down),
            Action::SetEmbedding(on) => self.set_embedding(on),
            Action::SetDense(on) => {
                let has = dense_head(&self.draft).is_some();
                if on && !has {
                    self.edit_model(Field::Layers, |m| {
                        m.layers.push(LayerSpec::Dense(DenseSpec::new(1)));
                    });
                } else if !on && has {
                    self.edit_model(Field::Layers, |m| {
                        m.layers.pop();
                    });
                }
            }
            Action::SetDenseActivation(activation) => self.edit_model(Field::Layers, |m| {
                if let Some(d) = dense_head_mut(m) {
                    d.activation = activation;
                }
            }),
            Action::SetInit(scheme) => {
                self.scheme = scheme;
                self.recompute(Field::Layers);
            }
            Action::SetInput(source) => {
                self.input = source;
                self.clear_error(Field::Input);
                self.recompute(Field::Input);
            }
            _ => {}
        }
    }

    fn set_number(&mut self, field: NumberField, raw: &str) {
        let text = raw.trim();
        let optional = matches!(field, NumberField::Batch | NumberField::Timesteps);
        let parsed: Result<Option<u64>, NumberFieldError> = if text.is_empty() && optional {
            Ok(None)
        } else {
            text.parse::<u64>().map(Some).map_err(|_| {
                if text.is_empty() {
                    NumberFieldError::Empty
                } else {
                    NumberFieldError::NotWhole(text.to_owned())
                }
            })
        };
        let key = Field::Number(field);
        let value = match parsed {
            Ok(value) => value,
            Err(message) => {
                self.raw_numbers.retain(|(f, _)| *f != field);
                self.raw_numbers.push((field, raw.to_owned()));
                self.set_error(key, message.into());
                return;
            }
        };
        self.raw_numbers.retain(|(f, _)| *f != field);
        self.clear_error(key);
        let as_usize = |v: Option<u64>| v.map(|v| usize::try_from(v).unwrap_or(usize::MAX));
        let size = as_usize(value).unwrap_or(0);
        match field {
            NumberField::Seed => {
                self.seed = value.unwrap_or(0);
                self.recompute(key);
            }
            NumberField::Timesteps => self.edit_model(key, |m| m.input.timesteps = as_usize(value)),
            NumberField::Batch => self.edit_model(key, |m| m.input.batch = as_usize(value)),
            NumberField::Features => {
                self.edit_model(key, |m| m.input.features = as_usize(value).or(Some(0)));
            }
            NumberField::Units(n) => {
                if recurrent_indices(&self.draft).len() > n {
                    self.edit_model(key, |m| {
                        edit_recurrent(m, n, |r| r.units = size);
                    });
                }
            }
            NumberField::Vocab | NumberField::EmbeddingDim => self.edit_model(key, |m| {
                if let Some(e) = embedding_mut(m) {
                    if field == NumberField::Vocab {
                        e.vocab = size;
                    } else {
                        e.dim = size;
                    }
                }
            }),
            NumberField::DenseUnits => self.edit_model(key, |m| {
                if let Some(d) = dense_head_mut(m) {
                    d.units = size;
                }
            }),
        }
    }

    fn move_layer(&mut self, n: usize, down: bool) {
        let indices = recurrent_indices(&self.draft);
        let other = if down { n.checked_sub(1) } else { Some(n + 1) };
        if let (Some(&a), Some(&b)) = (indices.get(n), other.and_then(|o| indices.get(o))) {
            self.edit_model(Field::Layers, |m| {
                // The layers trade places; `return_sequences` stays with the place (every
                // layer below another must return sequences).
                m.layers.swap(a, b);
                let sequences = |m: &ModelSpec, i: usize| {
                    m.layers
                        .get(i)
                        .and_then(LayerSpec::recurrent)
                        .map(|r| r.return_sequences)
                };
                if let (Some(x), Some(y)) = (sequences(m, a), sequences(m, b)) {
                    edit_recurrent_at(m, a, |l| l.return_sequences = y);
                    edit_recurrent_at(m, b, |l| l.return_sequences = x);
                }
            });
        }
    }

    fn set_embedding(&mut self, on: bool) {
        let has = embedding(&self.draft).is_some();
        if on && !has {
            self.input = InputSource::Sentence("the cat sat on the mat".into());
            self.edit_model(Field::Layers, |m| {
                m.layers.insert(
                    0,
                    LayerSpec::Embedding(EmbeddingSpec {
                        name: None,
                        vocab: 50,
                        dim: 8,
                    }),
                );
                m.input.features = None;
            });
        } else if !on && has {
            self.input = InputSource::Random;
            self.edit_model(Field::Layers, |m| {
                m.layers.remove(0);
                m.input.features = Some(4);
                if m.input.timesteps.is_none() {
                    m.input.timesteps = Some(10);
                }
            });
        }
    }

    /// Time, playing and the selected cell.
    fn time(&mut self, action: Action) {
        let last = self.timesteps().saturating_sub(1);
        match action {
            Action::Select(layer, direction, timestep) => {
                self.selection.layer = layer;
                self.selection.direction = direction;
                self.selection.timestep = timestep;
                self.clamp_selection();
            }
            Action::SelectExample(example) => {
                self.selection.example = example;
                self.clamp_selection();
            }
            Action::First => self.step_to(0),
            Action::Previous => self.step_to(self.selection.timestep.saturating_sub(1)),
            Action::Next => self.step_to(self.selection.timestep + 1),
            Action::Last => self.step_to(last),
            Action::GoTo(t) => self.step_to(t),
            Action::TogglePlay => {
                self.playing = !self.playing;
                if self.playing && self.selection.timestep >= last {
                    self.selection.timestep = 0;
                }
            }
            Action::Pause => self.playing = false,
            Action::Tick => {
                if self.selection.timestep >= last {
                    self.playing = false;
                } else {
                    self.selection.timestep += 1;
                }
            }
            Action::SetSpeed(ms) => self.speed_ms = ms.clamp(50, 5_000),
            Action::ToggleNumpy => self.show_numpy = !self.show_numpy,
            _ => {}
        }
    }

    /// Saved views and classroom panels.
    fn share(&mut self, action: Action) {
        match action {
            Action::Open(view, name) => match AppState::open(&view) {
                Ok(mut next) => {
                    next.notice = Some(Notice::Opened(name));
                    next.mode = self.mode;
                    *self = next;
                }
                Err(error) => self.notice = Some(Notice::BadNamed(name, error)),
            },
            Action::OpenFailed(name, error) => {
                self.notice = Some(Notice::BadNamed(name, error.into()));
            }
            Action::TogglePanel(panel) => {
                if self.hidden.contains(&panel) {
                    self.hidden.retain(|p| *p != panel);
                } else {
                    self.hidden.push(panel);
                    self.hidden.sort();
                }
            }
            Action::Dismiss => self.notice = None,
            Action::RestoreLast => {
                let Some(text) = self.restorable.clone() else {
                    return;
                };
                match parse_stored(&text)
                    .map_err(OpenError::from)
                    .and_then(|view| AppState::open(&view))
                {
                    Ok(mut next) => {
                        next.notice = Some(Notice::Restored);
                        next.mode = self.mode;
                        *self = next;
                    }
                    Err(error) => self.notice = Some(Notice::BadStored(error)),
                }
            }
            _ => {}
        }
    }

    /// Imported files and the training view's model.
    fn import(&mut self, action: Action) {
        match action {
            Action::Import(imported) => {
                if let Err(error) = self.use_imported(&imported) {
                    self.notice = Some(Notice::ImportUnusable(error));
                } else {
                    self.notice = Some(Notice::Imported(imported.kind));
                }
            }
            Action::ImportFailed(error) => self.notice = Some(Notice::ImportFailed(error)),
            Action::FollowTraining(imported) => {
                // Following never shows a notice (it would come four times a second).
                drop(self.use_imported(&imported));
                self.notice = None;
            }
            _ => {}
        }
    }

    /// Shows `imported`'s model, weights and input, computed once. When its model cannot
    /// be shown, only the input it brings is taken (with the model on screen).
    fn use_imported(&mut self, imported: &Imported) -> Result<(), PageError> {
        let mut next = self.clone();
        if let Some(input) = &imported.input {
            next.input = input.clone();
        }
        next.draft = imported.model.clone();
        next.preset = None;
        next.raw_numbers.clear();
        next.errors.clear();
        if let Some(init) = imported.init {
            next.scheme = init.scheme;
            next.seed = init.seed;
        }
        next.imported = imported
            .weights
            .clone()
            .map(|w| Rc::new((imported.model.clone(), w)));
        next.recompute(Field::Layers);
        if let Some(message) = next.error(Field::Layers).cloned() {
            if let Some(input) = &imported.input {
                self.input = input.clone();
                self.clear_error(Field::Input);
                self.recompute(Field::Input);
            }
            return Err(message);
        }
        *self = next;
        Ok(())
    }
}

/// Adds a recurrent layer above the last one, which must now return sequences for it to
/// read, with the same cell and units (a SimpleRNN of 8 when it is the first).
fn add_layer(m: &mut ModelSpec) {
    let at = m
        .layers
        .iter()
        .rposition(is_recurrent)
        .map_or_else(|| usize::from(embedding(m).is_some()), |i| i + 1);
    let below = at
        .checked_sub(1)
        .and_then(|i| m.layers.get(i))
        .and_then(LayerSpec::recurrent);
    let (cell, units) = below.map_or((CellKind::SimpleRnn, 8), |b| (b.cell, b.units));
    if below.is_some() {
        edit_recurrent_at(m, at - 1, |b| b.return_sequences = true);
    }
    m.layers.insert(at, new_recurrent(cell, units));
}
