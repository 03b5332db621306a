//! Numeric arrays from files: `.npz` (a zip of `.npy`, stored by `np.savez` or deflated by
//! `np.savez_compressed`) and nested JSON lists. Arrays must be `<f4` or `<f8`, C order,
//! and finite. Every size is checked before anything is allocated.

use super::import_error::{ImportError, NpyProblem, ZipProblem};
use super::limits::{MAX_ARRAYS, MAX_ARRAY_NUMBERS, MAX_IMPORT_BYTES};

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

/// Reads every `.npy` of an `.npz`, in archive order, from the central directory.
///
/// # Errors
/// [`ImportError::Zip`] or [`ImportError::Npy`].
pub fn read_npz(bytes: &[u8]) -> Result<Vec<NamedArray>, ImportError> {
    let zip = ImportError::Zip;
    // End of central directory: the last "PK\x05\x06" within the final 64 KiB + 22 bytes.
    let search_from = bytes.len().saturating_sub(65_557);
    let eocd = (search_from..bytes.len().saturating_sub(21))
        .rev()
        .find(|&i| bytes[i..].starts_with(b"PK\x05\x06"))
        .ok_or(zip(ZipProblem::NoEnd))?;
    let entries = u16_at(bytes, eocd + 10).ok_or(zip(ZipProblem::ShortEnd))?;
    let dir_offset = u32_at(bytes, eocd + 16).ok_or(zip(ZipProblem::ShortEnd))?;
    if entries > MAX_ARRAYS {
        return Err(zip(ZipProblem::TooManyArrays));
    }
    let mut arrays = Vec::with_capacity(entries);
    let mut at = dir_offset;
    for _ in 0..entries {
        if !bytes
            .get(at..)
            .is_some_and(|b| b.starts_with(b"PK\x01\x02"))
        {
            return Err(zip(ZipProblem::DamagedDirectory));
        }
        let short = zip(ZipProblem::ShortEntry);
        let method = u16_at(bytes, at + 10).ok_or(short.clone())?;
        let packed = u32_at(bytes, at + 20).ok_or(short.clone())?;
        let size = u32_at(bytes, at + 24).ok_or(short.clone())?;
        let name_len = u16_at(bytes, at + 28).ok_or(short.clone())?;
        let extra_len = u16_at(bytes, at + 30).ok_or(short.clone())?;
        let comment_len = u16_at(bytes, at + 32).ok_or(short.clone())?;
        let local = u32_at(bytes, at + 42).ok_or(short)?;
        let name = bytes
            .get(at + 46..at + 46 + name_len)
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .ok_or(zip(ZipProblem::ShortEntryName))?;
        at += 46 + name_len + extra_len + comment_len;
        let name = name.strip_suffix(".npy").unwrap_or(&name).to_owned();
        let npy_error = |problem: NpyProblem| ImportError::Npy {
            name: name.clone(),
            problem,
        };
        if size > MAX_IMPORT_BYTES || packed > bytes.len() {
            return Err(npy_error(NpyProblem::DeclaredTooLarge));
        }
        let short_local = zip(ZipProblem::ShortLocalHeader);
        let local_name = u16_at(bytes, local.saturating_add(26)).ok_or(short_local.clone())?;
        let local_extra = u16_at(bytes, local.saturating_add(28)).ok_or(short_local)?;
        let start = local
            .saturating_add(30)
            .saturating_add(local_name)
            .saturating_add(local_extra);
        let data = bytes
            .get(start..start.saturating_add(packed))
            .ok_or_else(|| npy_error(NpyProblem::CutOff))?;
        let raw;
        let npy: &[u8] = match method {
            0 => data,
            8 => {
                raw = miniz_oxide::inflate::decompress_to_vec_with_limit(data, size)
                    .map_err(|_| npy_error(NpyProblem::Damaged))?;
                &raw
            }
            _ => return Err(npy_error(NpyProblem::UnknownMethod)),
        };
        arrays.push(read_npy(&name, npy)?);
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
    let (header_len, header_start) = match major {
        1 => (u16_at(bytes, 8), 10),
        2 | 3 => (u32_at(bytes, 8), 12),
        _ => (None, 0),
    };
    let header_len = header_len.ok_or_else(|| err(NpyProblem::UnknownVersion))?;
    let header_end = header_start + header_len;
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
    if body.len() < count * width {
        return Err(err(NpyProblem::DataCutOff {
            shape: inner.to_owned(),
            needed: count * width,
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

/// Nested JSON numbers → shape and flat data.
///
/// # Errors
/// [`ImportError::Npy`] naming the array.
pub fn json_array(value: &serde_json::Value, name: String) -> Result<NamedArray, ImportError> {
    fn walk(
        v: &serde_json::Value,
        depth: usize,
        shape: &mut Vec<usize>,
        data: &mut Vec<f32>,
    ) -> Result<(), NpyProblem> {
        if data.len() > MAX_ARRAY_NUMBERS || depth > 4 {
            return Err(NpyProblem::TooNested);
        }
        match v {
            serde_json::Value::Number(n) => {
                if depth != shape.len() {
                    return Err(NpyProblem::NotRectangular);
                }
                #[allow(clippy::cast_possible_truncation, reason = "weights are f32")]
                data.push(n.as_f64().ok_or(NpyProblem::NonNumber)? as f32);
                Ok(())
            }
            serde_json::Value::Array(items) => {
                if shape.len() == depth {
                    shape.push(items.len());
                } else if shape.get(depth) != Some(&items.len()) {
                    return Err(NpyProblem::NotRectangular);
                }
                items
                    .iter()
                    .try_for_each(|i| walk(i, depth + 1, shape, data))
            }
            _ => Err(NpyProblem::NotNumbers),
        }
    }
    let (mut shape, mut data) = (Vec::new(), Vec::new());
    walk(value, 0, &mut shape, &mut data).map_err(|problem| ImportError::Npy {
        name: name.clone(),
        problem,
    })?;
    Ok(NamedArray { name, shape, data })
}
