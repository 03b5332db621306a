//! Every input kept in `fuzz/regressions/<target>/` (crashes the fuzzers found, and hostile
//! seeds written by hand) replayed through the fuzz target's body: each must return.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a missing folder or unreadable file is a broken checkout, said at once"
)]

use std::path::Path;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/regressions");

fn replay(target: &str, body: fn(&[u8])) -> usize {
    let dir = Path::new(DIR).join(target);
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        eprintln!("{target}: {}", path.display());
        body(&bytes);
        count += 1;
    }
    count
}

#[test]
fn kept_inputs_replay_without_a_crash() {
    use unrolled::fuzzing as f;
    let total = replay("link", f::link)
        + replay("sessions", f::sessions)
        + replay("npz", f::npz)
        + replay("import", f::import)
        + replay("document", f::document)
        + replay("typed", f::typed)
        + replay("quiz", f::quiz);
    assert!(total >= 7, "{total} inputs");
}
