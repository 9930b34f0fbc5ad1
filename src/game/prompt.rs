//! The forgiving order syntax of `play`: `order b1 Move(hills)`, `move b1 hills`, `b1 move hills`,
//! `engage b1 town red`; ids may be abbreviated to any unique prefix, and a typo gets a suggestion.

use super::redact::Picture;
use crate::orders::Command;
use crate::orders::file::UnitOrderText;
use std::fmt::Write;

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

const VERBS: &[&str] = &[
    "hold",
    "move",
    "engage",
    "patrol",
    "resupply",
    "withdraw",
    "showofforce",
];

fn verb(w: &str) -> Option<&'static str> {
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
    let c = &p.c;
    let units = p
        .state
        .units
        .iter()
        .filter(|u| u.side == p.side)
        .map(|u| c.unit_name(u.id))
        .collect();
    let zones = c.zones.iter().map(|z| z.id.as_str()).collect();
    let sides = c
        .side_ids()
        .filter(|&s| s != p.side)
        .map(|s| c.side_name(s))
        .collect();
    (units, zones, sides)
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
    let zone = |i: usize| -> Result<String, String> {
        let w = rest
            .get(i)
            .ok_or_else(|| format!("`{v}` needs a zone, e.g. `{v} {unit} ZONE`"))?;
        pick("zone", w, &zones)
    };
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

/// The odds column and the six possible results of the side engaging `side` in `zone`: with the
/// units it has ordered to engage there (else its units in the zone) against the units of `side`
/// it knows of there. Text for the prompt.
pub fn odds(
    p: &Picture,
    orders: &[UnitOrderText],
    zone: &str,
    side: &str,
) -> Result<String, String> {
    let c = &p.c;
    let zs: Vec<&str> = c.zones.iter().map(|z| z.id.as_str()).collect();
    let sides: Vec<&str> = c
        .side_ids()
        .filter(|&x| x != p.side)
        .map(|x| c.side_name(x))
        .collect();
    let z = pick("zone", zone, &zs)?;
    let t = pick("side", side, &sides)?;
    let (zi, ti) = (
        c.zone(&z).unwrap_or_default(),
        c.side(&t).unwrap_or_default(),
    );
    let st = &p.state;
    let engaging: Vec<_> = orders
        .iter()
        .filter(|o| matches!(&o.order, Command::Engage(a, b) if *a == z && *b == t))
        .filter_map(|o| c.unit(&o.unit))
        .collect();
    let attackers: Vec<_> = st
        .units
        .iter()
        .filter(|u| {
            u.side == p.side && (engaging.contains(&u.id) || (engaging.is_empty() && u.zone == zi))
        })
        .copied()
        .collect();
    let defenders: Vec<_> = st
        .units
        .iter()
        .filter(|u| u.side == ti && u.zone == zi)
        .copied()
        .collect();
    if attackers.is_empty() {
        return Err(format!(
            "none of your units would engage {t} in {z}: give an Engage order first (e.g. `engage UNIT {z} {t}`)"
        ));
    }
    if defenders.is_empty() {
        return Ok(format!(
            "you know of no {t} units in {z}: an engagement there finds no target unless you detect some\n"
        ));
    }
    let o =
        crate::rules::combat::odds(&p.board(), &attackers, &defenders, c.zones[zi.index()].kind);
    let mut out = format!(
        "odds in {z} against the {t} units you know of: {}\n",
        crate::report::text::odds_line(&o)
    );
    let r: Vec<String> = c.ruleset.crt[o.column_index]
        .results
        .iter()
        .enumerate()
        .map(|(i, x)| format!("{}: {x:?}", i + 1))
        .collect();
    let _ = writeln!(out, "  d6 -> {}", r.join(", "));
    out.push_str("  (an estimate: units you have not detected are not counted; readiness and posture as now)\n");
    if st.relations.get(p.side, ti) == crate::scenario::Relation::Neutral {
        let up = c
            .escalation
            .as_ref()
            .map(|e| {
                format!(
                    " and moves {} by {:+}",
                    c.track_name(e.track),
                    e.table.engage_neutral
                )
            })
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  warning: you are not at war with {t}: engaging turns the relation Hostile{up}"
        );
    }
    Ok(out)
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
