//! Criterion benches of the core loop: one whole turn on generated scenarios of growing size
//! (`turn/N`), the same turn's movement, detection and engagement as a plain struct-of-arrays loop
//! with no ECS and no log (`baseline/N`, see [`baseline`]), whole games of the shipped scenarios
//! with their default policies in a reused engine (`game/...`), and the state hash (`hash/...`).
//! benches/README.md has the commands and the figures.

mod baseline;
mod common;

use common::*;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::{Duration, Instant};
use whitecell::dice::Dice;
use whitecell::sim::autoplay::play_out;

const SIZES: [usize; 4] = [30, 1_000, 10_000, 100_000];

fn long(g: &mut criterion::BenchmarkGroup<criterion::measurement::WallTime>, units: usize) {
    if units >= 10_000 {
        g.sample_size(10)
            .measurement_time(Duration::from_secs(if units >= 100_000 { 15 } else { 6 }));
    }
}

/// One turn, timed alone: the engine is reset and every side's random orders are worked out before
/// the clock starts, so the figure is adjudication only (the engine as a batch runs it: no kept
/// log, no per-turn hash). Throughput is in unit-turns.
fn one_turn(c: &mut Criterion) {
    let mut g = c.benchmark_group("turn");
    for units in SIZES {
        let scenario = generated(units);
        let mut engine = batch_engine(&scenario);
        long(&mut g, units);
        g.throughput(Throughput::Elements(units as u64));
        g.bench_with_input(BenchmarkId::from_parameter(units), &units, |b, _| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for i in 0..iters {
                    let dice = Dice::seeded(i);
                    engine.reset(scenario.clone(), dice.clone());
                    for (s, o) in random_orders(&scenario, &mut engine, &dice) {
                        engine.submit(s, o, Vec::new());
                    }
                    let t = Instant::now();
                    engine.step().expect("a turn plays");
                    total += t.elapsed();
                    black_box(engine.turn_events().len());
                }
                total
            })
        });
    }
    g.finish();
}

/// The same turn's arithmetic as a plain loop over arrays: the floor the ECS turn is measured
/// against.
fn baseline_turn(c: &mut Criterion) {
    let mut g = c.benchmark_group("baseline");
    for units in SIZES {
        let scenario = generated(units);
        let mut engine = batch_engine(&scenario);
        let mut soa = baseline::Soa::default();
        long(&mut g, units);
        g.throughput(Throughput::Elements(units as u64));
        g.bench_with_input(BenchmarkId::from_parameter(units), &units, |b, _| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for i in 0..iters {
                    let dice = Dice::seeded(i);
                    engine.reset(scenario.clone(), dice.clone());
                    let orders = random_orders(&scenario, &mut engine, &dice);
                    soa.load(&scenario, &engine.state(), &orders);
                    let t = Instant::now();
                    black_box(baseline::turn(&scenario, &mut soa, &dice));
                    total += t.elapsed();
                }
                total
            })
        });
    }
    g.finish();
}

/// Whole games of the shipped scenarios with each scenario's default policies, reusing one engine
/// as a batch worker does, and hashing the final state as a batch row does.
fn whole_game(c: &mut Criterion) {
    let mut g = c.benchmark_group("game");
    for rel in ["scenarios/tutorial.ron", "scenarios/eastern-med-2018.ron"] {
        let scenario = shipped(rel);
        let policies = default_policies(&scenario);
        let mut engine = batch_engine(&scenario);
        let mut seed = 0u64;
        g.bench_function(rel.trim_start_matches("scenarios/"), |b| {
            b.iter(|| {
                seed += 1;
                engine.reset(scenario.clone(), Dice::seeded(seed));
                play_out(&mut engine, &policies);
                black_box(engine.hash())
            })
        });
    }
    g.finish();
}

/// The state hash: what hashing every turn costs (classroom games and `replay` do; batches do not).
fn hash(c: &mut Criterion) {
    let mut g = c.benchmark_group("hash");
    let med = shipped("scenarios/eastern-med-2018.ron");
    let mut e = batch_engine(&med);
    e.reset(med.clone(), Dice::seeded(3));
    e.set_bots(&default_policies(&med));
    for _ in 0..6 {
        let _ = e.step();
    }
    g.bench_function("eastern-med-2018/turn-6", |b| {
        b.iter(|| black_box(e.hash()))
    });
    let big = generated(100_000);
    let mut e = batch_engine(&big);
    g.sample_size(20);
    g.bench_function("generated/100000", |b| b.iter(|| black_box(e.hash())));
    g.finish();
}

criterion_group!(benches, one_turn, baseline_turn, whole_game, hash);
criterion_main!(benches);
