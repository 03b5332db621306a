//! Links and saved sessions: the whole view as a short, versioned text.
//!
//! A link's fragment is `#v1=` followed by URL-safe base64 (no padding) of compact JSON:
//!
//! ```json
//! {"l":"en","p":"numpy-loop","m":{model document},"i":"keras","s":42,
//!  "x":{"k":"manual","t":"0 1\n1 0"},"c":[layer,direction,timestep,example],"h":["charts"]}
//! ```
//!
//! `l` language, `p` preset id (absent once the model was edited), `m` the model document
//! (read back with [`ModelSpec::from_json`], so it is validated), `i`/`s` initializer and
//! seed, `w` imported weights (optional; the case document's `weights` list, checked against
//! `m`; only while they are at most [`MAX_LINK_WEIGHTS`] numbers and the link stays within
//! [`MAX_LINK_BYTES`], otherwise the link leaves them out and the page says so), `x` input source (`k`: `random`, `sine`, `step`, `sentence`, `manual`; `t` its
//! text), `c` the selection (direction 0 forward, 1 backward), `h` hidden panels.
//! Classroom links may add `&hide=controls,summary,charts,equation,diagram` by hand.
//! The same text is what the page keeps in `localStorage` (`unrolled.session`, and the
//! named sessions in `unrolled.sessions`).
//!
//! Everything here is pure; the browser side (URL, storage, clipboard) lives in effects in
//! `app/mod.rs` and in [`browser`].

use std::rc::Rc;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::model::{weight_count, weights_from_json, InitScheme, LayerWeights, ModelSpec};
use crate::rnn::Direction;

use super::i18n::Lang;
use super::inputs::InputSource;
use super::presets::Preset;
use super::state::{AppState, Field, Selection};

/// The fragment key of the current link format.
pub const LINK_KEY: &str = "v1";

/// Longest link fragment (and stored session) read, in bytes.
pub const MAX_LINK_BYTES: usize = 16 * 1024;

/// Most imported weight values a link carries; larger imports are left out of the link
/// (which then reproduces the model and initializer only) with a notice.
pub const MAX_LINK_WEIGHTS: usize = 4096;

/// localStorage key of the last session.
pub const LAST_SESSION_KEY: &str = "unrolled.session";

/// localStorage key of the named sessions.
pub const NAMED_SESSIONS_KEY: &str = "unrolled.sessions";

/// Most named sessions kept.
pub const MAX_NAMED_SESSIONS: usize = 50;

/// A part of the page a classroom link can hide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Panel {
    /// The model controls (left column).
    Controls,
    /// The `model.summary()` panel.
    Summary,
    /// The plots.
    Charts,
    /// The step equation panel.
    Equation,
    /// The unrolled diagram.
    Diagram,
    /// The concept notes.
    Concepts,
}

impl Panel {
    /// Every panel, in page order.
    pub const ALL: [Panel; 6] = [
        Panel::Controls,
        Panel::Diagram,
        Panel::Equation,
        Panel::Charts,
        Panel::Summary,
        Panel::Concepts,
    ];

    /// The name used in links.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Panel::Controls => "controls",
            Panel::Summary => "summary",
            Panel::Charts => "charts",
            Panel::Equation => "equation",
            Panel::Diagram => "diagram",
            Panel::Concepts => "concepts",
        }
    }

    /// The panel named `id` in a link.
    #[must_use]
    pub fn from_id(id: &str) -> Option<Panel> {
        Panel::ALL.into_iter().find(|p| p.id() == id.trim())
    }
}

/// Everything a link reproduces.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewState {
    /// Interface language.
    pub lang: Lang,
    /// The preset, while the model is unchanged since loading it.
    pub preset: Option<Preset>,
    /// The model.
    pub model: ModelSpec,
    /// Weight initializer.
    pub scheme: InitScheme,
    /// Seed of weights and random inputs.
    pub seed: u64,
    /// The input source.
    pub input: InputSource,
    /// The selected cell and example.
    pub selection: Selection,
    /// Panels hidden for a classroom demo.
    pub hidden: Vec<Panel>,
    /// Imported weights of `model`, when the link carries them.
    pub weights: Option<Vec<LayerWeights>>,
    /// The page uses imported weights that are too large for a link, so the link
    /// reproduces the model but not those weights (not written into the link).
    pub weights_left_out: bool,
}

/// Why a link (or a stored session) could not be opened.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LinkError {
    /// Longer than [`MAX_LINK_BYTES`].
    #[error("the link is {bytes} bytes long; links of at most {max} bytes are read")]
    Oversized {
        /// Its length.
        bytes: usize,
        /// The limit.
        max: usize,
    },
    /// Written by a newer (or unknown) version of the page.
    #[error("the link is in format \"{0}\", which this page does not know (it reads \"v1\")")]
    UnknownVersion(String),
    /// Not valid base64: cut off or edited.
    #[error("the link's data is damaged (not valid base64 at character {0}); it may have been cut off when copied")]
    Base64(usize),
    /// Decoded, but not the expected JSON.
    #[error("the link's data is damaged or incomplete: {0}")]
    Json(String),
    /// An unknown language, preset, input kind or panel.
    #[error("the link names an unknown {what} \"{value}\"")]
    Unknown {
        /// What kind of name.
        what: &'static str,
        /// The name.
        value: String,
    },
    /// The model document is invalid.
    #[error("the link's model is invalid: {0}")]
    InvalidModel(String),
    /// The imported weights do not fit the link's model.
    #[error("the link's weights do not fit its model: {0}")]
    InvalidWeights(String),
    /// The model is valid but the page cannot show it (too large, bad input).
    #[error("the link's view cannot be shown: {0}")]
    Unusable(String),
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Wire {
    l: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    p: Option<String>,
    m: serde_json::Value,
    i: InitScheme,
    s: u64,
    x: WireInput,
    c: [usize; 4],
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    h: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    w: Option<serde_json::Value>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireInput {
    k: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    t: Option<String>,
}

impl ViewState {
    /// The view `state` shows. Imported weights in use are carried while they are at
    /// most [`MAX_LINK_WEIGHTS`] numbers and the link stays within [`MAX_LINK_BYTES`];
    /// otherwise they are left out and [`ViewState::weights_left_out`] is set.
    #[must_use]
    pub fn of(state: &AppState) -> Self {
        let mut view = Self {
            lang: state.lang,
            preset: state.preset,
            model: state.draft.clone(),
            scheme: state.scheme,
            seed: state.seed,
            input: state.input.clone(),
            selection: state.selection,
            hidden: state.hidden.clone(),
            weights: None,
            weights_left_out: false,
        };
        if let Some(imported) = state.imported.as_ref().filter(|i| i.0 == state.draft) {
            if weight_count(&imported.1) <= MAX_LINK_WEIGHTS {
                view.weights = Some(imported.1.clone());
            }
            // The fragment must fit, `v1=` included.
            if view.weights.is_none() || view.to_fragment().len() > MAX_LINK_BYTES {
                view.weights = None;
                view.weights_left_out = true;
            }
        }
        view
    }

    /// The compact JSON text of this view.
    #[must_use]
    pub fn to_json(&self) -> String {
        let (k, t) = match &self.input {
            InputSource::Random => ("random", None),
            InputSource::Sine => ("sine", None),
            InputSource::Step => ("step", None),
            InputSource::Sentence(text) => ("sentence", Some(text.clone())),
            InputSource::Manual(text) => ("manual", Some(text.clone())),
        };
        let wire = Wire {
            l: self.lang.code().to_owned(),
            p: self.preset.map(|p| p.id().to_owned()),
            m: serde_json::to_value(&self.model).unwrap_or(serde_json::Value::Null),
            i: self.scheme,
            s: self.seed,
            x: WireInput { k: k.to_owned(), t },
            c: [
                self.selection.layer,
                usize::from(self.selection.direction == Direction::Backward),
                self.selection.timestep,
                self.selection.example,
            ],
            h: self.hidden.iter().map(|p| p.id().to_owned()).collect(),
            w: self
                .weights
                .as_ref()
                .and_then(|w| serde_json::to_value(w).ok()),
        };
        serde_json::to_string(&wire).unwrap_or_default()
    }

    /// Reads [`ViewState::to_json`]'s text back, validating the model.
    ///
    /// # Errors
    /// [`LinkError::Json`], [`LinkError::Unknown`] or [`LinkError::InvalidModel`].
    pub fn from_json(text: &str) -> Result<Self, LinkError> {
        let wire: Wire = serde_json::from_str(text).map_err(|e| LinkError::Json(e.to_string()))?;
        let lang = match wire.l.as_str() {
            "en" => Lang::En,
            "ko" => Lang::Ko,
            other => return Err(unknown("language", other)),
        };
        let preset = match wire.p {
            Some(id) => Some(Preset::from_id(&id).ok_or_else(|| unknown("preset", &id))?),
            None => None,
        };
        let model = ModelSpec::from_json(&wire.m.to_string())
            .map_err(|e| LinkError::InvalidModel(e.to_string()))?;
        let text = wire.x.t.unwrap_or_default();
        let input = match wire.x.k.as_str() {
            "random" => InputSource::Random,
            "sine" => InputSource::Sine,
            "step" => InputSource::Step,
            "sentence" => InputSource::Sentence(text),
            "manual" => InputSource::Manual(text),
            other => return Err(unknown("input kind", other)),
        };
        let [layer, direction, timestep, example] = wire.c;
        let direction = match direction {
            0 => Direction::Forward,
            1 => Direction::Backward,
            other => return Err(unknown("direction", &other.to_string())),
        };
        let hidden = parse_panels(wire.h.iter().map(String::as_str))?;
        let weights = match wire.w {
            Some(w) => Some(
                weights_from_json(&model, &w.to_string())
                    .map_err(|e| LinkError::InvalidWeights(e.to_string()))?,
            ),
            None => None,
        };
        Ok(Self {
            lang,
            preset,
            model,
            scheme: wire.i,
            seed: wire.s,
            input,
            selection: Selection {
                layer,
                direction,
                timestep,
                example,
            },
            hidden,
            weights,
            weights_left_out: false,
        })
    }

    /// The link fragment (without `#`): `v1=<base64>`.
    #[must_use]
    pub fn to_fragment(&self) -> String {
        format!("{LINK_KEY}={}", base64_encode(self.to_json().as_bytes()))
    }

    /// The page state showing this view; the preset keeps its chapter names only when the
    /// model is still the preset's.
    ///
    /// # Errors
    /// [`LinkError::Unusable`] when the page cannot compute the view.
    pub fn to_app_state(&self) -> Result<AppState, LinkError> {
        let mut state = AppState::with_preset(self.lang, Preset::NumpyLoop);
        state.preset = self.preset.filter(|p| {
            self.weights.is_none() && p.setup().model == self.model && p.setup().input == self.input
        });
        state.draft = self.model.clone();
        state.imported = self
            .weights
            .clone()
            .map(|w| Rc::new((self.model.clone(), w)));
        state.scheme = self.scheme;
        state.seed = self.seed;
        state.input = self.input.clone();
        state.selection = self.selection;
        state.session = None;
        state.recompute(Field::Layers);
        if let Some((_, message)) = state.errors.first() {
            return Err(LinkError::Unusable(super::messages::error_text(
                message, state.lang,
            )));
        }
        if state.session.is_none() {
            return Err(LinkError::Unusable("nothing could be computed".into()));
        }
        state.hidden = self.hidden.clone();
        Ok(state)
    }
}

fn unknown(what: &'static str, value: &str) -> LinkError {
    LinkError::Unknown {
        what,
        value: value.chars().take(40).collect(),
    }
}

fn parse_panels<'a>(ids: impl Iterator<Item = &'a str>) -> Result<Vec<Panel>, LinkError> {
    let mut panels = Vec::new();
    for id in ids.filter(|id| !id.trim().is_empty()) {
        let panel = Panel::from_id(id).ok_or_else(|| unknown("panel", id))?;
        if !panels.contains(&panel) {
            panels.push(panel);
        }
    }
    panels.sort();
    Ok(panels)
}

/// Reads a link fragment (with or without the leading `#`).
///
/// `Ok(None)` when the fragment holds no view at all (an empty fragment, or only other
/// keys), so the page opens as usual. A `hide=` list beside `v1=` adds hidden panels.
///
/// # Errors
/// A [`LinkError`] saying what is wrong; the caller shows the default view.
pub fn parse_fragment(fragment: &str) -> Result<Option<ViewState>, LinkError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if fragment.len() > MAX_LINK_BYTES {
        return Err(LinkError::Oversized {
            bytes: fragment.len(),
            max: MAX_LINK_BYTES,
        });
    }
    let mut data = None;
    let mut hide = None;
    for pair in fragment.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        if key == LINK_KEY {
            data = Some(value);
        } else if key == "hide" {
            hide = Some(value);
        } else if key.len() >= 2
            && key.starts_with('v')
            && key[1..].bytes().all(|b| b.is_ascii_digit())
        {
            return Err(LinkError::UnknownVersion(key.chars().take(12).collect()));
        }
    }
    let Some(data) = data else {
        return Ok(None);
    };
    let bytes = base64_decode(data)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| LinkError::Json("the decoded data is not UTF-8 text".into()))?;
    let mut view = ViewState::from_json(&text)?;
    if let Some(hide) = hide {
        let decoded = hide.replace("%2C", ",").replace("%2c", ",");
        let mut extra = parse_panels(decoded.split(','))?;
        extra.extend(view.hidden.iter().copied());
        view.hidden = parse_panels(extra.iter().map(|p| p.id()))?;
    }
    Ok(Some(view))
}

/// Reads a stored session (the same text as a link fragment).
///
/// # Errors
/// As [`parse_fragment`]; an empty text is [`LinkError::Json`].
pub fn parse_stored(text: &str) -> Result<ViewState, LinkError> {
    parse_fragment(text)?.ok_or_else(|| LinkError::Json("no session in the stored text".into()))
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// URL-safe base64 without padding (RFC 4648 §5).
#[must_use]
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            let index = (n >> (18 - 6 * i)) & 63;
            out.push(char::from(BASE64[index as usize]));
        }
    }
    out
}

/// Reads [`base64_encode`]'s text (trailing `=` padding is accepted too).
///
/// # Errors
/// [`LinkError::Base64`] with the position of the first bad character, or the length when
/// the text was cut off mid-character.
pub fn base64_decode(text: &str) -> Result<Vec<u8>, LinkError> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 3);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for (position, byte) in text.bytes().enumerate() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return Err(LinkError::Base64(position)),
        };
        acc = (acc << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xFF) as u8);
        }
    }
    if text.len() % 4 == 1 {
        return Err(LinkError::Base64(text.len()));
    }
    Ok(out)
}

/// A saved, named session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedSession {
    /// The name the user gave.
    pub name: String,
    /// The view, as a link fragment (`v1=...`).
    pub view: String,
}

/// Why a named-session edit was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SessionsError {
    /// The name is empty.
    #[error("give the session a name")]
    EmptyName,
    /// The name is taken by another session.
    #[error("a session named \"{0}\" exists already")]
    Taken(String),
    /// No session has that name.
    #[error("there is no session named \"{0}\"")]
    Missing(String),
    /// Too many sessions.
    #[error("at most {0} sessions are kept; delete one first")]
    TooMany(usize),
}

/// Reads the stored list; unreadable text gives an empty list (the caller reports it).
///
/// # Errors
/// The JSON error text.
pub fn parse_sessions(text: &str) -> Result<Vec<NamedSession>, String> {
    if text.len() > MAX_LINK_BYTES * MAX_NAMED_SESSIONS {
        return Err("the stored session list is too large".into());
    }
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// The list's stored text.
#[must_use]
pub fn sessions_json(sessions: &[NamedSession]) -> String {
    serde_json::to_string(sessions).unwrap_or_else(|_| "[]".into())
}

/// Adds (or replaces, when `replace`) a session named `name`.
///
/// # Errors
/// [`SessionsError`] naming the problem; the list is unchanged.
pub fn save_named(
    sessions: &[NamedSession],
    name: &str,
    view: String,
) -> Result<Vec<NamedSession>, SessionsError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(SessionsError::EmptyName);
    }
    let mut list = sessions.to_vec();
    if let Some(existing) = list.iter_mut().find(|s| s.name == name) {
        existing.view = view;
    } else {
        if list.len() >= MAX_NAMED_SESSIONS {
            return Err(SessionsError::TooMany(MAX_NAMED_SESSIONS));
        }
        list.push(NamedSession {
            name: name.to_owned(),
            view,
        });
    }
    Ok(list)
}

/// Renames session `from` to `to`.
///
/// # Errors
/// [`SessionsError`] naming the problem.
pub fn rename_named(
    sessions: &[NamedSession],
    from: &str,
    to: &str,
) -> Result<Vec<NamedSession>, SessionsError> {
    let to = to.trim();
    if to.is_empty() {
        return Err(SessionsError::EmptyName);
    }
    if to != from && sessions.iter().any(|s| s.name == to) {
        return Err(SessionsError::Taken(to.to_owned()));
    }
    let mut list = sessions.to_vec();
    let entry = list
        .iter_mut()
        .find(|s| s.name == from)
        .ok_or_else(|| SessionsError::Missing(from.to_owned()))?;
    to.clone_into(&mut entry.name);
    Ok(list)
}

/// Removes session `name`.
///
/// # Errors
/// [`SessionsError::Missing`].
pub fn delete_named(
    sessions: &[NamedSession],
    name: &str,
) -> Result<Vec<NamedSession>, SessionsError> {
    if !sessions.iter().any(|s| s.name == name) {
        return Err(SessionsError::Missing(name.to_owned()));
    }
    Ok(sessions
        .iter()
        .filter(|s| s.name != name)
        .cloned()
        .collect())
}

/// A message about sharing shown at the top of the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareNotice {
    /// The opened link was unusable; the default view is shown.
    BadLink(LinkError),
    /// The stored last session was unusable; the default view is shown.
    BadStored(LinkError),
    /// A named session was opened.
    Opened(String),
    /// A named session could not be opened.
    BadNamed(String, LinkError),
    /// A file was imported (its kind).
    Imported(&'static str),
    /// A file could not be imported.
    ImportFailed(String),
}

/// What the user did in the share panel.
#[derive(Debug, Clone, PartialEq)]
pub enum ShareAction {
    /// Open a saved view.
    Open(Rc<ViewState>, String),
    /// A saved view could not be read.
    OpenFailed(String, LinkError),
    /// Show or hide a panel.
    TogglePanel(Panel),
    /// Dismiss the notice.
    Dismiss,
    /// Use an imported file's model and weights.
    Import(Rc<super::import::Imported>),
    /// A file could not be imported (the message names what is wrong).
    ImportFailed(String),
}

/// The reducer's share actions: pure.
pub fn reduce(state: &mut AppState, action: ShareAction) {
    match action {
        ShareAction::Open(view, name) => match view.to_app_state() {
            Ok(mut next) => {
                next.share_notice = Some(ShareNotice::Opened(name));
                *state = next;
            }
            Err(error) => state.share_notice = Some(ShareNotice::BadNamed(name, error)),
        },
        ShareAction::OpenFailed(name, error) => {
            state.share_notice = Some(ShareNotice::BadNamed(name, error));
        }
        ShareAction::TogglePanel(panel) => {
            if state.hidden.contains(&panel) {
                state.hidden.retain(|p| *p != panel);
            } else {
                state.hidden.push(panel);
                state.hidden.sort();
            }
        }
        ShareAction::Dismiss => state.share_notice = None,
        ShareAction::Import(imported) => {
            let mut next = state.clone();
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
            if let Some(message) = next.error(Field::Layers) {
                state.share_notice = Some(ShareNotice::ImportFailed(super::messages::error_text(
                    message, state.lang,
                )));
            } else {
                next.share_notice = Some(ShareNotice::Imported(imported.kind));
                *state = next;
            }
        }
        ShareAction::ImportFailed(message) => {
            state.share_notice = Some(ShareNotice::ImportFailed(message));
        }
    }
}

/// The state a page opens with: the link's view; else the stored last session; else the
/// default. A broken link or stored session gives the default view with a notice.
#[must_use]
pub fn initial_state(lang: Lang, fragment: &str, stored: Option<&str>) -> AppState {
    let default = || AppState::with_preset(lang, Preset::NumpyLoop);
    match parse_fragment(fragment).and_then(|v| v.map(|v| v.to_app_state()).transpose()) {
        Ok(Some(state)) => state,
        Err(error) => AppState {
            share_notice: Some(ShareNotice::BadLink(error)),
            ..default()
        },
        Ok(None) => match stored.filter(|s| !s.is_empty()) {
            None => default(),
            Some(stored) => match parse_stored(stored).and_then(|v| v.to_app_state()) {
                Ok(state) => state,
                Err(error) => AppState {
                    share_notice: Some(ShareNotice::BadStored(error)),
                    ..default()
                },
            },
        },
    }
}

/// The share panel's texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(
    missing_docs,
    reason = "each variant's English text is its documentation"
)]
pub enum ShareText {
    Share,
    CopyLink,
    LinkCopied,
    CopyFallback,
    LinkField,
    BadLink,
    BadStored,
    Opened,
    BadNamed,
    Dismiss,
    SaveAs,
    SessionName,
    Save,
    Open,
    Rename,
    Delete,
    Saved,
    NoSessions,
    StorageUnavailable,
    StorageFull,
    StoredListDamaged,
    HidePanels,
    ShowAll,
    DownloadCsv,
    DownloadJson,
    DownloadTrace,
    DownloadPng,
    DownloadPlotsSvg,
    DownloadSvg,
    DownloadDiagramPng,
    DownloadNumpy,
    DownloadKeras,
    DownloadPytorch,
    ExportFailed,
    ImportWeights,
    ImportHelp,
    Imported,
    ImportFailed,
    WeightsNotInLink,
}

impl ShareText {
    /// This text in `lang`.
    #[must_use]
    pub fn text(self, lang: Lang) -> &'static str {
        use Lang::{En, Ko};
        match (self, lang) {
            (ShareText::Share, En) => "Share and save",
            (ShareText::Share, Ko) => "공유와 저장",
            (ShareText::CopyLink, En) => "Copy link",
            (ShareText::CopyLink, Ko) => "링크 복사",
            (ShareText::LinkCopied, En) => "The link is copied: it opens this exact view.",
            (ShareText::LinkCopied, Ko) => "링크를 복사했습니다. 이 화면 그대로 열립니다.",
            (ShareText::CopyFallback, En) => {
                "The clipboard is not available here: the link is selected in the field below; copy it with Ctrl+C (⌘C)."
            }
            (ShareText::CopyFallback, Ko) => {
                "이 환경에서는 클립보드를 쓸 수 없습니다. 아래 칸에 선택된 링크를 Ctrl+C(⌘C)로 복사하세요."
            }
            (ShareText::LinkField, En) => "Link to this view",
            (ShareText::LinkField, Ko) => "이 화면의 링크",
            (ShareText::BadLink, En) => "The link could not be opened, so the default view is shown",
            (ShareText::BadLink, Ko) => "링크를 열 수 없어 기본 화면을 보여 줍니다",
            (ShareText::BadStored, En) => {
                "The last session could not be restored, so the default view is shown"
            }
            (ShareText::BadStored, Ko) => "지난 세션을 복원할 수 없어 기본 화면을 보여 줍니다",
            (ShareText::Opened, En) => "Opened the saved session",
            (ShareText::Opened, Ko) => "저장한 세션을 열었습니다",
            (ShareText::BadNamed, En) => "The saved session could not be opened; nothing changed",
            (ShareText::BadNamed, Ko) => "저장한 세션을 열 수 없습니다. 바뀐 것은 없습니다",
            (ShareText::Dismiss, En) => "Dismiss",
            (ShareText::Dismiss, Ko) => "닫기",
            (ShareText::SaveAs, En) => "Saved sessions",
            (ShareText::SaveAs, Ko) => "저장한 세션",
            (ShareText::SessionName, En) => "Session name",
            (ShareText::SessionName, Ko) => "세션 이름",
            (ShareText::Save, En) => "Save session",
            (ShareText::Save, Ko) => "세션 저장",
            (ShareText::Open, En) => "Open",
            (ShareText::Open, Ko) => "열기",
            (ShareText::Rename, En) => "Rename",
            (ShareText::Rename, Ko) => "이름 바꾸기",
            (ShareText::Delete, En) => "Delete",
            (ShareText::Delete, Ko) => "삭제",
            (ShareText::Saved, En) => "Saved.",
            (ShareText::Saved, Ko) => "저장했습니다.",
            (ShareText::NoSessions, En) => "No saved sessions yet.",
            (ShareText::NoSessions, Ko) => "아직 저장한 세션이 없습니다.",
            (ShareText::StorageUnavailable, En) => {
                "This browser does not allow saving here (storage is unavailable); nothing was saved."
            }
            (ShareText::StorageUnavailable, Ko) => {
                "이 브라우저에서는 저장할 수 없습니다(저장소를 쓸 수 없음). 저장된 것은 없습니다."
            }
            (ShareText::StorageFull, En) => {
                "The browser's storage is full; nothing was changed. Delete a saved session and try again."
            }
            (ShareText::StorageFull, Ko) => {
                "브라우저 저장 공간이 가득 찼습니다. 바뀐 것은 없습니다. 저장한 세션을 지우고 다시 해 보세요."
            }
            (ShareText::StoredListDamaged, En) => {
                "The saved-session list is damaged and is left untouched"
            }
            (ShareText::StoredListDamaged, Ko) => "저장한 세션 목록이 손상되어 그대로 둡니다",
            (ShareText::HidePanels, En) => "Hide for a classroom link",
            (ShareText::HidePanels, Ko) => "수업용 링크에서 숨기기",
            (ShareText::ShowAll, En) => "Show everything",
            (ShareText::ShowAll, Ko) => "모두 보이기",
            (ShareText::DownloadCsv, En) => "Download hidden states (CSV)",
            (ShareText::DownloadCsv, Ko) => "은닉 상태 내려받기 (CSV)",
            (ShareText::DownloadJson, En) => "Download all hidden states (JSON)",
            (ShareText::DownloadJson, Ko) => "모든 은닉 상태 내려받기 (JSON)",
            (ShareText::DownloadTrace, En) => "Download this step (JSON)",
            (ShareText::DownloadTrace, Ko) => "이 단계 내려받기 (JSON)",
            (ShareText::DownloadPng, En) => "Download plots (PNG)",
            (ShareText::DownloadPng, Ko) => "그래프 내려받기 (PNG)",
            (ShareText::DownloadPlotsSvg, En) => "Download plots (SVG)",
            (ShareText::DownloadPlotsSvg, Ko) => "그래프 내려받기 (SVG)",
            (ShareText::DownloadSvg, En) => "Download diagram (SVG)",
            (ShareText::DownloadSvg, Ko) => "다이어그램 내려받기 (SVG)",
            (ShareText::DownloadDiagramPng, En) => "Download diagram (PNG)",
            (ShareText::DownloadDiagramPng, Ko) => "다이어그램 내려받기 (PNG)",
            (ShareText::DownloadNumpy, En) => "Download numpy code",
            (ShareText::DownloadNumpy, Ko) => "numpy 코드 내려받기",
            (ShareText::DownloadKeras, En) => "Download Keras code",
            (ShareText::DownloadKeras, Ko) => "Keras 코드 내려받기",
            (ShareText::DownloadPytorch, En) => "Download PyTorch code",
            (ShareText::DownloadPytorch, Ko) => "PyTorch 코드 내려받기",
            (ShareText::ExportFailed, En) => "The download could not be made",
            (ShareText::ExportFailed, Ko) => "내려받을 파일을 만들 수 없습니다",
            (ShareText::ImportWeights, En) => "Import weights",
            (ShareText::ImportWeights, Ko) => "가중치 가져오기",
            (ShareText::ImportHelp, En) => {
                "A case or model document (JSON), Keras get_weights() as JSON or .npz, or a PyTorch nn.RNN state_dict as .npz."
            }
            (ShareText::ImportHelp, Ko) => {
                "케이스·모델 문서(JSON), Keras get_weights()의 JSON 또는 .npz, PyTorch nn.RNN state_dict의 .npz를 읽습니다."
            }
            (ShareText::Imported, En) => "Imported the weights",
            (ShareText::Imported, Ko) => "가중치를 가져왔습니다",
            (ShareText::ImportFailed, En) => "The file could not be imported; nothing changed",
            (ShareText::ImportFailed, Ko) => "파일을 가져올 수 없습니다. 바뀐 것은 없습니다",
            (ShareText::WeightsNotInLink, En) => {
                "The imported weights are too large for a link: this link and the saved session reproduce the model, initializer and seed, but not the imported weights. Use \"Download case\" to share them."
            }
            (ShareText::WeightsNotInLink, Ko) => {
                "가져온 가중치가 링크에 담기에는 너무 큽니다. 이 링크와 저장한 세션은 모델·초기화·시드는 재현하지만 가져온 가중치는 재현하지 않습니다. 가중치까지 공유하려면 \"케이스 내려받기\"를 쓰세요."
            }
        }
    }
}

/// A panel's name on screen.
#[must_use]
pub fn panel_text(panel: Panel, lang: Lang) -> &'static str {
    match (panel, lang) {
        (Panel::Controls, Lang::En) => "controls",
        (Panel::Controls, Lang::Ko) => "설정",
        (Panel::Summary, Lang::En) => "summary",
        (Panel::Summary, Lang::Ko) => "요약",
        (Panel::Charts, Lang::En) => "plots",
        (Panel::Charts, Lang::Ko) => "그래프",
        (Panel::Equation, Lang::En) => "equation",
        (Panel::Equation, Lang::Ko) => "수식",
        (Panel::Diagram, Lang::En) => "diagram",
        (Panel::Diagram, Lang::Ko) => "다이어그램",
        (Panel::Concepts, Lang::En) => "concepts",
        (Panel::Concepts, Lang::Ko) => "개념",
    }
}

/// The notice's words.
#[must_use]
pub fn notice_text(notice: &ShareNotice, lang: Lang) -> String {
    match notice {
        ShareNotice::BadLink(e) => format!("{}: {e}.", ShareText::BadLink.text(lang)),
        ShareNotice::BadStored(e) => format!("{}: {e}.", ShareText::BadStored.text(lang)),
        ShareNotice::Opened(name) => format!("{}: {name}", ShareText::Opened.text(lang)),
        ShareNotice::Imported(kind) => format!("{} ({kind}).", ShareText::Imported.text(lang)),
        ShareNotice::ImportFailed(e) => format!("{}: {e}.", ShareText::ImportFailed.text(lang)),
        ShareNotice::BadNamed(name, e) => {
            format!("{} ({name}): {e}.", ShareText::BadNamed.text(lang))
        }
    }
}

/// The browser side: location, history, storage, clipboard. Nothing here panics; every
/// failure is a value.
pub mod browser {

    /// Why a storage write failed.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum StorageError {
        /// No storage (private mode, disabled, not a browser).
        Unavailable,
        /// The write was refused (quota).
        Full,
    }

    fn storage() -> Result<web_sys::Storage, StorageError> {
        web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .ok_or(StorageError::Unavailable)
    }

    /// The current fragment, without `#` (empty when none).
    #[must_use]
    pub fn fragment() -> String {
        web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .map(|h| h.trim_start_matches('#').to_owned())
            .unwrap_or_default()
    }

    /// The page address with `fragment`.
    #[must_use]
    pub fn link(fragment: &str) -> String {
        let base = web_sys::window()
            .and_then(|w| w.location().href().ok())
            .map(|h| h.split('#').next().unwrap_or_default().to_owned())
            .unwrap_or_default();
        format!("{base}#{fragment}")
    }

    /// Replaces the address's fragment without adding a history entry.
    pub fn replace_fragment(fragment: &str) {
        let Some(window) = web_sys::window() else {
            return;
        };
        if window.location().hash().ok().as_deref() == Some(&format!("#{fragment}")) {
            return;
        }
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(&format!("#{fragment}")),
            );
        }
    }

    /// Reads a stored value.
    #[must_use]
    pub fn read(key: &str) -> Option<String> {
        storage().ok()?.get_item(key).ok().flatten()
    }

    /// Writes a value; the old value stays when the write fails.
    ///
    /// # Errors
    /// [`StorageError`].
    pub fn write(key: &str, value: &str) -> Result<(), StorageError> {
        storage()?
            .set_item(key, value)
            .map_err(|_| StorageError::Full)
    }

    /// Copies `text` to the clipboard; `false` when the clipboard API is missing, so the
    /// caller falls back to a selected field.
    #[must_use]
    pub fn copy(text: &str) -> bool {
        let Some(window) = web_sys::window() else {
            return false;
        };
        let navigator = window.navigator();
        let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).ok();
        if clipboard
            .as_ref()
            .is_none_or(|c| c.is_undefined() || c.is_null())
        {
            return false;
        }
        let promise = navigator.clipboard().write_text(text);
        // A refusal (no permission) is reported by the promise; swallow it quietly, the
        // field still shows the link.
        let ignore =
            wasm_bindgen::closure::Closure::<dyn FnMut(wasm_bindgen::JsValue)>::new(|_| {});
        let _ = promise.catch(&ignore);
        // One tiny closure per copy, kept alive for the promise.
        ignore.forget();
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(preset: Preset) -> ViewState {
        ViewState::of(&AppState::with_preset(Lang::Ko, preset))
    }

    #[test]
    fn every_preset_round_trips() {
        for preset in Preset::ALL {
            let v = view(preset);
            let fragment = v.to_fragment();
            assert!(fragment.len() < 2_000, "{preset:?}: {}", fragment.len());
            let back = parse_fragment(&format!("#{fragment}")).unwrap().unwrap();
            assert_eq!(back, v, "{preset:?}");
            let state = back.to_app_state().unwrap();
            assert_eq!(state.preset, Some(preset));
            assert_eq!(state.lang, Lang::Ko);
        }
    }

    #[test]
    fn edits_and_selection_round_trip() {
        let mut v = view(Preset::Bidirectional);
        v.preset = None;
        v.seed = 7;
        v.scheme = InitScheme::PyTorch;
        v.input = InputSource::Manual("1 2 3 4 5\n0.5 0 0 0 -1 # é".into());
        v.selection = Selection {
            layer: 0,
            direction: Direction::Backward,
            timestep: 1,
            example: 0,
        };
        v.hidden = vec![Panel::Controls, Panel::Charts];
        let back = parse_fragment(&v.to_fragment()).unwrap().unwrap();
        assert_eq!(back, v);
    }

    /// `state` using imported weights: its initializer's weights, scaled so they differ.
    fn with_imported(mut state: AppState) -> AppState {
        let case = state.session.as_ref().unwrap().case.clone();
        let mut weights = case.run(false).unwrap().weights;
        for layer in &mut weights {
            if let LayerWeights::SimpleRnn(w) = layer {
                w.kernel.mapv_inplace(|v| v * 0.5 + 0.01);
                w.recurrent_kernel.mapv_inplace(|v| v * -0.75);
            }
        }
        state.imported = Some(Rc::new((state.draft.clone(), weights)));
        state.preset = None;
        state.recompute(Field::Layers);
        assert!(state.errors.is_empty(), "{:?}", state.errors);
        state
    }

    fn all_hidden_states(state: &AppState) -> Vec<ndarray::Array2<f32>> {
        let session = state.session.as_ref().unwrap();
        let (batch, _) = session.dims();
        super::super::session::recurrent_layers(&session.model)
            .iter()
            .flat_map(|l| (0..batch).map(move |b| (l.stack_index, b)))
            .map(|(i, b)| session.states(i, Direction::Forward, b).unwrap().to_owned())
            .collect()
    }

    #[test]
    fn small_imported_weights_travel_in_the_link() {
        let state = with_imported(AppState::with_preset(Lang::En, Preset::NumpyLoop));
        let imported = state.imported.clone().unwrap();
        assert!(weight_count(&imported.1) <= MAX_LINK_WEIGHTS);
        let view = ViewState::of(&state);
        assert!(!view.weights_left_out);
        let fragment = view.to_fragment();
        assert!(fragment.len() <= MAX_LINK_BYTES);
        let back = parse_fragment(&fragment).unwrap().unwrap();
        assert_eq!(back, view);
        let opened = back.to_app_state().unwrap();
        assert_eq!(opened.imported, Some(imported));
        assert_eq!(all_hidden_states(&opened), all_hidden_states(&state));
        // Not the initializer's hidden states.
        let plain = AppState::with_preset(Lang::En, Preset::NumpyLoop);
        assert_ne!(all_hidden_states(&opened), all_hidden_states(&plain));
        // A link whose weights do not fit its model is refused with a clear error.
        let mut json: serde_json::Value = serde_json::from_str(&view.to_json()).unwrap();
        json["w"][0]["kernel"] = serde_json::json!([[1.0]]);
        let f = format!("v1={}", base64_encode(json.to_string().as_bytes()));
        assert!(matches!(
            parse_fragment(&f),
            Err(LinkError::InvalidWeights(_))
        ));
    }

    #[test]
    fn large_imported_weights_are_left_out_with_a_notice() {
        let plain = AppState::with_preset(Lang::En, Preset::NumpyLoop);
        let mut json = serde_json::to_value(&plain.draft).unwrap();
        json["layers"][0]["units"] = serde_json::json!(80);
        let mut state = plain.clone();
        state.draft = ModelSpec::from_json(&json.to_string()).unwrap();
        state.recompute(Field::Layers);
        let state = with_imported(state);
        assert!(weight_count(&state.imported.as_ref().unwrap().1) > MAX_LINK_WEIGHTS);
        let view = ViewState::of(&state);
        assert!(view.weights_left_out);
        assert_eq!(view.weights, None);
        let back = parse_fragment(&view.to_fragment()).unwrap().unwrap();
        let opened = back.to_app_state().unwrap();
        assert_eq!(opened.imported, None);
        assert_eq!(opened.draft, state.draft);
        for lang in [Lang::En, Lang::Ko] {
            assert!(!ShareText::WeightsNotInLink.text(lang).is_empty());
        }
        assert!(ShareText::WeightsNotInLink
            .text(Lang::En)
            .contains("Download case"));
    }

    #[test]
    fn classroom_hide_list() {
        let v = view(Preset::NumpyLoop);
        let f = format!("{}&hide=controls,summary%2Ccharts", v.to_fragment());
        let back = parse_fragment(&f).unwrap().unwrap();
        assert_eq!(
            back.hidden,
            vec![Panel::Controls, Panel::Summary, Panel::Charts]
        );
        assert!(matches!(
            parse_fragment(&format!("{}&hide=everything", v.to_fragment())),
            Err(LinkError::Unknown { what: "panel", .. })
        ));
    }

    #[test]
    fn broken_links_are_typed_errors() {
        let good = view(Preset::NumpyLoop).to_fragment();
        // Truncated.
        let cut = &good[..good.len() / 2];
        assert!(matches!(
            parse_fragment(cut),
            Err(LinkError::Json(_) | LinkError::Base64(_))
        ));
        let cut1 = &good[..good.len() - 1];
        assert!(parse_fragment(cut1).is_err());
        // Tampered characters.
        let tampered = good.replacen('A', "!", 1);
        if tampered != good {
            assert!(matches!(
                parse_fragment(&tampered),
                Err(LinkError::Base64(_))
            ));
        }
        // Valid base64 of other JSON.
        let other = format!("v1={}", base64_encode(b"{\"hello\":1}"));
        assert!(matches!(parse_fragment(&other), Err(LinkError::Json(_))));
        // Oversized.
        let big = format!("v1={}", "A".repeat(MAX_LINK_BYTES));
        assert!(matches!(
            parse_fragment(&big),
            Err(LinkError::Oversized { .. })
        ));
        // Unknown version.
        assert_eq!(
            parse_fragment("v9=abc"),
            Err(LinkError::UnknownVersion("v9".into()))
        );
        // No view: not an error.
        assert_eq!(parse_fragment(""), Ok(None));
        assert_eq!(parse_fragment("#section"), Ok(None));
    }

    #[test]
    fn invalid_model_and_unusable_views() {
        let mut json: serde_json::Value =
            serde_json::from_str(&view(Preset::NumpyLoop).to_json()).unwrap();
        json["m"]["layers"] = serde_json::json!([]);
        let f = format!("v1={}", base64_encode(json.to_string().as_bytes()));
        assert!(matches!(
            parse_fragment(&f),
            Err(LinkError::InvalidModel(_))
        ));

        json = serde_json::from_str(&view(Preset::NumpyLoop).to_json()).unwrap();
        json["m"]["layers"][0]["units"] = serde_json::json!(100_000);
        let f = format!("v1={}", base64_encode(json.to_string().as_bytes()));
        let error = parse_fragment(&f).and_then(|v| v.unwrap().to_app_state().map(|_| ()));
        assert!(
            matches!(
                error,
                Err(LinkError::InvalidModel(_) | LinkError::Unusable(_))
            ),
            "{error:?}"
        );

        json = serde_json::from_str(&view(Preset::NumpyLoop).to_json()).unwrap();
        json["x"] = serde_json::json!({"k": "manual", "t": "not numbers"});
        let v = parse_fragment(&format!(
            "v1={}",
            base64_encode(json.to_string().as_bytes())
        ))
        .unwrap()
        .unwrap();
        assert!(matches!(v.to_app_state(), Err(LinkError::Unusable(_))));
    }

    #[test]
    fn initial_state_falls_back_with_a_notice() {
        let good = view(Preset::Quiz).to_fragment();
        let s = initial_state(Lang::En, &format!("#{good}"), None);
        assert_eq!(s.preset, Some(Preset::Quiz));
        assert_eq!(s.lang, Lang::Ko);
        let s = initial_state(Lang::En, "#v1=%%%", Some(&good));
        assert_eq!(s.preset, Some(Preset::NumpyLoop));
        assert!(matches!(s.share_notice, Some(ShareNotice::BadLink(_))));
        let s = initial_state(Lang::En, "", Some(&good));
        assert_eq!(s.preset, Some(Preset::Quiz));
        let s = initial_state(Lang::En, "", Some("garbage"));
        assert!(matches!(s.share_notice, Some(ShareNotice::BadStored(_))));
    }

    #[test]
    fn base64_matches_rfc4648() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64_encode(plain.as_bytes()), coded);
            assert_eq!(base64_decode(coded).unwrap(), plain.as_bytes());
        }
        assert_eq!(base64_decode("Zg=="), Ok(b"f".to_vec()));
        assert_eq!(base64_encode(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn named_sessions() {
        let list = save_named(&[], "lesson 1", "v1=a".into()).unwrap();
        let list = save_named(&list, "lesson 2", "v1=b".into()).unwrap();
        assert_eq!(
            save_named(&list, "  ", "x".into()),
            Err(SessionsError::EmptyName)
        );
        assert_eq!(
            rename_named(&list, "lesson 1", "lesson 2"),
            Err(SessionsError::Taken("lesson 2".into()))
        );
        let list = rename_named(&list, "lesson 1", "intro").unwrap();
        assert_eq!(list[0].name, "intro");
        let list = delete_named(&list, "intro").unwrap();
        assert_eq!(list.len(), 1);
        let text = sessions_json(&list);
        assert_eq!(parse_sessions(&text).unwrap(), list);
        assert!(parse_sessions("{").is_err());
        let mut share = AppState::default();
        reduce(&mut share, ShareAction::TogglePanel(Panel::Charts));
        assert_eq!(share.hidden, vec![Panel::Charts]);
    }
}
