//! Reports: the event log's types ([`event`]) and what is written from it: turn summaries for
//! people ([`text`]) and JSON Lines for programs ([`jsonl`]). Reports read the log and nothing else.

pub mod event;
pub mod jsonl;
pub mod text;

pub use event::LogEvent;
