//! Batch throughput: games per second of the shipped scenarios with their default policies,
//! through the batch executor (rows in run order, as `batch` writes them) at 1 and 2 threads; and
//! one game in a reused engine against a fresh World + Schedule per game (`engine/...`).
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
use whitecell::sim::autoplay::play_out;

fn plan(rel: &str, runs: u64) -> Plan {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    let loaded = whitecell::scenario::load_file(&path).expect("scenario loads");
    let policies = |c: &Compiled| {
        Ok(c.scenario
            .sides
            .iter()
            .map(|s| PolicySpec::parse(s.policy.as_deref().unwrap_or("random")).expect("policy"))
            .collect())
    };
    Plan::new(&loaded, 1, runs, Vec::new(), Vec::new(), &policies).expect("plan")
}

fn executor(c: &mut Criterion) {
    let mut g = c.benchmark_group("batch");
    g.sample_size(10);
    let runs = 2000u64;
    for rel in ["scenarios/tutorial.ron", "scenarios/eastern-med-2018.ron"] {
        let p = plan(rel, runs);
        let name = rel
            .trim_start_matches("scenarios/")
            .trim_end_matches(".ron");
        g.throughput(Throughput::Elements(runs));
        for threads in [1usize, 2] {
            g.bench_with_input(
                BenchmarkId::new(format!("{name}/threads{threads}"), runs),
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
    let p = plan("scenarios/eastern-med-2018.ron", 1000);
    let compiled: Arc<Compiled> = p.points[0].compiled.clone();
    let policies = p.points[0].policies.clone();
    let mut g = c.benchmark_group("engine");
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
            e.keep_log(false);
            e.hash_every_turn(false);
            play_out(&mut e, &policies);
            black_box(e.state_hash())
        })
    });
    g.finish();
}

criterion_group!(benches, executor, engine_reuse);
criterion_main!(benches);
