//! `.npz` archives and `.npy` arrays.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| unrolled::fuzzing::npz(data));
