//! The sizes of files the page reads, checked before anything is allocated.

/// Largest file imported, in bytes (and largest array one `.npz` entry inflates to).
pub const MAX_IMPORT_BYTES: usize = 64 * 1024 * 1024;

/// Most numbers in one imported array.
pub const MAX_ARRAY_NUMBERS: usize = 16 * 1024 * 1024;

/// Most arrays in one `.npz`.
pub const MAX_ARRAYS: usize = 1_000;

/// Most bytes all the arrays of one `.npz` inflate to together (a 16 M-parameter model
/// saved as float64 is 128 MiB).
pub const MAX_INFLATED_BYTES: u64 = 128 * 1024 * 1024;
