//! Property tests (proptest) over generated scenarios — random connected zone graphs, sides and
//! relations, unit types, units, scripted events — and random sequences of legal and illegal
//! orders, up to 30 turns a game. What each property asserts is in its module:
//! [`invariants`] (every turn of every game: units, steps, verdicts, views), [`legal`] (the legal
//! orders against the full check), [`folder`] (save, load, continue and rollback through the real
//! game folder); the generator itself is [`scenarios`], the orders [`orders`].
//!
//! Case counts: [`ENGINE_CASES`] for each engine property, fewer for the views (a view is built,
//! sealed and searched for every side every turn) and the folder (every step of a game folder
//! fsyncs). `WHITECELL_PROPTEST_CASES=N` scales them all to N cases for each engine property
//! (the others in proportion); `PROPTEST_RNG_SEED=S` replays a run. A failure prints the shrunk
//! case; it becomes a plain regression test in `tests/property_regressions.rs`.

// Each property reports its cases and time on stderr (`-- --nocapture` shows them).
#![allow(clippy::print_stderr)]

mod properties {
    pub mod folder;
    pub mod invariants;
    pub mod legal;
    pub mod orders;
    pub mod recipe;
    pub mod rulesets;
    pub mod scenarios;
    pub mod schedule;
    pub mod views;
}

use properties::{folder, invariants, legal, orders, scenarios, schedule, views};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use whitecell::dice::Dice;
use whitecell::sim::Engine;

/// Cases of the invariants and legal-orders properties by default; the others run a share of it.
pub const ENGINE_CASES: u32 = 4_200;

/// Games of the folder property by default.
pub const FOLDER_CASES: u32 = 16;

fn env(name: &str) -> Option<u32> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

/// A property's case count: `per_mille` of the engine count (default or
/// `WHITECELL_PROPTEST_CASES`), at least 1.
pub fn cases(per_mille: u32) -> u32 {
    let n = env("WHITECELL_PROPTEST_CASES").unwrap_or(ENGINE_CASES);
    (u64::from(n) * u64::from(per_mille) / 1000).max(1) as u32
}

/// Runs a property over `cases` cases; panics with the shrunk failing case.
pub fn run<S: Strategy>(
    name: &str,
    cases: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) where
    S::Value: std::fmt::Debug,
{
    let config = Config {
        cases,
        failure_persistence: None,
        // The fast generator: drawing the inputs is a good part of a small case's cost.
        rng_algorithm: proptest::test_runner::RngAlgorithm::XorShift,
        ..Config::default()
    };
    let start = std::time::Instant::now();
    let mut runner = TestRunner::new(config);
    if let Err(e) = runner.run(&strategy, test) {
        panic!("property `{name}` failed: {e}");
    }
    eprintln!(
        "property `{name}`: {cases} cases passed in {:.1} s",
        start.elapsed().as_secs_f64()
    );
}

/// What the games of a property did, for the log of a run (and the README's figures).
#[derive(Debug, Default)]
struct Tally {
    games: usize,
    turns: usize,
    longest: usize,
    long_games: usize,
    orders: usize,
    rejected: usize,
    foreign: usize,
    engagements: usize,
    steps_lost: usize,
    added: usize,
    removed: usize,
}

static TALLY: std::sync::Mutex<Tally> = std::sync::Mutex::new(Tally {
    games: 0,
    turns: 0,
    longest: 0,
    long_games: 0,
    orders: 0,
    rejected: 0,
    foreign: 0,
    engagements: 0,
    steps_lost: 0,
    added: 0,
    removed: 0,
});

fn tally(
    c: &whitecell::model::Compiled,
    hands: &[orders::Hand],
    events: &[whitecell::log::LogEvent],
) {
    use whitecell::log::LogEvent as E;
    let mut t = TALLY.lock().unwrap_or_else(|p| p.into_inner());
    t.turns += 1;
    for h in hands {
        t.orders += h.orders.orders.len() + h.orders.signals.len() + h.unresolved.len();
        t.foreign += h.foreign(c).count();
    }
    for e in events {
        match e {
            E::OrderRejected { .. } => t.rejected += 1,
            E::Engagement { .. } => t.engagements += 1,
            E::StepsLost { steps, .. } => t.steps_lost += usize::from(*steps),
            E::UnitAdded { .. } => t.added += 1,
            E::UnitRemoved { .. } => t.removed += 1,
            _ => {}
        }
    }
}

fn fail(e: impl std::fmt::Display) -> TestCaseError {
    TestCaseError::fail(e.to_string())
}

thread_local! {
    static POOL: std::cell::RefCell<Vec<Engine>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// An engine for one game, taken from this thread's pool (reset to the game's start) and given
/// back when dropped: building a World and its Schedule costs more than a short game, and a
/// batch thread keeps one engine for all its games in the same way.
pub struct Pooled(Option<Engine>);

impl Pooled {
    /// An engine at the start of a game of `c` with `dice`, keeping every turn's log and hash.
    pub fn new(c: std::sync::Arc<whitecell::model::Compiled>, dice: Dice) -> Pooled {
        let e = POOL.with(|p| p.borrow_mut().pop());
        let mut e = match e {
            Some(mut e) => {
                e.reset(c, dice);
                e
            }
            None => Engine::new(c, dice),
        };
        e.clear_bots();
        e.keep_log(true);
        e.hash_every_turn(true);
        Pooled(Some(e))
    }
}

impl std::ops::Deref for Pooled {
    type Target = Engine;
    fn deref(&self) -> &Engine {
        self.0.as_ref().expect("an engine")
    }
}

impl std::ops::DerefMut for Pooled {
    fn deref_mut(&mut self) -> &mut Engine {
        self.0.as_mut().expect("an engine")
    }
}

impl Drop for Pooled {
    fn drop(&mut self) {
        if let Some(e) = self.0.take() {
            POOL.with(|p| p.borrow_mut().push(e));
        }
    }
}

/// Plays a generated game with generated orders, checking every turn (and every side's view
/// when `views`); a twin game given the same orders without those for other sides' units must
/// reach the same hash every turn.
fn game(
    recipe: &scenarios::Recipe,
    seed: u64,
    turns: &[orders::TurnR],
    views: bool,
) -> Result<(), TestCaseError> {
    let c = scenarios::compile(recipe);
    let dice = Dice::seeded(seed);
    let mut e = Pooled::new(c.clone(), dice.clone());
    let mut twin = Pooled::new(c.clone(), dice.clone());
    twin.hash_every_turn(false);
    let mut ledger = views::Ledger::new(c.side_count());
    let mut before = e.state();
    invariants::placement(&c, &before)?;
    let mut last = Vec::new();
    for t in turns {
        if e.ended() {
            prop_assert!(e.step().is_err(), "a game over plays no more turns");
            break;
        }
        let hands = orders::hands(&c, &before, &dice, t);
        for h in &hands {
            e.submit(h.side, h.orders.clone(), h.unresolved.clone());
            if !views {
                twin.submit(h.side, h.without_foreign(&c), h.unresolved.clone());
            }
        }
        let events = e.step_turn().map_err(fail)?;
        let after = e.state();
        if views {
            views::views(&c, &events, &after, &mut ledger)?;
        } else {
            twin.step().map_err(fail)?;
            invariants::turn(&c, &before, &hands, &events, &after)?;
            tally(&c, &hands, &events);
            prop_assert_eq!(
                &after,
                &twin.state(),
                "orders for other sides' units take no effect (turn {})",
                after.turn
            );
        }
        before = after;
        last = events;
    }
    if !views && !last.is_empty() {
        invariants::logged_hash(&last, &e.state_hash())?;
        let mut t = TALLY.lock().unwrap_or_else(|p| p.into_inner());
        t.games += 1;
        t.longest = t.longest.max(before.turn as usize);
        t.long_games += usize::from(before.turn >= 20);
    }
    Ok(())
}

fn games() -> impl Strategy<Value = (scenarios::Recipe, u64, Vec<orders::TurnR>)> {
    (scenarios::recipe(), any::<u64>(), orders::turns())
}

#[test]
fn every_turn_of_generated_games_keeps_the_invariants() {
    run("invariants", cases(1000), games(), |(r, seed, turns)| {
        game(&r, seed, &turns, false)
    });
    // Shrinking replays games, so the tally counts a little more than the cases on a failure.
    eprintln!("invariants: {:?}", TALLY.lock().unwrap());
}

#[test]
fn every_view_of_generated_games_holds_only_what_its_side_detected() {
    run("views", cases(35), games(), |(r, seed, turns)| {
        game(&r, seed, &turns, true)
    });
}

/// Plays a generated game and checks the legal orders of every unit at the start and after
/// every turn.
fn legal_game(
    recipe: &scenarios::Recipe,
    seed: u64,
    turns: &[orders::TurnR],
) -> Result<(), TestCaseError> {
    let c = scenarios::compile(recipe);
    let dice = Dice::seeded(seed);
    let mut e = Pooled::new(c.clone(), dice.clone());
    let mut state = e.state();
    legal::all(&c, &state)?;
    for t in turns {
        if e.ended() {
            break;
        }
        for h in orders::hands(&c, &state, &dice, t) {
            e.submit(h.side, h.orders, h.unresolved);
        }
        e.step().map_err(fail)?;
        state = e.state();
        legal::all(&c, &state)?;
    }
    Ok(())
}

#[test]
fn legal_orders_are_the_orders_the_check_accepts() {
    run("legal orders", cases(1000), games(), |(r, seed, turns)| {
        legal_game(&r, seed, &turns)
    });
}

#[test]
fn generated_scenarios_load_from_their_text() {
    // The generator itself, through the whole loader: every recipe's text loads and reads back
    // as the scenario written; and its scenarios are varied — each feature shows up.
    let seen = std::sync::Mutex::new([0usize; 6]);
    run("generator", cases(125), scenarios::recipe(), |r| {
        let (_, c) = scenarios::load_text(&r);
        let s = &c.scenario;
        let mut k = seen.lock().unwrap();
        k[0] += usize::from(s.sides.len() == 4);
        k[1] += usize::from(s.zones.len() >= 8);
        k[2] += usize::from(!s.events.is_empty());
        k[3] += usize::from(c.units.iter().any(|u| !u.initial));
        k[4] += usize::from(
            s.relations
                .iter()
                .any(|r| r.relation == whitecell::scenario::Relation::Allied),
        );
        k[5] += usize::from(s.victory.sudden_death.len() == 1);
        Ok(())
    });
    let k = seen.into_inner().unwrap();
    let n = cases(125) as usize;
    eprintln!(
        "generator: {n} scenarios; 4 sides {}, 8+ zones {}, events {}, units brought on {}, allies {}, sudden death {}",
        k[0], k[1], k[2], k[3], k[4], k[5]
    );
    assert!(
        n < 100 || k.iter().all(|&x| x * 20 >= n),
        "each feature shows up in at least 1 case in 20: {k:?}"
    );
}

#[test]
fn folder_games_save_load_continue_and_roll_back_to_the_same_hashes() {
    let n = env("WHITECELL_PROPTEST_FOLDER_CASES").unwrap_or(FOLDER_CASES);
    run("folder", n, games(), |(r, seed, turns)| {
        folder::game(&r, seed, &turns)
    });
}

#[test]
fn results_do_not_depend_on_unit_storage_bot_planning_or_hand_in_order() {
    let inputs = (games(), [0u8..3, 0u8..3, 0u8..3, 0u8..3], any::<u64>());
    run(
        "order independence",
        cases(250),
        inputs,
        |((r, seed, turns), policies, mix)| schedule::game(&r, seed, &turns, policies, mix),
    );
}
