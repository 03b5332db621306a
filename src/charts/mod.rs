//! charts (filled in by its issue).
