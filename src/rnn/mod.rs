//! rnn (filled in by its issue).
