//! Batch throughput (placeholder).
fn main() {}
