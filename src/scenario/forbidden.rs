//! Fields whitecell refuses on principle: real targeting and capability data.
//!
//! whitecell is an educational game of abstract units. A scenario never carries coordinates, ranges,
//! weapon loads or platform performance; the loader names such a field and says why, instead of the
//! plain "unknown field" it would otherwise give.

use super::tree::{Kind, Node, Pos};

/// Words that mark a field as capability or targeting data, and what kind of data they mark.
const MARKERS: &[(&str, &str)] = &[
    ("range", "a range"),
    ("radius", "a range"),
    ("km", "a distance"),
    ("nm", "a distance"),
    ("mile", "a distance"),
    ("latitude", "a geographic coordinate"),
    ("longitude", "a geographic coordinate"),
    ("lat", "a geographic coordinate"),
    ("lon", "a geographic coordinate"),
    ("lng", "a geographic coordinate"),
    ("coord", "a geographic coordinate"),
    ("coordinates", "a geographic coordinate"),
    ("mgrs", "a geographic coordinate"),
    ("grid", "a geographic coordinate"),
    ("weapon", "a weapon load"),
    ("weapons", "a weapon load"),
    ("missile", "a weapon load"),
    ("missiles", "a weapon load"),
    ("munition", "a weapon load"),
    ("munitions", "a weapon load"),
    ("warhead", "a weapon load"),
    ("warheads", "a weapon load"),
    ("payload", "a weapon load"),
    ("loadout", "a weapon load"),
    ("ammo", "a weapon load"),
    ("ammunition", "a weapon load"),
    ("speed", "platform performance"),
    ("knots", "platform performance"),
    ("mach", "platform performance"),
    ("altitude", "platform performance"),
    ("ceiling", "platform performance"),
    ("endurance", "platform performance"),
    ("accuracy", "platform performance"),
    ("cep", "platform performance"),
    ("yield", "platform performance"),
    ("sensor", "sensor performance"),
    ("radar", "sensor performance"),
    ("sonar", "sensor performance"),
    ("target", "targeting data"),
    ("targets", "targeting data"),
    ("aimpoint", "targeting data"),
];

/// A forbidden field found in a tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Forbidden {
    /// Where the field name is written.
    pub pos: Pos,
    /// Its field path.
    pub path: String,
    /// Why it is refused.
    pub message: String,
}

/// What kind of capability data a field name marks, if any.
pub fn classify(field: &str) -> Option<&'static str> {
    // Words split at `_`, digits and camelCase humps: `range_km`, `rangeKm`, `maxSpeed2`.
    let mut spaced = String::new();
    for (i, ch) in field.char_indices() {
        if ch.is_ascii_uppercase() && i > 0 {
            spaced.push('_');
        }
        spaced.push(ch.to_ascii_lowercase());
    }
    spaced
        .split(|c: char| c == '_' || c.is_ascii_digit())
        .filter(|w| !w.is_empty())
        .find_map(|w| MARKERS.iter().find(|(m, _)| *m == w).map(|(_, what)| *what))
}

/// Every forbidden field name in the tree. `allowed` lists the exact field paths' last names that
/// belong to the format itself (e.g. the detection rule's `target`), which are never flagged.
pub fn scan(root: &Node, allowed: &[&str]) -> Vec<Forbidden> {
    let mut out = Vec::new();
    walk(root, String::new(), allowed, &mut out);
    out
}

fn walk(node: &Node, path: String, allowed: &[&str], out: &mut Vec<Forbidden>) {
    match &node.kind {
        Kind::Struct(_, fields) => {
            for (f, v) in fields {
                let p = if path.is_empty() {
                    f.name.clone()
                } else {
                    format!("{path}.{}", f.name)
                };
                if !allowed.contains(&p.as_str())
                    && let Some(what) = classify(&f.name)
                {
                    out.push(Forbidden {
                        pos: f.pos,
                        path: p.clone(),
                        message: format!(
                            "`{}` looks like {what}: whitecell models abstract units only, never real \
                             coordinates, ranges, weapon loads or platform performance; use the abstract \
                             factors and say where a figure came from in a `source` or `note`",
                            f.name
                        ),
                    });
                }
                walk(v, p, allowed, out);
            }
        }
        Kind::Tuple(_, items) | Kind::List(items) => {
            for (i, v) in items.iter().enumerate() {
                walk(v, format!("{path}[{i}]"), allowed, out);
            }
        }
        Kind::Map(entries) => {
            for (k, v) in entries {
                let key = k.as_str().unwrap_or("?");
                walk(v, format!("{path}[\"{key}\"]"), allowed, out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_capability_words_but_not_play_factors() {
        assert_eq!(classify("range_km"), Some("a range"));
        assert_eq!(classify("lat"), Some("a geographic coordinate"));
        assert_eq!(classify("missiles"), Some("a weapon load"));
        assert_eq!(classify("max_speed"), Some("platform performance"));
        for ok in [
            "movement",
            "attack",
            "defence",
            "detection",
            "stealth",
            "strength",
            "layout",
            "note",
        ] {
            assert_eq!(classify(ok), None, "{ok}");
        }
    }
}
