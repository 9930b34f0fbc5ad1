//! Batch throughput: games per second of the tutorial scenario with bot policies, through the
//! batch executor (rows in run order) at 1 and 2 threads, and one game in a reused engine against
//! a fresh World + Schedule per game.
//!
//! Baseline: `cargo bench --bench batch -- --save-baseline main`; compare a change with
//! `cargo bench --bench batch -- --baseline main`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;
use whitecell::batch::{Plan, exec, row};
use whitecell::dice::Dice;
use whitecell::model::Compiled;
use whitecell::policy::PolicySpec;
use whitecell::sim::Engine;
use whitecell::sim::autoplay::play_to_end;

fn plan(runs: u64) -> Plan {
    let path = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/tutorial.ron"
    ));
    let loaded = whitecell::scenario::load_file(path).expect("tutorial loads");
    let policies = |_: &Compiled| {
        Ok(vec![
            PolicySpec::parse("cautious").expect("policy"),
            PolicySpec::parse("aggressive").expect("policy"),
        ])
    };
    Plan::new(&loaded, 1, runs, Vec::new(), Vec::new(), &policies).expect("plan")
}

fn executor(c: &mut Criterion) {
    let mut g = c.benchmark_group("batch");
    g.sample_size(10);
    for runs in [200u64, 2000] {
        let p = plan(runs);
        g.throughput(Throughput::Elements(runs));
        for threads in [1usize, 2] {
            g.bench_with_input(
                BenchmarkId::new(format!("threads{threads}"), runs),
                &runs,
                |b, &runs| {
                    b.iter(|| {
                        let mut n = 0u64;
                        exec::run_range(&p, 0..runs, threads, &mut |r| {
                            n += u64::from(r.result.is_ok());
                            Ok(())
                        })
                        .expect("runs");
                        black_box(n)
                    })
                },
            );
        }
    }
    g.finish();
}

fn engine_reuse(c: &mut Criterion) {
    let p = plan(1);
    let compiled: Arc<Compiled> = p.points[0].compiled.clone();
    let policies = p.points[0].policies.clone();
    let mut g = c.benchmark_group("game");
    g.bench_function("reused_engine", |b| {
        let mut engine = None;
        let mut i = 0u64;
        b.iter(|| {
            i += 1;
            black_box(row::play(&p, i % p.total(), &mut engine))
        })
    });
    g.bench_function("fresh_engine", |b| {
        let mut seed = 0u64;
        b.iter(|| {
            seed += 1;
            let mut e = Engine::new(compiled.clone(), Dice::seeded(seed));
            play_to_end(&mut e, &policies, |_| {});
            black_box(e.state_hash())
        })
    });
    g.finish();
}

criterion_group!(benches, executor, engine_reuse);
criterion_main!(benches);
