//! Case documents: a model plus its weights (or a seeded initializer) and its inputs,
//! checked against the model's shapes.

use ndarray::{Array1, Array2, Array3, ArrayView, Dimension};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use super::error::{Dims, GateLayout, GateTensor, LayerRef, ModelError};
use super::json::{Bounded, RawDocument, RawLayerWeights, RawRnnWeights, Tensor};
use super::limits::{MAX_BATCH, MAX_RUN_MULTIPLY_ADDS, MAX_TIMESTEPS};
use super::spec::{CellKind, InitSpec, LayerSpec, ModelSpec, RecurrentSettings};
use super::validate::ModelInfo;

/// A model with everything needed to run it.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseSpec {
    /// The model.
    pub model: ModelSpec,
    /// Where the weights come from.
    pub parameters: CaseParameters,
    /// The input batch.
    pub inputs: CaseInputs,
}

impl Serialize for CaseSpec {
    /// The case document: the model's fields, then `init` or `weights`, then `inputs`;
    /// [`CaseSpec::from_json`] reads it back to an equal case (numbers are written with
    /// the shortest text that reads back to the same `f32`).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if let Some(name) = &self.model.name {
            map.serialize_entry("name", name)?;
        }
        map.serialize_entry("input", &self.model.input)?;
        map.serialize_entry("layers", &self.model.layers)?;
        match &self.parameters {
            CaseParameters::Init(init) => map.serialize_entry("init", init)?,
            CaseParameters::Weights(weights) => map.serialize_entry("weights", weights)?,
        }
        match &self.inputs {
            CaseInputs::Features(values) => {
                map.serialize_entry("inputs", &NestedArray(values.view()))?;
            }
            CaseInputs::Tokens(ids) => {
                let rows: Vec<Vec<usize>> = ids.outer_iter().map(|row| row.to_vec()).collect();
                map.serialize_entry("inputs", &rows)?;
            }
        }
        map.end()
    }
}

/// Where a case's weights come from.
#[derive(Debug, Clone, PartialEq)]
pub enum CaseParameters {
    /// Given explicitly, one entry per layer, already checked against the model's shapes.
    Weights(Vec<LayerWeights>),
    /// Drawn by a seeded initializer.
    Init(InitSpec),
}

/// The weights of one recurrent direction of any cell, Keras layout: `g` gate blocks of
/// `units` on the last axis (`SimpleRNN` 1; LSTM 4, `i, f, c, o`; GRU 3, `z, r, h`).
#[derive(Debug, Clone, PartialEq)]
pub struct RnnWeights {
    /// `(input features, g·units)`: multiplies `x_t`.
    pub kernel: Array2<f32>,
    /// `(units, g·units)`: multiplies `h_{t-1}`.
    pub recurrent_kernel: Array2<f32>,
    /// `(g·units,)`, absent when `use_bias` is false; for a GRU with `reset_after`, row 0
    /// of Keras's `(2, 3·units)` bias (the input bias).
    pub bias: Option<Array1<f32>>,
    /// A GRU with `reset_after` and a bias: row 1 of Keras's `(2, 3·units)` bias (the
    /// recurrent bias, added to `h_{t-1}·recurrent_kernel`); `None` for every other layer.
    pub recurrent_bias: Option<Array1<f32>>,
}

/// The weights of one layer, Keras `get_weights()` layout.
#[derive(Debug, Clone, PartialEq)]
#[allow(
    clippy::large_enum_variant,
    reason = "one entry per layer, a handful; boxing would only add indirection to matches"
)]
pub enum LayerWeights {
    /// `embeddings`: `(vocab, dim)`.
    Embedding {
        /// One row per token id.
        embeddings: Array2<f32>,
    },
    /// A one-direction `SimpleRNN`.
    SimpleRnn(RnnWeights),
    /// A one-direction `LSTM`.
    Lstm(RnnWeights),
    /// A one-direction `GRU`.
    Gru(RnnWeights),
    /// A `Bidirectional` layer of any cell: two independent cells.
    Bidirectional {
        /// Reads the sequence first to last.
        forward: RnnWeights,
        /// Reads the sequence last to first.
        backward: RnnWeights,
    },
    /// A `Dense` layer.
    Dense {
        /// `(input features, units)`.
        kernel: Array2<f32>,
        /// `(units,)`, absent when `use_bias` is false.
        bias: Option<Array1<f32>>,
    },
}

/// The input batch of a case.
#[derive(Debug, Clone, PartialEq)]
pub enum CaseInputs {
    /// `(batch, timesteps, features)` numbers.
    Features(Array3<f32>),
    /// `(batch, timesteps)` token ids, for a model that starts with an embedding.
    Tokens(Array2<usize>),
}

impl CaseInputs {
    /// Examples in the batch.
    #[must_use]
    pub fn batch(&self) -> usize {
        match self {
            Self::Features(values) => values.dim().0,
            Self::Tokens(ids) => ids.dim().0,
        }
    }

    /// Sequence length.
    #[must_use]
    pub fn timesteps(&self) -> usize {
        match self {
            Self::Features(values) => values.dim().1,
            Self::Tokens(ids) => ids.dim().1,
        }
    }
}

/// Serializes an array as nested JSON arrays (the layout documents use).
pub struct NestedArray<'a, D: Dimension>(pub ArrayView<'a, f32, D>);

impl<D: Dimension> Serialize for NestedArray<'_, D> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        fn nest<S: Serializer>(
            view: ndarray::ArrayViewD<'_, f32>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            if view.ndim() == 0 {
                return serializer.serialize_f32(view.iter().next().copied().unwrap_or(0.0));
            }
            let mut seq = serializer.serialize_seq(Some(view.len_of(ndarray::Axis(0))))?;
            for item in view.outer_iter() {
                seq.serialize_element(&NestedDyn(item))?;
            }
            seq.end()
        }
        struct NestedDyn<'b>(ndarray::ArrayViewD<'b, f32>);
        impl Serialize for NestedDyn<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                nest(self.0.view(), serializer)
            }
        }
        nest(self.0.view().into_dyn(), serializer)
    }
}

impl RnnWeights {
    /// The bias as Keras's `get_weights()` holds it: `(g·units,)`, or `(2, 3·units)` for a
    /// GRU with `reset_after`.
    #[must_use]
    pub fn keras_bias(&self) -> Option<ndarray::ArrayD<f32>> {
        match (&self.bias, &self.recurrent_bias) {
            (Some(b), Some(r)) => ndarray::stack(ndarray::Axis(0), &[b.view(), r.view()])
                .ok()
                .map(ndarray::Array::into_dyn),
            (Some(b), None) => Some(b.clone().into_dyn()),
            (None, _) => None,
        }
    }

    /// Numbers in the three tensors.
    #[must_use]
    pub fn len(&self) -> usize {
        self.kernel.len()
            + self.recurrent_kernel.len()
            + self.bias.as_ref().map_or(0, Array1::len)
            + self.recurrent_bias.as_ref().map_or(0, Array1::len)
    }

    /// Whether there are no numbers (never, for checked weights).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Serialize for RnnWeights {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("kernel", &NestedArray(self.kernel.view()))?;
        map.serialize_entry(
            "recurrent_kernel",
            &NestedArray(self.recurrent_kernel.view()),
        )?;
        if let Some(bias) = self.keras_bias() {
            map.serialize_entry("bias", &NestedArray(bias.view()))?;
        }
        map.end()
    }
}

impl Serialize for LayerWeights {
    /// The same layout a case document uses for `"weights"` entries.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::SimpleRnn(weights) | Self::Lstm(weights) | Self::Gru(weights) => {
                weights.serialize(serializer)
            }
            Self::Embedding { embeddings } => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("embeddings", &NestedArray(embeddings.view()))?;
                map.end()
            }
            Self::Bidirectional { forward, backward } => {
                let mut map = serializer.serialize_map(Some(2))?;
                map.serialize_entry("forward", forward)?;
                map.serialize_entry("backward", backward)?;
                map.end()
            }
            Self::Dense { kernel, bias } => {
                let mut map = serializer.serialize_map(None)?;
                map.serialize_entry("kernel", &NestedArray(kernel.view()))?;
                if let Some(bias) = bias {
                    map.serialize_entry("bias", &NestedArray(bias.view()))?;
                }
                map.end()
            }
        }
    }
}

/// Checks one tensor's shape and turns it into a 2-D array.
fn matrix(
    layer: LayerRef,
    name: &str,
    tensor: Option<Tensor>,
    expected: [usize; 2],
) -> Result<Array2<f32>, ModelError> {
    let tensor = tensor.ok_or_else(|| ModelError::MissingWeight {
        layer,
        tensor: name.to_string(),
        expected: Dims(expected.to_vec()),
    })?;
    let found = Dims(tensor.shape.clone());
    let wrong = || ModelError::WeightShape {
        layer,
        tensor: name.to_string(),
        expected: Dims(expected.to_vec()),
        found: found.clone(),
    };
    if tensor.shape != expected {
        return Err(wrong());
    }
    Array2::from_shape_vec((expected[0], expected[1]), tensor.data).map_err(|_| wrong())
}

/// Checks an optional bias: present with `(units,)` when `use_bias`, absent otherwise.
fn bias(
    layer: LayerRef,
    name: &str,
    tensor: Option<Tensor>,
    units: usize,
    use_bias: bool,
) -> Result<Option<Array1<f32>>, ModelError> {
    match (tensor, use_bias) {
        (None, false) => Ok(None),
        (Some(_), false) => Err(ModelError::UnexpectedWeight {
            layer,
            tensor: name.to_string(),
            hint: "the layer has \"use_bias\": false; remove the bias or set \"use_bias\": true",
        }),
        (None, true) => Err(ModelError::MissingWeight {
            layer,
            tensor: name.to_string(),
            expected: Dims(vec![units]),
        }),
        (Some(tensor), true) => {
            if tensor.shape != [units] {
                return Err(ModelError::WeightShape {
                    layer,
                    tensor: name.to_string(),
                    expected: Dims(vec![units]),
                    found: Dims(tensor.shape.clone()),
                });
            }
            Ok(Some(Array1::from_vec(tensor.data)))
        }
    }
}

/// Checks a gated cell's tensor shape, naming the gate layout when it is wrong.
fn gated_matrix(
    layer: LayerRef,
    name: &str,
    tensor: Option<Tensor>,
    expected: [usize; 2],
    layout: GateLayout,
) -> Result<Array2<f32>, ModelError> {
    matrix(layer, name, tensor, expected).map_err(|err| match err {
        ModelError::WeightShape {
            layer,
            tensor,
            expected,
            found,
        } => ModelError::GateWeightShape {
            layer,
            tensor,
            expected,
            found,
            layout,
        },
        other => other,
    })
}

/// One recurrent direction's weights, checked against the layer's cell and sizes.
fn rnn_weights(
    layer: LayerRef,
    prefix: &str,
    raw: RawRnnWeights,
    incoming: usize,
    rnn: &RecurrentSettings,
) -> Result<RnnWeights, ModelError> {
    let units = rnn.units;
    let name = |tensor: &str| format!("{prefix}{tensor}");
    if rnn.cell == CellKind::SimpleRnn {
        return Ok(RnnWeights {
            kernel: matrix(layer, &name("kernel"), raw.kernel, [incoming, units])?,
            recurrent_kernel: matrix(
                layer,
                &name("recurrent_kernel"),
                raw.recurrent_kernel,
                [units, units],
            )?,
            bias: bias(layer, &name("bias"), raw.bias, units, rnn.use_bias)?,
            recurrent_bias: None,
        });
    }
    let n = rnn.cell.gates() * units;
    let layout = |tensor| GateLayout {
        cell: rnn.cell,
        tensor,
        reset_after: rnn.reset_after,
    };
    let kernel = gated_matrix(
        layer,
        &name("kernel"),
        raw.kernel,
        [incoming, n],
        layout(GateTensor::Kernel),
    )?;
    let recurrent_kernel = gated_matrix(
        layer,
        &name("recurrent_kernel"),
        raw.recurrent_kernel,
        [units, n],
        layout(GateTensor::RecurrentKernel),
    )?;
    let two_rows = rnn.cell == CellKind::Gru && rnn.reset_after;
    let (bias, recurrent_bias) = if two_rows && rnn.use_bias {
        let both = gated_matrix(
            layer,
            &name("bias"),
            raw.bias,
            [2, n],
            layout(GateTensor::Bias),
        )?;
        (Some(both.row(0).to_owned()), Some(both.row(1).to_owned()))
    } else {
        let checked =
            bias(layer, &name("bias"), raw.bias, n, rnn.use_bias).map_err(|err| match err {
                ModelError::WeightShape {
                    layer,
                    tensor,
                    expected,
                    found,
                } => ModelError::GateWeightShape {
                    layer,
                    tensor,
                    expected,
                    found,
                    layout: layout(GateTensor::Bias),
                },
                ModelError::MissingWeight {
                    layer,
                    tensor,
                    expected,
                } if two_rows => ModelError::MissingWeight {
                    layer,
                    tensor,
                    expected: Dims(vec![2, expected.0.first().copied().unwrap_or(n)]),
                },
                other => other,
            })?;
        (checked, None)
    };
    Ok(RnnWeights {
        kernel,
        recurrent_kernel,
        bias,
        recurrent_bias,
    })
}

/// Refuses a tensor the layer type does not have.
fn refuse(
    layer: LayerRef,
    name: &str,
    present: bool,
    hint: &'static str,
) -> Result<(), ModelError> {
    if present {
        return Err(ModelError::UnexpectedWeight {
            layer,
            tensor: name.to_string(),
            hint,
        });
    }
    Ok(())
}

/// One layer's raw weights checked against its spec (what a case document's `weights`
/// entry goes through).
pub(crate) fn checked_layer_weights(
    layer: LayerRef,
    spec: &LayerSpec,
    raw: RawLayerWeights,
    incoming: usize,
) -> Result<LayerWeights, ModelError> {
    layer_weights(layer, spec, raw, incoming)
}

fn layer_weights(
    layer: LayerRef,
    spec: &LayerSpec,
    raw: RawLayerWeights,
    incoming: usize,
) -> Result<LayerWeights, ModelError> {
    match spec {
        LayerSpec::Embedding(embedding) => {
            let hint = "an embedding has only \"embeddings\"";
            refuse(layer, "kernel", raw.kernel.is_some(), hint)?;
            refuse(
                layer,
                "recurrent_kernel",
                raw.recurrent_kernel.is_some(),
                hint,
            )?;
            refuse(layer, "bias", raw.bias.is_some(), hint)?;
            refuse(layer, "forward", raw.forward.is_some(), hint)?;
            refuse(layer, "backward", raw.backward.is_some(), hint)?;
            Ok(LayerWeights::Embedding {
                embeddings: matrix(
                    layer,
                    "embeddings",
                    raw.embeddings,
                    [embedding.vocab, embedding.dim],
                )?,
            })
        }
        LayerSpec::SimpleRnn(l) => recurrent_layer_weights(layer, &l.settings(), raw, incoming),
        LayerSpec::Lstm(l) => recurrent_layer_weights(layer, &l.settings(), raw, incoming),
        LayerSpec::Gru(l) => recurrent_layer_weights(layer, &l.settings(), raw, incoming),
        LayerSpec::Dense(dense) => {
            let hint = "a dense layer has \"kernel\" and \"bias\"";
            refuse(layer, "embeddings", raw.embeddings.is_some(), hint)?;
            refuse(
                layer,
                "recurrent_kernel",
                raw.recurrent_kernel.is_some(),
                hint,
            )?;
            refuse(layer, "forward", raw.forward.is_some(), hint)?;
            refuse(layer, "backward", raw.backward.is_some(), hint)?;
            Ok(LayerWeights::Dense {
                kernel: matrix(layer, "kernel", raw.kernel, [incoming, dense.units])?,
                bias: bias(layer, "bias", raw.bias, dense.units, dense.use_bias)?,
            })
        }
    }
}

/// The weights of a recurrent layer (one direction, or `forward` and `backward`).
fn recurrent_layer_weights(
    layer: LayerRef,
    rnn: &RecurrentSettings,
    raw: RawLayerWeights,
    incoming: usize,
) -> Result<LayerWeights, ModelError> {
    if rnn.bidirectional.is_some() {
        let hint = "a bidirectional layer takes \"forward\" and \"backward\", each with \"kernel\", \"recurrent_kernel\" and \"bias\"";
        refuse(layer, "embeddings", raw.embeddings.is_some(), hint)?;
        refuse(layer, "kernel", raw.kernel.is_some(), hint)?;
        refuse(
            layer,
            "recurrent_kernel",
            raw.recurrent_kernel.is_some(),
            hint,
        )?;
        refuse(layer, "bias", raw.bias.is_some(), hint)?;
        let direction = |name: &'static str, raw: Option<RawRnnWeights>| match raw {
            Some(raw) => rnn_weights(layer, &format!("{name}."), raw, incoming, rnn),
            None => Err(ModelError::MissingDirection {
                layer,
                direction: name,
            }),
        };
        return Ok(LayerWeights::Bidirectional {
            forward: direction("forward", raw.forward)?,
            backward: direction("backward", raw.backward)?,
        });
    }
    let hint = match rnn.cell {
        CellKind::SimpleRnn => "a simple_rnn has \"kernel\", \"recurrent_kernel\" and \"bias\"",
        CellKind::Lstm => "an lstm has \"kernel\", \"recurrent_kernel\" and \"bias\"",
        CellKind::Gru => "a gru has \"kernel\", \"recurrent_kernel\" and \"bias\"",
    };
    refuse(layer, "embeddings", raw.embeddings.is_some(), hint)?;
    refuse(layer, "forward", raw.forward.is_some(), hint)?;
    refuse(layer, "backward", raw.backward.is_some(), hint)?;
    let direction = RawRnnWeights {
        kernel: raw.kernel,
        recurrent_kernel: raw.recurrent_kernel,
        bias: raw.bias,
    };
    let weights = rnn_weights(layer, "", direction, incoming, rnn)?;
    Ok(match rnn.cell {
        CellKind::SimpleRnn => LayerWeights::SimpleRnn(weights),
        CellKind::Lstm => LayerWeights::Lstm(weights),
        CellKind::Gru => LayerWeights::Gru(weights),
    })
}

/// Shape text with `?` for sizes the model leaves open: `(?, 10, 4)`.
fn open_shape(dims: &[Option<usize>]) -> String {
    let parts: Vec<String> = dims
        .iter()
        .map(|dim| dim.map_or_else(|| "?".to_string(), |size| size.to_string()))
        .collect();
    format!("({})", parts.join(", "))
}

fn case_inputs(
    model: &ModelSpec,
    info: &ModelInfo,
    tensor: &Tensor,
) -> Result<CaseInputs, ModelError> {
    let expected = &info.input_shape.0;
    let wrong = || ModelError::InputShape {
        expected: open_shape(expected),
        found: Dims(tensor.shape.clone()),
    };
    if tensor.shape.len() != expected.len() {
        return Err(wrong());
    }
    for (given, wanted) in tensor.shape.iter().zip(expected) {
        if wanted.is_some_and(|wanted| wanted != *given) || *given == 0 {
            return Err(wrong());
        }
    }
    let (batch, timesteps) = (tensor.shape[0], tensor.shape[1]);
    if batch > MAX_BATCH {
        return Err(ModelError::TooLarge {
            at: "inputs".to_string(),
            field: "batch",
            value: batch as u64,
            max: MAX_BATCH as u64,
        });
    }
    if timesteps > MAX_TIMESTEPS {
        return Err(ModelError::TooLarge {
            at: "inputs".to_string(),
            field: "timesteps",
            value: timesteps as u64,
            max: MAX_TIMESTEPS as u64,
        });
    }
    match model.layers.first() {
        Some(LayerSpec::Embedding(embedding)) => {
            let mut ids = Vec::with_capacity(tensor.data.len());
            for (position, &value) in tensor.data.iter().enumerate() {
                let valid = value >= 0.0 && value.fract() == 0.0 && value < embedding.vocab as f32;
                if !valid {
                    return Err(ModelError::BadToken {
                        batch: position / timesteps,
                        step: position % timesteps,
                        value: value.to_string(),
                        last: embedding.vocab - 1,
                    });
                }
                #[allow(
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    reason = "checked above: a whole number in 0..vocab, so the cast is exact"
                )]
                ids.push(value as usize);
            }
            Array2::from_shape_vec((batch, timesteps), ids)
                .map(CaseInputs::Tokens)
                .map_err(|_| wrong())
        }
        _ => Array3::from_shape_vec((batch, timesteps, tensor.shape[2]), tensor.data.clone())
            .map(CaseInputs::Features)
            .map_err(|_| wrong()),
    }
}

/// Rough multiply-adds of one run: recurrent layers dominate.
fn run_work(model: &ModelSpec, info: &ModelInfo, batch: usize, timesteps: usize) -> u64 {
    let steps = batch as u64 * timesteps as u64;
    model
        .layers
        .iter()
        .zip(&info.layers)
        .map(|(layer, layer_info)| match layer.recurrent() {
            Some(rnn) => {
                let directions = rnn.directions() as u64;
                let gates = rnn.cell.gates() as u64;
                let incoming = layer_info.input_shape.last().unwrap_or(0) as u64;
                steps * directions * gates * (incoming + rnn.units as u64) * rnn.units as u64
            }
            None => steps * layer_info.keras_params,
        })
        .fold(0u64, u64::saturating_add)
}

/// Checks a raw `weights` list against the model, layer by layer.
fn checked_weights(
    model: &ModelSpec,
    info: &ModelInfo,
    weights: Bounded<RawLayerWeights>,
) -> Result<Vec<LayerWeights>, ModelError> {
    if weights.0.len() != model.layers.len() {
        return Err(ModelError::WeightsCount {
            expected: model.layers.len(),
            found: weights.0.len(),
        });
    }
    let mut layers = Vec::with_capacity(weights.0.len());
    for (index, ((spec, layer_info), raw)) in model
        .layers
        .iter()
        .zip(&info.layers)
        .zip(weights.0)
        .enumerate()
    {
        let layer = LayerRef {
            index,
            kind: spec.kind(),
        };
        let incoming = layer_info.input_shape.last().unwrap_or(0);
        layers.push(layer_weights(layer, spec, raw, incoming)?);
    }
    Ok(layers)
}

/// Reads a case document's `weights` list (the JSON array alone) and checks it against
/// `model`: what a link carries beside its model.
///
/// # Errors
/// A [`ModelError`] naming the JSON path or layer and what would fix it.
pub fn weights_from_json(model: &ModelSpec, text: &str) -> Result<Vec<LayerWeights>, ModelError> {
    let info = model.validate()?;
    checked_weights(model, &info, super::json::read_weights(text)?)
}

/// The number of values in `weights`, every tensor of every layer.
#[must_use]
pub fn weight_count(weights: &[LayerWeights]) -> usize {
    weights
        .iter()
        .map(|layer| match layer {
            LayerWeights::Embedding { embeddings } => embeddings.len(),
            LayerWeights::SimpleRnn(w) | LayerWeights::Lstm(w) | LayerWeights::Gru(w) => w.len(),
            LayerWeights::Bidirectional { forward, backward } => forward.len() + backward.len(),
            LayerWeights::Dense { kernel, bias } => {
                kernel.len() + bias.as_ref().map_or(0, Array1::len)
            }
        })
        .sum()
}

/// Builds a checked case from a raw document whose model part is already a valid spec.
pub(crate) fn case_from_raw(
    model: ModelSpec,
    info: &ModelInfo,
    raw: RawDocument,
) -> Result<CaseSpec, ModelError> {
    let parameters = match (raw.weights, raw.init) {
        (Some(_), Some(_)) => {
            return Err(ModelError::WeightsOrInit("remove one of them"));
        }
        (None, None) => return Err(ModelError::WeightsOrInit("add one of them")),
        (None, Some(init)) => CaseParameters::Init(init),
        (Some(weights), None) => CaseParameters::Weights(checked_weights(&model, info, weights)?),
    };
    let tensor = raw.inputs.ok_or(ModelError::MissingInputs)?;
    let inputs = case_inputs(&model, info, &tensor)?;
    if let CaseParameters::Init(init) = &parameters {
        // Drawing the weights comes first; an orthogonal QR is cubic in the units.
        let cost = super::cost::view_cost(&model, Some(init.scheme), 0, 0);
        if cost.init > super::cost::CLI.init {
            let (layer, units) = cost.init_layer.unwrap_or((1, 0));
            return Err(super::cost::CostError::Initialize {
                layer,
                units,
                needed: cost.init,
                limit: super::cost::CLI.init,
            }
            .into());
        }
    }
    let work = run_work(&model, info, inputs.batch(), inputs.timesteps());
    if work > MAX_RUN_MULTIPLY_ADDS {
        return Err(ModelError::RunTooLarge {
            work,
            max: MAX_RUN_MULTIPLY_ADDS,
        });
    }
    Ok(CaseSpec {
        model,
        parameters,
        inputs,
    })
}
