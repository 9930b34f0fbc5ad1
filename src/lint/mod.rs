//! `whitecell lint`: what validates but is probably a mistake, found statically (the map as drawn,
//! events nothing fires, objectives settled in advance, zones nobody can take, capability-style
//! figures in free text) and by play (a few hundred games with the scenario's own bots: sides that
//! never win, endings never reached, events never fired, objectives never or always met, zones
//! never entered). Each [`Warning`] names the field it is about, says why it is probably a mistake
//! and what to do. A scenario may keep a warning on purpose by explaining it in a comment,
//! `// lint: CODE SUBJECT: why` (see [`explain`]); the warning is then shown as explained.
//!
//! The library part does no I/O: the command line reads the file and prints the warnings.

pub mod explain;
mod figures;
mod play;
mod reach;
mod statics;
mod truth;

use crate::model::Compiled;
use crate::scenario::Diagnostic;
use crate::scenario::load::{Loaded, resolve};
use crate::scenario::tree;
use std::path::Path;
use std::sync::Arc;

/// One thing that validates but is probably a mistake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// A short stable name for the kind of warning, e.g. `unfired-event`; used to explain it.
    pub code: &'static str,
    /// What it is about (an id, usually): with the code, what an explanation names.
    pub subject: String,
    /// The field path it is located at, e.g. `events[2].trigger`.
    pub path: String,
    /// What is wrong, why it matters and what to do.
    pub message: String,
    /// Found by play (over the games played) rather than from the file alone.
    pub by_play: bool,
}

/// How to lint.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Games to play with the scenario's own bots (0: static checks only).
    pub games: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options { games: 300 }
    }
}

/// What lint found: the warnings (static ones first, then those found by play) and lines that say
/// how the scenario plays (the score if nobody moves, how the games went).
#[derive(Debug, Clone, Default)]
pub struct Lint {
    /// The warnings.
    pub warnings: Vec<Warning>,
    /// What the games showed, in words.
    pub notes: Vec<String>,
}

/// Lints a scenario that loaded; `text` is its file's text.
pub fn lint(loaded: &Loaded, text: &str, opts: Options) -> Result<Lint, String> {
    let c = Arc::new(Compiled::new(loaded)?);
    let root = tree::parse(text).map_err(|e| e.message)?;
    let mut out = Lint {
        warnings: statics::check(&c),
        notes: Vec::new(),
    };
    out.warnings.extend(figures::check(&root));
    let (note, w) = play::nobody_moves(&c);
    out.notes.push(note);
    out.warnings.extend(w);
    if opts.games > 0 {
        let already: Vec<(&'static str, String)> = out
            .warnings
            .iter()
            .map(|w| (w.code, w.subject.clone()))
            .collect();
        let (note, found) = play::check(&c, opts.games);
        out.notes.push(note);
        for w in found {
            if !already
                .iter()
                .any(|(code, s)| s == &w.subject && same_finding(code, w.code))
            {
                out.warnings.push(w);
            }
        }
    }
    out.notes.retain(|n| !n.is_empty());
    Ok(out)
}

/// Whether a warning found by play repeats what a static one already said.
fn same_finding(static_code: &str, play_code: &str) -> bool {
    matches!(
        (static_code, play_code),
        ("unfired-event", "event-never-fired")
            | ("objective-never", "objective-never-met")
            | ("objective-always", "objective-always-met")
            | ("ending-never", "ending-never-reached")
            | ("unreachable-zone", "zone-never-entered")
    )
}

/// A warning placed in the scenario file: its line, column and line text.
pub fn locate(file: &Path, text: &str, w: &Warning) -> Diagnostic {
    let pos = tree::parse(text)
        .ok()
        .and_then(|root| resolve(&root, &w.path));
    Diagnostic::new(file, text, pos, Some(w.path.clone()), w.message.clone())
}
