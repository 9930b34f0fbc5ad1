//! Criterion benches of the core loop: one full turn on generated scenarios of growing size, and
//! whole games of the shipped scenarios. See the README for the commands and the figures.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};
use whitecell::dice::Dice;
use whitecell::model::Compiled;
use whitecell::policy::PolicySpec;
use whitecell::scenario::{generate, load};
use whitecell::sim::Engine;
use whitecell::sim::autoplay::play_to_end;

fn default_ruleset() -> whitecell::scenario::Ruleset {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/rulesets/default.ron");
    let text = std::fs::read_to_string(&path).expect("default ruleset");
    let mut diags = Vec::new();
    load::load_ruleset_text(&path, &text, &mut diags).expect("default ruleset loads")
}

fn generated(units: usize) -> Arc<Compiled> {
    let s = generate::generated(units, default_ruleset());
    let rs = match &s.ruleset {
        whitecell::scenario::RulesetRef::Inline(r) => r.clone(),
        whitecell::scenario::RulesetRef::File(_) => unreachable!(),
    };
    Arc::new(
        Compiled::from_parts(s, rs, format!("generated-{units}"))
            .expect("generated scenario compiles"),
    )
}

fn shipped(rel: &str) -> Arc<Compiled> {
    let loaded = load::load_file(&Path::new(env!("CARGO_MANIFEST_DIR")).join(rel))
        .expect("shipped scenario loads");
    Arc::new(Compiled::new(&loaded).expect("compiles"))
}

/// One turn, timed alone: the engine is reset and every side's random orders are worked out before
/// the clock starts, so the figure is adjudication only.
fn one_turn(c: &mut Criterion) {
    let mut g = c.benchmark_group("turn");
    for units in [30usize, 1_000, 10_000, 100_000] {
        let scenario = generated(units);
        let mut engine = Engine::new(scenario.clone(), Dice::seeded(1));
        // As a batch plays: no kept log, no per-turn hash (see `hash` for what hashing costs).
        engine.keep_log(false);
        engine.hash_every_turn(false);
        if units >= 10_000 {
            g.sample_size(10)
                .measurement_time(Duration::from_secs(if units >= 100_000 { 20 } else { 8 }));
        }
        g.bench_with_input(BenchmarkId::from_parameter(units), &units, |b, _| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for i in 0..iters {
                    let dice = Dice::seeded(i);
                    engine.reset(scenario.clone(), dice.clone());
                    let state = engine.state();
                    for s in scenario.side_ids() {
                        let orders = PolicySpec::Random.orders(&scenario, &state, s, &dice);
                        engine.submit(s, orders, Vec::new());
                    }
                    let t = Instant::now();
                    engine.step().expect("a turn plays");
                    black_box(engine.turn_events().len());
                    total += t.elapsed();
                }
                total
            })
        });
    }
    g.finish();
}

/// Whole games of the shipped scenarios with random policies, reusing one engine as a batch thread does.
fn whole_game(c: &mut Criterion) {
    let mut g = c.benchmark_group("game");
    for rel in ["scenarios/tutorial.ron", "scenarios/eastern-med-2018.ron"] {
        let scenario = shipped(rel);
        let policies = vec![PolicySpec::Random; scenario.side_count()];
        let mut engine = Engine::new(scenario.clone(), Dice::seeded(0));
        let mut seed = 0u64;
        g.bench_function(rel.trim_start_matches("scenarios/"), |b| {
            b.iter(|| {
                seed += 1;
                engine.reset(scenario.clone(), Dice::seeded(seed));
                play_to_end(&mut engine, &policies, |_| {});
                black_box(engine.turn())
            })
        });
    }
    g.finish();
}

criterion_group!(benches, one_turn, whole_game);
criterion_main!(benches);
