//! Warnings that teach, given before the prompt takes an order: an engagement that turns a
//! `Neutral` side `Hostile`, orders that carry the escalation track over a threshold, a move that
//! leaves a valuable zone of the side's without its ground units, a move into a zone cut off from
//! the side's supply. Each says what would follow, with the track change it causes. Pure: the
//! prompt asks for confirmation.

use crate::game::views::redact::Picture;
use crate::model::{SideId, UnitId, ZoneId};
use crate::orders::{Command, Order, Signal, SignalKind};
use crate::report::words;
use crate::scenario::Relation;

/// What a side has given so far this turn (orders of other units, signals).
pub struct Given<'a> {
    /// Unit orders, not counting the unit being ordered now.
    pub orders: &'a [Order],
    /// Signals.
    pub signals: &'a [Signal],
}

/// How much `orders` and `signals` move the escalation track, counting the first engagement of
/// each neutral side as `engage_neutral` and every other as `engagement`.
fn delta(p: &Picture, orders: &[&Order], signals: &[&Signal]) -> i32 {
    let Some(e) = &p.c.escalation else { return 0 };
    let t = &e.table;
    let mut turned: Vec<SideId> = Vec::new();
    let mut d = 0;
    for o in orders {
        match &o.command {
            Command::Engage(_, s) => {
                if p.state.relations.get(p.side, *s) == Relation::Neutral && !turned.contains(s) {
                    turned.push(*s);
                    d += t.engage_neutral;
                } else {
                    d += t.engagement;
                }
            }
            Command::ShowOfForce(_) => d += t.show_of_force,
            _ => {}
        }
    }
    for s in signals {
        d += match s.kind {
            SignalKind::Warn => t.warn,
            SignalKind::Deescalate => t.deescalate,
            SignalKind::Hotline => t.hotline,
        };
    }
    d
}

/// The escalation warning for adding `o` or `s` to what is given: the threshold it carries the
/// track over, with the change. Silent if the track is hidden from the side or nothing is crossed.
fn escalation(p: &Picture, g: &Given, o: Option<&Order>, s: Option<&Signal>) -> Option<String> {
    let e = p.c.escalation.as_ref()?;
    let track = &p.c.tracks[e.track.index()];
    if !track.public {
        return None;
    }
    let orders: Vec<&Order> = g.orders.iter().collect();
    let signals: Vec<&Signal> = g.signals.iter().collect();
    let now = p.state.tracks[e.track.index()];
    let before = (now + delta(p, &orders, &signals)).clamp(track.min, track.max);
    let mut with_o = orders.clone();
    with_o.extend(o);
    let mut with_s = signals.clone();
    with_s.extend(s);
    let change = delta(p, &with_o, &with_s) - delta(p, &orders, &signals);
    let after = (now + delta(p, &with_o, &with_s)).clamp(track.min, track.max);
    let crossed: Vec<String> = track
        .thresholds
        .iter()
        .filter(|(at, _, _)| before < *at && *at <= after)
        .map(|(at, label, _)| format!("{at} ({label})"))
        .collect();
    if crossed.is_empty() {
        return None;
    }
    let top = if after >= track.max {
        format!(
            "; {} is the top of the track: read the sudden-death rules (`score`)",
            track.max
        )
    } else {
        String::new()
    };
    Some(format!(
        "this moves {} by {change:+}: with your orders so far it goes from {before} to {after}, crossing {}{top} (other sides' orders and events move it too)",
        track.name,
        crossed.join(" and ")
    ))
}

fn neutral(p: &Picture, o: &Order) -> Option<String> {
    let Command::Engage(_, t) = &o.command else {
        return None;
    };
    if p.state.relations.get(p.side, *t) != Relation::Neutral {
        return None;
    }
    let up =
        p.c.escalation
            .as_ref()
            .filter(|e| p.c.tracks[e.track.index()].public)
            .map(|e| {
                format!(
                    " and moves {} by {:+}",
                    p.c.tracks[e.track.index()].name,
                    e.table.engage_neutral
                )
            })
            .unwrap_or_default();
    Some(format!(
        "you are not at war with {}: engaging them turns the relation {} -> {}{up}",
        p.c.side_name(*t),
        words::relation(Relation::Neutral),
        words::relation(Relation::Hostile)
    ))
}

/// Where `id` ends the turn under the orders given (its zone if it has none or stays).
fn stays(g: &Given, id: UnitId, zone: ZoneId) -> bool {
    g.orders
        .iter()
        .find(|o| o.unit == id)
        .and_then(|o| o.command.destination())
        .is_none_or(|z| z == zone)
}

fn undefended(p: &Picture, g: &Given, o: &Order) -> Option<String> {
    let c = &p.c;
    let u = p.state.units.iter().find(|u| u.id == o.unit)?;
    let to = o.command.destination().filter(|z| *z != u.zone)?;
    let from = &c.zones[u.zone.index()];
    let ground = |k: crate::model::KindId| c.kinds[k.index()].domain.controls_ground();
    if from.value == 0 || p.state.control[u.zone.index()] != Some(p.side) || !ground(u.kind) {
        return None;
    }
    let others = p.state.units.iter().any(|x| {
        x.id != u.id
            && x.side == p.side
            && x.zone == u.zone
            && ground(x.kind)
            && stays(g, x.id, u.zone)
    });
    (!others).then(|| {
        format!(
            "{} leaves {} (value {}, held by you) with none of your ground units, for {}: another side's ground units alone there would take it, and its points",
            c.unit_name(u.id),
            from.id,
            from.value,
            c.zone_name(to)
        )
    })
}

fn supply(p: &Picture, o: &Order) -> Option<String> {
    let to = o.command.destination()?;
    let b = p.board();
    let ok = crate::rules::supply::supplied_zones(&b, p.side);
    if ok[to.index()] {
        return None;
    }
    let u = p.state.units.iter().find(|u| u.id == o.unit)?;
    if !ok[u.zone.index()] && u.zone == to {
        return None;
    }
    Some(format!(
        "{} would be out of supply in {}: no path free of hostile control leads to one of your supply sources, so it wears down each turn it stays ({} -> {} -> {})",
        p.c.unit_name(o.unit),
        p.c.zone_name(to),
        words::readiness(crate::scenario::Readiness::Fresh),
        words::readiness(crate::scenario::Readiness::Worn),
        words::readiness(crate::scenario::Readiness::Spent)
    ))
}

/// The warnings for giving order `o` on top of `g`.
pub fn order(p: &Picture, g: &Given, o: &Order) -> Vec<String> {
    [
        neutral(p, o),
        escalation(p, g, Some(o), None),
        undefended(p, g, o),
        supply(p, o),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The warnings for sending signal `s` on top of `g`.
pub fn signal(p: &Picture, g: &Given, s: &Signal) -> Vec<String> {
    escalation(p, g, None, Some(s)).into_iter().collect()
}
