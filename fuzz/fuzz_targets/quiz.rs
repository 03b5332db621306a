//! Quiz answers (counts and shapes) and stored quiz progress.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| unrolled::fuzzing::quiz(data));
