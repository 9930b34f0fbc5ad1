//! Orders intake: side keys, signing orders files, and the checks the white cell runs before it
//! accepts a submission. Orders are bound to the game id, side and turn, and signed with HMAC-SHA256
//! under the side's key over a canonical form of the file (everything but the signature). An
//! accepted submission gets a receipt: the SHA-256 of what was accepted.

use super::crypto::{hmac_sha256_hex, same, sha256_hex};
use crate::game::views::redact::Picture;
use crate::orders::{Order, OrdersFile, check};
use std::fmt::Write;

/// A side's key, as written in its key file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SideKey {
    /// The game it belongs to.
    pub game: String,
    /// The side.
    pub side: String,
    /// The secret, hex.
    pub key: String,
}

impl SideKey {
    /// The key file's text.
    pub fn to_text(&self) -> String {
        format!(
            "# whitecell side key: give this file only to the `{}` team; it signs their orders.\n\
             game = \"{}\"\nside = \"{}\"\nkey = \"{}\"\n",
            self.side, self.game, self.side, self.key
        )
    }

    /// Parses a key file's text.
    pub fn parse(text: &str) -> Result<SideKey, String> {
        let get = |name: &str| -> Result<String, String> {
            text.lines()
                .filter_map(|l| l.split_once('='))
                .find(|(k, _)| k.trim() == name)
                .map(|(_, v)| v.trim().trim_matches('"').to_string())
                .filter(|v| !v.is_empty())
                .ok_or_else(|| format!("the key file has no `{name} = \"...\"` line"))
        };
        let key = SideKey {
            game: get("game")?,
            side: get("side")?,
            key: get("key")?,
        };
        if key.key.len() != 64 || !key.key.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err("the key is not 64 hex digits: the key file is damaged".into());
        }
        Ok(key)
    }
}

/// The canonical bytes an orders file's signature covers.
pub fn canonical(f: &OrdersFile) -> String {
    let mut body = f.clone();
    body.signature = None;
    format!(
        "whitecell orders v1\n{}",
        serde_json::to_string(&body).unwrap_or_default()
    )
}

/// The signature of `f` under `key` (hex).
pub fn sign(f: &OrdersFile, key: &str) -> String {
    hmac_sha256_hex(key.as_bytes(), canonical(f).as_bytes())
}

/// The receipt of an accepted submission.
pub fn receipt(f: &OrdersFile) -> String {
    let sig = f.signature.as_deref().unwrap_or("");
    sha256_hex(format!("{}\n{sig}", canonical(f)).as_bytes())
}

/// The orders file as RON text (what `play` and `orders sign` write).
pub fn to_ron(f: &OrdersFile) -> String {
    // The header comment ends at the line's end: a line break in the game or side is escaped, or
    // the rest would fall out of the comment into the file.
    let mut s = format!(
        "// whitecell orders: game {}, side {}, turn {}\n(\n    game: {:?},\n    side: {:?},\n    turn: {},\n    orders: [\n",
        f.game.escape_debug(),
        f.side.escape_debug(),
        f.turn,
        f.game,
        f.side,
        f.turn
    );
    for o in &f.orders {
        let _ = writeln!(s, "        (unit: {:?}, order: {}),", o.unit, o.order);
    }
    s.push_str("    ],\n    signals: [\n");
    for x in &f.signals {
        let _ = writeln!(s, "        (to: {:?}, kind: {:?}),", x.to, x.kind);
    }
    s.push_str("    ],\n");
    if let Some(sig) = &f.signature {
        let _ = writeln!(s, "    signature: Some({sig:?}),");
    }
    s.push_str(")\n");
    s
}

/// Checks that an orders file is bound to this game, a known side and the coming turn. These are
/// the errors that mean "wrong file": the whole file is refused.
pub fn check_binding(p: &Picture, f: &OrdersFile) -> Result<(), String> {
    check_binding_at(p, f).map_err(|x| x.message)
}

/// [`check_binding`], with the field at fault (`game`, `side` or `turn`).
pub fn check_binding_at(p: &Picture, f: &OrdersFile) -> Result<(), Problem> {
    let at = |field: &str, message: String| Problem {
        at: field.to_string(),
        message,
    };
    if f.game != p.game {
        return Err(at(
            "game",
            format!(
                "these orders are for game `{}`, but this game is `{}`: is it the right file, or a file from another class?",
                f.game, p.game
            ),
        ));
    }
    let me = p.c.side_name(p.side);
    if f.side != me {
        return Err(at(
            "side",
            format!(
                "these orders are for side `{}`, but they are being handed in for side `{me}`; a team may only send its own side's orders",
                f.side
            ),
        ));
    }
    if f.turn != p.next_turn() {
        return Err(at(
            "turn",
            format!(
                "these orders are for turn {}, but orders are due for turn {}{}",
                f.turn,
                p.next_turn(),
                if f.turn < p.next_turn() {
                    " (that turn has been played; write orders for the coming turn)"
                } else {
                    " (that turn has not come yet)"
                }
            ),
        ));
    }
    Ok(())
}

/// Checks the signature of `f` against the side's key.
pub fn check_signature(f: &OrdersFile, key: &str) -> Result<(), String> {
    match &f.signature {
        None => Err(format!(
            "the orders are not signed: sign them with the side's key (`whitecell orders submit FILE GAME_DIR --key {}.key`, or `whitecell orders sign FILE --key {}.key`)",
            f.side, f.side
        )),
        Some(s) if same(s, &sign(f, key)) => Ok(()),
        Some(_) => Err(format!(
            "the signature does not match side `{}`'s key: the file was changed after it was signed, or signed with another side's key",
            f.side
        )),
    }
}

/// One problem with an orders file, with the field path of the entry it is about (`orders[2]`,
/// `signals[0]`), so a message can point at its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The entry's field path in the file.
    pub at: String,
    /// What is wrong.
    pub message: String,
}

/// Problems with an orders file's content: unknown ids or units of another side refuse the file
/// (`Err`); orders that are legal in form but would be rejected now are returned as warnings.
pub fn check_orders(p: &Picture, f: &OrdersFile) -> Result<Vec<String>, Vec<String>> {
    let text = |v: Vec<Problem>| v.into_iter().map(|x| x.message).collect();
    check_orders_at(p, f).map(text).map_err(text)
}

/// [`check_orders`], each problem with the entry it is about. Entries resolve as
/// [`OrdersFile::resolve`] resolves them for the engine.
pub fn check_orders_at(p: &Picture, f: &OrdersFile) -> Result<Vec<Problem>, Vec<Problem>> {
    let all = check_all(p, f);
    if all.errors.is_empty() {
        Ok(all.warnings)
    } else {
        Err(all.errors)
    }
}

/// Everything [`check_all`] found in an orders file, at once.
#[derive(Debug, Default)]
pub struct Checked {
    /// What refuses the file: ids that are not the side's or the scenario's, a second order for a
    /// unit, a second signal, an order for a unit no longer on the map.
    pub errors: Vec<Problem>,
    /// Orders legal in form that would be rejected now (the unit would hold).
    pub warnings: Vec<Problem>,
    /// The orders that resolved and pass the board's check, with their entries.
    pub orders: Vec<(String, Order)>,
    /// The signals that resolved, with their entries.
    pub signals: Vec<(String, crate::orders::Signal)>,
}

/// Every problem of an orders file at once: what refuses it and what would be rejected now.
pub fn check_all(p: &Picture, f: &OrdersFile) -> Checked {
    let c = &p.c;
    let me = c.side_name(p.side);
    // The side's units on the map now: units an event has yet to bring on stay unmentioned.
    let own: Vec<&str> = p
        .state
        .units
        .iter()
        .filter(|u| u.side == p.side)
        .map(|u| c.unit_name(u.id))
        .collect();
    // A unit that is not the side's gets the same answer whether it exists or not, so the intake
    // never tells a team which other units the scenario holds.
    let not_yours = |unit: &str| {
        let hint = crate::scenario::de::closest(unit, &own)
            .map(|x| format!("did you mean `{x}`? "))
            .unwrap_or_default();
        format!(
            "unit `{unit}` is not one of `{me}`'s units: a side may only order its own units; {hint}yours are: {}",
            own.join(", ")
        )
    };
    let mut errors = Vec::new();
    let mut orders = Vec::new();
    for (i, o) in f.orders.iter().enumerate() {
        let at = format!("orders[{i}]");
        // Ownership first: an order for another side's unit gets the same answer as one for a
        // unit that does not exist, whatever else is wrong with it.
        if p.off_map.contains(&o.unit) {
            errors.push(Problem {
                at,
                message: format!(
                    "unit `{}` is one of `{me}`'s units, but it is off the map (destroyed): it takes no more orders",
                    o.unit
                ),
            });
            continue;
        }
        let Some(unit) = c
            .unit(&o.unit)
            .filter(|u| c.units[u.index()].side == p.side)
        else {
            errors.push(Problem {
                at,
                message: not_yours(&o.unit),
            });
            continue;
        };
        match crate::orders::resolve_command(c, &o.order) {
            Ok(command) => orders.push((at, Order { unit, command })),
            Err(why) => errors.push(Problem {
                at,
                message: format!(
                    "unit `{}` {}: {why}{}",
                    o.unit,
                    o.order,
                    did_you_mean(p, &why)
                ),
            }),
        }
    }
    let mut signals = Vec::new();
    for (k, x) in f.signals.iter().enumerate() {
        let at = format!("signals[{k}]");
        match c.side(&x.to) {
            Some(to) => signals.push((at, crate::orders::Signal { to, kind: x.kind })),
            None => errors.push(Problem {
                at,
                message: {
                    let why = crate::orders::Rejection::UnknownSide(x.to.clone());
                    format!(
                        "Signal({}, {:?}): {why}{}",
                        x.to,
                        x.kind,
                        did_you_mean(p, &why)
                    )
                },
            }),
        }
    }
    let b = p.board();
    // One order per unit: a second entry for a unit is refused with the file, whatever became of
    // the first, so no file hands in more than the side's legal orders. A flag per unit keeps the
    // check linear in the file's length.
    let mut first: Vec<Option<String>> = vec![None; c.units.len()];
    let mut warnings = Vec::new();
    let mut fine = Vec::new();
    for (at, o) in orders {
        if let Some(j) = &first[o.unit.index()] {
            errors.push(Problem {
                at,
                message: format!(
                    "{} ({j} is its first): delete one of them",
                    crate::orders::Rejection::Duplicate(c.unit_name(o.unit).to_string())
                ),
            });
            continue;
        }
        first[o.unit.index()] = Some(at.clone());
        match check(&b, p.side, &o, &|_| false) {
            Ok(_) => fine.push((at, o)),
            Err(why) => warnings.push(Problem {
                at,
                message: format!(
                    "{} {}: {why}; if it stands, the unit will hold",
                    c.unit_name(o.unit),
                    crate::orders::describe(c, &o.command)
                ),
            }),
        }
    }
    // One signal a turn, likewise.
    for (at, _) in signals.iter().skip(1) {
        errors.push(Problem {
            at: at.clone(),
            message: format!(
                "{}: delete all but one",
                crate::orders::Rejection::OneSignalPerTurn
            ),
        });
    }
    for (at, s) in &signals {
        if let Err(why) = crate::orders::check_signal(p.side, s) {
            warnings.push(Problem {
                at: at.clone(),
                message: format!("signal to {}: {why}", c.side_name(s.to)),
            });
        }
    }
    Checked {
        errors,
        warnings,
        orders: fine,
        signals,
    }
}

/// " (did you mean `x`?)" for an unknown zone or side close to a real one.
fn did_you_mean(p: &Picture, why: &crate::orders::Rejection) -> String {
    use crate::orders::Rejection::{UnknownSide, UnknownZone};
    let (typed, known) = match why {
        UnknownZone(z) => (z, p.zone_ids()),
        UnknownSide(s) => (s, p.other_sides()),
        _ => return String::new(),
    };
    crate::scenario::de::closest(typed, &known)
        .map(|x| format!(" (did you mean `{x}`?)"))
        .unwrap_or_default()
}
