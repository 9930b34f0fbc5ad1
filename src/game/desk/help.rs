//! The prompt's `help`, with examples taken from the side's own units and zones (a legal move of one
//! of its units, a side it could engage), so every example can be typed as shown in this game.

use crate::game::views::redact::Picture;
use crate::orders::{Command, legal::legal_orders};
use crate::scenario::Relation;

/// Ids for the examples: a unit, a zone it can move to, a zone it can show force in, a side.
fn examples(p: &Picture) -> (String, String, String, String) {
    let c = &p.c;
    let b = p.board();
    let mine: Vec<_> = p.state.units.iter().filter(|u| u.side == p.side).collect();
    let mut pick = None;
    for u in &mine {
        let legal = legal_orders(&b, p.side, u, &|_, _| false);
        let mv = legal.iter().find_map(|o| match o {
            Command::Move(z) => Some(*z),
            _ => None,
        });
        if let Some(z) = mv {
            let show = legal
                .iter()
                .find_map(|o| match o {
                    Command::ShowOfForce(z) => Some(*z),
                    _ => None,
                })
                .unwrap_or(u.zone);
            pick = Some((u.id, z, show));
            break;
        }
    }
    let side = c
        .side_ids()
        .find(|&s| s != p.side && p.state.relations.get(p.side, s) != Relation::Allied)
        .map_or("SIDE", |s| c.side_name(s))
        .to_string();
    match (pick, mine.first()) {
        (Some((u, z, f)), _) => (
            c.unit_name(u).into(),
            c.zone_name(z).into(),
            c.zone_name(f).into(),
            side,
        ),
        (None, Some(u)) => (
            c.unit_name(u.id).into(),
            c.zone_name(u.zone).into(),
            c.zone_name(u.zone).into(),
            side,
        ),
        (None, None) => ("UNIT".into(), "ZONE".into(), "ZONE".into(), side),
    }
}

/// The help text for this side.
pub fn text(p: &Picture) -> String {
    let (u, z, f, t) = examples(p);
    let short: String = u.chars().take(u.len().min(4)).collect();
    format!(
        "commands (Tab completes commands, units, zones and sides; up and down recall earlier lines):
  units                  your units, and the other sides' units you know of
  zones                  the map: each zone, its kind, value, controller and neighbours
  legal UNIT             every legal order for a unit, e.g. `legal {u}`
  order UNIT ORDER       give an order, e.g. `order {u} Move({z})`, or in short:
                           move {u} {z}
                           engage {u} {z} {t}
                           patrol {u} {z}
                           withdraw {u} {z}
                           show {u} {f}      (a show of force)
                           hold {u}
                           resupply {u}
  signal SIDE KIND       a signal to a side: warn, deescalate or hotline, e.g. `signal {t} hotline`
  odds ZONE SIDE [UNIT]  the odds of engaging SIDE in ZONE before you order it, unit by unit,
                         e.g. `odds {z} {t}` (every unit that could engage) or `odds {z} {t} {u}`
  orders                 the orders so far (also `show` alone)
  undo                   take back the last order or signal (a replaced order comes back)
  score                  your objectives, the score if the game ended now, the sudden-death rules
  submit                 sign and hand in the orders (prints the receipt)
  quit                   leave (asks first if orders are not submitted)
an order that escalates, leaves a valuable zone or goes out of supply is explained first and asks
you to confirm (`--yes` confirms for scripts). Ids may be shortened to any unique prefix: `move {short}`
works for `move {u}` if no other unit of yours starts with `{short}`.
"
    )
}
