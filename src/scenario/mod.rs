//! Scenario files: the format ([`schema`]), parsing with positions ([`tree`], [`de`]), loading and
//! checking ([`load`], [`validate`]), the refusal of capability data ([`forbidden`]), the
//! messages a scenario author reads ([`diag`]) and the default ruleset built in ([`builtin`]).

pub mod builtin;
pub mod de;
pub mod diag;
pub mod forbidden;
pub mod generate;
pub mod load;
pub mod recover;
pub mod schema;
pub mod template;
pub mod tree;
pub mod validate;

pub use diag::{Diagnostic, Report};
pub use load::{Loaded, load_file};
pub use schema::*;

/// The word batch results and reports write for "no side" (no winner, a zone nobody controls, no
/// sudden death); no side may take it as its id, so a cell never reads two ways.
pub const NO_SIDE: &str = "none";
