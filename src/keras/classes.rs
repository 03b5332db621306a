//! The Keras layer classes the reader understands.

/// Classes that compute nothing at inference (`training=False`): shown, then skipped.
pub const IDENTITY_CLASSES: [&str; 3] = ["Dropout", "SpatialDropout1D", "GaussianNoise"];

/// Every layer class the reader understands (the wrappers' inner layers are checked apart).
pub const SUPPORTED_CLASSES: [&str; 11] = [
    "InputLayer",
    "Embedding",
    "SimpleRNN",
    "LSTM",
    "GRU",
    "Bidirectional",
    "Dense",
    "TimeDistributed",
    "Dropout",
    "SpatialDropout1D",
    "GaussianNoise",
];
