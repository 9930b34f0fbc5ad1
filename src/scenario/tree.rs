//! A RON parser that keeps positions: text -> a tree of [`Node`]s, each with its line and column.
//!
//! `ron` itself stops at the first error and forgets where values were. Scenario authors need every
//! problem at once, each with a line, a column and a field path, so the loader parses into this tree
//! first and then decodes each part separately (see [`super::de`]).

use std::fmt;

/// A position in a source text, 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    /// Line, from 1.
    pub line: u32,
    /// Column in characters, from 1.
    pub col: u32,
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// One parsed RON value with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Where the value starts.
    pub pos: Pos,
    /// What the value is.
    pub kind: Kind,
}

/// The shapes a RON value can take.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// `Name(a: 1, b: 2)` or `(a: 1)`: named fields.
    Struct(Option<String>, Vec<(Field, Node)>),
    /// `Name(1, 2)`, `(1, 2)`, `Some(x)`: positional values.
    Tuple(Option<String>, Vec<Node>),
    /// A bare identifier: `Hostile`, `None`, `true`.
    Ident(String),
    /// `[a, b]`.
    List(Vec<Node>),
    /// `{ k: v }`.
    Map(Vec<(Node, Node)>),
    /// `"text"`.
    Str(String),
    /// An integer literal.
    Int(i128),
    /// A floating point literal.
    Float(f64),
    /// A character literal.
    Char(char),
}

/// A field name with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The name.
    pub name: String,
    /// Where it is written.
    pub pos: Pos,
}

impl Node {
    /// The named fields, if this is a struct.
    pub fn fields(&self) -> Option<&[(Field, Node)]> {
        match &self.kind {
            Kind::Struct(_, f) => Some(f),
            _ => None,
        }
    }

    /// The value of a named field, if this is a struct that has it.
    pub fn field(&self, name: &str) -> Option<&Node> {
        self.fields()?
            .iter()
            .find(|(k, _)| k.name == name)
            .map(|(_, v)| v)
    }

    /// The text, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The items, if this is a list.
    pub fn items(&self) -> Option<&[Node]> {
        match &self.kind {
            Kind::List(v) => Some(v),
            _ => None,
        }
    }

    /// A short description of the shape, for error messages.
    pub fn describe(&self) -> &'static str {
        match &self.kind {
            Kind::Struct(..) => "a struct",
            Kind::Tuple(..) => "a tuple",
            Kind::Ident(_) => "a name",
            Kind::List(_) => "a list",
            Kind::Map(_) => "a map",
            Kind::Str(_) => "a string",
            Kind::Int(_) => "an integer",
            Kind::Float(_) => "a number with a fraction",
            Kind::Char(_) => "a character",
        }
    }
}

/// A syntax error: where, and what was expected.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    /// Where the parser stopped.
    pub pos: Pos,
    /// What it found and what it expected.
    pub message: String,
}

/// Parses a whole RON document (one value, optionally preceded by `#![enable(...)]` lines).
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    // A UTF-8 byte-order mark (some editors on Windows write one) is not text: skip it, and count
    // columns from what follows.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut p = Parser {
        chars: text.chars().collect(),
        i: 0,
        line: 1,
        col: 1,
    };
    p.skip_ws()?;
    while p.peek() == Some('#') {
        p.skip_attribute()?;
        p.skip_ws()?;
    }
    let node = p.value(0).map_err(|e| {
        // The end of the file inside a bracket: the indentation tells where it was left open.
        if e.message.contains("is never closed: the file ends") {
            brackets::likely_unclosed(text).unwrap_or(e)
        } else {
            e
        }
    })?;
    p.skip_ws()?;
    if let Some(c) = p.peek() {
        return Err(p.err(format!("unexpected `{c}` after the end of the document")));
    }
    Ok(node)
}

mod brackets;
mod lex;

/// The file ends inside a bracket: the error points at the bracket that is never closed (the end of
/// the file has no line to show).
fn unclosed(open: Pos, opener: char, close: char) -> SyntaxError {
    SyntaxError {
        pos: open,
        message: format!(
            "this `{opener}` is never closed: the file ends before its `{close}` (a bracket deleted, or the file cut short?)"
        ),
    }
}

use lex::{MAX_DEPTH, Parser};

/// The structural layer: values, named fields, lists and maps.
impl Parser {
    fn value(&mut self, depth: usize) -> Result<Node, SyntaxError> {
        self.skip_ws()?;
        if depth > MAX_DEPTH {
            return Err(self.err(format!("values nested deeper than {MAX_DEPTH} levels")));
        }
        let pos = self.pos();
        let kind = match self.peek() {
            None => return Err(self.err("expected a value, found the end of the file".into())),
            Some('"') => Kind::Str(self.string()?),
            Some('r') if matches!(self.chars.get(self.i + 1), Some('"') | Some('#')) => {
                Kind::Str(self.raw_string()?)
            }
            Some('\'') => Kind::Char(self.char_lit()?),
            Some('[') => {
                self.bump();
                Kind::List(self.seq(']', depth, pos)?)
            }
            Some('{') => {
                self.bump();
                Kind::Map(self.map(depth, pos)?)
            }
            Some('(') => self.paren(None, depth)?,
            Some(c) if c.is_ascii_digit() || c == '-' || c == '+' || c == '.' => self.number()?,
            Some(c) if c.is_alphabetic() || c == '_' => {
                let name = self.ident();
                self.skip_ws()?;
                if self.peek() == Some('(') {
                    self.paren(Some(name), depth)?
                } else {
                    Kind::Ident(name)
                }
            }
            Some(c) => return Err(self.err(format!("expected a value, found `{c}`"))),
        };
        Ok(Node { pos, kind })
    }

    fn paren(&mut self, name: Option<String>, depth: usize) -> Result<Kind, SyntaxError> {
        self.skip_ws()?;
        let open = self.pos();
        self.expect('(')?;
        self.skip_ws()?;
        if self.looks_like_field() {
            let mut fields = Vec::new();
            loop {
                self.skip_ws()?;
                if self.peek() == Some(')') {
                    self.bump();
                    return Ok(Kind::Struct(name, fields));
                }
                let fpos = self.pos();
                if self.peek().is_none() {
                    return Err(unclosed(open, '(', ')'));
                }
                if !self.peek().is_some_and(|c| c.is_alphabetic() || c == '_') {
                    return Err(self.err("expected a field name or `)`".into()));
                }
                let fname = self.ident();
                self.expect(':')?;
                let v = self.value(depth + 1)?;
                fields.push((
                    Field {
                        name: fname,
                        pos: fpos,
                    },
                    v,
                ));
                self.skip_ws()?;
                match self.peek() {
                    Some(',') => {
                        self.bump();
                    }
                    Some(')') => {}
                    Some(c) => {
                        return Err(
                            self.err(format!("expected `,` or `)` after a field, found `{c}`"))
                        );
                    }
                    None => return Err(unclosed(open, '(', ')')),
                }
            }
        } else {
            Ok(Kind::Tuple(name, self.seq(')', depth, open)?))
        }
    }

    fn looks_like_field(&self) -> bool {
        let mut j = self.i;
        if !self
            .chars
            .get(j)
            .is_some_and(|c| c.is_alphabetic() || *c == '_')
        {
            return false;
        }
        while self
            .chars
            .get(j)
            .is_some_and(|c| c.is_alphanumeric() || *c == '_')
        {
            j += 1;
        }
        while self.chars.get(j).is_some_and(|c| c.is_whitespace()) {
            j += 1;
        }
        self.chars.get(j) == Some(&':')
    }

    fn seq(&mut self, close: char, depth: usize, open: Pos) -> Result<Vec<Node>, SyntaxError> {
        let opener = if close == ']' { '[' } else { '(' };
        let mut items = Vec::new();
        loop {
            self.skip_ws()?;
            if self.peek() == Some(close) {
                self.bump();
                return Ok(items);
            }
            if self.peek().is_none() {
                return Err(unclosed(open, opener, close));
            }
            items.push(self.value(depth + 1)?);
            self.skip_ws()?;
            match self.peek() {
                Some(',') => {
                    self.bump();
                }
                Some(c) if c == close => {}
                Some(c) => return Err(self.err(format!("expected `,` or `{close}`, found `{c}`"))),
                None => return Err(unclosed(open, opener, close)),
            }
        }
    }

    fn map(&mut self, depth: usize, open: Pos) -> Result<Vec<(Node, Node)>, SyntaxError> {
        let mut entries = Vec::new();
        loop {
            self.skip_ws()?;
            if self.peek() == Some('}') {
                self.bump();
                return Ok(entries);
            }
            if self.peek().is_none() {
                return Err(unclosed(open, '{', '}'));
            }
            let k = self.value(depth + 1)?;
            self.expect(':')?;
            let v = self.value(depth + 1)?;
            entries.push((k, v));
            self.skip_ws()?;
            match self.peek() {
                Some(',') => {
                    self.bump();
                }
                Some('}') => {}
                Some(c) => return Err(self.err(format!("expected `,` or `}}`, found `{c}`"))),
                None => return Err(unclosed(open, '{', '}')),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_structs_lists_maps_and_positions() {
        let n = parse(
            "// c\nScenario(\n  a: [1, -2, 0x10],\n  b: { \"k\": Some(\"v\") },\n  c: Hostile,\n)",
        )
        .unwrap();
        assert_eq!(n.pos, Pos { line: 2, col: 1 });
        let a = n.field("a").unwrap();
        assert_eq!(a.pos, Pos { line: 3, col: 6 });
        assert_eq!(a.items().unwrap()[2].kind, Kind::Int(16));
        assert_eq!(n.field("c").unwrap().kind, Kind::Ident("Hostile".into()));
    }

    #[test]
    fn reports_unclosed_string_at_its_start() {
        let e = parse("(a: \"oops)").unwrap_err();
        assert_eq!(e.pos, Pos { line: 1, col: 5 });
    }

    #[test]
    fn rejects_trailing_garbage_and_deep_nesting() {
        assert!(parse("(a: 1) x").is_err());
        let deep = "[".repeat(200);
        assert!(parse(&deep).is_err());
    }
}
