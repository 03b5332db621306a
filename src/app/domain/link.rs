//! The link format: the whole view as a short, versioned text.
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
//! seed, `w` imported weights (optional; the case document's `weights` list, checked
//! against `m`; only while they are at most [`MAX_LINK_WEIGHTS`] numbers and the link stays
//! within [`MAX_LINK_BYTES`], otherwise the link leaves them out and the page says so), `x`
//! the input source (`k`: `random`, `sine`, `step`, `sentence`, `manual`; `t` its text),
//! `c` the selection (direction 0 forward, 1 backward), `h` hidden panels. Classroom links
//! may add `&hide=controls,summary,charts,equation,diagram` by hand.
//!
//! The same text is what the page keeps as the last session and in each named session
//! ([`crate::app::services::storage::Key`]). Everything here is pure.

use base64::engine::general_purpose::GeneralPurpose;
use base64::engine::{DecodePaddingMode, GeneralPurposeConfig};
use base64::{alphabet, DecodeError, Engine as _};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::model::{
    weight_count, weights_from_json, InitScheme, LayerWeights, ModelError, ModelSpec,
};
use crate::rnn::Direction;

use super::inputs::InputSource;
use super::lang::{lang_from_code, Lang};
use super::panel::Panel;
use super::presets::Preset;
use super::selection::Selection;

/// The fragment key of the current link format.
pub const LINK_KEY: &str = "v1";

/// Longest link fragment written into the address and read from it, in bytes.
pub const MAX_LINK_BYTES: usize = 16 * 1024;

/// Longest view kept in storage (the last session, each named session), in bytes: the
/// one cap the page writes with and reads with. A view longer than a link but within this
/// is kept in storage and left out of the address (the page says so).
pub const MAX_STORED_BYTES: usize = 256 * 1024;

/// Where a view's fragment can go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Into the link and into storage.
    Link,
    /// Into storage only: longer than [`MAX_LINK_BYTES`].
    StorageOnly,
    /// Nowhere: longer than [`MAX_STORED_BYTES`].
    TooLarge,
}

/// Where `fragment` can go.
#[must_use]
pub fn fit(fragment: &str) -> Fit {
    if fragment.len() <= MAX_LINK_BYTES {
        Fit::Link
    } else if fragment.len() <= MAX_STORED_BYTES {
        Fit::StorageOnly
    } else {
        Fit::TooLarge
    }
}

/// Most imported weight values a link carries; larger imports are left out of the link
/// (which then reproduces the model and initializer only) with a notice.
pub const MAX_LINK_WEIGHTS: usize = 4096;

/// URL-safe base64 (RFC 4648 §5) without padding; reading accepts padding, the standard
/// alphabet's `+` and `/`, and any trailing bits, as links written by hand may have them.
const LINK_BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

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

/// A part of a link that names something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPart {
    /// `l`.
    Language,
    /// `p`.
    Preset,
    /// `x.k`.
    InputKind,
    /// The direction in `c`.
    Direction,
    /// An entry of `h` or `hide=`.
    Panel,
}

impl std::fmt::Display for LinkPart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            LinkPart::Language => "language",
            LinkPart::Preset => "preset",
            LinkPart::InputKind => "input kind",
            LinkPart::Direction => "direction",
            LinkPart::Panel => "panel",
        })
    }
}

/// Why a link (or a stored session) could not be read.
#[derive(Debug, Clone, PartialEq, Error)]
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
    /// Decoded, but not UTF-8 text.
    #[error("the link's data is damaged or incomplete: the decoded data is not UTF-8 text")]
    NotText,
    /// Decoded, but not the expected JSON.
    #[error("the link's data is damaged or incomplete: {detail}")]
    Json {
        /// The JSON reader's explanation.
        detail: String,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
    },
    /// A stored text that holds no view.
    #[error("the link's data is damaged or incomplete: no session in the stored text")]
    NoView,
    /// An unknown language, preset, input kind, direction or panel.
    #[error("the link names an unknown {what} \"{value}\"")]
    Unknown {
        /// What kind of name.
        what: LinkPart,
        /// The name (at most 40 characters of it).
        value: String,
    },
    /// The model document is invalid.
    #[error("the link's model is invalid: {0}")]
    InvalidModel(ModelError),
    /// The imported weights do not fit the link's model.
    #[error("the link's weights do not fit its model: {0}")]
    InvalidWeights(ModelError),
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
    /// This view with the imported `weights` of its model, carried while they are at most
    /// [`MAX_LINK_WEIGHTS`] numbers and the link stays within [`MAX_LINK_BYTES`];
    /// otherwise left out, with [`ViewState::weights_left_out`] set.
    #[must_use]
    pub fn with_imported(mut self, weights: &[LayerWeights]) -> Self {
        if weight_count(weights) <= MAX_LINK_WEIGHTS {
            self.weights = Some(weights.to_vec());
        }
        // The fragment must fit, `v1=` included.
        if self.weights.is_none() || self.to_fragment().len() > MAX_LINK_BYTES {
            self.weights = None;
            self.weights_left_out = true;
        }
        self
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
    /// [`LinkError::Json`], [`LinkError::Unknown`], [`LinkError::InvalidModel`] or
    /// [`LinkError::InvalidWeights`].
    pub fn from_json(text: &str) -> Result<Self, LinkError> {
        let wire: Wire = serde_json::from_str(text).map_err(|e| LinkError::Json {
            detail: e.to_string(),
            line: e.line(),
            column: e.column(),
        })?;
        let lang = lang_from_code(&wire.l)
            .filter(|l| l.code() == wire.l)
            .ok_or_else(|| unknown(LinkPart::Language, &wire.l))?;
        let preset = match wire.p {
            Some(id) => Some(Preset::from_id(&id).ok_or_else(|| unknown(LinkPart::Preset, &id))?),
            None => None,
        };
        let model = ModelSpec::from_json(&wire.m.to_string()).map_err(LinkError::InvalidModel)?;
        let text = wire.x.t.unwrap_or_default();
        let input = match wire.x.k.as_str() {
            "random" => InputSource::Random,
            "sine" => InputSource::Sine,
            "step" => InputSource::Step,
            "sentence" => InputSource::Sentence(text),
            "manual" => InputSource::Manual(text),
            other => return Err(unknown(LinkPart::InputKind, other)),
        };
        let [layer, direction, timestep, example] = wire.c;
        let direction = match direction {
            0 => Direction::Forward,
            1 => Direction::Backward,
            other => return Err(unknown(LinkPart::Direction, &other.to_string())),
        };
        let hidden = parse_panels(wire.h.iter().map(String::as_str))?;
        let weights = match wire.w {
            Some(w) => {
                Some(weights_from_json(&model, &w.to_string()).map_err(LinkError::InvalidWeights)?)
            }
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
}

fn unknown(what: LinkPart, value: &str) -> LinkError {
    LinkError::Unknown {
        what,
        value: value.chars().take(40).collect(),
    }
}

fn parse_panels<'a>(ids: impl Iterator<Item = &'a str>) -> Result<Vec<Panel>, LinkError> {
    let mut panels = Vec::new();
    for id in ids.filter(|id| !id.trim().is_empty()) {
        let panel = Panel::from_id(id).ok_or_else(|| unknown(LinkPart::Panel, id))?;
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
    parse_within(fragment, MAX_LINK_BYTES)
}

/// [`parse_fragment`] with `max` bytes at most.
fn parse_within(fragment: &str, max: usize) -> Result<Option<ViewState>, LinkError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if fragment.len() > max {
        return Err(LinkError::Oversized {
            bytes: fragment.len(),
            max,
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
            && key.bytes().skip(1).all(|b| b.is_ascii_digit())
        {
            return Err(LinkError::UnknownVersion(key.chars().take(12).collect()));
        }
    }
    let Some(data) = data else {
        return Ok(None);
    };
    let bytes = base64_decode(data)?;
    let text = String::from_utf8(bytes).map_err(|_| LinkError::NotText)?;
    let mut view = ViewState::from_json(&text)?;
    if let Some(hide) = hide {
        let decoded = hide.replace("%2C", ",").replace("%2c", ",");
        let mut extra = parse_panels(decoded.split(','))?;
        extra.extend(view.hidden.iter().copied());
        view.hidden = parse_panels(extra.iter().map(|p| p.id()))?;
    }
    Ok(Some(view))
}

/// Reads a stored session (the same text as a link fragment, up to
/// [`MAX_STORED_BYTES`]: what the page stores, it reads back).
///
/// # Errors
/// As [`parse_fragment`]; a text without a view is [`LinkError::NoView`].
pub fn parse_stored(text: &str) -> Result<ViewState, LinkError> {
    parse_within(text, MAX_STORED_BYTES)?.ok_or(LinkError::NoView)
}

/// URL-safe base64 without padding (RFC 4648 §5).
#[must_use]
pub fn base64_encode(bytes: &[u8]) -> String {
    LINK_BASE64.encode(bytes)
}

/// Reads [`base64_encode`]'s text (trailing `=` padding and the standard alphabet's `+`
/// and `/` are accepted too).
///
/// # Errors
/// [`LinkError::Base64`] with the position of the first bad character, or the length when
/// the text was cut off mid-character.
pub fn base64_decode(text: &str) -> Result<Vec<u8>, LinkError> {
    let text = text.trim_end_matches('=');
    let url_safe = text.replace('+', "-").replace('/', "_");
    LINK_BASE64.decode(url_safe).map_err(|e| match e {
        DecodeError::InvalidByte(at, _) | DecodeError::InvalidLastSymbol(at, _) => {
            LinkError::Base64(at)
        }
        DecodeError::InvalidLength(_) | DecodeError::InvalidPadding => {
            LinkError::Base64(text.len())
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
        // The standard alphabet, as a hand-edited link may have it.
        assert_eq!(base64_decode("+/8"), Ok(vec![0xfb, 0xff]));
        assert_eq!(base64_decode("Zm9v!"), Err(LinkError::Base64(4)));
        assert_eq!(base64_decode("Zm9vY"), Err(LinkError::Base64(5)));
    }

    #[test]
    fn unknown_versions_and_empty_fragments() {
        assert_eq!(
            parse_fragment("v9=abc"),
            Err(LinkError::UnknownVersion("v9".into()))
        );
        assert_eq!(parse_fragment(""), Ok(None));
        assert_eq!(parse_fragment("#section"), Ok(None));
        assert_eq!(parse_stored("#section"), Err(LinkError::NoView));
        let big = format!("v1={}", "A".repeat(MAX_LINK_BYTES));
        assert!(matches!(
            parse_fragment(&big),
            Err(LinkError::Oversized { .. })
        ));
        let other = format!("v1={}", base64_encode(b"{\"hello\":1}"));
        assert!(matches!(
            parse_fragment(&other),
            Err(LinkError::Json { .. })
        ));
        let binary = format!("v1={}", base64_encode(&[0xff, 0xfe]));
        assert_eq!(parse_fragment(&binary), Err(LinkError::NotText));
    }
}
