//! Reports: the event log's types ([`event`]) and what is written from it: turn summaries for
//! people ([`text`]) and JSON Lines for programs ([`jsonl`]). Reports read the log and nothing else;
//! [`describe`] summarises a scenario itself, before any log exists.

pub mod describe;
pub mod event;
pub mod jsonl;
pub mod text;
pub mod words;

pub use event::LogEvent;
