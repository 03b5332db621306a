//! One cost model for all the work a view asks of the page or the command line, counted
//! from the model document and the input's shape alone, before anything is allocated or
//! computed.
//!
//! | work | counted as | page ([`PAGE`]) | command line ([`CLI`]) |
//! |---|---|---|---|
//! | timesteps | `timesteps` | 1,000 | 10,000 |
//! | batch | `batch` | 64 | 1,024 |
//! | initializing the weights | one operation per drawn number, plus `2·n·k²` multiply-adds per orthogonal `(r, c)` recurrent kernel, `n = max(r, c)`, `k = min(r, c)` (Keras only; LSTM `(u, 4u)` is `8u³`, GRU `(u, 3u)` `6u³`, `SimpleRNN` `(u, u)` `2u³`) | 10⁸ | 2·10¹⁰ |
//! | input numbers (made, copied, written to the case) | `batch × timesteps × features` (× 1 for token ids) | 2,097,152 | — (the document's tensor limit) |
//! | forward pass | `batch × timesteps × directions × gates × (inputs + units) × units` per recurrent layer, `batch × timesteps × inputs × units` per dense layer | 2·10⁸ | 2·10⁹ |
//! | kept numbers (states, an LSTM's cell states, outputs) | per step and layer, `units × (directions × (2 for LSTM, else 1) + 1)` | 8,388,608 | — |
//! | one exported file or generated program | the numbers it writes | 4,194,304 | — |
//! | one training batch in the page | `3 × batch × timesteps × gates × (inputs + units) × units` (forward and backward) | 5·10⁷ (about 50 ms) | — |
//!
//! Each refusal is a [`CostError`] naming the work, what it needs, the limit and the knob
//! to turn ("4,000 units need about 1.3·10¹¹ operations to initialize; …").

use thiserror::Error;

use crate::rnn::{CellKind, InitScheme};

use super::spec::{LayerSpec, ModelSpec};

/// The limits of one place that does the work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Most timesteps.
    pub timesteps: usize,
    /// Most examples in a batch.
    pub batch: usize,
    /// Most operations to initialize the weights.
    pub init: u64,
    /// Most input numbers.
    pub input_numbers: u64,
    /// Most multiply-adds of one forward pass.
    pub forward: u64,
    /// Most kept numbers (hidden states, cell states, outputs); `u64::MAX` for none.
    pub kept_numbers: u64,
    /// Most numbers one exported file or generated program writes.
    pub export_numbers: u64,
    /// Most multiply-adds of one training batch.
    pub train_batch: u64,
}

/// The page's limits: each piece of work stays well under a second of wasm, so the tab
/// keeps answering.
pub const PAGE: Budget = Budget {
    timesteps: 1_000,
    batch: 64,
    init: 100_000_000,
    input_numbers: 2 * 1024 * 1024,
    forward: 200_000_000,
    kept_numbers: 8 * 1024 * 1024,
    export_numbers: 4 * 1024 * 1024,
    train_batch: 50_000_000,
};

/// The command line's limits: seconds of native work at most.
pub const CLI: Budget = Budget {
    timesteps: super::limits::MAX_TIMESTEPS,
    batch: super::limits::MAX_BATCH,
    init: 20_000_000_000,
    input_numbers: super::limits::MAX_TENSOR_ELEMENTS as u64,
    forward: super::limits::MAX_RUN_MULTIPLY_ADDS,
    kept_numbers: u64::MAX,
    export_numbers: u64::MAX,
    train_batch: u64::MAX,
};

/// What a view costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ViewCost {
    /// Operations to initialize the weights (0 for given weights).
    pub init: u64,
    /// The recurrent layer (1-based among all layers) and its units whose initialization
    /// costs most, if any layer costs anything.
    pub init_layer: Option<(usize, usize)>,
    /// Input numbers.
    pub input_numbers: u64,
    /// Multiply-adds of the forward pass.
    pub forward: u64,
    /// Kept numbers.
    pub kept_numbers: u64,
    /// Parameters.
    pub params: u64,
}

/// Why a piece of work is refused before it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum CostError {
    /// Too many timesteps.
    #[error(
        "{timesteps} timesteps is more than {limit}, the most computed here: use fewer timesteps"
    )]
    Timesteps {
        /// Requested.
        timesteps: usize,
        /// The limit.
        limit: usize,
    },
    /// Too large a batch.
    #[error("a batch of {batch} is more than {limit}, the most computed here: use fewer examples")]
    Batch {
        /// Requested.
        batch: usize,
        /// The limit.
        limit: usize,
    },
    /// Drawing the initial weights would take too long.
    #[error("layer {layer}'s {} units need about {} operations to initialize; at most {} are done at once: use fewer units, or another initializer than Keras' orthogonal one", group_thousands(*units as u64), approx(*needed), approx(*limit))]
    Initialize {
        /// 1-based position of the costliest layer.
        layer: usize,
        /// Its units.
        units: usize,
        /// Operations needed.
        needed: u64,
        /// The limit.
        limit: u64,
    },
    /// The inputs would not fit.
    #[error("{} examples × {} timesteps × {} features are about {} input numbers; at most {} are kept: use fewer examples, timesteps or features", group_thousands(*batch as u64), group_thousands(*timesteps as u64), group_thousands(*features as u64), approx(*needed), approx(*limit))]
    Inputs {
        /// Examples.
        batch: usize,
        /// Timesteps.
        timesteps: usize,
        /// Features per step.
        features: usize,
        /// Numbers needed.
        needed: u64,
        /// The limit.
        limit: u64,
    },
    /// The forward pass would take too long.
    #[error("this model on {} examples × {} timesteps needs about {} multiply-adds per run; at most {} are done at once: use fewer timesteps, units or examples", group_thousands(*batch as u64), group_thousands(*timesteps as u64), approx(*needed), approx(*limit))]
    Forward {
        /// Examples.
        batch: usize,
        /// Timesteps.
        timesteps: usize,
        /// Multiply-adds needed.
        needed: u64,
        /// The limit.
        limit: u64,
    },
    /// The kept states would not fit.
    #[error("this model keeps about {} hidden-state numbers; at most {} are kept: use fewer timesteps, units or examples", approx(*needed), approx(*limit))]
    Kept {
        /// Numbers needed.
        needed: u64,
        /// The limit.
        limit: u64,
    },
    /// One exported file would be too large.
    #[error("this file would hold about {} numbers; at most {} are written to one file: use fewer timesteps, units or examples", approx(*needed), approx(*limit))]
    Export {
        /// Numbers needed.
        needed: u64,
        /// The limit.
        limit: u64,
    },
    /// One training batch would hold the page for too long.
    #[error("one training batch of {} examples × {} timesteps with {} units needs about {} multiply-adds; at most {} fit in one step of the page: use a smaller batch, fewer timesteps or fewer units", group_thousands(*batch as u64), group_thousands(*timesteps as u64), group_thousands(*units as u64), approx(*needed), approx(*limit))]
    TrainBatch {
        /// Examples per batch.
        batch: usize,
        /// Timesteps.
        timesteps: usize,
        /// Hidden units.
        units: usize,
        /// Multiply-adds needed.
        needed: u64,
        /// The limit.
        limit: u64,
    },
}

/// `n` with its digits grouped by thousands (`4,000`).
#[must_use]
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// `n` for reading: grouped digits below a million (`4,000`), else one decimal and a power
/// of ten (`1.3·10¹¹`).
#[must_use]
pub fn approx(n: u64) -> String {
    if n < 1_000_000 {
        return group_thousands(n);
    }
    let mut exponent = 0u32;
    let mut scaled = n;
    while scaled >= 100 {
        scaled /= 10;
        exponent += 1;
    }
    // `scaled` has two digits; round with the next one.
    let rest = n / 10u64.pow(exponent.saturating_sub(1)) % 10;
    let mut tenths = scaled + u64::from(rest >= 5);
    if tenths >= 100 {
        tenths /= 10;
        exponent += 1;
    }
    let power = exponent + 1;
    format!("{}.{}·10{}", tenths / 10, tenths % 10, superscript(power))
}

fn superscript(n: u32) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string()
        .chars()
        .map(|c| c.to_digit(10).map_or(c, |d| DIGITS[d as usize]))
        .collect()
}

/// Operations to draw an orthogonal `(rows, cols)` matrix as [`crate::rnn::init::orthogonal`]
/// does: `n·k` normals and two passes of Gram-Schmidt, `2·n·k²` multiply-adds.
#[must_use]
pub fn orthogonal_cost(rows: usize, cols: usize) -> u64 {
    let (n, k) = (rows.max(cols) as u64, rows.min(cols) as u64);
    n.saturating_mul(k)
        .saturating_add(n.saturating_mul(k).saturating_mul(k).saturating_mul(2))
}

/// What `model` costs on a `(batch, timesteps)` input; `scheme` is the initializer, or
/// `None` when the weights are given.
#[must_use]
pub fn view_cost(
    model: &ModelSpec,
    scheme: Option<InitScheme>,
    batch: usize,
    timesteps: usize,
) -> ViewCost {
    let steps = (batch as u64).saturating_mul(timesteps as u64);
    let features = model.input.features.unwrap_or(1).max(1) as u64;
    let mut cost = ViewCost {
        input_numbers: steps.saturating_mul(features),
        ..ViewCost::default()
    };
    let mut worst_init = 0;
    let mut width = model.input.features.unwrap_or(0) as u64;
    for (index, layer) in model.layers.iter().enumerate() {
        let (forward, kept, params, init, out) = layer_cost(layer, steps, width, scheme);
        cost.forward = cost.forward.saturating_add(forward);
        cost.kept_numbers = cost.kept_numbers.saturating_add(kept);
        cost.params = cost.params.saturating_add(params);
        cost.init = cost.init.saturating_add(init);
        if init > worst_init {
            if let Some(r) = layer.recurrent() {
                worst_init = init;
                cost.init_layer = Some((index + 1, r.units));
            }
        }
        width = out;
    }
    cost
}

/// One layer on `steps` (batch × timesteps) whose input is `width` wide: forward
/// multiply-adds, kept numbers, parameters, initialization operations, output width.
fn layer_cost(
    layer: &LayerSpec,
    steps: u64,
    width: u64,
    scheme: Option<InitScheme>,
) -> (u64, u64, u64, u64, u64) {
    match layer {
        LayerSpec::Embedding(e) => {
            let dim = e.dim as u64;
            let params = (e.vocab as u64).saturating_mul(dim);
            let init = if scheme.is_some() { params } else { 0 };
            (0, steps.saturating_mul(dim), params, init, dim)
        }
        LayerSpec::SimpleRnn(_) | LayerSpec::Lstm(_) | LayerSpec::Gru(_) => {
            let Some(r) = layer.recurrent() else {
                return (0, 0, 0, 0, width);
            };
            let directions = r.directions() as u64;
            let units = r.units as u64;
            let gates = r.cell.gates() as u64;
            let per_step = (width.saturating_add(units))
                .saturating_mul(units)
                .saturating_mul(gates)
                .saturating_mul(directions);
            let per_direction = if r.cell == CellKind::Lstm { 2 } else { 1 };
            let kept = steps.saturating_mul(units.saturating_mul(directions * per_direction + 1));
            let bias = if r.use_bias {
                units.saturating_mul(gates).saturating_mul(2)
            } else {
                0
            };
            let params = per_step.saturating_add(bias.saturating_mul(directions));
            let orthogonal = orthogonal_cost(r.units, r.units.saturating_mul(r.cell.gates()));
            let init = match scheme {
                None => 0,
                Some(InitScheme::Keras) => {
                    params.saturating_add(orthogonal.saturating_mul(directions))
                }
                Some(InitScheme::PyTorch | InitScheme::Uniform01) => params,
            };
            (
                steps.saturating_mul(per_step),
                kept,
                params,
                init,
                r.output_width() as u64,
            )
        }
        LayerSpec::Dense(d) => {
            let units = d.units as u64;
            let params = width.saturating_mul(units).saturating_add(units);
            let init = if scheme.is_some() { params } else { 0 };
            (
                steps.saturating_mul(width.saturating_mul(units)),
                steps.saturating_mul(units),
                params,
                init,
                units,
            )
        }
    }
}

/// Checks every piece of work of `model` on a `(batch, timesteps)` input against
/// `budget`, before any of it runs.
///
/// # Errors
/// The first limit exceeded, in the order of the table above.
pub fn check_view(
    model: &ModelSpec,
    scheme: Option<InitScheme>,
    batch: usize,
    timesteps: usize,
    budget: &Budget,
) -> Result<ViewCost, CostError> {
    if timesteps > budget.timesteps {
        return Err(CostError::Timesteps {
            timesteps,
            limit: budget.timesteps,
        });
    }
    if batch > budget.batch {
        return Err(CostError::Batch {
            batch,
            limit: budget.batch,
        });
    }
    let cost = view_cost(model, scheme, batch, timesteps);
    if cost.init > budget.init {
        let (layer, units) = cost.init_layer.unwrap_or((1, 0));
        return Err(CostError::Initialize {
            layer,
            units,
            needed: cost.init,
            limit: budget.init,
        });
    }
    if cost.input_numbers > budget.input_numbers {
        return Err(CostError::Inputs {
            batch,
            timesteps,
            features: model.input.features.unwrap_or(1),
            needed: cost.input_numbers,
            limit: budget.input_numbers,
        });
    }
    if cost.forward > budget.forward {
        return Err(CostError::Forward {
            batch,
            timesteps,
            needed: cost.forward,
            limit: budget.forward,
        });
    }
    if cost.kept_numbers > budget.kept_numbers {
        return Err(CostError::Kept {
            needed: cost.kept_numbers,
            limit: budget.kept_numbers,
        });
    }
    Ok(cost)
}

/// Checks a file or program that writes `numbers` numbers against `budget`.
///
/// # Errors
/// [`CostError::Export`].
pub fn check_export(numbers: u64, budget: &Budget) -> Result<(), CostError> {
    if numbers > budget.export_numbers {
        return Err(CostError::Export {
            needed: numbers,
            limit: budget.export_numbers,
        });
    }
    Ok(())
}

/// Multiply-adds of one training batch of a single recurrent layer of `units` units and
/// `cell` on `features` inputs with a dense head of `outputs`: three times the forward
/// pass (forward, and backward through time).
#[must_use]
pub fn train_batch_cost(
    cell: CellKind,
    units: usize,
    features: usize,
    outputs: usize,
    batch: usize,
    timesteps: usize,
) -> u64 {
    let steps = (batch as u64).saturating_mul(timesteps as u64);
    let units = units as u64;
    let per_step = (features as u64)
        .saturating_add(units)
        .saturating_mul(units)
        .saturating_mul(cell.gates() as u64)
        .saturating_add(units.saturating_mul(outputs as u64));
    steps.saturating_mul(per_step).saturating_mul(3)
}

/// Checks one training batch against `budget`.
///
/// # Errors
/// [`CostError::TrainBatch`].
pub fn check_train_batch(
    cell: CellKind,
    units: usize,
    features: usize,
    outputs: usize,
    batch: usize,
    timesteps: usize,
    budget: &Budget,
) -> Result<u64, CostError> {
    let needed = train_batch_cost(cell, units, features, outputs, batch, timesteps);
    if needed > budget.train_batch {
        return Err(CostError::TrainBatch {
            batch,
            timesteps,
            units,
            needed,
            limit: budget.train_batch,
        });
    }
    Ok(needed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(json: &str) -> ModelSpec {
        ModelSpec::from_json(json).unwrap()
    }

    #[test]
    fn numbers_read_as_the_message_says() {
        assert_eq!(approx(4_000), "4,000");
        assert_eq!(approx(128_000_000_000), "1.3·10¹¹");
        assert_eq!(approx(100_000_000), "1.0·10⁸");
        assert_eq!(approx(2_097_152), "2.1·10⁶");
        assert_eq!(approx(9_960_000), "1.0·10⁷");
        assert_eq!(approx(u64::MAX), "1.8·10¹⁹");
    }

    #[test]
    fn orthogonal_initialization_is_cubic() {
        // SimpleRNN (u, u): 2u³; LSTM (u, 4u): 8u³; GRU (u, 3u): 6u³ (plus the draws).
        assert_eq!(orthogonal_cost(10, 10), 2 * 1_000 + 100);
        assert_eq!(orthogonal_cost(10, 40), 8 * 1_000 + 400);
        assert_eq!(orthogonal_cost(10, 30), 6 * 1_000 + 300);
    }

    #[test]
    fn a_4000_unit_keras_rnn_is_refused_before_initializing() {
        let m = model(
            r#"{"input": {"timesteps": 1, "features": 1},
                "layers": [{"type": "simple_rnn", "units": 4000}]}"#,
        );
        let error = check_view(&m, Some(InitScheme::Keras), 1, 1, &PAGE).unwrap_err();
        assert!(matches!(
            error,
            CostError::Initialize {
                layer: 1,
                units: 4000,
                ..
            }
        ));
        assert_eq!(
            error.to_string(),
            "layer 1's 4,000 units need about 1.3·10¹¹ operations to initialize; at most \
             1.0·10⁸ are done at once: use fewer units, or another initializer than Keras' \
             orthogonal one"
        );
        // Given weights cost nothing to draw; the forward pass is then what counts.
        assert!(check_view(&m, None, 1, 1, &PAGE).is_ok());
        // An LSTM's (u, 4u) kernel costs four times as much.
        let lstm = model(
            r#"{"input": {"timesteps": 1, "features": 1},
                "layers": [{"type": "lstm", "units": 300}]}"#,
        );
        let rnn = model(
            r#"{"input": {"timesteps": 1, "features": 1},
                "layers": [{"type": "simple_rnn", "units": 300}]}"#,
        );
        let l = view_cost(&lstm, Some(InitScheme::Keras), 1, 1).init;
        let r = view_cost(&rnn, Some(InitScheme::Keras), 1, 1).init;
        assert!(l > 3 * r && l < 5 * r, "{l} {r}");
    }

    #[test]
    fn inputs_are_inside_the_budget() {
        let m = model(
            r#"{"input": {"timesteps": 1000, "features": 4096, "batch": 48},
                "layers": [{"type": "simple_rnn", "units": 1}]}"#,
        );
        let error = check_view(&m, Some(InitScheme::Keras), 48, 1000, &PAGE).unwrap_err();
        assert!(
            matches!(
                error,
                CostError::Inputs {
                    batch: 48,
                    timesteps: 1000,
                    features: 4096,
                    ..
                }
            ),
            "{error:?}"
        );
    }

    #[test]
    fn todays_page_limits_stay() {
        let m = model(
            r#"{"input": {"timesteps": 10, "features": 4},
                "layers": [{"type": "simple_rnn", "units": 8}]}"#,
        );
        assert!(matches!(
            check_view(&m, Some(InitScheme::Keras), 1, 1001, &PAGE),
            Err(CostError::Timesteps { limit: 1000, .. })
        ));
        assert!(matches!(
            check_view(&m, Some(InitScheme::Keras), 65, 10, &PAGE),
            Err(CostError::Batch { limit: 64, .. })
        ));
        let wide = model(
            r#"{"input": {"timesteps": 1000, "features": 4},
                "layers": [{"type": "simple_rnn", "units": 400}]}"#,
        );
        assert!(matches!(
            check_view(&wide, Some(InitScheme::PyTorch), 4, 1000, &PAGE),
            Err(CostError::Forward { .. })
        ));
        assert!(check_export(PAGE.export_numbers, &PAGE).is_ok());
        assert!(check_export(PAGE.export_numbers + 1, &PAGE).is_err());
    }

    #[test]
    fn a_training_batch_is_bounded() {
        assert!(check_train_batch(CellKind::SimpleRnn, 256, 1, 1, 512, 200, &PAGE).is_err());
        assert!(check_train_batch(CellKind::SimpleRnn, 16, 1, 1, 32, 20, &PAGE).is_ok());
    }
}
