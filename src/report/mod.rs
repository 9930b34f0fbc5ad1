//! Reports: the event log's types (the engine's [`event`]s, and the same [`named`] for people and
//! files, [`render`]ed between the two) and what is written from it: turn summaries for
//! people ([`text`]), JSON Lines for programs ([`jsonl`]) and the hotwash's HTML after-action
//! reports ([`html`]). Reports read the log and nothing else;
//! [`describe`] summarises a scenario itself, before any log exists.

pub mod describe;
pub mod event;
pub mod html;
pub mod jsonl;
pub mod named;
pub mod render;
pub mod text;
pub mod words;

pub use event::{Event, Log};
pub use named::LogEvent;
