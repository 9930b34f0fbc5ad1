//! libFuzzer target `set`: see [`harness::set`](../harness.rs).
#![no_main]

#[path = "../harness.rs"]
#[allow(dead_code)]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::set(data));
