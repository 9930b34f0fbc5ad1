//! What each side may know and nothing more: a side's [`view`] (its types, sealing), how one is
//! [`build`]t from the state and the log, reading the state through the string-free [`knowledge`]
//! (which a learning environment encodes directly), the scenario [`redact`]ed to it, its text
//! ([`view_report`]), reading a view file back ([`view_file`]); and the white cell's whole picture
//! ([`umpire_view`]).

pub mod build;
pub mod knowledge;
pub mod redact;
pub mod told;
pub mod umpire_view;
pub mod view;
pub mod view_file;
pub mod view_report;
