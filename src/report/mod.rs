//! Reports: what is written from the event log ([`crate::log`]), which they read and nothing else:
//! turn summaries for people ([`text`]), JSON Lines for programs ([`jsonl`]) and the hotwash's HTML
//! after-action reports ([`html`]); [`words`] are the names of rules' values in prose.
//! [`describe`] summarises a scenario itself, before any log exists.

pub mod describe;
pub mod html;
pub mod jsonl;
pub mod text;
pub mod words;
