//! The simulation: a scenario becomes a bevy_ecs World ([`world`]) whose components are the units'
//! state; a turn is a Schedule of chained phase sets ([`phases`]) whose systems read the world,
//! call [`crate::rules`] and write events to the log that [`apply`] alone applies. [`Engine`] is
//! the facade the CLI, the game folder and batch runs use.

pub mod apply;
pub mod autoplay;
pub mod changes;
pub mod components;
pub mod engine;
pub mod hash;
pub mod phases;
mod readout;
pub mod scratch;
pub mod snapshot;
pub mod state;
pub mod world;

pub use engine::{Engine, StepError};
pub use hash::state_hash_v1;
pub use snapshot::Snapshot;
