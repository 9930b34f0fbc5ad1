//! A warm engine allocates nothing per unit per turn: a counting global allocator (this test binary
//! only) counts the allocations of whole games of the eastern Mediterranean scenario played as a
//! batch plays them, in an engine that has played games before. Neither a turn nor the final hash
//! allocates anything, so the count cannot grow with the turns played.

// A global allocator can only be written with `unsafe`; this one only counts and forwards.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

struct Counting;

static COUNT: AtomicU64 = AtomicU64::new(0);
static ON: AtomicBool = AtomicBool::new(false);

// SAFETY: every call is passed straight to the system allocator; the counter only observes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if ON.load(Ordering::Relaxed) {
            COUNT.fetch_add(1, Ordering::Relaxed);
        }
        // SAFETY: the caller's contract is the system allocator's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if ON.load(Ordering::Relaxed) {
            COUNT.fetch_add(1, Ordering::Relaxed);
        }
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

mod common;

use whitecell::dice::Dice;
use whitecell::policy::PolicySpec;
use whitecell::sim::Engine;

fn count(f: impl FnOnce()) -> u64 {
    COUNT.store(0, Ordering::Relaxed);
    ON.store(true, Ordering::Relaxed);
    f();
    ON.store(false, Ordering::Relaxed);
    COUNT.load(Ordering::Relaxed)
}

/// The allocations of each turn of one game, and of its final hash.
fn game(
    e: &mut Engine,
    c: &std::sync::Arc<whitecell::model::Compiled>,
    seed: u64,
    p: &[PolicySpec],
) -> (Vec<u64>, u64) {
    e.reset(c.clone(), Dice::seeded(seed));
    e.set_bots(p);
    let mut turns = Vec::new();
    while !e.ended() {
        turns.push(count(|| e.step().expect("turn")));
    }
    let end = count(|| {
        std::hint::black_box(e.hash());
    });
    (turns, end)
}

#[test]
fn a_warm_game_allocates_a_fixed_small_budget_that_does_not_grow_with_turns() {
    let c = common::compile("scenarios/eastern-med-2018.ron");
    for setup in ["default", "cautious", "aggressive"] {
        let p: Vec<PolicySpec> = c
            .scenario
            .sides
            .iter()
            .map(|s| {
                let name = match setup {
                    "default" => s.policy.clone().unwrap_or_else(|| "random".into()),
                    other => other.to_string(),
                };
                PolicySpec::parse(&name).unwrap()
            })
            .collect();
        let mut e = Engine::new(c.clone(), Dice::seeded(0));
        e.keep_log(false);
        e.hash_every_turn(false);
        // Warm up: games that reach every buffer's working size.
        for seed in 1..=100 {
            game(&mut e, &c, seed, &p);
        }
        let mut longest = 0;
        for seed in 100..140 {
            let (turns, end) = game(&mut e, &c, seed, &p);
            longest = longest.max(turns.len());
            let total: u64 = turns.iter().sum::<u64>() + end;
            assert!(
                turns.iter().all(|&n| n == 0),
                "{setup} seed {seed}: a warm turn allocated: {turns:?}"
            );
            // The final hash writes the outcome's words (a few strings): the whole budget.
            assert!(
                total <= 32,
                "{setup} seed {seed}: {total} allocations in a warm game"
            );
        }
        assert!(
            longest >= 10,
            "{setup}: the games were too short to show anything"
        );
    }
}
