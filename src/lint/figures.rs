//! Capability-style figures in free text: a number with a unit of distance, speed or payload
//! ("40 km", "30-knot", "2 tonnes", "Mach 2"), or a range, radius or payload given a number ("a
//! range of 300"). whitecell models none of these (see [`crate::scenario::forbidden`] for the
//! fields it refuses); in a note or briefing they are probably a figure copied from a source that
//! the scenario should not carry. A word alone ("long-range bombers") and a designation
//! ("Tu-160") are not figures.

use super::Warning;
use crate::scenario::tree::{Kind, Node};

/// Units of distance, speed and mass, as written after a number.
const UNITS: &[&str] = &[
    "km",
    "kms",
    "kilometre",
    "kilometres",
    "kilometer",
    "kilometers",
    "nm",
    "nmi",
    "nautical",
    "mile",
    "miles",
    "mi",
    "knot",
    "knots",
    "kt",
    "kts",
    "mph",
    "kph",
    "kmh",
    "kg",
    "kgs",
    "kilogram",
    "kilograms",
    "kilo",
    "kilos",
    "ton",
    "tons",
    "tonne",
    "tonnes",
    "lb",
    "lbs",
    "pound",
    "pounds",
    "ft",
    "feet",
    "foot",
    "metre",
    "metres",
    "meter",
    "meters",
];

/// Words that give a performance figure when a number follows them ("range of 300", "Mach 2").
const MEASURES: &[&str] = &[
    "range",
    "radius",
    "payload",
    "endurance",
    "altitude",
    "ceiling",
    "speed",
    "mach",
];

/// Words that may stand between a measure and its number ("range of up to 300").
const FILLERS: &[&str] = &[
    "of", "up", "to", "about", "some", "over", "nearly", "is", "a",
];

/// One word or number of a text, and whether it is a quantity (a number not glued to letters
/// before it, as in a designation like `Tu-160`).
#[derive(Debug)]
struct Token<'a> {
    text: &'a str,
    number: bool,
}

fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_digit() {
            let start = i;
            while i < bytes.len()
                && (bytes[i].is_ascii_digit() || bytes[i] == b'.' || bytes[i] == b',')
            {
                i += 1;
            }
            // A designation: letters, an optional hyphen, then the number (`Tu-160`, `F16`).
            let mut k = start;
            if k > 0 && bytes[k - 1] == b'-' {
                k -= 1;
            }
            let designation = k > 0 && bytes[k - 1].is_ascii_alphabetic();
            out.push(Token {
                text: &text[start..i],
                number: !designation,
            });
        } else if b.is_ascii_alphabetic() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            out.push(Token {
                text: &text[start..i],
                number: false,
            });
        } else {
            i += 1;
        }
    }
    out
}

/// The first capability-style figure in `text`, as written there.
pub fn figure(text: &str) -> Option<String> {
    let t = tokens(text);
    for (i, tok) in t.iter().enumerate() {
        let word = tok.text.to_ascii_lowercase();
        if tok.number
            && let Some(next) = t.get(i + 1)
            && UNITS.contains(&next.text.to_ascii_lowercase().as_str())
        {
            return Some(format!("{} {}", tok.text, next.text));
        }
        if MEASURES.contains(&word.as_str()) {
            let after = t[i + 1..]
                .iter()
                .take(4)
                .take_while(|x| x.number || FILLERS.contains(&x.text.to_ascii_lowercase().as_str()))
                .find(|x| x.number);
            if let Some(n) = after {
                return Some(format!("{} ... {}", tok.text, n.text));
            }
        }
    }
    None
}

/// A warning for every string in the file that carries a figure.
pub fn check(root: &Node) -> Vec<Warning> {
    let mut out = Vec::new();
    walk(root, String::new(), &mut out);
    out
}

fn walk(node: &Node, path: String, out: &mut Vec<Warning>) {
    let join = |name: &str| {
        if path.is_empty() {
            name.to_string()
        } else {
            format!("{path}.{name}")
        }
    };
    match &node.kind {
        Kind::Str(s) => {
            if let Some(f) = figure(s) {
                out.push(Warning {
                    code: "capability-figure",
                    subject: path.clone(),
                    path: path.clone(),
                    message: format!(
                        "this text gives \"{f}\", which reads like a capability figure (a \
                         distance, speed, range or payload): whitecell models abstract units only \
                         and scenarios carry no such figures, not even in notes; say what the \
                         source reports in words, or that it gives a figure whitecell does not model"
                    ),
                    by_play: false,
                });
            }
        }
        Kind::Struct(_, fields) => {
            for (f, v) in fields {
                walk(v, join(&f.name), out);
            }
        }
        Kind::Tuple(_, items) | Kind::List(items) => {
            for (i, v) in items.iter().enumerate() {
                walk(v, format!("{path}[{i}]"), out);
            }
        }
        Kind::Map(entries) => {
            for (k, v) in entries {
                let key = k.as_str().unwrap_or_default();
                walk(v, format!("{path}[\"{key}\"]"), out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::figure;

    #[test]
    fn figures_are_found_and_honest_words_are_not() {
        for t in [
            "a 30-knot frigate",
            "40 km radar range",
            "a range of 300",
            "Mach 2 interceptors",
            "carries 2 tonnes",
            "over 1,000 nautical miles",
            "a combat radius of about 500",
        ] {
            assert!(figure(t).is_some(), "{t}");
        }
        for t in [
            "long-range Tu-142 \"submarine hunters\"",
            "26 vessels and 34 aircraft",
            "Tu-160 bombers",
            "more than 100 US Marines",
            "out of range",
            "Day 3 of the exercise",
        ] {
            assert_eq!(figure(t), None, "{t}");
        }
    }
}
