//! The page's form fields, as the reducer names them.

/// A numeric form field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NumberField {
    /// Sequence length.
    Timesteps,
    /// Input features.
    Features,
    /// Batch size (empty: none, like `input_shape`).
    Batch,
    /// Seed of weights and random inputs.
    Seed,
    /// Hidden units of recurrent layer `n` (0-based).
    Units(usize),
    /// Embedding vocabulary.
    Vocab,
    /// Embedding dimension.
    EmbeddingDim,
    /// Dense units.
    DenseUnits,
}

/// Where a message belongs on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// A numeric field.
    Number(NumberField),
    /// A recurrent layer's other settings (0-based).
    Layer(usize),
    /// The input source.
    Input,
    /// The layer list as a whole.
    Layers,
}
