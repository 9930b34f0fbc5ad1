//! What the prompt offers as a team types: the words that may come next at the cursor (commands,
//! the side's own units, the zones and sides each order may legally take, signal kinds) for Tab
//! completion, and a hint of what is expected or of the unit's legal orders. Pure, on the side's
//! picture; the line editor in `cli::play` calls it.

use super::prompt::{COMMANDS, pick, verb, words};
use crate::game::views::redact::Picture;
use crate::orders::{Command, legal::legal_orders};
use crate::scenario::Relation;

/// The order verbs as a team types them.
const TYPED_VERBS: &[&str] = &[
    "order", "move", "engage", "hold", "patrol", "resupply", "withdraw",
];

/// What may come next: a label (`zone`, `side`...) and the choices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Next {
    /// What the word is.
    pub label: &'static str,
    /// The words that may stand there.
    pub choices: Vec<String>,
}

fn next(label: &'static str, choices: Vec<String>) -> Next {
    Next { label, choices }
}

fn is_sep(ch: char) -> bool {
    ch.is_whitespace() || matches!(ch, '(' | ')' | ',' | '"' | '\'')
}

/// Where the word being typed at the end of `line` starts (a byte index).
pub fn word_start(line: &str) -> usize {
    line.char_indices()
        .rev()
        .find(|(_, ch)| is_sep(*ch))
        .map_or(0, |(i, ch)| i + ch.len_utf8())
}

/// The legal orders of unit `id` on the picture (engagements only against known units).
fn legal(p: &Picture, id: &str) -> Vec<Command<String, String>> {
    let Some(u) = p
        .state
        .units
        .iter()
        .find(|u| u.side == p.side && p.c.unit_name(u.id) == id)
    else {
        return Vec::new();
    };
    let b = p.board();
    let known = |z, t| crate::policy::known_in(&b, &p.state, p.side, z, t);
    legal_orders(&b, p.side, u, &known)
        .iter()
        .map(|c| {
            c.map(
                |z| p.c.zone_name(*z).to_string(),
                |s| p.c.side_name(*s).to_string(),
            )
        })
        .collect()
}

fn dedup(v: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for x in v {
        if !out.contains(&x) {
            out.push(x);
        }
    }
    out
}

/// The zones a unit's `verb` order may take, from its legal orders.
fn zones_for(p: &Picture, unit: &str, v: &str) -> Vec<String> {
    let l = legal(p, unit);
    let hit = |c: &Command<String, String>| match (v, c) {
        ("move", Command::Move(z))
        | ("patrol", Command::Patrol(z))
        | ("withdraw", Command::Withdraw(z))
        | ("showofforce", Command::ShowOfForce(z))
        | ("engage", Command::Engage(z, _)) => Some(z.clone()),
        _ => None,
    };
    let zs = dedup(l.iter().filter_map(hit));
    if zs.is_empty() && v == "engage" {
        // No known target yet: any zone the unit can reach (an engagement there may find one).
        return dedup(l.iter().filter_map(|c| match c {
            Command::Patrol(z) => Some(z.clone()),
            _ => None,
        }));
    }
    zs
}

fn enemies(p: &Picture) -> Vec<String> {
    p.c.side_ids()
        .filter(|&s| s != p.side && p.state.relations.get(p.side, s) != Relation::Allied)
        .map(|s| p.c.side_name(s).to_string())
        .collect()
}

fn sides_for(p: &Picture, unit: &str, zone: &str) -> Vec<String> {
    let s = dedup(legal(p, unit).into_iter().filter_map(|c| match c {
        Command::Engage(z, s) if z == zone => Some(s),
        _ => None,
    }));
    if s.is_empty() { enemies(p) } else { s }
}

fn own(p: &Picture) -> Vec<String> {
    p.own_ids().into_iter().map(str::to_string).collect()
}

/// The arguments of an order once its verb and unit are known; `args` are the words after them.
fn order_args(p: &Picture, v: &str, unit: &str, args: &[String]) -> Option<Next> {
    let unit = pick("unit", unit, &p.own_ids()).ok()?;
    let zone = |a: &String| pick("zone", a, &p.zone_ids()).ok();
    match (v, args.len()) {
        ("hold" | "resupply", _) => None,
        (_, 0) => Some(next("zone", zones_for(p, &unit, v))),
        ("engage", 1) => Some(next("side", sides_for(p, &unit, &zone(&args[0])?))),
        _ => None,
    }
}

/// The order forms a unit may take, for `order UNIT <Tab>`.
fn forms(p: &Picture, unit: &str) -> Vec<String> {
    let Ok(unit) = pick("unit", unit, &p.own_ids()) else {
        return Vec::new();
    };
    dedup(legal(p, &unit).iter().map(|c| match c {
        Command::Hold => "Hold".to_string(),
        Command::Resupply => "Resupply".to_string(),
        Command::Move(_) => "Move(".to_string(),
        Command::Engage(..) => "Engage(".to_string(),
        Command::Patrol(_) => "Patrol(".to_string(),
        Command::Withdraw(_) => "Withdraw(".to_string(),
        Command::ShowOfForce(_) => "ShowOfForce(".to_string(),
    }))
}

/// What may come after the complete words `ws`.
pub fn expected(p: &Picture, ws: &[String]) -> Option<Next> {
    let Some(first) = ws.first() else {
        let mut all: Vec<String> = COMMANDS.iter().map(|s| s.to_string()).collect();
        all.extend(TYPED_VERBS.iter().map(|s| s.to_string()));
        all.extend(own(p));
        return Some(next("command, order or unit", all));
    };
    let n = ws.len();
    match first.to_ascii_lowercase().as_str() {
        "legal" if n == 1 => Some(next("unit", own(p))),
        "odds" => match n {
            1 => Some(next(
                "zone",
                p.zone_ids().iter().map(|s| s.to_string()).collect(),
            )),
            2 => Some(next("side", enemies(p))),
            _ => Some(next("unit (optional)", own(p))),
        },
        "signal" => match n {
            1 => Some(next(
                "side",
                p.other_sides().iter().map(|s| s.to_string()).collect(),
            )),
            2 => Some(next(
                "kind",
                vec!["warn".into(), "deescalate".into(), "hotline".into()],
            )),
            _ => None,
        },
        "show" if n == 1 => Some(next("unit (or nothing, to list the orders)", own(p))),
        "order" => match n {
            1 => Some(next("unit", own(p))),
            2 => Some(next("order", forms(p, &ws[1]))),
            _ => order_args(p, verb(&ws[2])?, &ws[1], &ws[3..]),
        },
        w if COMMANDS.contains(&w) && w != "show" => None,
        w => match verb(w) {
            Some(_) if n == 1 => Some(next("unit", own(p))),
            Some(v) => order_args(p, v, &ws[1], &ws[2..]),
            None if pick("unit", w, &p.own_ids()).is_ok() => match n {
                1 => Some(next(
                    "order",
                    TYPED_VERBS[1..].iter().map(|s| s.to_string()).collect(),
                )),
                _ => order_args(p, verb(&ws[1])?, w, &ws[2..]),
            },
            None => None,
        },
    }
}

/// Tab completion: where the word at the end of `line` starts, and the choices that fit it.
pub fn complete(p: &Picture, line: &str) -> (usize, Vec<String>) {
    let start = word_start(line);
    let partial = line[start..].to_ascii_lowercase();
    let ws = words(&line[..start]);
    let choices = expected(p, &ws)
        .map(|n| n.choices)
        .unwrap_or_default()
        .into_iter()
        .filter(|c| c.to_ascii_lowercase().starts_with(&partial))
        .collect();
    (start, choices)
}

/// A hint for the end of `line`: the rest of the one word that fits (`Some(rest)`, accepted with
/// the right arrow), or what is expected next and the legal choices (shown, not inserted).
pub fn hint(p: &Picture, line: &str) -> Option<(String, bool)> {
    let start = word_start(line);
    if start < line.len() {
        let (_, c) = complete(p, line);
        let partial = &line[start..];
        return match c.as_slice() {
            [one] if one.len() > partial.len() => Some((one[partial.len()..].to_string(), true)),
            _ => None,
        };
    }
    if line.trim().is_empty() {
        return None;
    }
    let ws = words(line);
    // After a unit alone (`order us_ross `, `us_ross `): its legal orders.
    let unit_only = match ws.as_slice() {
        [o, u] if o.eq_ignore_ascii_case("order") => Some(u),
        [u] if verb(u).is_none() && !COMMANDS.contains(&u.to_ascii_lowercase().as_str()) => Some(u),
        _ => None,
    };
    if let Some(u) = unit_only
        && let Ok(id) = pick("unit", u, &p.own_ids())
    {
        let l: Vec<String> = legal(p, &id)
            .iter()
            .map(crate::report::words::order)
            .collect();
        return Some((format!("  legal: {}", shorten(&l)), false));
    }
    let n = expected(p, &ws)?;
    if n.choices.is_empty() {
        return Some((format!("  ({}: none is legal now)", n.label), false));
    }
    Some((format!("  {}: {}", n.label, shorten(&n.choices)), false))
}

fn shorten(v: &[String]) -> String {
    const MAX: usize = 8;
    if v.len() <= MAX {
        v.join(", ")
    } else {
        format!("{}, ... ({} in all)", v[..MAX].join(", "), v.len())
    }
}
