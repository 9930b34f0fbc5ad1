//! The instructor's game folder and the file handling it needs: the save (an input journal,
//! checksummed and written atomically), side keys and signed orders, per-side views that leak
//! nothing, and the white cell's actions (adjudicate, inject, amend, rollback, replay).

pub mod actions;
pub mod amend;
pub mod atomic;
pub mod audit;
pub mod crypto;
pub mod derived;
pub mod folder;
pub mod intake;
pub mod journal;
pub mod keyfile;
pub mod lock;
pub mod playback;
pub mod prompt;
pub mod recorded;
pub mod redact;
pub mod save;
pub mod testhook;
pub mod view;
pub mod view_report;

pub use folder::{Game, GameError};
