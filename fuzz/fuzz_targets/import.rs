//! Imported files: Keras weights as JSON, model and case documents, against the page's
//! default model.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| unrolled::fuzzing::import(data));
