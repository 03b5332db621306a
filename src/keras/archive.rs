//! The `.keras` zip (`config.json`, `metadata.json`, `model.weights.h5`), read with the
//! `zip` crate; every entry is capped before and while it is inflated, so a zip bomb ends
//! in an error after at most the cap.

use std::io::{Cursor, Read};

use zip::ZipArchive;

use super::error::KerasError;

/// Most entries a `.keras` zip may list (Keras writes three; assets may add a few).
const MAX_ENTRIES: usize = 10_000;

/// The zip's entries that the reader needs.
pub struct KerasZip {
    /// `config.json`.
    pub config: String,
    /// `metadata.json`, when there is one.
    pub metadata: Option<String>,
    /// `model.weights.h5`.
    pub weights: Vec<u8>,
}

fn zip_error(error: &zip::result::ZipError) -> KerasError {
    KerasError::Zip {
        reason: error.to_string(),
    }
}

/// Inflates one entry, refusing it when it declares or turns out to hold more than `max`
/// bytes. `Ok(None)` when the zip has no such entry.
fn entry(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    name: &'static str,
    max: u64,
) -> Result<Option<Vec<u8>>, KerasError> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(zip_error(&e)),
    };
    let too_large = || KerasError::EntryTooLarge {
        entry: name.to_owned(),
        max,
    };
    if file.size() > max {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(file.size()).unwrap_or(0));
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| KerasError::Zip {
            reason: format!("{name}: {e}"),
        })?;
    if bytes.len() as u64 > max {
        return Err(too_large());
    }
    Ok(Some(bytes))
}

/// Reads the entries of a `.keras` file.
///
/// # Errors
/// [`KerasError::Zip`] for a damaged zip, [`KerasError::MissingEntry`] when
/// `config.json` or `model.weights.h5` is absent, [`KerasError::EntryTooLarge`] past the
/// caps, [`KerasError::Config`] when `config.json` is not UTF-8.
pub fn read_zip(bytes: &[u8], max_config: u64, max_weights: u64) -> Result<KerasZip, KerasError> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| zip_error(&e))?;
    if archive.len() > MAX_ENTRIES {
        return Err(KerasError::Zip {
            reason: format!("it lists {} entries", archive.len()),
        });
    }
    let text = |bytes: Vec<u8>, name: &str| {
        String::from_utf8(bytes).map_err(|_| KerasError::Config {
            reason: format!("{name} is not UTF-8 text"),
        })
    };
    let config =
        entry(&mut archive, "config.json", max_config)?.ok_or(KerasError::MissingEntry {
            entry: "config.json",
        })?;
    let config = text(config, "config.json")?;
    let metadata = entry(&mut archive, "metadata.json", max_config)?
        .map(|bytes| text(bytes, "metadata.json"))
        .transpose()?;
    let weights =
        entry(&mut archive, "model.weights.h5", max_weights)?.ok_or(KerasError::MissingEntry {
            entry: "model.weights.h5",
        })?;
    Ok(KerasZip {
        config,
        metadata,
        weights,
    })
}
