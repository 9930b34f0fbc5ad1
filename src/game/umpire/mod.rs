//! The white cell's actions on a game folder: accepting orders, adjudicating, injecting, rolling
//! back ([`actions`]), amending a result with a reason ([`amend`]), choosing who plays a side that
//! sent no orders ([`silent`]), and a save read as a [`recorded`] game for forking.

pub mod actions;
pub mod amend;
pub mod recorded;
pub mod silent;
