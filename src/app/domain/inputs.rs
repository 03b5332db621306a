//! Where the input sequence comes from: seeded random numbers, patterns, a typed sentence
//! (token ids for an embedding model) or values typed by hand.

use ndarray::{Array2, Array3};
use thiserror::Error;

use crate::rnn::Prng;

use crate::model::CaseInputs;

/// The kinds of input the page offers.
#[derive(Debug, Clone, PartialEq)]
pub enum InputSource {
    /// Uniform in [0, 1), like the seed chapter's `np.random.random((timesteps, input_dim))`,
    /// from the session's seed.
    Random,
    /// A sine wave per feature, phase-shifted by feature and example.
    Sine,
    /// 0 for the first half of the sequence, 1 for the second.
    Step,
    /// Words of a sentence turned into token ids (embedding models).
    Sentence(String),
    /// Values typed by hand: one timestep per line, features separated by spaces or commas.
    Manual(String),
}

/// Why typed input cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum InputError {
    /// A value is not a number.
    #[error("line {line}: \"{text}\" is not a number")]
    NotANumber {
        /// 1-based line.
        line: usize,
        /// The offending text.
        text: String,
    },
    /// A line has the wrong number of values.
    #[error(
        "line {line} has {found} values; each timestep needs {expected} (one per input feature)"
    )]
    WrongWidth {
        /// 1-based line.
        line: usize,
        /// Values found.
        found: usize,
        /// Input features.
        expected: usize,
    },
    /// Nothing was typed.
    #[error("type at least one timestep: one line of numbers per timestep")]
    Empty,
    /// Too many lines.
    #[error("{lines} lines is more than the {limit} timesteps the page draws")]
    TooLong {
        /// Lines typed.
        lines: usize,
        /// The limit.
        limit: usize,
    },
    /// The sentence has no words.
    #[error("type a sentence: its words become the token ids")]
    NoWords,
}

/// Salt that keeps the input generator apart from the weight generators of the same seed.
const INPUT_SALT: u64 = 0x1A9E_75EE_D5EE_D000;

/// Token id of a word: FNV-1a of its lower-case form, mapped into `1..vocab` (0 is kept
/// for padding, as Keras tokenizers do).
#[must_use]
pub fn token_id(word: &str, vocab: usize) -> usize {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in word.to_lowercase().bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    if vocab <= 1 {
        return 0;
    }
    let span = (vocab - 1) as u64;
    usize::try_from(hash % span).map_or(1, |id| id + 1)
}

/// The words of `sentence`, split on white space and punctuation.
#[must_use]
pub fn words(sentence: &str) -> Vec<&str> {
    sentence
        .split(|c: char| c.is_whitespace() || (c.is_ascii_punctuation() && c != '\''))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Parses hand-typed values: one timestep per line, `features` numbers per line.
///
/// # Errors
/// The first line that is not `features` numbers.
pub fn parse_manual(
    text: &str,
    features: usize,
    max_timesteps: usize,
) -> Result<Array2<f32>, InputError> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        return Err(InputError::Empty);
    }
    if lines.len() > max_timesteps {
        return Err(InputError::TooLong {
            lines: lines.len(),
            limit: max_timesteps,
        });
    }
    let mut values = Array2::zeros((lines.len(), features));
    for (t, line) in lines.iter().enumerate() {
        let fields: Vec<&str> = line
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|f| !f.is_empty())
            .collect();
        if fields.len() != features {
            return Err(InputError::WrongWidth {
                line: t + 1,
                found: fields.len(),
                expected: features,
            });
        }
        for (f, field) in fields.iter().enumerate() {
            let value: f32 = field
                .parse()
                .ok()
                .filter(|v: &f32| v.is_finite())
                .ok_or_else(|| InputError::NotANumber {
                    line: t + 1,
                    text: (*field).to_owned(),
                })?;
            values[[t, f]] = value;
        }
    }
    Ok(values)
}

/// Formats `[timesteps, features]` values the way [`parse_manual`] reads them.
#[must_use]
pub fn format_manual(values: &Array2<f32>) -> String {
    values
        .outer_iter()
        .map(|row| {
            row.iter()
                .map(|v| format!("{v:.4}"))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// What the input needs to know about the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InputShape {
    /// Examples.
    pub batch: usize,
    /// Timesteps; `None` lets a sentence or typed values decide.
    pub timesteps: Option<usize>,
    /// Features per step; `None` for token inputs.
    pub features: Option<usize>,
    /// Vocabulary size, for token inputs.
    pub vocab: Option<usize>,
}

/// Timesteps used when the model leaves the length open and the source does not decide.
pub const DEFAULT_OPEN_TIMESTEPS: usize = 10;

/// Builds the input batch.
///
/// # Errors
/// Unusable typed values or sentence.
pub fn build_inputs(
    source: &InputSource,
    shape: InputShape,
    seed: u64,
    max_timesteps: usize,
) -> Result<CaseInputs, InputError> {
    let batch = shape.batch.max(1);
    if let Some(vocab) = shape.vocab {
        let ids: Vec<usize> = if let InputSource::Sentence(sentence) = source {
            let ws = words(sentence);
            if ws.is_empty() {
                return Err(InputError::NoWords);
            }
            ws.iter().map(|w| token_id(w, vocab)).collect()
        } else {
            let mut rng = Prng::new(seed ^ INPUT_SALT);
            let t = shape.timesteps.unwrap_or(DEFAULT_OPEN_TIMESTEPS);
            (0..t.min(max_timesteps))
                .map(|_| {
                    #[allow(
                        clippy::cast_possible_truncation,
                        clippy::cast_sign_loss,
                        reason = "a uniform [0, 1) draw times the vocabulary: 0 ≤ id < vocab"
                    )]
                    let id = (rng.next_f64() * vocab as f64) as usize;
                    id.min(vocab.saturating_sub(1))
                })
                .collect()
        };
        let t = shape.timesteps.unwrap_or(ids.len()).min(max_timesteps);
        if t == 0 {
            return Err(InputError::NoWords);
        }
        // Pad (with 0) or cut to the model's length; every example gets the same sentence.
        let tokens = Array2::from_shape_fn((batch, t), |(_, i)| ids.get(i).copied().unwrap_or(0));
        return Ok(CaseInputs::Tokens(tokens));
    }
    let features = shape.features.unwrap_or(1).max(1);
    if let InputSource::Manual(text) = source {
        let values = parse_manual(text, features, max_timesteps)?;
        let t = shape.timesteps.unwrap_or(values.dim().0);
        let x = Array3::from_shape_fn((batch, t, features), |(_, i, f)| {
            values.get([i, f]).copied().unwrap_or(0.0)
        });
        return Ok(CaseInputs::Features(x));
    }
    let t = shape
        .timesteps
        .unwrap_or(DEFAULT_OPEN_TIMESTEPS)
        .min(max_timesteps);
    let x = match source {
        InputSource::Sine => Array3::from_shape_fn((batch, t, features), |(b, i, f)| {
            let phase = f as f32 * 0.7 + b as f32 * 0.3;
            (std::f32::consts::TAU * i as f32 / 10.0 + phase).sin()
        }),
        InputSource::Step => {
            Array3::from_shape_fn(
                (batch, t, features),
                |(_, i, _)| {
                    if 2 * i >= t {
                        1.0
                    } else {
                        0.0
                    }
                },
            )
        }
        _ => {
            // Row-major like numpy: example, then timestep, then feature.
            let mut rng = Prng::new(seed ^ INPUT_SALT);
            let mut x = Array3::zeros((batch, t, features));
            for v in &mut x {
                #[allow(
                    clippy::cast_possible_truncation,
                    reason = "inputs are f32; a [0, 1) draw loses only precision"
                )]
                let draw = rng.next_f64() as f32;
                *v = draw;
            }
            x
        }
    };
    Ok(CaseInputs::Features(x))
}
