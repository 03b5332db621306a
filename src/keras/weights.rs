//! Reading a layer's weights out of HDF5 with `hdf5-pure`: Keras 3's `model.weights.h5`
//! (`layers/<path>/.../vars/0, 1, ...`) and the `.h5` format's `model_weights` group
//! (`<layer>/<weight name>` in the order of the layer's `weight_names` attribute). Every
//! dataset's declared shape is checked against what the config allows before it is read.

use hdf5_pure::{AttrValue, File, Group};

use super::error::KerasError;

/// One array as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Tensor {
    /// Its shape.
    pub shape: Vec<usize>,
    /// Its numbers, C order.
    pub data: Vec<f32>,
}

pub(crate) fn hdf5_error(error: &hdf5_pure::Error) -> KerasError {
    KerasError::Hdf5 {
        reason: error.to_string(),
    }
}

/// A string attribute (fixed or variable length, ASCII or UTF-8), if `value` is one.
pub(crate) fn attr_string(value: &AttrValue) -> Option<String> {
    match value {
        AttrValue::String(s)
        | AttrValue::AsciiString(s)
        | AttrValue::VarLenString(s)
        | AttrValue::VarLenAsciiString(s)
        | AttrValue::StringSized { value: s, .. }
        | AttrValue::AsciiStringSized { value: s, .. } => Some(s.clone()),
        AttrValue::U8Array(bytes) => String::from_utf8(bytes.clone()).ok(),
        _ => None,
    }
}

/// A list-of-strings attribute (`layer_names`, `weight_names`); an empty numeric array
/// (what h5py writes for an empty list) is an empty list.
pub(crate) fn attr_strings(value: &AttrValue) -> Option<Vec<String>> {
    match value {
        AttrValue::StringArray(v)
        | AttrValue::AsciiStringArray(v)
        | AttrValue::VarLenStringArray(v)
        | AttrValue::VarLenAsciiStringArray(v)
        | AttrValue::VarLenAsciiCharArray(v)
        | AttrValue::StringArraySized { values: v, .. }
        | AttrValue::AsciiStringArraySized { values: v, .. } => Some(v.clone()),
        AttrValue::F64Array(v) if v.is_empty() => Some(Vec::new()),
        AttrValue::F32Array(v) if v.is_empty() => Some(Vec::new()),
        other => attr_string(other).map(|s| vec![s]),
    }
}

/// The string attribute `key` of `group`, if it has one.
pub(crate) fn group_string(group: &Group, key: &str) -> Result<Option<String>, KerasError> {
    let attrs = group.attrs().map_err(|e| hdf5_error(&e))?;
    Ok(attrs.get(key).and_then(attr_string))
}

/// Reads one dataset, refusing it before reading when its declared size exceeds what is
/// left of the layer's parameter `budget` (which it then takes from).
fn read_dataset(
    group: &Group,
    path: &str,
    layer: &str,
    budget: &mut (u64, u64),
) -> Result<Tensor, KerasError> {
    let dataset = group
        .dataset(path)
        .map_err(|e| KerasError::MissingWeights {
            name: layer.to_owned(),
            detail: format!("no dataset \"{path}\": {e}"),
        })?;
    let dims = dataset.shape().map_err(|e| hdf5_error(&e))?;
    let count = dims
        .iter()
        .try_fold(1u64, |n, &d| n.checked_mul(d))
        .unwrap_or(u64::MAX);
    let (used, expected) = budget;
    let found = used.saturating_add(count);
    if found > *expected {
        return Err(KerasError::WeightsTooLarge {
            name: layer.to_owned(),
            found,
            expected: *expected,
        });
    }
    *used = found;
    let shape = dims
        .iter()
        .map(|&d| usize::try_from(d).unwrap_or(usize::MAX))
        .collect();
    let data = dataset.read_f32().map_err(|e| hdf5_error(&e))?;
    if data.len() as u64 != count {
        return Err(KerasError::Hdf5 {
            reason: format!(
                "dataset \"{path}\" holds {} of its {count} numbers",
                data.len()
            ),
        });
    }
    Ok(Tensor { shape, data })
}

/// A layer's weights in the `.h5` format: the datasets its `weight_names` attribute lists,
/// in that order, under `model_weights/<layer>`.
///
/// # Errors
/// [`KerasError::MissingWeights`] when the layer's group or a listed dataset is absent,
/// [`KerasError::WeightsTooLarge`] when the file declares more than `params` numbers.
pub fn legacy_layer(file: &File, layer: &str, params: u64) -> Result<Vec<Tensor>, KerasError> {
    let group =
        file.group(&format!("model_weights/{layer}"))
            .map_err(|e| KerasError::MissingWeights {
                name: layer.to_owned(),
                detail: format!("no group \"model_weights/{layer}\": {e}"),
            })?;
    let attrs = group.attrs().map_err(|e| hdf5_error(&e))?;
    let names = attrs
        .get("weight_names")
        .map(|v| attr_strings(v).unwrap_or_default())
        .unwrap_or_default();
    let mut budget = (0, params);
    names
        .iter()
        .map(|name| read_dataset(&group, name, layer, &mut budget))
        .collect()
}

/// The sub-paths of a layer's group that hold its variables, in `get_weights()` order.
fn variable_groups(class: &str) -> &'static [&'static str] {
    match class {
        "SimpleRNN" | "LSTM" | "GRU" => &["cell/vars"],
        "Bidirectional" => &["forward_layer/cell/vars", "backward_layer/cell/vars"],
        "TimeDistributed" => &["layer/vars"],
        _ => &["vars"],
    }
}

/// The group name Keras gives a layer class under `layers/`: its class in snake case.
pub fn snake_case(class: &str) -> String {
    match class {
        "SimpleRNN" => "simple_rnn".to_owned(),
        "LSTM" => "lstm".to_owned(),
        "GRU" => "gru".to_owned(),
        "TimeDistributed" => "time_distributed".to_owned(),
        other => other.to_lowercase(),
    }
}

/// A layer's group under `layers/` in a `.keras` file: Keras names it after the class,
/// counted per class in model order (`gru`, `gru_1`, ...); Keras 3 also writes the
/// layer's own name on its `vars` group, which is preferred when it is there.
pub fn keras_layer_path(file: &File, layer: &str, counted: &str) -> Result<String, KerasError> {
    let named = |path: &str| -> Result<Option<String>, KerasError> {
        match file.group(&format!("layers/{path}/vars")) {
            Ok(vars) => group_string(&vars, "name"),
            Err(_) => Ok(None),
        }
    };
    match named(counted)? {
        Some(name) if name != layer => {}
        _ => return Ok(counted.to_owned()),
    }
    let layers = file.group("layers").map_err(|e| hdf5_error(&e))?;
    for path in layers.groups().map_err(|e| hdf5_error(&e))? {
        if named(&path)?.as_deref() == Some(layer) {
            return Ok(path);
        }
    }
    Err(KerasError::MissingWeights {
        name: layer.to_owned(),
        detail: format!("no group \"layers/{counted}\" named \"{layer}\""),
    })
}

/// A layer's weights in a `.keras` file's `model.weights.h5`: the datasets `0, 1, ...` of
/// each of its variable groups.
///
/// # Errors
/// As [`legacy_layer`].
pub fn keras_layer(
    file: &File,
    path: &str,
    class: &str,
    layer: &str,
    params: u64,
) -> Result<Vec<Tensor>, KerasError> {
    let mut budget = (0, params);
    let mut tensors = Vec::new();
    for part in variable_groups(class) {
        let at = format!("layers/{path}/{part}");
        let group = file.group(&at).map_err(|e| KerasError::MissingWeights {
            name: layer.to_owned(),
            detail: format!("no group \"{at}\": {e}"),
        })?;
        let mut indices: Vec<(u64, String)> = group
            .datasets()
            .map_err(|e| hdf5_error(&e))?
            .into_iter()
            .filter_map(|name| name.parse::<u64>().ok().map(|i| (i, name)))
            .collect();
        indices.sort_unstable();
        for (_, name) in indices {
            tensors.push(read_dataset(&group, &name, layer, &mut budget)?);
        }
    }
    Ok(tensors)
}
