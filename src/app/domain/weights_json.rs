//! Keras weights as JSON (`[[layer 1 arrays], [layer 2 arrays], …]`, each layer's
//! `get_weights()` as nested lists), read as a stream: numbers go straight into each
//! array's `f32` buffer and no JSON tree is built, so a 64 MiB file takes about the memory
//! of its numbers, not the gigabyte a `serde_json::Value` tree of it would.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, SeqAccess, Visitor};

use super::import_error::{ImportError, JsonProblem, NpyProblem};
use super::limits::MAX_ARRAY_NUMBERS;
use super::npz::NamedArray;

/// Deepest nesting of one array (the deepest Keras weight has two axes).
const MAX_DEPTH: usize = 4;

/// Reads every layer's arrays, named `layer L array I` (1-based).
///
/// # Errors
/// [`ImportError::Json`] for text that is not a list of lists, [`ImportError::Npy`] for an
/// array that is not a rectangular list of at most [`MAX_ARRAY_NUMBERS`] numbers.
pub fn keras_layers(text: &str) -> Result<Vec<Vec<NamedArray>>, ImportError> {
    let problem = RefCell::new(None);
    let mut reader = serde_json::Deserializer::from_str(text);
    let read = Layers { problem: &problem }
        .deserialize(&mut reader)
        .and_then(|layers| reader.end().map(|()| layers));
    read.map_err(|e| {
        problem.take().unwrap_or_else(|| {
            ImportError::Json(JsonProblem::Syntax {
                detail: e.to_string(),
                line: e.line(),
                column: e.column(),
            })
        })
    })
}

/// The first typed problem met while reading, kept beside serde's own error.
type Problem<'a> = &'a RefCell<Option<ImportError>>;

fn fail<E: de::Error>(problem: Problem<'_>, error: ImportError) -> E {
    let text = error.to_string();
    problem.borrow_mut().get_or_insert(error);
    E::custom(text)
}

struct Layers<'a> {
    problem: Problem<'a>,
}

impl<'de> DeserializeSeed<'de> for Layers<'_> {
    type Value = Vec<Vec<NamedArray>>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Layers<'_> {
    type Value = Vec<Vec<NamedArray>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of layers")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut layers = Vec::new();
        while let Some(layer) = seq.next_element_seed(Layer {
            number: layers.len() + 1,
            problem: self.problem,
        })? {
            layers.push(layer);
        }
        Ok(layers)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(fail(
            self.problem,
            ImportError::Json(JsonProblem::NotLayerList),
        ))
    }
}

struct Layer<'a> {
    number: usize,
    problem: Problem<'a>,
}

impl<'de> DeserializeSeed<'de> for Layer<'_> {
    type Value = Vec<NamedArray>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Layer<'_> {
    type Value = Vec<NamedArray>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of arrays")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut arrays = Vec::new();
        loop {
            let name = format!("layer {} array {}", self.number, arrays.len() + 1);
            let mut array = Builder::default();
            let seed = Level {
                depth: 0,
                array: &mut array,
                name: &name,
                problem: self.problem,
            };
            if seq.next_element_seed(seed)?.is_none() {
                break;
            }
            arrays.push(array.finish(name));
        }
        Ok(arrays)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Err(self.not_a_list())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Err(self.not_a_list())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Err(self.not_a_list())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Err(self.not_a_list())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Err(self.not_a_list())
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Err(self.not_a_list())
    }

    fn visit_map<A: de::MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(self.not_a_list())
    }
}

impl Layer<'_> {
    fn not_a_list<E: de::Error>(&self) -> E {
        fail(
            self.problem,
            ImportError::Json(JsonProblem::LayerNotList(self.number)),
        )
    }
}

/// One array as it is read: the length of each axis once known, and the numbers.
#[derive(Default)]
struct Builder {
    shape: Vec<Option<usize>>,
    /// The depth of the numbers, once one was read.
    leaf: Option<usize>,
    data: Vec<f32>,
}

impl Builder {
    fn finish(self, name: String) -> NamedArray {
        NamedArray {
            name,
            shape: self.shape.into_iter().map(|d| d.unwrap_or(0)).collect(),
            data: self.data,
        }
    }
}

/// A value at `depth` of one array: a number, or a list of values one level deeper.
struct Level<'a, 'b> {
    depth: usize,
    array: &'b mut Builder,
    name: &'b str,
    problem: Problem<'a>,
}

impl Level<'_, '_> {
    fn wrong<E: de::Error>(&self, problem: NpyProblem) -> E {
        fail(
            self.problem,
            ImportError::Npy {
                name: self.name.to_owned(),
                problem,
            },
        )
    }

    #[allow(clippy::cast_possible_truncation, reason = "weights are f32")]
    fn number<E: de::Error>(self, value: f64) -> Result<(), E> {
        let a = &mut *self.array;
        if *a.leaf.get_or_insert(self.depth) != self.depth || a.shape.len() != self.depth {
            return Err(self.wrong(NpyProblem::NotRectangular));
        }
        if a.data.len() >= MAX_ARRAY_NUMBERS {
            return Err(self.wrong(NpyProblem::TooNested));
        }
        a.data.push(value as f32);
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for Level<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Level<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number or a list of numbers")
    }

    #[allow(clippy::cast_precision_loss, reason = "weights are f32")]
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        self.number(v as f64)
    }

    #[allow(clippy::cast_precision_loss, reason = "weights are f32")]
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        self.number(v as f64)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        self.number(v)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Err(self.wrong(NpyProblem::NotNumbers))
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Err(self.wrong(NpyProblem::NotNumbers))
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Err(self.wrong(NpyProblem::NotNumbers))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(self.wrong(NpyProblem::NotNumbers))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        if self.depth >= MAX_DEPTH {
            return Err(self.wrong(NpyProblem::TooNested));
        }
        if self.array.leaf.is_some_and(|leaf| self.depth >= leaf) {
            return Err(self.wrong(NpyProblem::NotRectangular));
        }
        if self.array.shape.len() == self.depth {
            self.array.shape.push(None);
        }
        let mut count = 0usize;
        loop {
            let next = Level {
                depth: self.depth + 1,
                array: &mut *self.array,
                name: self.name,
                problem: self.problem,
            };
            if seq.next_element_seed(next)?.is_none() {
                break;
            }
            count += 1;
        }
        match self.array.shape[self.depth] {
            None => self.array.shape[self.depth] = Some(count),
            Some(known) if known == count => {}
            Some(_) => return Err(self.wrong(NpyProblem::NotRectangular)),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(text: &str) -> ImportError {
        keras_layers(text).unwrap_err()
    }

    #[test]
    fn layers_of_rectangular_arrays_read_as_the_tree_did() {
        let layers = keras_layers("[[[[1, 2], [3, 4.5]], [0, -1]], [], [[[]]]]").unwrap();
        assert_eq!(layers.len(), 3);
        assert_eq!(layers[0][0].shape, [2, 2]);
        assert_eq!(layers[0][0].data, [1.0, 2.0, 3.0, 4.5]);
        assert_eq!(layers[0][1].shape, [2]);
        assert_eq!(layers[0][1].name, "layer 1 array 2");
        assert!(layers[1].is_empty());
        assert_eq!(layers[2][0].shape, [1, 0]);
    }

    #[test]
    fn every_bad_shape_is_named() {
        let npy = |text: &str| match problem(text) {
            ImportError::Npy { problem, .. } => problem,
            other => panic!("{other:?}"),
        };
        assert_eq!(npy("[[[[1, 2], [3]]]]"), NpyProblem::NotRectangular);
        assert_eq!(npy("[[[1, [2]]]]"), NpyProblem::NotRectangular);
        assert_eq!(npy("[[[[1], 2]]]"), NpyProblem::NotRectangular);
        assert_eq!(npy("[[[[], [1]]]]"), NpyProblem::NotRectangular);
        assert_eq!(npy("[[[[[[[1]]]]]]]"), NpyProblem::TooNested);
        assert!(keras_layers("[[[[[[1]]]]]]").is_ok());
        assert_eq!(npy("[[[\"a\"]]]"), NpyProblem::NotNumbers);
        assert_eq!(
            problem("{\"a\": 1}"),
            ImportError::Json(JsonProblem::NotLayerList)
        );
        assert_eq!(
            problem("[[], 3]"),
            ImportError::Json(JsonProblem::LayerNotList(2))
        );
        assert!(matches!(
            problem("[[[1, 2]"),
            ImportError::Json(JsonProblem::Syntax { .. })
        ));
    }
}
