//! The lexical layer of the RON parser: positions, whitespace and comments, names, strings,
//! characters and numbers.

use super::{Kind, Pos, SyntaxError};

/// The deepest nesting of values accepted, so hostile input cannot exhaust the stack.
pub(super) const MAX_DEPTH: usize = 64;

/// A cursor over the characters of a document, tracking line and column.
pub(super) struct Parser {
    pub(super) chars: Vec<char>,
    pub(super) i: usize,
    pub(super) line: u32,
    pub(super) col: u32,
}

impl Parser {
    pub(super) fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            col: self.col,
        }
    }

    pub(super) fn err(&self, message: String) -> SyntaxError {
        SyntaxError {
            pos: self.pos(),
            message,
        }
    }

    pub(super) fn peek(&self) -> Option<char> {
        self.chars.get(self.i).copied()
    }

    pub(super) fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.i += 1;
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    pub(super) fn skip_ws(&mut self) -> Result<(), SyntaxError> {
        loop {
            match (self.peek(), self.chars.get(self.i + 1).copied()) {
                (Some(c), _) if c.is_whitespace() => {
                    self.bump();
                }
                (Some('/'), Some('/')) => {
                    while let Some(c) = self.peek() {
                        if c == '\n' {
                            break;
                        }
                        self.bump();
                    }
                }
                (Some('/'), Some('*')) => {
                    let start = self.pos();
                    self.bump();
                    self.bump();
                    let mut depth = 1;
                    while depth > 0 {
                        match (self.bump(), self.peek()) {
                            (Some('*'), Some('/')) => {
                                self.bump();
                                depth -= 1;
                            }
                            (Some('/'), Some('*')) => {
                                self.bump();
                                depth += 1;
                            }
                            (None, _) => {
                                return Err(SyntaxError {
                                    pos: start,
                                    message: "this `/*` comment is never closed".into(),
                                });
                            }
                            _ => {}
                        }
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    pub(super) fn skip_attribute(&mut self) -> Result<(), SyntaxError> {
        // `#![enable(implicit_some)]`: accepted and ignored, as ron does for extensions we do not need.
        let start = self.pos();
        let mut depth = 0i32;
        while let Some(c) = self.bump() {
            match c {
                '[' => depth += 1,
                ']' => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
        Err(SyntaxError {
            pos: start,
            message: "unterminated `#![...]` attribute".into(),
        })
    }

    pub(super) fn expect(&mut self, want: char) -> Result<(), SyntaxError> {
        self.skip_ws()?;
        match self.peek() {
            Some(c) if c == want => {
                self.bump();
                Ok(())
            }
            Some(c) => Err(self.err(format!("expected `{want}`, found `{c}`"))),
            None => Err(self.err(format!("expected `{want}`, found the end of the file"))),
        }
    }

    pub(super) fn ident(&mut self) -> String {
        let mut s = String::new();
        while let Some(c) = self.peek() {
            if c.is_alphanumeric() || c == '_' {
                s.push(c);
                self.bump();
            } else {
                break;
            }
        }
        s
    }

    /// After `(`: decides between named fields and positional values by looking for `ident :`.
    pub(super) fn escape(&mut self) -> Result<char, SyntaxError> {
        let pos = self.pos();
        let c = self
            .bump()
            .ok_or_else(|| self.err("unfinished escape".into()))?;
        Ok(match c {
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            '0' => '\0',
            '\\' => '\\',
            '"' => '"',
            '\'' => '\'',
            'u' => {
                self.expect('{')?;
                let mut hex = String::new();
                while let Some(h) = self.peek().filter(|h| h.is_ascii_hexdigit()) {
                    hex.push(h);
                    self.bump();
                }
                self.expect('}')?;
                u32::from_str_radix(&hex, 16)
                    .ok()
                    .and_then(char::from_u32)
                    .ok_or(SyntaxError {
                        pos,
                        message: format!("`\\u{{{hex}}}` is not a character"),
                    })?
            }
            other => {
                return Err(SyntaxError {
                    pos,
                    message: format!("unknown escape `\\{other}`"),
                });
            }
        })
    }

    pub(super) fn string(&mut self) -> Result<String, SyntaxError> {
        let start = self.pos();
        self.bump();
        let mut s = String::new();
        loop {
            match self.bump() {
                None => {
                    return Err(SyntaxError {
                        pos: start,
                        message: "this string is never closed".into(),
                    });
                }
                Some('"') => return Ok(s),
                Some('\\') => s.push(self.escape()?),
                Some(c) => s.push(c),
            }
        }
    }

    pub(super) fn raw_string(&mut self) -> Result<String, SyntaxError> {
        let start = self.pos();
        self.bump(); // r
        let mut hashes = 0;
        while self.peek() == Some('#') {
            self.bump();
            hashes += 1;
        }
        self.expect('"')?;
        let mut s = String::new();
        loop {
            match self.bump() {
                None => {
                    return Err(SyntaxError {
                        pos: start,
                        message: "this raw string is never closed".into(),
                    });
                }
                Some('"') => {
                    let n = (0..hashes)
                        .take_while(|k| self.chars.get(self.i + k) == Some(&'#'))
                        .count();
                    if n == hashes {
                        for _ in 0..hashes {
                            self.bump();
                        }
                        return Ok(s);
                    }
                    s.push('"');
                }
                Some(c) => s.push(c),
            }
        }
    }

    pub(super) fn char_lit(&mut self) -> Result<char, SyntaxError> {
        self.bump();
        let c = match self.bump() {
            Some('\\') => self.escape()?,
            Some(c) => c,
            None => return Err(self.err("unfinished character".into())),
        };
        self.expect('\'')?;
        Ok(c)
    }

    pub(super) fn number(&mut self) -> Result<Kind, SyntaxError> {
        let pos = self.pos();
        let mut s = String::new();
        while let Some(c) = self.peek() {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '.' | '_') {
                s.push(c);
                self.bump();
            } else {
                break;
            }
        }
        let clean: String = s.chars().filter(|c| *c != '_').collect();
        let (neg, body) = match clean.strip_prefix('-') {
            Some(b) => (true, b),
            None => (false, clean.strip_prefix('+').unwrap_or(&clean)),
        };
        let radix = [("0x", 16), ("0o", 8), ("0b", 2)]
            .into_iter()
            .find(|(p, _)| body.starts_with(p));
        let digits = radix.map_or(body, |(p, _)| &body[p.len()..]);
        let shown = abridged(&s);
        // One sign at most, before the number (`--5`, `0x-8` are not numbers): Rust's parsers
        // would take a second one, and negating the smallest i128 overflows.
        if digits.starts_with(['-', '+']) {
            return Err(SyntaxError {
                pos,
                message: format!(
                    "{shown} is not a number: a sign goes only at a number's start, and once"
                ),
            });
        }
        let int = match radix {
            Some((_, r)) => i128::from_str_radix(digits, r).ok(),
            None => digits.parse::<i128>().ok(),
        };
        if let Some(v) = int {
            // `v` is not negative, so its negation cannot overflow.
            return Ok(Kind::Int(if neg { -v } else { v }));
        }
        let all_digits = match radix {
            Some((_, r)) => !digits.is_empty() && digits.chars().all(|c| c.is_digit(r)),
            None => !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()),
        };
        let too_large = SyntaxError {
            pos,
            message: format!(
                "the number {shown} is far too large: the numbers here are small whole numbers"
            ),
        };
        // Rust's float parser also takes `inf` and `NaN`, which are not numbers here.
        let float_like = digits.starts_with(|c: char| c.is_ascii_digit() || c == '.');
        match clean.parse::<f64>() {
            _ if all_digits => Err(too_large),
            Ok(f) if radix.is_none() && float_like && f.is_finite() => Ok(Kind::Float(f)),
            Ok(_) if radix.is_none() && float_like => Err(too_large),
            _ => Err(SyntaxError {
                pos,
                message: format!("{shown} is not a number"),
            }),
        }
    }
}

/// A token as it is shown in a message: in backquotes, and cut short when it is long (a number of a
/// million digits is shown by its first digits and its length).
fn abridged(s: &str) -> String {
    const SHOWN: usize = 24;
    let n = s.chars().count();
    if n <= SHOWN {
        format!("`{s}`")
    } else {
        let head: String = s.chars().take(SHOWN).collect();
        format!("`{head}...` ({n} characters)")
    }
}
