//! The rules of ruleset v1 as pure functions, free of the ECS: the systems in [`crate::sim`] gather
//! state, call these, and turn the answers into logged events. Each module holds one rule.

pub mod board;
pub mod combat;
pub mod conditions;
pub mod control;
pub mod detection;
pub mod movement;
pub mod readiness;
pub mod supply;
pub mod victory;

pub use board::{Board, Placement};

/// Clamps a track value to its bounds.
pub fn clamp_track(v: i64, min: i32, max: i32) -> i32 {
    v.clamp(i64::from(min), i64::from(max)) as i32
}
