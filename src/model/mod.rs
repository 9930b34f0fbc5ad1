//! The game's vocabulary: stable ids ([`ids`]), the scenario compiled to those ids ([`compiled`])
//! and plain, ECS-free state ([`state`]).

pub mod compiled;
pub mod ids;
pub mod reach;
pub mod state;

pub use compiled::{Compiled, KindDef};
pub use ids::*;
pub use state::*;
