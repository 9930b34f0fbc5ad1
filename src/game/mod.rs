//! The instructor's game folder and the file handling it needs: the save (an input journal,
//! checksummed and written atomically), side keys and signed orders, per-side views that leak
//! nothing (sealed under the side's key), the white cell's actions (adjudicate, inject, amend,
//! rollback, replay) and desk (the umpire's view, who plays silent sides, scores), and the pure parts
//! of the team's prompt (order syntax, completion, odds, warnings, help).

pub mod actions;
pub mod amend;
pub mod audit;
pub mod complete;
pub mod crypto;
pub mod derived;
pub mod desk;
pub mod folder;
pub mod help;
pub mod intake;
pub mod journal;
pub mod keyfile;
pub mod lock;
pub mod odds;
pub mod playback;
pub mod prompt;
pub mod recorded;
pub mod redact;
pub mod save;
pub mod score;
pub mod umpire_view;
pub mod view;
pub mod view_file;
pub mod view_report;
pub mod warn;

pub use folder::{Game, GameError};
