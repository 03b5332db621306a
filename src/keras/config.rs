//! A saved model's config (Keras 3's `config.json`, tf.keras 2's `model_config`) as a
//! chain of layers: each supported layer becomes a document layer with its Keras name, the
//! identity layers (dropout, noise) are kept for the summary, anything else is refused.

use serde_json::{Map, Value};

use super::classes::IDENTITY_CLASSES;
use super::error::{KerasError, SettingHint};
use crate::model::{
    DenseActivation, DenseSpec, EmbeddingSpec, GruSpec, InputSpec, LayerSpec, LstmSpec, MergeMode,
    RnnActivation, SimpleRnnSpec,
};

/// One layer of the file, in model order (the `InputLayer` is not one).
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigLayer {
    /// The layer's name in the model.
    pub name: String,
    /// Its Keras class (`TimeDistributed` for a wrapped Dense).
    pub class: String,
    /// What it computes: a document layer, or nothing.
    pub spec: Option<LayerSpec>,
}

/// The config read: model name, input and the chain of layers.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelConfig {
    /// The model's name.
    pub name: Option<String>,
    /// The input as the first layer receives it.
    pub input: InputSpec,
    /// Every layer but the input, first to last.
    pub layers: Vec<ConfigLayer>,
    /// A functional model's input layer name (its summary lists it; a `Sequential`'s does
    /// not).
    pub input_layer: Option<String>,
}

fn config_error(reason: impl Into<String>) -> KerasError {
    KerasError::Config {
        reason: reason.into(),
    }
}

/// `object[key]` as an object, or the error naming `at`.
fn object<'a>(value: &'a Value, at: &str) -> Result<&'a Map<String, Value>, KerasError> {
    value
        .as_object()
        .ok_or_else(|| config_error(format!("{at} is not a JSON object")))
}

fn string<'a>(map: &'a Map<String, Value>, key: &str, at: &str) -> Result<&'a str, KerasError> {
    map.get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| config_error(format!("{at} has no \"{key}\" text")))
}

/// Reads the whole config document (the zip's `config.json` or the `model_config`
/// attribute). `keras2` says the file was written by Keras 2, whose `hard_sigmoid`
/// differs from Keras 3's.
///
/// # Errors
/// [`KerasError::Config`] for JSON that is not a Keras config, and the refusals of
/// unsupported models, layers and settings.
pub fn read_config(text: &str, keras2: bool) -> Result<ModelConfig, KerasError> {
    let root: Value =
        serde_json::from_str(text).map_err(|e| config_error(format!("not JSON: {e}")))?;
    let root = object(&root, "the config")?;
    let class = string(root, "class_name", "the config")?;
    let config = object(
        root.get("config").unwrap_or(&Value::Null),
        "the model's \"config\"",
    )?;
    let name = config
        .get("name")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let layers = config
        .get("layers")
        .and_then(Value::as_array)
        .ok_or_else(|| config_error("the model's config has no \"layers\" list"))?;
    let ordered = match class {
        "Sequential" => layers.iter().collect(),
        "Functional" | "Model" => super::graph::chain(config, layers)?,
        other => {
            return Err(KerasError::UnsupportedModel {
                class: other.to_owned(),
            })
        }
    };
    let functional = class != "Sequential";
    let mut input_layer = None;
    let mut input_shape: Option<Vec<Option<usize>>> = None;
    let mut chain = Vec::new();
    for (position, layer) in ordered.into_iter().enumerate() {
        let at = format!("layer {}", position + 1);
        let layer = object(layer, &at)?;
        let class = string(layer, "class_name", &at)?;
        let settings = object(layer.get("config").unwrap_or(&Value::Null), &at)?;
        let name = settings
            .get("name")
            .or_else(|| layer.get("name"))
            .and_then(Value::as_str)
            .unwrap_or(class)
            .to_owned();
        check_registered(layer, &name)?;
        if input_shape.is_none() {
            input_shape = declared_shape(settings)?;
        }
        if class == "InputLayer" {
            if input_shape.is_none() {
                return Err(config_error(format!(
                    "the input layer \"{name}\" has no shape"
                )));
            }
            if functional {
                input_layer = Some(name);
            }
            continue;
        }
        if let Some(build) = layer.get("build_config").and_then(Value::as_object) {
            if input_shape.is_none() {
                input_shape = build.get("input_shape").map(shape_of).transpose()?;
            }
        }
        let spec = layer_spec(class, &name, settings, keras2)?;
        chain.push(ConfigLayer {
            name,
            class: class.to_owned(),
            spec,
        });
    }
    let shape = input_shape.ok_or_else(|| {
        config_error("the model has no input shape (build the model, or start it with keras.Input, before saving)")
    })?;
    let starts_with_embedding = chain
        .iter()
        .find_map(|layer| layer.spec.as_ref())
        .is_some_and(|spec| matches!(spec, LayerSpec::Embedding(_)));
    let input = input_spec(&shape, starts_with_embedding)?;
    Ok(ModelConfig {
        name,
        input,
        layers: chain,
        input_layer,
    })
}

/// Refuses a layer whose class is registered by the user (Keras 3 writes
/// `"registered_name": "package>Class"` for those).
fn check_registered(layer: &Map<String, Value>, name: &str) -> Result<(), KerasError> {
    let registered = layer.get("registered_name").and_then(Value::as_str);
    let module = layer.get("module").and_then(Value::as_str);
    match (registered, module) {
        (Some(object), _) if object.contains('>') => Err(KerasError::CustomObject {
            name: name.to_owned(),
            object: object.to_owned(),
        }),
        (_, Some(module)) if !module.starts_with("keras") => Err(KerasError::CustomObject {
            name: name.to_owned(),
            object: module.to_owned(),
        }),
        _ => Ok(()),
    }
}

/// A shape list like `[null, 10, 4]`.
fn shape_of(value: &Value) -> Result<Vec<Option<usize>>, KerasError> {
    let list = value
        .as_array()
        .ok_or_else(|| config_error("an input shape is not a list"))?;
    if list.len() > 4 {
        return Err(config_error(format!(
            "the input shape has {} axes; a recurrent model's input has 2 or 3",
            list.len()
        )));
    }
    list.iter()
        .map(|dim| match dim {
            Value::Null => Ok(None),
            Value::Number(n) => n
                .as_u64()
                .and_then(|n| usize::try_from(n).ok())
                .map(Some)
                .ok_or_else(|| config_error(format!("the input shape has the size {n}"))),
            other => Err(config_error(format!(
                "the input shape has the size {other}"
            ))),
        })
        .collect()
}

/// The batch shape a layer config declares (`batch_shape` in Keras 3,
/// `batch_input_shape` in tf.keras 2).
fn declared_shape(settings: &Map<String, Value>) -> Result<Option<Vec<Option<usize>>>, KerasError> {
    ["batch_shape", "batch_input_shape"]
        .iter()
        .find_map(|key| settings.get(*key).filter(|v| !v.is_null()))
        .map(shape_of)
        .transpose()
}

fn input_spec(shape: &[Option<usize>], embedding: bool) -> Result<InputSpec, KerasError> {
    match (shape, embedding) {
        ([batch, timesteps], true) => Ok(InputSpec {
            timesteps: *timesteps,
            features: None,
            batch: *batch,
        }),
        ([batch, timesteps, Some(features)], false) => Ok(InputSpec {
            timesteps: *timesteps,
            features: Some(*features),
            batch: *batch,
        }),
        _ => Err(config_error(format!(
            "the input shape ({}) is not (batch, timesteps, features){}",
            shape
                .iter()
                .map(|d| d.map_or("None".to_owned(), |d| d.to_string()))
                .collect::<Vec<_>>()
                .join(", "),
            if embedding {
                " nor (batch, timesteps) of token ids"
            } else {
                ""
            }
        ))),
    }
}

fn bool_setting(settings: &Map<String, Value>, key: &str, default: bool) -> bool {
    settings
        .get(key)
        .and_then(Value::as_bool)
        .unwrap_or(default)
}

fn size_setting(settings: &Map<String, Value>, key: &str, name: &str) -> Result<usize, KerasError> {
    settings
        .get(key)
        .and_then(Value::as_u64)
        .and_then(|n| usize::try_from(n).ok())
        .ok_or_else(|| config_error(format!("layer \"{name}\" has no whole number \"{key}\"")))
}

/// The Keras name of an activation setting; a custom function is refused.
fn activation_name<'a>(
    settings: &'a Map<String, Value>,
    key: &str,
    default: &'a str,
    name: &str,
) -> Result<&'a str, KerasError> {
    match settings.get(key) {
        None | Some(Value::Null) => Ok(default),
        Some(Value::String(text)) => Ok(text.as_str()),
        Some(Value::Object(function)) => Err(KerasError::CustomObject {
            name: name.to_owned(),
            object: function
                .get("config")
                .and_then(Value::as_str)
                .or_else(|| function.get("class_name").and_then(Value::as_str))
                .unwrap_or("function")
                .to_owned(),
        }),
        Some(other) => Err(config_error(format!(
            "layer \"{name}\" has the activation {other}"
        ))),
    }
}

fn unsupported(name: &str, class: &str, setting: String, hint: SettingHint) -> KerasError {
    KerasError::UnsupportedSetting {
        name: name.to_owned(),
        class: class.to_owned(),
        setting,
        hint,
    }
}

fn rnn_activation(
    settings: &Map<String, Value>,
    key: &str,
    default: &'static str,
    (name, class): (&str, &str),
    keras2: bool,
) -> Result<RnnActivation, KerasError> {
    let written = activation_name(settings, key, default, name)?;
    if keras2 && written == "hard_sigmoid" {
        return Err(unsupported(
            name,
            class,
            format!("{key}=\"hard_sigmoid\" from Keras 2"),
            SettingHint::Keras2HardSigmoid,
        ));
    }
    RnnActivation::from_keras_name(written).ok_or_else(|| {
        unsupported(
            name,
            class,
            format!("{key}=\"{written}\""),
            SettingHint::RecurrentActivations,
        )
    })
}

/// The settings every recurrent layer shares, with the refusals of what is not computed.
struct Recurrent {
    units: usize,
    activation: RnnActivation,
    use_bias: bool,
    return_sequences: bool,
}

fn recurrent(
    class: &str,
    name: &str,
    settings: &Map<String, Value>,
    keras2: bool,
    backward: bool,
) -> Result<Recurrent, KerasError> {
    for (key, hint) in [
        ("stateful", SettingHint::Stateful),
        ("return_state", SettingHint::ReturnState),
        ("time_major", SettingHint::TimeMajor),
    ] {
        if bool_setting(settings, key, false) {
            return Err(unsupported(name, class, format!("{key}=True"), hint));
        }
    }
    if bool_setting(settings, "go_backwards", false) != backward {
        return Err(unsupported(
            name,
            class,
            format!("go_backwards={}", if backward { "False" } else { "True" }),
            SettingHint::GoBackwards,
        ));
    }
    Ok(Recurrent {
        units: size_setting(settings, "units", name)?,
        activation: rnn_activation(settings, "activation", "tanh", (name, class), keras2)?,
        use_bias: bool_setting(settings, "use_bias", true),
        return_sequences: bool_setting(settings, "return_sequences", false),
    })
}

/// A recurrent layer's document spec (`bidirectional` filled in by the caller).
fn recurrent_spec(
    class: &str,
    name: &str,
    settings: &Map<String, Value>,
    keras2: bool,
    backward: bool,
) -> Result<LayerSpec, KerasError> {
    let common = recurrent(class, name, settings, keras2, backward)?;
    let gate = |keras2| {
        rnn_activation(
            settings,
            "recurrent_activation",
            "sigmoid",
            (name, class),
            keras2,
        )
    };
    Ok(match class {
        "SimpleRNN" => LayerSpec::SimpleRnn(SimpleRnnSpec {
            name: Some(name.to_owned()),
            units: common.units,
            activation: common.activation,
            use_bias: common.use_bias,
            return_sequences: common.return_sequences,
            bidirectional: None,
        }),
        "LSTM" => LayerSpec::Lstm(LstmSpec {
            name: Some(name.to_owned()),
            units: common.units,
            activation: common.activation,
            recurrent_activation: gate(keras2)?,
            use_bias: common.use_bias,
            unit_forget_bias: bool_setting(settings, "unit_forget_bias", true),
            return_sequences: common.return_sequences,
            bidirectional: None,
        }),
        _ => LayerSpec::Gru(GruSpec {
            name: Some(name.to_owned()),
            units: common.units,
            activation: common.activation,
            recurrent_activation: gate(keras2)?,
            use_bias: common.use_bias,
            reset_after: bool_setting(settings, "reset_after", true),
            return_sequences: common.return_sequences,
            bidirectional: None,
        }),
    })
}

fn dense_spec(
    name: &str,
    class: &str,
    settings: &Map<String, Value>,
) -> Result<LayerSpec, KerasError> {
    let written = activation_name(settings, "activation", "linear", name)?;
    let activation = DenseActivation::from_keras_name(written).ok_or_else(|| {
        unsupported(
            name,
            class,
            format!("activation=\"{written}\""),
            SettingHint::DenseActivations,
        )
    })?;
    Ok(LayerSpec::Dense(DenseSpec {
        name: Some(name.to_owned()),
        units: size_setting(settings, "units", name)?,
        activation,
        use_bias: bool_setting(settings, "use_bias", true),
    }))
}

/// The wrapped layer of a `Bidirectional` or `TimeDistributed`: class and config.
fn inner<'a>(
    settings: &'a Map<String, Value>,
    key: &str,
    name: &str,
) -> Result<(&'a str, &'a Map<String, Value>), KerasError> {
    let layer = settings
        .get(key)
        .and_then(Value::as_object)
        .ok_or_else(|| config_error(format!("layer \"{name}\" has no \"{key}\"")))?;
    check_registered(layer, name)?;
    let class = string(layer, "class_name", name)?;
    let config = object(layer.get("config").unwrap_or(&Value::Null), name)?;
    Ok((class, config))
}

fn with_bidirectional(spec: LayerSpec, mode: MergeMode, name: &str) -> LayerSpec {
    let name = Some(name.to_owned());
    match spec {
        LayerSpec::SimpleRnn(l) => LayerSpec::SimpleRnn(SimpleRnnSpec {
            name,
            bidirectional: Some(mode),
            ..l
        }),
        LayerSpec::Lstm(l) => LayerSpec::Lstm(LstmSpec {
            name,
            bidirectional: Some(mode),
            ..l
        }),
        LayerSpec::Gru(l) => LayerSpec::Gru(GruSpec {
            name,
            bidirectional: Some(mode),
            ..l
        }),
        other => other,
    }
}

fn bidirectional_spec(
    name: &str,
    settings: &Map<String, Value>,
    keras2: bool,
) -> Result<LayerSpec, KerasError> {
    let (class, forward) = inner(settings, "layer", name)?;
    if !matches!(class, "SimpleRNN" | "LSTM" | "GRU") {
        return Err(KerasError::UnsupportedLayer {
            name: format!(
                "{name}/{}",
                forward.get("name").and_then(Value::as_str).unwrap_or(class)
            ),
            class: class.to_owned(),
        });
    }
    let spec = recurrent_spec(class, name, forward, keras2, false)?;
    if settings.get("backward_layer").is_some_and(|v| !v.is_null()) {
        let (back_class, backward) = inner(settings, "backward_layer", name)?;
        let back = if back_class == class {
            Some(recurrent_spec(back_class, name, backward, keras2, true)?)
        } else {
            None
        };
        if back.as_ref() != Some(&spec) {
            return Err(unsupported(
                name,
                "Bidirectional",
                "a backward_layer unlike its forward layer".to_owned(),
                SettingHint::BackwardLayer,
            ));
        }
    }
    let mode = match settings.get("merge_mode") {
        Some(Value::String(mode)) => match mode.as_str() {
            "concat" => MergeMode::Concat,
            "sum" => MergeMode::Sum,
            "mul" => MergeMode::Mul,
            "ave" => MergeMode::Ave,
            other => {
                return Err(unsupported(
                    name,
                    "Bidirectional",
                    format!("merge_mode=\"{other}\""),
                    SettingHint::MergeModes,
                ))
            }
        },
        None => MergeMode::Concat,
        Some(_) => {
            return Err(unsupported(
                name,
                "Bidirectional",
                "merge_mode=None".to_owned(),
                SettingHint::MergeNone,
            ))
        }
    };
    Ok(with_bidirectional(spec, mode, name))
}

/// One layer's document spec (`None` for an identity layer).
fn layer_spec(
    class: &str,
    name: &str,
    settings: &Map<String, Value>,
    keras2: bool,
) -> Result<Option<LayerSpec>, KerasError> {
    match class {
        "Embedding" => {
            if bool_setting(settings, "mask_zero", false) {
                return Err(unsupported(
                    name,
                    class,
                    "mask_zero=True".to_owned(),
                    SettingHint::MaskZero,
                ));
            }
            Ok(Some(LayerSpec::Embedding(EmbeddingSpec {
                name: Some(name.to_owned()),
                vocab: size_setting(settings, "input_dim", name)?,
                dim: size_setting(settings, "output_dim", name)?,
            })))
        }
        "SimpleRNN" | "LSTM" | "GRU" => {
            recurrent_spec(class, name, settings, keras2, false).map(Some)
        }
        "Bidirectional" => bidirectional_spec(name, settings, keras2).map(Some),
        "Dense" => dense_spec(name, class, settings).map(Some),
        "TimeDistributed" => {
            let (inner_class, dense) = inner(settings, "layer", name)?;
            if inner_class != "Dense" {
                return Err(KerasError::UnsupportedLayer {
                    name: name.to_owned(),
                    class: format!("TimeDistributed({inner_class})"),
                });
            }
            let LayerSpec::Dense(spec) = dense_spec(name, "TimeDistributed", dense)? else {
                return Err(config_error(format!("layer \"{name}\" wraps no Dense")));
            };
            Ok(Some(LayerSpec::Dense(DenseSpec {
                name: Some(name.to_owned()),
                ..spec
            })))
        }
        _ if IDENTITY_CLASSES.contains(&class) => Ok(None),
        _ => Err(KerasError::UnsupportedLayer {
            name: name.to_owned(),
            class: class.to_owned(),
        }),
    }
}
