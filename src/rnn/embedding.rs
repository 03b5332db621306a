//! Keras `Embedding`: token ids `[batch, T]` to vectors `[batch, T, output_dim]`.

use ndarray::{Array2, Array3, ArrayView2};
use serde::{Deserialize, Serialize};

use super::error::{Result, RnnError, WeightName};
use super::init::{self, InitScheme, Prng};
use super::simple_rnn::check_shape;

/// Settings of an `Embedding` layer (Keras: `input_dim`, `output_dim`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EmbeddingConfig {
    /// Number of token ids `V` (Keras `input_dim`); ids are `0..V`.
    pub vocab_size: usize,
    /// Size `E` of each vector.
    pub output_dim: usize,
}

impl Default for EmbeddingConfig {
    /// A small vocabulary for demos: 20 tokens, 8-wide vectors.
    fn default() -> Self {
        Self {
            vocab_size: 20,
            output_dim: 8,
        }
    }
}

/// An embedding table `embeddings (V, E)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Embedding {
    embeddings: Array2<f32>,
}

impl Embedding {
    /// A layer from an explicit table.
    ///
    /// # Errors
    /// [`RnnError::ZeroSize`] for an empty vocabulary or width, [`RnnError::WeightShape`]
    /// when the table is not `(vocab_size, output_dim)`.
    pub fn new(config: &EmbeddingConfig, embeddings: Array2<f32>) -> Result<Self> {
        if config.vocab_size == 0 {
            return Err(RnnError::ZeroSize {
                layer: 0,
                what: "vocab_size",
            });
        }
        if config.output_dim == 0 {
            return Err(RnnError::ZeroSize {
                layer: 0,
                what: "output_dim",
            });
        }
        check_shape(
            WeightName::Embeddings,
            &[config.vocab_size, config.output_dim],
            embeddings.shape(),
        )?;
        Ok(Self { embeddings })
    }

    /// A layer with a fresh table drawn as [`InitScheme`] documents (Keras U(-0.05, 0.05),
    /// `PyTorch` N(0, 1), Uniform01 U[0, 1)), generator `(seed, layer, 0, 0)`.
    ///
    /// # Errors
    /// As [`Embedding::new`] for zero sizes.
    pub fn init_at(
        config: &EmbeddingConfig,
        scheme: InitScheme,
        seed: u64,
        layer: usize,
    ) -> Result<Self> {
        let mut rng = Prng::new(init::tensor_seed(seed, layer, 0, 0));
        let shape = (config.vocab_size, config.output_dim);
        let table = match scheme {
            InitScheme::Keras => init::uniform(&mut rng, shape, -0.05, 0.05),
            InitScheme::PyTorch => init::normal(&mut rng, shape),
            InitScheme::Uniform01 => init::uniform(&mut rng, shape, 0.0, 1.0),
        };
        Self::new(config, table)
    }

    /// The table `(V, E)`.
    #[must_use]
    pub fn embeddings(&self) -> &Array2<f32> {
        &self.embeddings
    }

    /// The settings, read from the table's shape.
    #[must_use]
    pub fn config(&self) -> EmbeddingConfig {
        EmbeddingConfig {
            vocab_size: self.embeddings.nrows(),
            output_dim: self.embeddings.ncols(),
        }
    }

    /// Looks up `tokens [batch, T]`: `out[b, t] = embeddings[tokens[b, t]]`,
    /// `[batch, T, E]`.
    ///
    /// # Errors
    /// [`RnnError::TokenOutOfRange`] for the first id outside `0..V` (row-major order),
    /// [`RnnError::ZeroSize`] for an empty batch or sequence.
    pub fn forward(&self, tokens: ArrayView2<'_, i64>) -> Result<Array3<f32>> {
        let (batch, timesteps) = tokens.dim();
        super::simple_rnn::check_nonempty(batch, timesteps)?;
        let vocab_size = self.embeddings.nrows();
        let mut out = Array3::zeros((batch, timesteps, self.embeddings.ncols()));
        for ((b, t), &token) in tokens.indexed_iter() {
            let row = usize::try_from(token)
                .ok()
                .filter(|&r| r < vocab_size)
                .ok_or(RnnError::TokenOutOfRange {
                    layer: 0,
                    batch: b,
                    timestep: t,
                    token,
                    vocab_size,
                })?;
            out.slice_mut(ndarray::s![b, t, ..])
                .assign(&self.embeddings.row(row));
        }
        Ok(out)
    }
}
