//! The instructor's game folder, a folder per idea: its [`store`] (the save — an input journal,
//! checksummed and written atomically — playback, the lock, key files and signed orders intake),
//! the per-side [`views`] that leak nothing (sealed under the side's key) and the umpire's own, the
//! team's [`desk`] (the pure parts of the prompt: order syntax, completion, odds, warnings, help) and
//! the white cell's actions in [`umpire`] (adjudicate, inject, amend, rollback, who plays silent
//! sides, the recorded game a fork replays). [`score`] works out a side's points as the victory
//! check would; [`error`] is the one error every part returns.

pub mod desk;
pub mod error;
pub mod score;
pub mod store;
pub mod umpire;
pub mod views;

pub use error::GameError;
pub use store::folder::Game;
