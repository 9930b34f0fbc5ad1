//! # whitecell
//!
//! A tabletop wargame adjudication engine for education. A scenario written in RON
//! ([`scenario`]) is compiled to stable ids ([`model`]) and played in a bevy_ecs world ([`sim`]),
//! one simultaneous turn at a time: order check ([`orders`]), movement, detection, engagement on a
//! combat results table, control, readiness and supply, tracks and events, victory — each rule a
//! pure function in [`rules`], each roll from seeded, portable [`dice`], each change an event in one
//! log ([`report`]) that replays. Bot [`policy`]s play sides with nobody at the keyboard.
//!
//! Units are abstract counters with small integer factors chosen for play. whitecell never models
//! real targeting or capability: no coordinates, ranges, weapon loads or platform performance.
//!
//! Researchers play scenarios thousands of times over seeds and parameter sweeps with [`batch`].
//!
//! The library does no terminal I/O; only [`scenario::load`], the [`batch`] writers and the CLI touch
//! files.
#![forbid(unsafe_code)]

pub mod batch;
pub mod cli;
pub mod dice;
pub mod disk;
pub mod game;
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
