//! The forgiving order syntax of `play`: `order b1 Move(hills)`, `move b1 hills`, `b1 move hills`,
//! `engage b1 town red`; ids may be abbreviated to any unique prefix, and a typo gets a suggestion.
//! Nothing is taken silently: an unclosed bracket or a word too many is refused, and so is a word
//! that is neither a command, an order nor a unit.

use crate::game::views::redact::Picture;
use crate::orders::Command;

/// Matches `word` against `candidates`: exact, else the unique prefix, else the unique substring;
/// otherwise an error naming the choices or the closest id.
pub fn pick(what: &str, word: &str, candidates: &[&str]) -> Result<String, String> {
    let w = word.to_ascii_lowercase();
    if let Some(c) = candidates.iter().find(|c| c.to_ascii_lowercase() == w) {
        return Ok(c.to_string());
    }
    for test in [
        &|c: &str| c.to_ascii_lowercase().starts_with(&w),
        &|c: &str| c.to_ascii_lowercase().contains(&w),
    ] as [&dyn Fn(&str) -> bool; 2]
    {
        let hits: Vec<&str> = candidates.iter().copied().filter(|c| test(c)).collect();
        match hits.len() {
            1 => return Ok(hits[0].to_string()),
            0 => {}
            _ => {
                return Err(format!(
                    "`{word}` could be {what} {}; type more of it",
                    hits.join(", ")
                ));
            }
        }
    }
    let hint = crate::scenario::de::closest(word, candidates)
        .map(|c| format!("did you mean `{c}`? "))
        .unwrap_or_default();
    Err(format!(
        "no {what} `{word}`; {hint}the choices are: {}",
        candidates.join(", ")
    ))
}

/// Splits a line into words, treating `(`, `)`, `,` and quotes as spaces.
pub fn words(line: &str) -> Vec<String> {
    line.replace(['(', ')', ',', '"', '\''], " ")
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// Checks that brackets and quotes are closed, so `Move(town` is not read as `Move(town)`.
pub fn balanced(line: &str) -> Result<(), String> {
    let mut depth = 0i32;
    for ch in line.chars() {
        match ch {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return Err(format!(
                "`{line}`: a `)` closes nothing; write e.g. `Move(ZONE)` or `move UNIT ZONE`"
            ));
        }
    }
    if depth > 0 {
        return Err(format!(
            "`{line}`: a `(` is not closed; write e.g. `Move(ZONE)` or `move UNIT ZONE`"
        ));
    }
    if line.matches('"').count() % 2 == 1 {
        return Err(format!("`{line}`: a `\"` is not closed"));
    }
    Ok(())
}

/// The prompt's commands other than orders.
pub const COMMANDS: &[&str] = &[
    "help", "units", "zones", "legal", "odds", "signal", "orders", "show", "undo", "score",
    "submit", "quit",
];

/// Whether a line starting with `first` gives an order: `order`, an order's verb, or one of the
/// side's unit ids (the `UNIT VERB ...` form).
pub fn starts_order(p: &Picture, first: &str) -> bool {
    first.eq_ignore_ascii_case("order")
        || verb(first).is_some()
        || pick("unit", first, &p.own_ids()).is_ok()
}

/// The message for a word that is no command: the closest command, and `help`.
pub fn unknown_command(first: &str) -> String {
    let mut all: Vec<&str> = COMMANDS.to_vec();
    all.extend(VERBS);
    let hint = crate::scenario::de::closest(&first.to_ascii_lowercase(), &all)
        .map(|c| format!(" (did you mean `{c}`?)"))
        .unwrap_or_default();
    format!("unknown command `{first}`{hint}; type `help` for the commands")
}

/// The order verbs.
pub const VERBS: &[&str] = &[
    "hold",
    "move",
    "engage",
    "patrol",
    "resupply",
    "withdraw",
    "showofforce",
];

/// The order verb a word stands for (`attack` is `engage`, `show` is `showofforce`, 3-letter
/// prefixes are enough).
pub fn verb(w: &str) -> Option<&'static str> {
    let w = w.to_ascii_lowercase().replace('_', "");
    match w.as_str() {
        "attack" => Some("engage"),
        "show" | "force" | "sof" => Some("showofforce"),
        _ => VERBS
            .iter()
            .copied()
            .find(|v| *v == w || (w.len() >= 3 && v.starts_with(&w))),
    }
}

/// The side's own unit ids, zone ids, and other side ids on the picture.
fn ids(p: &Picture) -> (Vec<&str>, Vec<&str>, Vec<&str>) {
    (p.own_ids(), p.zone_ids(), p.other_sides())
}

/// Parses an order in any of the accepted forms into (unit id, command with string ids).
pub fn parse_order(
    p: &Picture,
    ws: &[String],
) -> Result<(String, Command<String, String>), String> {
    let (units, zones, sides) = ids(p);
    let ws: Vec<&str> = ws
        .iter()
        .map(String::as_str)
        .filter(|w| !w.eq_ignore_ascii_case("order"))
        .collect();
    if ws.len() < 2 {
        return Err("write `order UNIT ORDER`, e.g. `order b_infantry Move(town)` or `move b_infantry town`".into());
    }
    let (v, unit, rest) = match (verb(ws[0]), verb(ws[1])) {
        (Some(v), _) if pick("unit", ws[1], &units).is_ok() => (v, ws[1], &ws[2..]),
        (_, Some(v)) => (v, ws[0], &ws[2..]),
        (Some(v), _) => (v, ws[1], &ws[2..]),
        _ => {
            let bad = if pick("unit", ws[0], &units).is_ok() {
                ws[1]
            } else {
                ws[0]
            };
            let hint = crate::scenario::de::closest(&bad.to_ascii_lowercase(), VERBS)
                .map(|c| format!("did you mean `{c}`? "))
                .unwrap_or_default();
            return Err(format!(
                "no order `{bad}`; {hint}the orders are: Hold, Move(ZONE), Engage(ZONE, SIDE), Patrol(ZONE), Resupply, Withdraw(ZONE), ShowOfForce(ZONE); `help` lists every command"
            ));
        }
    };
    let unit = pick("unit of yours", unit, &units)?;
    // The verb as a team types it.
    let typed = if v == "showofforce" { "show" } else { v };
    let zone = |i: usize| -> Result<String, String> {
        let w = rest
            .get(i)
            .ok_or_else(|| format!("`{typed}` needs a zone, e.g. `{typed} {unit} ZONE`"))?;
        pick("zone", w, &zones)
    };
    let takes = match v {
        "hold" | "resupply" => 0,
        "engage" => 2,
        _ => 1,
    };
    if let Some(extra) = rest.get(takes) {
        return Err(format!(
            "`{extra}` is one word too many: {typed} takes {}",
            match takes {
                0 => "no zone".to_string(),
                1 => format!("one zone, e.g. `{typed} {unit} ZONE`"),
                _ => format!("a zone and a side, e.g. `{typed} {unit} ZONE SIDE`"),
            }
        ));
    }
    let cmd = match v {
        "hold" => Command::Hold,
        "resupply" => Command::Resupply,
        "move" => Command::Move(zone(0)?),
        "patrol" => Command::Patrol(zone(0)?),
        "withdraw" => Command::Withdraw(zone(0)?),
        "showofforce" => Command::ShowOfForce(zone(0)?),
        _ => {
            let z = zone(0)?;
            let s = match rest.get(1) {
                Some(w) => pick("side", w, &sides)?,
                None => {
                    let zi = p.c.zone(&z).unwrap_or_default();
                    let mut there: Vec<&str> = p
                        .state
                        .units
                        .iter()
                        .filter(|u| u.zone == zi && u.side != p.side)
                        .map(|u| p.c.side_name(u.side))
                        .collect();
                    there.sort_unstable();
                    there.dedup();
                    match there.as_slice() {
                        [one] => one.to_string(),
                        [] => {
                            return Err(format!(
                                "you know of no other side's units in {z}; to engage there anyway, name the side: `engage {unit} {z} SIDE` (sides: {})",
                                sides.join(", ")
                            ));
                        }
                        _ => {
                            return Err(format!(
                                "units of several sides are in {z}: say which to engage: `engage {unit} {z} SIDE` ({})",
                                there.join(", ")
                            ));
                        }
                    }
                }
            };
            Command::Engage(z, s)
        }
    };
    Ok((unit, cmd))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pick_prefers_exact_then_prefix_then_substring() {
        let c = ["town", "town_hall", "hills"];
        assert_eq!(pick("zone", "town", &c).unwrap(), "town");
        assert_eq!(pick("zone", "hi", &c).unwrap(), "hills");
        assert!(pick("zone", "to", &c).unwrap_err().contains("could be"));
        assert!(
            pick("zone", "hilsl", &c)
                .unwrap_err()
                .contains("did you mean `hills`")
        );
    }

    #[test]
    fn words_splits_ron_forms() {
        assert_eq!(
            words("order b1 Move(\"hills\")"),
            ["order", "b1", "Move", "hills"]
        );
    }
}
