//! Tensor shapes with unknown sizes, printed the way Keras prints them: `(None, 10, 16)`.

use std::fmt;

use serde::Serialize;

/// A shape whose sizes may be unknown (`None`: any batch size or sequence length).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Shape(pub Vec<Option<usize>>);

impl Shape {
    /// Number of axes.
    #[must_use]
    pub fn rank(&self) -> usize {
        self.0.len()
    }

    /// Size of the last axis (features or units), if known.
    #[must_use]
    pub fn last(&self) -> Option<usize> {
        self.0.last().copied().flatten()
    }

    /// The same shape with the last axis replaced by `size`.
    #[must_use]
    pub fn with_last(&self, size: usize) -> Self {
        let mut dims = self.0.clone();
        if let Some(last) = dims.last_mut() {
            *last = Some(size);
        }
        Self(dims)
    }
}

impl fmt::Display for Shape {
    /// Python's `str(tuple)`: `(None, 3)`, `(8, 2, 3)`, and `(None,)` for one axis.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|dim| dim.map_or_else(|| "None".to_string(), |size| size.to_string()))
            .collect();
        if parts.len() == 1 {
            write!(f, "({},)", parts[0])
        } else {
            write!(f, "({})", parts.join(", "))
        }
    }
}
