//! A functional model's layer graph, accepted only when it is one chain: one input, one
//! output, and every layer called once on the output of the layer before.

use serde_json::{Map, Value};

use super::classes::SUPPORTED_CLASSES;
use super::error::KerasError;

fn not_a_chain(reason: String) -> KerasError {
    KerasError::NotAChain { reason }
}

fn layer_name(layer: &Value) -> Option<&str> {
    layer.get("name").and_then(Value::as_str).or_else(|| {
        layer
            .get("config")
            .and_then(|c| c.get("name"))
            .and_then(Value::as_str)
    })
}

/// Every layer name a node reads: Keras 3 writes `{"keras_history": [name, node, tensor]}`
/// for each tensor (in `args` and `kwargs`), tf.keras 2 `[name, node, tensor, kwargs]`
/// entries whose kwargs may hold more `[name, node, tensor]` tensors.
fn node_inputs(node: &Value, out: &mut Vec<String>) {
    match node {
        Value::Object(map) => {
            if let Some(history) = map.get("keras_history").and_then(Value::as_array) {
                if let Some(name) = history.first().and_then(Value::as_str) {
                    out.push(name.to_owned());
                }
            }
            for (key, value) in map {
                if key != "keras_history" {
                    node_inputs(value, out);
                }
            }
        }
        Value::Array(items) => {
            let is_tensor =
                items.len() >= 3 && items[0].is_string() && items[1].is_u64() && items[2].is_u64();
            if is_tensor {
                if let Some(name) = items[0].as_str() {
                    out.push(name.to_owned());
                }
                for rest in &items[3..] {
                    node_inputs(rest, out);
                }
            } else {
                for item in items {
                    node_inputs(item, out);
                }
            }
        }
        _ => {}
    }
}

/// The names in `input_layers` / `output_layers`: `[name, 0, 0]` or a list of those.
fn endpoint_names(config: &Map<String, Value>, key: &str) -> Vec<String> {
    let mut names = Vec::new();
    if let Some(value) = config.get(key) {
        node_inputs(value, &mut names);
    }
    names
}

/// The layers of a functional model in chain order, input first.
///
/// # Errors
/// [`KerasError::UnsupportedLayer`] for a class Unrolled does not compute (checked first,
/// so an `Attention` is named as such), [`KerasError::NotAChain`] for any branch, merge,
/// shared layer or second input or output.
pub fn chain<'a>(
    config: &Map<String, Value>,
    layers: &'a [Value],
) -> Result<Vec<&'a Value>, KerasError> {
    let mut names = Vec::with_capacity(layers.len());
    for layer in layers {
        let name = layer_name(layer).unwrap_or("?").to_owned();
        let class = layer
            .get("class_name")
            .and_then(Value::as_str)
            .unwrap_or("?");
        if !SUPPORTED_CLASSES.contains(&class) {
            return Err(KerasError::UnsupportedLayer {
                name,
                class: class.to_owned(),
            });
        }
        if names.contains(&name) {
            return Err(not_a_chain(format!("two layers are named \"{name}\"")));
        }
        names.push(name);
    }
    let mut reads: Vec<Vec<String>> = Vec::with_capacity(layers.len());
    for (layer, name) in layers.iter().zip(&names) {
        let nodes = layer
            .get("inbound_nodes")
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice);
        if nodes.len() > 1 {
            return Err(not_a_chain(format!(
                "layer \"{name}\" is called {} times",
                nodes.len()
            )));
        }
        let mut inputs = Vec::new();
        for node in nodes {
            node_inputs(node, &mut inputs);
        }
        reads.push(inputs);
    }
    let inputs = endpoint_names(config, "input_layers");
    let outputs = endpoint_names(config, "output_layers");
    let (Some(first), [_]) = (inputs.first(), inputs.as_slice()) else {
        return Err(not_a_chain(format!("it has {} inputs", inputs.len())));
    };
    let (Some(last), [_]) = (outputs.first(), outputs.as_slice()) else {
        return Err(not_a_chain(format!("it has {} outputs", outputs.len())));
    };
    let index_of = |name: &str| names.iter().position(|n| n == name);
    let mut current = index_of(first)
        .ok_or_else(|| not_a_chain(format!("its input \"{first}\" is not a layer")))?;
    let mut order = vec![current];
    loop {
        let readers: Vec<usize> = reads
            .iter()
            .enumerate()
            .filter(|(_, read)| read.contains(&names[current]))
            .map(|(index, _)| index)
            .collect();
        match readers.as_slice() {
            [] => break,
            [next] => {
                if reads[*next].len() != 1 {
                    return Err(not_a_chain(format!(
                        "layer \"{}\" reads {} inputs",
                        names[*next],
                        reads[*next].len()
                    )));
                }
                if order.contains(next) || order.len() > layers.len() {
                    return Err(not_a_chain(format!(
                        "layer \"{}\" is reached twice",
                        names[*next]
                    )));
                }
                order.push(*next);
                current = *next;
            }
            several => {
                let readers: Vec<&str> = several.iter().map(|&i| names[i].as_str()).collect();
                return Err(not_a_chain(format!(
                    "the output of \"{}\" feeds {}",
                    names[current],
                    readers.join(", ")
                )));
            }
        }
    }
    if names[current] != *last {
        return Err(not_a_chain(format!(
            "the chain from \"{first}\" ends at \"{}\", not at the output \"{last}\"",
            names[current]
        )));
    }
    if let Some(stray) = (0..layers.len()).find(|i| !order.contains(i)) {
        return Err(not_a_chain(format!(
            "layer \"{}\" is not on the chain from \"{first}\" to \"{last}\"",
            names[stray]
        )));
    }
    Ok(order.into_iter().map(|i| &layers[i]).collect())
}
