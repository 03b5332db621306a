//! Typed values and sentences, as the input field reads them.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| unrolled::fuzzing::typed(data));
