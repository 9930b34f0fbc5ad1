//! The white cell's actions on a game folder: accepting orders, adjudicating, injecting, rolling
//! back ([`actions`]), amending a result with a reason ([`amend`]), choosing who plays a side that
//! sent no orders ([`silent`]), a save read as a [`recorded`] game for forking, and a game played
//! elsewhere written out as a game folder ([`transcribe`]).

pub mod actions;
pub mod amend;
pub mod recorded;
pub mod silent;
pub mod transcribe;
