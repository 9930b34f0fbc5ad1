//! # whitecell
//!
//! A tabletop wargame adjudication engine for education. A scenario written in RON is compiled to
//! stable ids and played in a bevy_ecs world, one simultaneous turn at a time: order check,
//! movement, detection, engagement on a combat results table, control, readiness and supply, tracks
//! and events, victory — each rule a pure function, each roll from seeded, portable dice, each
//! change an event in one log that replays.
//!
//! Units are abstract counters with small integer factors chosen for play. whitecell never models
//! real targeting or capability: no coordinates, ranges, weapon loads or platform performance.
//!
//! ## The rooms, floor by floor
//!
//! Each room imports only from the floors below it.
//!
//! 1. [`dice`] — the seeded, portable dice; [`disk`] — atomic writes and the crash-test hooks.
//! 2. [`scenario`] — the file format: schema, the located loader, validation.
//! 3. [`model`] — the scenario compiled to stable ids; the game state with names.
//! 4. [`rules`] — ruleset v1 as pure functions, free of the ECS; [`orders`] — the order types and
//!    their pure check, the legal-order generator.
//! 5. [`log`] — the event log every change flows through, with names at its edges; [`policy`] —
//!    the bots that play sides nobody plays.
//! 6. [`sim`] — the bevy_ecs world and turn schedule behind the [`sim::Engine`] facade.
//! 7. [`report`] — what is written from the log in text: turn summaries, JSON Lines, `describe`.
//! 8. [`batch`] — loading for play, plans over seeds and sweeps, parallel runs, result files,
//!    forks; [`game`] — the instructor's game folder: its store, views, the team's desk, the white
//!    cell's actions; [`lint`] — what validates but is probably a mistake, found statically and
//!    by games played in memory.
//! 9. [`html`] — the HTML after-action and batch reports, read from game folders and batch results.
//! 10. [`cli`] — the `whitecell` command: flags in, a library call, words out.
//!
//! One import runs upward, on purpose: the scenario checker asks [`policy`] whether a side's
//! default policy is one it knows, so that a misspelt bot is a located scenario error.
//!
//! The library prints nothing; only [`scenario::load`], the [`game`] folder, the [`batch`] writers
//! and the [`cli`] touch files.
#![forbid(unsafe_code)]

pub mod batch;
pub mod cli;
pub mod dice;
pub mod disk;
pub mod game;
pub mod html;
pub mod lint;
pub mod log;
pub mod model;
pub mod orders;
pub mod policy;
pub mod report;
pub mod rules;
pub mod scenario;
pub mod sim;

/// The engine version, recorded in saves and batch manifests.
///
/// The `+rules.N` part is the rules revision: bump it in any change that alters the result of a game
/// (the golden files, the dice vectors or recorded hashes change), so that saves and batch manifests
/// made under other rules are recognised as such and never mixed with new results.
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "+rules.2");

/// The rules revision of this build (the `N` of `+rules.N` in [`VERSION`]).
///
/// Revision 2 changed only the state hash's encoding (canonical data, no display text): every game
/// plays as under revision 1, so saves made under revision 1 still open, their hashes checked in
/// the encoding of their revision ([`sim::Engine::state_hash_for`]).
pub const RULES: u32 = 2;

/// The rules revision a version string names: `0.1.0+rules.1` gives 1.
pub fn rules_of(version: &str) -> Option<u32> {
    version.rsplit_once("+rules.")?.1.parse().ok()
}
