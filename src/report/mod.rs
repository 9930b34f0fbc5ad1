//! Reports in text: what is written from the event log ([`crate::log`]), which they read and
//! nothing else — turn summaries for people ([`text`]) and JSON Lines for programs ([`jsonl`]);
//! [`words`] are the names of rules' values in prose. [`describe`] summarises a scenario itself,
//! before any log exists. The HTML reports, which also read game folders and batch results, are a
//! floor higher, in [`crate::html`].

pub mod describe;
pub mod jsonl;
pub mod text;
pub mod words;
