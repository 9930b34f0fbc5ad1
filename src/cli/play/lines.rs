//! Where the prompt's lines come from. On a terminal: a line editor (rustyline) with history kept
//! across sessions of the same team, Tab completion of commands, units, zones and sides where each
//! is legal, and a hint of what may come next; lines typed ahead are kept for the next prompt, and
//! several lines pasted at once are read one by one. Anywhere else (a pipe, a script, the tests):
//! plain lines from standard input, the prompt written to the output.

use crate::game::desk::complete;
use crate::game::views::redact::Picture;
use rustyline::completion::Completer;
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::{Hint, Hinter};
use rustyline::history::DefaultHistory;
use rustyline::validate::Validator;
use rustyline::{CompletionType, Config, Context, Editor, Helper};
use std::borrow::Cow;
use std::collections::VecDeque;
use std::io::{self, BufRead, Write};
use std::path::PathBuf;

/// A source of lines for the prompt.
pub trait Lines {
    /// Shows `prompt` and reads one line (without its newline); `None` at the end of input.
    fn read(&mut self, out: &mut dyn Write, prompt: &str) -> io::Result<Option<String>>;

    /// Whether a person types the lines, so that the end of input (Ctrl-D) is a key they pressed
    /// and can be asked about, not the end of a script.
    fn interactive(&self) -> bool {
        false
    }

    /// Asks the person a question (`give it anyway? [y/N]`): on a terminal the answer is typed
    /// for it, never taken from lines pasted before it was asked.
    fn ask(&mut self, out: &mut dyn Write, prompt: &str) -> io::Result<Option<String>> {
        self.read(out, prompt)
    }
}

/// Lines from any reader: a pipe, a file, a test's script.
pub struct Piped<'a>(pub &'a mut dyn BufRead);

impl Lines for Piped<'_> {
    fn read(&mut self, out: &mut dyn Write, prompt: &str) -> io::Result<Option<String>> {
        write!(out, "{prompt}")?;
        out.flush()?;
        let mut line = String::new();
        if self.0.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        Ok(Some(line.trim_end_matches(['\n', '\r']).to_string()))
    }
}

/// A hint shown after the cursor; `accept` marks the rest of a word the right arrow may insert.
pub struct PlayHint {
    text: String,
    accept: bool,
}

impl Hint for PlayHint {
    fn display(&self) -> &str {
        &self.text
    }

    fn completion(&self) -> Option<&str> {
        self.accept.then_some(self.text.as_str())
    }
}

/// Completion and hints on the side's picture.
pub struct PlayHelper {
    p: Picture,
}

impl Completer for PlayHelper {
    type Candidate = String;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<String>)> {
        let (start, mut choices) = complete::complete(&self.p, &line[..pos]);
        // The one word that fits is taken whole, with the space before the next (`mo` Tab gives
        // `move `, then `us_r` Tab `move us_ross `), unless a space follows already.
        if let [one] = choices.as_mut_slice()
            && !line[pos..].starts_with(' ')
        {
            one.push(' ');
        }
        Ok((start, choices))
    }
}

impl Hinter for PlayHelper {
    type Hint = PlayHint;

    fn hint(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> Option<PlayHint> {
        if pos < line.len() {
            return None;
        }
        complete::hint(&self.p, line).map(|(text, accept)| PlayHint { text, accept })
    }
}

impl Highlighter for PlayHelper {
    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        // Dim, so a hint never reads as typed text.
        Cow::Owned(format!("\x1b[2m{hint}\x1b[0m"))
    }
}

impl Validator for PlayHelper {}

impl Helper for PlayHelper {}

/// The line editor of a terminal session, with its history file.
pub struct Terminal {
    ed: Editor<PlayHelper, DefaultHistory>,
    history: Option<PathBuf>,
    warned: bool,
    /// Lines pasted together, after the first: each is read as a line of its own.
    pending: VecDeque<String>,
}

impl Terminal {
    /// A line editor completing on `p`, its history read from `history` if the file exists.
    pub fn new(p: Picture, history: Option<PathBuf>) -> io::Result<Terminal> {
        let cfg = Config::builder()
            .completion_type(CompletionType::List)
            .auto_add_history(false)
            .max_history_size(1000)
            .map_err(io::Error::other)?
            .build();
        let mut ed = Editor::with_config(cfg).map_err(io::Error::other)?;
        ed.set_helper(Some(PlayHelper { p }));
        if let Some(h) = &history
            && h.exists()
        {
            // A damaged history file costs only the recall of old lines.
            let _ = ed.load_history(h);
        }
        Ok(Terminal {
            ed,
            history,
            warned: false,
            pending: VecDeque::new(),
        })
    }

    /// One line from the editor (several pasted at once come back as one, with their newlines).
    fn edit(&mut self, out: &mut dyn Write, prompt: &str) -> io::Result<Option<String>> {
        out.flush()?;
        loop {
            match self.ed.readline(prompt) {
                Ok(line) => return Ok(Some(line)),
                Err(ReadlineError::Interrupted) => {
                    writeln!(out, "(Ctrl-C: the line is dropped; type `quit` to leave)")?;
                    out.flush()?;
                }
                Err(ReadlineError::Eof) => return Ok(None),
                Err(e) => return Err(io::Error::other(e)),
            }
        }
    }

    /// Keeps `line` for the up arrow, in this session and the next.
    fn remember(&mut self, out: &mut dyn Write, line: &str) -> io::Result<()> {
        if line.trim().is_empty() {
            return Ok(());
        }
        let _ = self.ed.add_history_entry(line);
        if let Some(h) = &self.history
            && let Err(e) = self.ed.save_history(h)
            && !self.warned
        {
            self.warned = true;
            writeln!(
                out,
                "note: cannot keep the line history in {}: {e}",
                h.display()
            )?;
        }
        Ok(())
    }
}

impl Lines for Terminal {
    fn interactive(&self) -> bool {
        true
    }

    fn read(&mut self, out: &mut dyn Write, prompt: &str) -> io::Result<Option<String>> {
        if let Some(line) = self.pending.pop_front() {
            // Shown as if typed, so each answer follows its line.
            writeln!(out, "{prompt}{line}")?;
            return Ok(Some(line));
        }
        let Some(text) = self.edit(out, prompt)? else {
            return Ok(None);
        };
        // Several lines pasted at once: each is a line of its own.
        let mut all = text
            .split(['\n', '\r'])
            .map(str::trim_end)
            .filter(|l| !l.trim().is_empty())
            .map(String::from);
        let first = all.next().unwrap_or_default();
        self.pending.extend(all);
        self.remember(out, &first)?;
        for l in self.pending.clone() {
            self.remember(out, &l)?;
        }
        Ok(Some(first))
    }

    fn ask(&mut self, out: &mut dyn Write, prompt: &str) -> io::Result<Option<String>> {
        let a = self.edit(out, prompt)?;
        Ok(a.map(|a| a.lines().next().unwrap_or_default().to_string()))
    }
}
