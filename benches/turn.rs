//! Benchmarks (placeholder until the criterion benches land).
fn main() {}
