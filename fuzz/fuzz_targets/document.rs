//! Model and case documents, as the command line reads them.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| unrolled::fuzzing::document(data));
