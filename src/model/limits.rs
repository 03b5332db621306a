//! Upper limits on model and case documents, each with the reason it exists.
//!
//! Unrolled runs in a browser tab and on the command line; a document is untrusted input.
//! Every limit here is checked before anything of that size is allocated, so a huge or
//! hostile document ends in a clear error instead of a frozen tab or an exhausted machine.
//! The numbers are far above what a visualization needs (the seed's largest model has
//! 128 hidden units and a 5,000-word vocabulary).

/// Most bytes the command line reads from one file or stdin (64 MiB): the largest
/// realistic case document (a 2.5 M-parameter model written as JSON) is well below it.
pub const MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;

/// Most layers in one model: deeper stacks cannot be drawn or read.
pub const MAX_LAYERS: usize = 64;

/// Most units (hidden units or dense outputs) in one layer: a 4096 × 4096 recurrent kernel
/// is already 64 MiB of `f32`.
pub const MAX_UNITS: usize = 4096;

/// Most input features per timestep (also the most embedding dimensions).
pub const MAX_FEATURES: usize = 4096;

/// Largest embedding vocabulary.
pub const MAX_VOCAB: usize = 1_000_000;

/// Longest sequence: each timestep is one column of the unrolled diagram and one cell
/// evaluation per direction and layer.
pub const MAX_TIMESTEPS: usize = 10_000;

/// Largest batch given in a model or case.
pub const MAX_BATCH: usize = 1_024;

/// Most parameters in a whole model (16 M, 64 MiB of `f32`): bounds the memory that
/// initializing or reading the weights can take.
pub const MAX_PARAMS: u64 = 16 * 1024 * 1024;

/// Most numbers in one tensor of a case document (weights or inputs), checked while the
/// JSON is read, before the numbers are stored.
pub const MAX_TENSOR_ELEMENTS: usize = 16 * 1024 * 1024;

/// Most nesting levels of a JSON array read as a tensor (the deepest tensor, the inputs,
/// has three).
pub const MAX_TENSOR_RANK: usize = 4;

/// Most multiply-adds one run may take (about a second of native work): batch ×
/// timesteps × directions × (inputs + units) × units, summed over the recurrent layers.
pub const MAX_RUN_MULTIPLY_ADDS: u64 = 2_000_000_000;

/// Longest model or layer name, in characters: names are printed in the summary.
pub const MAX_NAME_CHARS: usize = 256;

/// Most numbers a traced run may return (8 M, about 100 MB of JSON): a trace keeps, per
/// recurrent layer, direction, batch item and timestep, `x_t` and six vectors of `units`.
pub const MAX_TRACE_NUMBERS: u64 = 8 * 1024 * 1024;
