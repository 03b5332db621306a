//! Numeric arrays from `.npz` files (a zip of `.npy`, stored by `np.savez` or deflated by
//! `np.savez_compressed`; nested JSON lists are read by `weights_json`). Arrays must be
//! `<f4` or `<f8`, C order, and finite. Every size is checked before anything is
//! allocated.

use super::import_error::{ImportError, NpyProblem, ZipProblem};
use super::limits::{MAX_ARRAYS, MAX_ARRAY_NUMBERS, MAX_IMPORT_BYTES, MAX_INFLATED_BYTES};

/// A numeric array read from a file.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedArray {
    /// Its name in the file.
    pub name: String,
    /// Its shape.
    pub shape: Vec<usize>,
    /// Its numbers, C order.
    pub data: Vec<f32>,
}

fn u16_at(b: &[u8], at: usize) -> Option<usize> {
    b.get(at..at.checked_add(2)?)
        .map(|s| usize::from(u16::from_le_bytes([s[0], s[1]])))
}

fn u32_at(b: &[u8], at: usize) -> Option<usize> {
    b.get(at..at.checked_add(4)?)
        .and_then(|s| usize::try_from(u32::from_le_bytes([s[0], s[1], s[2], s[3]])).ok())
}

/// One entry of the archive's directory, checked before anything is inflated.
struct Entry {
    index: usize,
    name: String,
    size: u64,
}

/// Reads every `.npy` of an `.npz`, in archive order, with the `zip` crate.
///
/// Before anything is inflated: at most [`MAX_ARRAYS`] entries, each declaring at most
/// [`MAX_IMPORT_BYTES`], together at most [`MAX_INFLATED_BYTES`], and no two entries
/// sharing bytes of the file (the trick of decompression bombs). While inflating, no
/// entry yields more than it declared.
///
/// # Errors
/// [`ImportError::Zip`] or [`ImportError::Npy`].
pub fn read_npz(bytes: &[u8]) -> Result<Vec<NamedArray>, ImportError> {
    let zip = ImportError::Zip;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|_| zip(ZipProblem::Unreadable))?;
    if archive.len() > MAX_ARRAYS {
        return Err(zip(ZipProblem::TooManyArrays));
    }
    let mut entries = Vec::with_capacity(archive.len());
    let mut spans = Vec::with_capacity(archive.len());
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let file = archive
            .by_index_raw(index)
            .map_err(|_| zip(ZipProblem::ShortLocalHeader))?;
        let raw_name = file
            .name()
            .map(std::borrow::Cow::into_owned)
            .unwrap_or_default();
        let name = raw_name
            .strip_suffix(".npy")
            .unwrap_or(&raw_name)
            .to_owned();
        let size = file.size();
        if size > MAX_IMPORT_BYTES as u64 || file.compressed_size() > bytes.len() as u64 {
            return Err(ImportError::Npy {
                name,
                problem: NpyProblem::DeclaredTooLarge,
            });
        }
        total = total.saturating_add(size);
        if total > MAX_INFLATED_BYTES {
            return Err(zip(ZipProblem::TotalTooLarge));
        }
        let start = file.header_start();
        let end = file
            .data_start()
            .and_then(|d| d.checked_add(file.compressed_size()))
            .ok_or(zip(ZipProblem::ShortLocalHeader))?;
        spans.push((start, end));
        entries.push(Entry { index, name, size });
    }
    spans.sort_unstable();
    if spans.windows(2).any(|w| w[1].0 < w[0].1) {
        return Err(zip(ZipProblem::Overlapping));
    }
    let mut arrays = Vec::with_capacity(entries.len());
    for entry in entries {
        let npy_error = |problem: NpyProblem| ImportError::Npy {
            name: entry.name.clone(),
            problem,
        };
        let file = archive.by_index(entry.index).map_err(|e| match e {
            zip::result::ZipError::UnsupportedArchive(_)
            | zip::result::ZipError::CompressionMethodNotSupported(_) => {
                npy_error(NpyProblem::UnknownMethod)
            }
            _ => npy_error(NpyProblem::Damaged),
        })?;
        // At most what the entry declared, and one byte more to notice a lie.
        let mut raw = Vec::with_capacity(usize::try_from(entry.size).unwrap_or(0));
        let read = std::io::Read::read_to_end(
            &mut std::io::Read::take(file, entry.size.saturating_add(1)),
            &mut raw,
        );
        if read.is_err() || raw.len() as u64 > entry.size {
            return Err(npy_error(NpyProblem::Damaged));
        }
        arrays.push(read_npy(&entry.name, &raw)?);
    }
    Ok(arrays)
}

/// Reads one `.npy`: `<f4` or `<f8`, C order.
///
/// # Errors
/// [`ImportError::Npy`] naming the array.
pub fn read_npy(name: &str, bytes: &[u8]) -> Result<NamedArray, ImportError> {
    let err = |problem: NpyProblem| ImportError::Npy {
        name: name.to_owned(),
        problem,
    };
    if !bytes.starts_with(b"\x93NUMPY") {
        return Err(err(NpyProblem::NotNpy));
    }
    let major = bytes.get(6).copied().unwrap_or(0);
    let (header_len, header_start): (Option<usize>, usize) = match major {
        1 => (u16_at(bytes, 8), 10),
        2 | 3 => (u32_at(bytes, 8), 12),
        _ => (None, 0),
    };
    let header_len = header_len.ok_or_else(|| err(NpyProblem::UnknownVersion))?;
    let header_end = header_start
        .checked_add(header_len)
        .ok_or_else(|| err(NpyProblem::HeaderCutOff))?;
    let header = bytes
        .get(header_start..header_end)
        .map(String::from_utf8_lossy)
        .ok_or_else(|| err(NpyProblem::HeaderCutOff))?;
    let field = |key: &str| -> Option<String> {
        let at = header.find(&format!("'{key}'"))? + key.len() + 2;
        let rest = header
            .get(at..)?
            .trim_start()
            .strip_prefix(':')?
            .trim_start();
        Some(rest.to_owned())
    };
    let descr = field("descr").ok_or_else(|| err(NpyProblem::NoDtype))?;
    let width = if descr.starts_with("'<f4'") {
        4
    } else if descr.starts_with("'<f8'") {
        8
    } else {
        let dtype: String = descr.chars().take_while(|c| *c != ',').collect();
        return Err(err(NpyProblem::Dtype(dtype)));
    };
    if field("fortran_order").is_some_and(|f| f.starts_with("True")) {
        return Err(err(NpyProblem::FortranOrder));
    }
    let shape_text = field("shape").ok_or_else(|| err(NpyProblem::NoShape))?;
    let inner = shape_text
        .strip_prefix('(')
        .and_then(|s| s.split(')').next())
        .ok_or_else(|| err(NpyProblem::ShapeUnreadable))?;
    let mut shape = Vec::new();
    for part in inner.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        shape.push(
            part.parse::<usize>()
                .map_err(|_| err(NpyProblem::ShapeNumbers(inner.to_owned())))?,
        );
    }
    let count = shape
        .iter()
        .try_fold(1usize, |a, &d| a.checked_mul(d))
        .filter(|&n| n <= MAX_ARRAY_NUMBERS)
        .ok_or_else(|| err(NpyProblem::ShapeTooLarge(inner.to_owned())))?;
    let body = bytes.get(header_end.min(bytes.len())..).unwrap_or_default();
    let needed = count.saturating_mul(width);
    if body.len() < needed {
        return Err(err(NpyProblem::DataCutOff {
            shape: inner.to_owned(),
            needed,
            found: body.len(),
        }));
    }
    let data: Vec<f32> = if width == 4 {
        body.chunks_exact(4)
            .take(count)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect()
    } else {
        #[allow(
            clippy::cast_possible_truncation,
            reason = "weights are used as f32 by the engine"
        )]
        body.chunks_exact(8)
            .take(count)
            .map(|c| f64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]) as f32)
            .collect()
    };
    if let Some(i) = data.iter().position(|v| !v.is_finite()) {
        return Err(err(NpyProblem::NotFinite(i)));
    }
    Ok(NamedArray {
        name: name.to_owned(),
        shape,
        data,
    })
}
