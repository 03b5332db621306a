//! A saved Keras model (`.keras` or `.h5`) opened with "Open a Keras model": its model,
//! layer names and trained weights replace the ones on the page, through the same
//! [`Imported`] as any imported file (read by [`crate::keras`]; "Import weights" reads
//! such files too, and `.npz` zips without `config.json` as weights).

use crate::keras::read_keras_model;

use super::import::{ImportError, ImportKind, Imported};

/// Opens a file chosen with "Open a Keras model": every file that is no Keras model is
/// refused with the reader's reason.
///
/// # Errors
/// [`ImportError::Keras`] with the reason: an unsupported layer (named, with its class),
/// a damaged file, weights that do not fit.
pub fn open_model_file(bytes: &[u8]) -> Result<Imported, ImportError> {
    read_keras_model(bytes)
        .map(|keras| Imported {
            model: keras.model,
            weights: Some(keras.weights),
            init: None,
            input: None,
            kind: ImportKind::KerasFile,
        })
        .map_err(ImportError::Keras)
}
