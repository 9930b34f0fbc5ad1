//! Loading a scenario for play, as every front end does it: the file through the loader (every
//! problem located), then the `--set PATH=VALUE` edits applied and checked again, then compiled.
//! `run`, `batch`, `fork` and the Python package all come through here.

use super::edit::{self, Edit};
use crate::model::Compiled;
use crate::scenario::{Report, load_file};
use std::path::Path;
use std::sync::Arc;

/// Why a scenario could not be loaded for play.
#[derive(Debug)]
pub enum LoadError {
    /// The file's problems, each located (file, line, column, field path).
    Scenario(Report),
    /// A `--set` edit that does not parse or does not fit the scenario.
    Set(String),
    /// The checked scenario did not compile: a bug in whitecell.
    Compile(String),
}

impl LoadError {
    /// Whether the input was at fault (exit 1) rather than whitecell (exit 2).
    pub fn rejected(&self) -> bool {
        !matches!(self, LoadError::Compile(_))
    }
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Scenario(r) => write!(f, "{r}"),
            LoadError::Set(m) | LoadError::Compile(m) => f.write_str(m),
        }
    }
}

/// Parses `PATH=VALUE` edits as `--set` takes them.
pub fn parse_sets(sets: &[String]) -> Result<Vec<Edit>, LoadError> {
    sets.iter()
        .map(|s| Edit::parse(s).map_err(|e| LoadError::Set(format!("error: --set {e}"))))
        .collect()
}

/// Loads `path`, applies `sets` (`PATH=VALUE`, as `--set` takes them) and compiles the result.
pub fn load(path: &Path, sets: &[String]) -> Result<Arc<Compiled>, LoadError> {
    let loaded = load_file(path).map_err(LoadError::Scenario)?;
    let loaded = if sets.is_empty() {
        loaded
    } else {
        let edits = parse_sets(sets)?;
        edit::load_edited(&loaded, &edits).map_err(|e| LoadError::Set(format!("error: {e}")))?
    };
    Compiled::new(&loaded)
        .map(Arc::new)
        .map_err(LoadError::Compile)
}
