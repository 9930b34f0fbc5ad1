//! The team's desk: the pure parts of the `play` prompt — order syntax ([`prompt`]), completion of
//! ids ([`complete`]), help, warnings before an order escalates or exposes a unit ([`warn`]) and
//! the odds of an engagement before it is committed ([`odds`]), and `orders check`'s whole answer
//! on a file ([`check`]). The terminal itself is the CLI's.

pub mod check;
pub mod complete;
pub mod help;
pub mod odds;
pub mod prompt;
pub mod warn;
