//! A link fragment or stored session: read it, and when it reads, open it (every cost is
//! checked before work) and read its own link back.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| unrolled::fuzzing::link(data));
