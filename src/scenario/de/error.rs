//! Decoding errors: the position and field path of the value at fault, and messages worded for
//! scenario authors (with "did you mean" suggestions) rather than serde's defaults.

use crate::scenario::tree::Pos;
use serde::de;
use std::fmt;

/// What kind of fault a [`DeError`] reports: what [`crate::scenario::recover`] decides on, so no
/// decision hangs on a message's wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeErrorKind {
    /// A field the type does not have.
    UnknownField,
    /// A field or map key written twice.
    Repeated,
    /// A field the type needs is not there.
    MissingField,
    /// A value of the wrong type, or outside what the type allows.
    BadValue,
    /// A name that is not one of the enum's values.
    UnknownVariant,
    /// Anything else.
    Other,
}

/// A decoding error with the position and field path of the value at fault.
#[derive(Debug, Clone, PartialEq)]
pub struct DeError {
    /// Where the value at fault starts, once known.
    pub pos: Option<Pos>,
    /// The field path, e.g. `units[3].zone`, once known.
    pub path: Option<String>,
    /// What is wrong.
    pub message: String,
    /// What kind of fault it is.
    pub kind: DeErrorKind,
}

impl DeError {
    /// An error of `kind` with `message`, its place not known yet.
    pub fn new(kind: DeErrorKind, message: String) -> Self {
        DeError {
            pos: None,
            path: None,
            message,
            kind,
        }
    }

    /// The same error, placed at `pos` and `path`.
    pub fn placed(mut self, pos: Pos, path: String) -> Self {
        self.pos = Some(pos);
        self.path = Some(path);
        self
    }

    pub(super) fn at(mut self, pos: Pos, path: &str) -> Self {
        if self.pos.is_none() {
            self.pos = Some(pos);
            self.path = Some(path.to_string());
        }
        self
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError::new(DeErrorKind::Other, msg.to_string())
    }

    fn missing_field(field: &'static str) -> Self {
        DeError::new(
            DeErrorKind::MissingField,
            format!("missing field `{field}`"),
        )
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        let close = closest(field, expected);
        let hint = match close {
            Some(c) => format!("; did you mean `{c}`?"),
            None => format!("; the fields here are: {}", expected.join(", ")),
        };
        DeError::new(
            DeErrorKind::UnknownField,
            format!("unknown field `{field}`{hint}"),
        )
    }

    fn invalid_type(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        DeError::new(
            DeErrorKind::BadValue,
            format!(
                "expected {}, found {}",
                plain(&exp.to_string()),
                found(&unexp)
            ),
        )
    }

    fn invalid_value(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        DeError::new(
            DeErrorKind::BadValue,
            format!(
                "{} is not allowed here: expected {}",
                found(&unexp),
                plain(&exp.to_string())
            ),
        )
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        let hint = match closest(variant, expected) {
            Some(c) => format!("; did you mean `{c}`?"),
            None => format!("; expected one of: {}", expected.join(", ")),
        };
        DeError::new(
            DeErrorKind::UnknownVariant,
            format!("unknown value `{variant}`{hint}"),
        )
    }
}

/// Serde's names for what it expected, in words a scenario author reads.
fn plain(exp: &str) -> String {
    match exp {
        "u8" => "a whole number from 0 to 255".into(),
        "u16" => "a whole number from 0 to 65535".into(),
        "u32" | "u64" => "a whole number, 0 or more".into(),
        "i8" | "i16" | "i32" | "i64" => "a whole number".into(),
        "f32" | "f64" => "a number".into(),
        "a boolean" => "`true` or `false`".into(),
        "a string" => "a string in double quotes".into(),
        "newtype variant" | "tuple variant" => {
            "its value in parentheses, e.g. `Move(\"zone\")`".into()
        }
        other => other.to_string(),
    }
}

fn found(u: &de::Unexpected) -> String {
    match u {
        de::Unexpected::Str(s) => format!("the string \"{s}\""),
        de::Unexpected::Signed(i) => format!("the number {i}"),
        de::Unexpected::Unsigned(i) => format!("the number {i}"),
        de::Unexpected::Float(f) => format!("the number {f:?}"),
        de::Unexpected::UnitVariant => "the name alone".into(),
        other => other.to_string(),
    }
}

/// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let len = word.chars().count();
    candidates
        .iter()
        // The distance is at least the difference in length: a word far longer than every
        // candidate (a pasted paragraph) is not measured against them.
        .filter(|c| len.abs_diff(c.chars().count()) <= 2.max(c.len() / 3))
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min()
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// The message for a name written in quotes where the format wants it bare (`kind: "Coast"`):
/// drop the quotes, and which names there are when the quoted one is not among them.
pub fn quoted_name(s: &str, variants: &[&str]) -> String {
    let shown: String = s.chars().take(40).collect();
    let more = if s.chars().count() > 40 { "..." } else { "" };
    if variants.contains(&s) {
        return format!(
            "`{s}` is a name, written without quotes: remove the quotes and write `{s}`, not \"{s}\""
        );
    }
    match closest(s, variants) {
        Some(c) => format!(
            "expected a name written without quotes, found the string \"{shown}{more}\"; did you mean `{c}` (no quotes)?"
        ),
        None => format!(
            "expected a name written without quotes, one of: {}; found the string \"{shown}{more}\"",
            variants.join(", ")
        ),
    }
}
