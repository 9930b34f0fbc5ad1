//! The one error every part of the game folder returns: rejected input (exit 1) or any other
//! failure (exit 2), with what to tell the instructor.

use std::path::Path;

/// A white-cell failure: `rejected` marks bad input (exit 1), otherwise an error (exit 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GameError {
    /// Bad input rather than a failure.
    pub rejected: bool,
    /// What to tell the instructor.
    pub message: String,
}

impl GameError {
    /// Bad input.
    pub fn rejected(m: impl Into<String>) -> Self {
        GameError {
            rejected: true,
            message: m.into(),
        }
    }
    /// Any other failure.
    pub fn error(m: impl Into<String>) -> Self {
        GameError {
            rejected: false,
            message: m.into(),
        }
    }
}

impl std::fmt::Display for GameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// An I/O failure on `p` while doing `what`, as a [`GameError`].
pub fn io(what: &str, p: &Path) -> impl Fn(std::io::Error) -> GameError {
    let m = format!("error: cannot {what} {}", p.display());
    move |e| GameError::error(format!("{m}: {e}"))
}
