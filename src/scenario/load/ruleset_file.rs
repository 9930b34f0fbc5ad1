//! Finding a scenario's ruleset: the built-in default, a `.ron` file named relative to the
//! scenario's folder, or one written inline. A refused or missing file is explained: which folder
//! was searched, which path was tried, and why a path was refused.

use crate::scenario::builtin::DEFAULT_RULESET;
use crate::scenario::schema::RulesetRef;
use std::path::{Path, PathBuf};

/// The ruleset text a scenario names, or why it cannot be had.
pub enum Source {
    /// Inline in the scenario: nothing to read.
    Inline,
    /// Text to parse, and the path it is reported under.
    Text(PathBuf, String),
}

/// The folder a scenario's relative paths start from, as a message shows it.
fn folder_of(scenario: &Path) -> PathBuf {
    match scenario.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// What the scenario at `scenario` names as its ruleset, read through `read`; on failure, the
/// message to show at the scenario's `ruleset` field.
pub fn source(
    scenario: &Path,
    r: &RulesetRef,
    read: &dyn Fn(&Path) -> std::io::Result<String>,
) -> Result<Source, String> {
    let rel = match r {
        RulesetRef::Inline(_) => return Ok(Source::Inline),
        RulesetRef::Default => {
            return Ok(Source::Text(
                PathBuf::from("<built-in>/rulesets/default.ron"),
                DEFAULT_RULESET.to_string(),
            ));
        }
        RulesetRef::File(rel) => rel,
    };
    let folder = folder_of(scenario);
    let builtin = "or leave `ruleset` out (or write `ruleset: Default`) to use the default ruleset \
                   built into whitecell";
    if Path::new(rel).is_absolute() {
        return Err(format!(
            "the ruleset path \"{rel}\" is refused because it is absolute: a scenario names its \
             ruleset relative to its own folder ({}), so that the two travel together and a game \
             folder can keep a copy; move or copy the file beside the scenario and name it \
             relatively (e.g. \"rulesets/mine.ron\"), {builtin}",
            folder.display()
        ));
    }
    if Path::new(rel).extension().is_none_or(|e| e != "ron") {
        return Err(format!(
            "the ruleset path \"{rel}\" is refused because it does not end in `.ron`: a ruleset \
             is a RON file such as \"rulesets/default.ron\"; name a `.ron` file, {builtin}"
        ));
    }
    let full = scenario.parent().unwrap_or(Path::new("")).join(rel);
    match read(&full) {
        Ok(t) => Ok(Source::Text(full, t)),
        Err(e) => Err(format!(
            "cannot read the ruleset file \"{rel}\": paths are relative to the scenario's folder, \
             so it was looked for as {} (in the folder {}): {e}; put the file there, fix the \
             path, {builtin}",
            full.display(),
            folder.display()
        )),
    }
}
