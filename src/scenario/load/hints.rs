//! Decoding errors reworded with what the author needs to know about the field at fault: a number's
//! own range (`strength` is 1 to 10, not "0 to 255", the range of the type that holds it), and what
//! a missing `source` note is for, with an example.

use crate::scenario::de::{DeError, DeErrorKind};
use crate::scenario::validate::MAX_TURNS;

/// The phrases [`crate::scenario::de`] uses for the range of the integer type behind a field.
const TYPE_RANGES: &[&str] = &[
    "a whole number from 0 to 255",
    "a whole number from 0 to 65535",
    "a whole number, 0 or more",
];

/// What a unit's `source` note is for, with an example: shown when it is missing or empty.
pub const SOURCE_HELP: &str = "every unit needs a `source` note saying what in your source it \
    stands for and who says so, so the white cell can tell the class where each counter comes \
    from, e.g. `source: \"Two submarines, according to the defence ministry; strength 2 stands for \
    them, the factors are play values.\"` (for an invented scenario: `source: \"Invented for the \
    exercise.\"`)";

/// The last field name of a path: `units[3].strength` -> `strength`.
fn last_field(path: &str) -> &str {
    let name = path.rsplit('.').next().unwrap_or(path);
    name.split('[').next().unwrap_or(name)
}

/// The range a numeric field takes, in words, if the format gives it one narrower than its type.
fn field_range(path: &str) -> Option<String> {
    let field = last_field(path);
    let factor = |what: &str| format!("a whole number from 0 to 10 (the {what} factor is 0 to 10)");
    Some(match field {
        "strength" => "a whole number from 1 to 10 (strength is 1 to 10 steps)".into(),
        "value" if path.starts_with("zones[") => {
            "a whole number from 0 to 10 (a zone's value is 0 to 10 points)".into()
        }
        "movement" | "attack" | "defence" | "detection" | "stealth"
            if path.starts_with("unit_types[") =>
        {
            factor(field)
        }
        "count" if path == "turns.count" => {
            format!("a whole number from 1 to {MAX_TURNS} (a game has 1 to {MAX_TURNS} turns)")
        }
        _ => return None,
    })
}

/// `e` with its message made specific to the field it is about.
pub fn explain(mut e: DeError) -> DeError {
    let path = e.path.clone().unwrap_or_default();
    match e.kind {
        DeErrorKind::BadValue => {
            if let Some(range) = field_range(&path)
                && let Some(phrase) = TYPE_RANGES.iter().find(|p| e.message.contains(**p))
            {
                e.message = e.message.replace(phrase, &range);
            }
        }
        DeErrorKind::MissingField if e.message == "missing field `source`" => {
            e.message = format!("missing field `source`: {SOURCE_HELP}");
        }
        _ => {}
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bad(path: &str, message: &str) -> DeError {
        DeError {
            pos: None,
            path: Some(path.into()),
            message: message.into(),
            kind: DeErrorKind::BadValue,
        }
    }

    #[test]
    fn a_number_states_its_fields_own_range() {
        let e = explain(bad(
            "units[2].strength",
            "expected a whole number from 0 to 255, found the string \"3\"",
        ));
        assert!(e.message.contains("from 1 to 10"), "{}", e.message);
        let e = explain(bad(
            "unit_types[0].stealth",
            "the number -1 is not allowed here: expected a whole number from 0 to 255",
        ));
        assert!(e.message.contains("from 0 to 10"), "{}", e.message);
        let e = explain(bad(
            "turns.count",
            "expected a whole number, 0 or more, found x",
        ));
        assert!(e.message.contains("from 1 to 200"), "{}", e.message);
        // A field without a narrower range keeps its message.
        let e = explain(bad("format", "expected a whole number, 0 or more, found x"));
        assert_eq!(e.message, "expected a whole number, 0 or more, found x");
    }
}
