//! Diagnostics: one problem in one file, with line, column, field path and the offending line shown.

use super::tree::Pos;
use std::fmt;
use std::path::{Path, PathBuf};

/// The most characters of a source line shown under a message.
const WINDOW: usize = 160;

/// One problem found in a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// The file.
    pub file: PathBuf,
    /// Where, if known.
    pub pos: Option<Pos>,
    /// The field path, e.g. `units[3].zone`, if known.
    pub path: Option<String>,
    /// What is wrong and, where it helps, what to do.
    pub message: String,
    /// The source line at `pos`, for display.
    pub line_text: Option<String>,
    /// For the line that closes a capped list: how many more problems were found and not listed
    /// (0 for a problem).
    pub more: usize,
}

impl Diagnostic {
    /// A problem at a position in a file whose text is `text`.
    pub fn new(
        file: &Path,
        text: &str,
        pos: Option<Pos>,
        path: Option<String>,
        message: String,
    ) -> Self {
        // Columns are counted after a byte-order mark (the parser skips it): so is the line shown.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let pos = pos.map(|p| past_the_end(text, p));
        let line_text = pos
            .and_then(|p| text.lines().nth((p.line as usize).saturating_sub(1)))
            .or(pos.and(text.is_empty().then_some("")))
            .map(str::to_string);
        let path = path.filter(|p| !p.is_empty());
        Diagnostic {
            file: file.to_path_buf(),
            pos,
            path,
            message,
            line_text,
            more: 0,
        }
    }

    /// A problem with a whole file (unreadable, missing).
    pub fn file(file: &Path, message: String) -> Self {
        Diagnostic {
            file: file.to_path_buf(),
            pos: None,
            path: None,
            message,
            line_text: None,
            more: 0,
        }
    }

    /// The line that closes a list capped at its first problems: `more` were found and not listed.
    pub fn more(file: &Path, more: usize) -> Self {
        Diagnostic {
            more,
            ..Diagnostic::file(
                file,
                format!(
                    "and {more} more problem{} not listed: fix these and check again",
                    if more == 1 { "" } else { "s" }
                ),
            )
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_as(f, "error")
    }
}

/// A diagnostic shown under another label than `error`, e.g. a lint's `warning`.
pub struct Labelled<'a>(pub &'a Diagnostic, pub &'a str);

impl fmt::Display for Labelled<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.write_as(f, self.1)
    }
}

impl Diagnostic {
    fn write_as(&self, f: &mut fmt::Formatter<'_>, label: &str) -> fmt::Result {
        write!(f, "{label}: {}", self.file.display())?;
        if let Some(p) = self.pos {
            write!(f, ":{}:{}", p.line, p.col)?;
        }
        if let Some(path) = &self.path {
            write!(f, ": {}", escape_controls(path))?;
        }
        write!(f, ": {}", escape_controls(&abridge_words(&self.message)))?;
        if let (Some(p), Some(line)) = (self.pos, &self.line_text) {
            let n = p.line.to_string();
            let pad = " ".repeat(n.len());
            // Show at most a window of a very long line, around the caret.
            let chars: Vec<char> = line.chars().collect();
            let col = (p.col.saturating_sub(1) as usize).min(chars.len());
            let start = col.saturating_sub(WINDOW / 2);
            let end = (start + WINDOW).min(chars.len());
            let shown: String = chars[start..end].iter().map(|c| shown_char(*c)).collect();
            let (pre, post) = (
                if start > 0 { "..." } else { "" },
                if end < chars.len() { "..." } else { "" },
            );
            let caret_pad: String = chars[start..col]
                .iter()
                .map(|c| match c {
                    '\t' => "\t".to_string(),
                    c => " ".repeat(shown_char(*c).chars().count()),
                })
                .collect();
            let lead = " ".repeat(pre.len());
            write!(
                f,
                "\n {pad} |\n {n} | {pre}{shown}{post}\n {pad} | {lead}{caret_pad}^"
            )?;
        }
        Ok(())
    }
}

/// `text` with every word (a run without spaces) longer than a line cut short: a value of megabytes
/// echoed in a message is shown by its start and its length.
fn abridge_words(text: &str) -> std::borrow::Cow<'_, str> {
    const LONG: usize = 300;
    if !text.split(' ').any(|w| w.len() > LONG) {
        return text.into();
    }
    text.split(' ')
        .map(|w| {
            let n = w.chars().count();
            if n > LONG {
                // Keep its closing quotes and punctuation: `...`; stays `...`;
                let head: String = w.chars().take(40).collect();
                let tail: String = {
                    let t: Vec<char> = w
                        .chars()
                        .rev()
                        .take_while(|c| !c.is_alphanumeric())
                        .collect();
                    t.into_iter().take(3).rev().collect()
                };
                format!("{head}...{tail} ({n} characters)")
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
        .into()
}

/// A position after the last line (the end of a file that ends with a line break, or of an empty
/// file) moves to just after the last text, so the message shows a line and points somewhere.
fn past_the_end(text: &str, p: Pos) -> Pos {
    if text
        .lines()
        .nth((p.line as usize).saturating_sub(1))
        .is_some()
    {
        return p;
    }
    match text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .last()
    {
        Some((i, l)) => Pos {
            line: i as u32 + 1,
            col: l.chars().count() as u32 + 1,
        },
        None => Pos { line: 1, col: 1 },
    }
}

/// A character as a message shows it: a control character (NUL, escape, ...) that a terminal would
/// swallow or act on is written as an escape, `\u{1f}`; a tab stays a tab.
fn shown_char(c: char) -> String {
    if c.is_control() && c != '\t' {
        c.escape_unicode().to_string()
    } else {
        c.to_string()
    }
}

/// `text` with every control character but line breaks and tabs escaped (`\u{0}`, `\u{1b}`), so a
/// message never echoes one raw.
pub fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if !text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return text.into();
    }
    text.chars()
        .map(|c| match c {
            '\n' | '\t' => c.to_string(),
            c => shown_char(c),
        })
        .collect::<String>()
        .into()
}

/// Every problem found in one load, in file order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    /// The problems.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// Sorts by file and position and drops exact repeats at one position.
    pub fn finish(mut self) -> Self {
        // The line that closes a capped list stays last.
        self.diagnostics.sort_by(|a, b| {
            (&a.file, a.more > 0, a.pos.map(|p| (p.line, p.col))).cmp(&(
                &b.file,
                b.more > 0,
                b.pos.map(|p| (p.line, p.col)),
            ))
        });
        self.diagnostics.dedup_by(|a, b| {
            a.file == b.file && a.pos.is_some() && a.pos == b.pos && a.message == b.message
        });
        self
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.diagnostics {
            writeln!(f, "{d}\n")?;
        }
        let n: usize = self
            .diagnostics
            .iter()
            .map(|d| if d.more > 0 { d.more } else { 1 })
            .sum();
        write!(f, "{n} problem{} found", if n == 1 { "" } else { "s" })
    }
}

impl std::error::Error for Report {}
