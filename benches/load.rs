//! Loading: parsing and validating each shipped scenario (the ruleset it names included) and
//! compiling it to ids, reach table and all — what `validate`, `run`, `batch` and `new` pay once.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use whitecell::model::Compiled;

fn load(c: &mut Criterion) {
    let mut g = c.benchmark_group("load");
    for rel in ["scenarios/tutorial.ron", "scenarios/eastern-med-2018.ron"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
        g.bench_function(rel.trim_start_matches("scenarios/"), |b| {
            b.iter(|| {
                let loaded = whitecell::scenario::load_file(&path).expect("loads");
                black_box(Compiled::new(&loaded).expect("compiles"))
            })
        });
    }
    g.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
