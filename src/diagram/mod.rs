//! diagram (filled in by its issue).
