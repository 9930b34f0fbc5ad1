//! The event log: the one seam every change to a game's state flows through. The engine's systems
//! append [`Event`]s (compact, numeric ids, `Copy`) to a [`Log`]; [`crate::sim::apply`] alone applies
//! them, so a log replays into the same state. At the edges the log has names: [`render`] gives an
//! event its string ids and words ([`LogEvent`], the form files and people read) and [`resolve`]
//! reads one back. It stands below [`crate::sim`]; reports, the game folder and batch runs read it.

pub mod event;
pub mod named;
pub mod render;
pub mod resolve;

pub use event::{Event, Log};
pub use named::LogEvent;
