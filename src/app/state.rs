//! The app's state and the one reducer that turns what the user did into the next state.
//!
//! `reduce` is pure: no storage, timers or DOM here (those live in effects). A model edit
//! that makes the model invalid or too large keeps the last valid model (and its computed
//! session) on screen and records the message next to the control that caused it.

use std::rc::Rc;

use yew::Reducible;

use crate::model::{
    CaseInputs, CaseParameters, CaseSpec, DenseActivation, DenseSpec, EmbeddingSpec, InitScheme,
    InitSpec, LayerSpec, MergeMode, ModelSpec, RnnActivation, SimpleRnnSpec,
};
use crate::rnn::Direction;

use super::i18n::Lang;
use super::inputs::{build_inputs, InputShape, InputSource};
use super::messages::{NumberFieldError, PageError};
use super::presets::{Preset, PresetSetup};
use super::session::{recurrent_layers, Session, MAX_BROWSER_TIMESTEPS};
use super::share::{Panel, ShareAction, ShareNotice};

/// A numeric form field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NumberField {
    /// Sequence length.
    Timesteps,
    /// Input features.
    Features,
    /// Batch size (empty: none, like `input_shape`).
    Batch,
    /// Seed of weights and random inputs.
    Seed,
    /// Hidden units of recurrent layer `n` (0-based).
    Units(usize),
    /// Embedding vocabulary.
    Vocab,
    /// Embedding dimension.
    EmbeddingDim,
    /// Dense units.
    DenseUnits,
}

/// Where a message belongs on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// A numeric field.
    Number(NumberField),
    /// A recurrent layer's other settings (0-based).
    Layer(usize),
    /// The input source.
    Input,
    /// The layer list as a whole.
    Layers,
}

/// What the user did.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Switch the interface language.
    SetLang(Lang),
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
    /// Links, saved sessions, classroom panels, imports (`share::reduce`).
    Share(ShareAction),
}

/// The selected cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    /// Recurrent layer, 0-based ("layer 1" on screen is 0).
    pub layer: usize,
    /// Direction (backward only on bidirectional layers).
    pub direction: Direction,
    /// Input timestep, 0-based.
    pub timestep: usize,
    /// Example of the batch.
    pub example: usize,
}

/// The whole state of the page.
#[derive(Debug, Clone)]
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
    pub share_notice: Option<ShareNotice>,
    /// Imported weights and the model they fit; used while the draft is that model.
    pub imported: Option<Rc<(ModelSpec, Vec<crate::model::LayerWeights>)>>,
}

impl PartialEq for AppState {
    /// Field by field; the computed session by identity (a new session is a new `Rc`).
    fn eq(&self, other: &Self) -> bool {
        let same_session = match (&self.session, &other.session) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        same_session
            && self.lang == other.lang
            && self.preset == other.preset
            && self.draft == other.draft
            && self.raw_numbers == other.raw_numbers
            && self.scheme == other.scheme
            && self.seed == other.seed
            && self.input == other.input
            && self.errors == other.errors
            && self.selection == other.selection
            && self.playing == other.playing
            && self.speed_ms == other.speed_ms
            && self.show_numpy == other.show_numpy
            && self.hidden == other.hidden
            && self.share_notice == other.share_notice
            && self.imported == other.imported
    }
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
            selection: Selection {
                layer: 0,
                direction: Direction::Forward,
                timestep: 0,
                example: 0,
            },
            playing: false,
            speed_ms: 700,
            show_numpy: false,
            hidden: Vec::new(),
            share_notice: None,
            imported: None,
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

    fn set_error(&mut self, field: Field, message: PageError) {
        self.errors.retain(|(f, _)| *f != field);
        self.errors.push((field, message));
    }

    fn clear_error(&mut self, field: Field) {
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
                self.clamp_selection();
            }
            Err(message) => self.set_error(field, message),
        }
    }

    fn compute(&self) -> Result<Session, PageError> {
        self.draft.validate()?;
        let vocab = self.draft.layers.iter().find_map(|l| match l {
            LayerSpec::Embedding(e) => Some(e.vocab),
            _ => None,
        });
        let shape = InputShape {
            batch: self.draft.input.batch.unwrap_or(1),
            timesteps: self.draft.input.timesteps,
            features: self.draft.input.features,
            vocab,
        };
        // Sizes are checked before any input or weight is allocated.
        super::session::check_budget(
            &self.draft,
            shape.batch,
            shape
                .timesteps
                .unwrap_or(super::inputs::DEFAULT_OPEN_TIMESTEPS),
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

    fn clamp_selection(&mut self) {
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

    /// Indices in `draft.layers` of the recurrent layers.
    fn rnn_indices(&self) -> Vec<usize> {
        self.draft
            .layers
            .iter()
            .enumerate()
            .filter(|(_, l)| matches!(l, LayerSpec::SimpleRnn(_)))
            .map(|(i, _)| i)
            .collect()
    }

    fn rnn_mut(&mut self, n: usize) -> Option<&mut SimpleRnnSpec> {
        let index = *self.rnn_indices().get(n)?;
        match self.draft.layers.get_mut(index) {
            Some(LayerSpec::SimpleRnn(rnn)) => Some(rnn),
            _ => None,
        }
    }

    fn edit_model(&mut self, field: Field, edit: impl FnOnce(&mut ModelSpec)) {
        edit(&mut self.draft);
        // An edited model is no longer the chapter's: its Keras numbering returns.
        self.preset = None;
        self.recompute(field);
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
                let units = as_usize(value).unwrap_or(0);
                if self.rnn_mut(n).is_some() {
                    self.edit_model(key, |m| {
                        if let Some(LayerSpec::SimpleRnn(rnn)) = m
                            .layers
                            .iter_mut()
                            .filter(|l| matches!(l, LayerSpec::SimpleRnn(_)))
                            .nth(n)
                        {
                            rnn.units = units;
                        }
                    });
                }
            }
            NumberField::Vocab | NumberField::EmbeddingDim => {
                let size = as_usize(value).unwrap_or(0);
                self.edit_model(key, |m| {
                    if let Some(LayerSpec::Embedding(e)) = m.layers.first_mut() {
                        if field == NumberField::Vocab {
                            e.vocab = size;
                        } else {
                            e.dim = size;
                        }
                    }
                });
            }
            NumberField::DenseUnits => {
                let size = as_usize(value).unwrap_or(0);
                self.edit_model(key, |m| {
                    if let Some(LayerSpec::Dense(d)) = m.layers.last_mut() {
                        d.units = size;
                    }
                });
            }
        }
    }

    fn step_to(&mut self, timestep: usize) {
        self.selection.timestep = timestep.min(self.timesteps().saturating_sub(1));
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        let last = s.timesteps().saturating_sub(1);
        match action {
            Action::SetLang(lang) => s.lang = lang,
            Action::LoadPreset(preset) => {
                let lang = s.lang;
                s = AppState::with_preset(lang, preset);
            }
            Action::LoadModel(model, input) => {
                let setup = PresetSetup {
                    model: *model,
                    scheme: InitScheme::Keras,
                    seed: 42,
                    input,
                };
                s = AppState::with_setup(s.lang, None, setup);
            }
            Action::SetNumber(field, raw) => s.set_number(field, &raw),
            Action::SetActivation(n, activation) => s.edit_model(Field::Layer(n), |m| {
                if let Some(rnn) = nth_rnn(m, n) {
                    rnn.activation = activation;
                }
            }),
            Action::SetUseBias(n, on) => s.edit_model(Field::Layer(n), |m| {
                if let Some(rnn) = nth_rnn(m, n) {
                    rnn.use_bias = on;
                }
            }),
            Action::SetReturnSequences(n, on) => s.edit_model(Field::Layer(n), |m| {
                if let Some(rnn) = nth_rnn(m, n) {
                    rnn.return_sequences = on;
                }
            }),
            Action::SetBidirectional(n, merge) => s.edit_model(Field::Layer(n), |m| {
                if let Some(rnn) = nth_rnn(m, n) {
                    rnn.bidirectional = merge;
                }
            }),
            Action::AddLayer => s.edit_model(Field::Layers, |m| {
                // The new layer goes above the last recurrent layer, which must now return
                // sequences for it to read.
                let at = m
                    .layers
                    .iter()
                    .rposition(|l| matches!(l, LayerSpec::SimpleRnn(_)))
                    .map_or_else(
                        || usize::from(matches!(m.layers.first(), Some(LayerSpec::Embedding(_)))),
                        |i| i + 1,
                    );
                let units = match at.checked_sub(1).and_then(|i| m.layers.get_mut(i)) {
                    Some(LayerSpec::SimpleRnn(below)) => {
                        below.return_sequences = true;
                        below.units
                    }
                    _ => 8,
                };
                m.layers
                    .insert(at, LayerSpec::SimpleRnn(SimpleRnnSpec::new(units)));
            }),
            Action::RemoveLayer(n) => {
                if s.rnn_indices().len() > 1 {
                    if let Some(&index) = s.rnn_indices().get(n) {
                        s.edit_model(Field::Layers, |m| {
                            m.layers.remove(index);
                        });
                    }
                } else {
                    s.set_error(Field::Layers, PageError::NeedsOneLayer);
                }
            }
            Action::MoveLayer(n, down) => {
                let indices = s.rnn_indices();
                let other = if down { n.checked_sub(1) } else { Some(n + 1) };
                if let (Some(&a), Some(&b)) = (indices.get(n), other.and_then(|o| indices.get(o))) {
                    s.edit_model(Field::Layers, |m| {
                        // The layers trade places; `return_sequences` stays with the place
                        // (every layer below another must return sequences).
                        m.layers.swap(a, b);
                        if let [Some(LayerSpec::SimpleRnn(x)), Some(LayerSpec::SimpleRnn(y))] = m
                            .layers
                            .get_disjoint_mut([a, b])
                            .map_or([None, None], |[x, y]| [Some(x), Some(y)])
                        {
                            std::mem::swap(&mut x.return_sequences, &mut y.return_sequences);
                        }
                    });
                }
            }
            Action::SetEmbedding(on) => {
                let has = matches!(s.draft.layers.first(), Some(LayerSpec::Embedding(_)));
                if on && !has {
                    s.input = InputSource::Sentence("the cat sat on the mat".into());
                    s.edit_model(Field::Layers, |m| {
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
                    s.input = InputSource::Random;
                    s.edit_model(Field::Layers, |m| {
                        m.layers.remove(0);
                        m.input.features = Some(4);
                        if m.input.timesteps.is_none() {
                            m.input.timesteps = Some(10);
                        }
                    });
                }
            }
            Action::SetDense(on) => {
                let has = matches!(s.draft.layers.last(), Some(LayerSpec::Dense(_)));
                if on && !has {
                    s.edit_model(Field::Layers, |m| {
                        m.layers.push(LayerSpec::Dense(DenseSpec::new(1)))
                    });
                } else if !on && has {
                    s.edit_model(Field::Layers, |m| {
                        m.layers.pop();
                    });
                }
            }
            Action::SetDenseActivation(activation) => s.edit_model(Field::Layers, |m| {
                if let Some(LayerSpec::Dense(d)) = m.layers.last_mut() {
                    d.activation = activation;
                }
            }),
            Action::SetInit(scheme) => {
                s.scheme = scheme;
                s.recompute(Field::Layers);
            }
            Action::SetInput(source) => {
                s.input = source;
                s.clear_error(Field::Input);
                s.recompute(Field::Input);
            }
            Action::Select(layer, direction, timestep) => {
                s.selection.layer = layer;
                s.selection.direction = direction;
                s.selection.timestep = timestep;
                s.clamp_selection();
            }
            Action::SelectExample(example) => {
                s.selection.example = example;
                s.clamp_selection();
            }
            Action::First => s.step_to(0),
            Action::Previous => s.step_to(s.selection.timestep.saturating_sub(1)),
            Action::Next => s.step_to(s.selection.timestep + 1),
            Action::Last => s.step_to(last),
            Action::GoTo(t) => s.step_to(t),
            Action::TogglePlay => {
                s.playing = !s.playing;
                if s.playing && s.selection.timestep >= last {
                    s.selection.timestep = 0;
                }
            }
            Action::Pause => s.playing = false,
            Action::Tick => {
                if s.selection.timestep >= last {
                    s.playing = false;
                } else {
                    s.selection.timestep += 1;
                }
            }
            Action::SetSpeed(ms) => s.speed_ms = ms.clamp(50, 5_000),
            Action::ToggleNumpy => s.show_numpy = !s.show_numpy,
            Action::Share(action) => super::share::reduce(&mut s, action),
        }
        Rc::new(s)
    }
}

fn nth_rnn(model: &mut ModelSpec, n: usize) -> Option<&mut SimpleRnnSpec> {
    model
        .layers
        .iter_mut()
        .filter_map(|l| match l {
            LayerSpec::SimpleRnn(rnn) => Some(rnn),
            _ => None,
        })
        .nth(n)
}
