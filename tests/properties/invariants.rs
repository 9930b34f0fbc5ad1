//! What must hold after every turn of every game, checked from the state before the turn, the
//! orders handed in, the turn's events and the state after it — each against the others, so a
//! check never reads its answer from the thing it checks:
//!
//! - every unit on the map once, in one zone its type may enter, with 1..=10 steps and never more
//!   than it started with;
//! - units before + added − removed = units after;
//! - replaying the turn's `UnitAdded`, `StepsLost` and `UnitRemoved` events over the strengths
//!   before gives the strengths after, and the steps lost sum to each side's strength difference
//!   and to its `steps_lost` count;
//! - every order, unresolved order and signal handed in gets exactly one verdict, an order for
//!   another side's unit is rejected with the reason that says so and none is accepted;
//! - the state hash in `TurnEnded` is the hash of the state (two encoders that must agree; checked
//!   on a game's last turn, as SHA-256 is slow in a debug build).
//!
//! What each side's view must hold is [`super::views`].

use super::orders::{Hand, NOBODY};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use std::collections::BTreeMap;
use whitecell::log::LogEvent;
use whitecell::model::{Compiled, SideId, State, UnitId, ZoneId};
use whitecell::orders::Rejection;
use whitecell::rules::Board;

type R = Result<(), TestCaseError>;

/// Every unit on the map once, in a zone its type may enter, with a strength in range.
pub fn placement(c: &Compiled, s: &State) -> R {
    prop_assert!(
        s.units.windows(2).all(|w| w[0].id < w[1].id),
        "the units are listed once each, by id"
    );
    for u in &s.units {
        let def = &c.units[u.id.index()];
        prop_assert_eq!(
            (u.side, u.kind),
            (def.side, def.kind),
            "{} keeps its side and type",
            def.id
        );
        prop_assert!(
            u.zone.index() < c.zones.len(),
            "{} is in a zone of the map",
            def.id
        );
        let kind = &c.kinds[u.kind.index()];
        prop_assert!(
            kind.can_enter(c.zones[u.zone.index()].kind),
            "{} ({}) is in {}, a {:?} zone its type may not enter",
            def.id,
            kind.id,
            c.zones[u.zone.index()].id,
            c.zones[u.zone.index()].kind
        );
        prop_assert!(
            (1..=10).contains(&u.strength) && u.strength <= def.strength,
            "{} has {} steps (started with {})",
            def.id,
            u.strength,
            def.strength
        );
    }
    let b = Board::new(c, &s.units, &s.relations, &s.control, s.turn);
    let mut count = 0;
    for z in 0..c.zones.len() {
        let z = ZoneId(z as u32);
        for u in b.units_in(z) {
            prop_assert_eq!(u.zone, z);
            count += 1;
        }
    }
    prop_assert_eq!(
        count,
        s.units.len(),
        "the zones hold every unit exactly once"
    );
    Ok(())
}

fn unit_of(c: &Compiled, name: &str) -> Result<UnitId, TestCaseError> {
    c.unit(name).ok_or_else(|| {
        TestCaseError::fail(format!("the log names a unit `{name}` that does not exist"))
    })
}

/// The steps, units and orders of one turn.
pub fn turn(c: &Compiled, before: &State, hands: &[Hand], events: &[LogEvent], after: &State) -> R {
    placement(c, after)?;
    // Strengths: replay the turn's events over the strengths before.
    let mut cur: BTreeMap<UnitId, u8> = before.units.iter().map(|u| (u.id, u.strength)).collect();
    let (mut added, mut removed) = (0usize, 0usize);
    let mut lost = vec![0u32; c.side_count()];
    for e in events {
        match e {
            LogEvent::UnitAdded { unit, .. } => {
                let id = unit_of(c, unit)?;
                let s = c.units[id.index()].strength;
                prop_assert!(
                    cur.insert(id, s).is_none(),
                    "{unit} is added while on the map"
                );
                added += 1;
            }
            LogEvent::StepsLost {
                unit,
                side,
                steps,
                strength,
                ..
            } => {
                let id = unit_of(c, unit)?;
                let Some(now) = cur.get_mut(&id) else {
                    return Err(TestCaseError::fail(format!(
                        "{unit} loses steps off the map"
                    )));
                };
                prop_assert!(
                    *steps >= 1 && steps <= now,
                    "{unit} with {now} steps loses {steps}"
                );
                prop_assert_eq!(
                    *now - steps,
                    *strength,
                    "{} loses {} of {}",
                    unit,
                    steps,
                    now
                );
                prop_assert_eq!(side.as_str(), c.side_name(c.units[id.index()].side));
                *now = *strength;
                lost[c.units[id.index()].side.index()] += u32::from(*steps);
            }
            LogEvent::UnitRemoved { unit, .. } => {
                let id = unit_of(c, unit)?;
                let Some(_) = cur.remove(&id) else {
                    return Err(TestCaseError::fail(format!(
                        "{unit} is removed off the map"
                    )));
                };
                removed += 1;
            }
            _ => {}
        }
    }
    prop_assert!(
        cur.values().all(|&s| s > 0),
        "a unit left with no steps is off the map"
    );
    let after_map: BTreeMap<UnitId, u8> = after.units.iter().map(|u| (u.id, u.strength)).collect();
    prop_assert_eq!(
        &cur,
        &after_map,
        "the events replay into the strengths after the turn"
    );
    prop_assert_eq!(
        before.units.len() + added - removed,
        after.units.len(),
        "start + added - removed = end"
    );
    for side in c.side_ids() {
        let sum = |s: &State| -> u32 {
            s.units
                .iter()
                .filter(|u| u.side == side)
                .map(|u| u32::from(u.strength))
                .sum()
        };
        let i = side.index();
        prop_assert_eq!(
            after.steps_lost[i] - before.steps_lost[i],
            lost[i],
            "steps_lost counts the steps lost"
        );
        let added_here: u32 = events
            .iter()
            .filter_map(|e| match e {
                LogEvent::UnitAdded { unit, .. } => c.unit(unit),
                _ => None,
            })
            .filter(|u| c.units[u.index()].side == side)
            .map(|u| u32::from(c.units[u.index()].strength))
            .sum();
        let removed_here = removed_strength(c, side, before, events);
        prop_assert_eq!(
            sum(before) + added_here - lost[i] - removed_here,
            sum(after),
            "side {}: the steps lost in the events are its strength difference",
            c.side_name(side)
        );
    }
    verdicts(c, hands, events)
}

/// The state hash the turn logged in `TurnEnded` (worked out inside the turn's schedule) is the
/// engine's hash of the state after it (worked out outside it, from the units' components): two
/// paths to one encoding that must agree.
pub fn logged_hash(events: &[LogEvent], after: &str) -> R {
    let hash = events.iter().rev().find_map(|e| match e {
        LogEvent::TurnEnded { hash, .. } => Some(hash.clone()),
        _ => None,
    });
    prop_assert_eq!(
        hash,
        Some(after.to_string()),
        "TurnEnded holds the state's hash"
    );
    Ok(())
}

/// The strength a side's units had when events took them off the map (0 for a unit destroyed).
fn removed_strength(c: &Compiled, side: SideId, before: &State, events: &[LogEvent]) -> u32 {
    let mut cur: BTreeMap<UnitId, u8> = before.units.iter().map(|u| (u.id, u.strength)).collect();
    let mut out = 0;
    for e in events {
        match e {
            LogEvent::UnitAdded { unit, .. } => {
                if let Some(id) = c.unit(unit) {
                    cur.insert(id, c.units[id.index()].strength);
                }
            }
            LogEvent::StepsLost { unit, strength, .. } => {
                if let Some(id) = c.unit(unit) {
                    cur.insert(id, *strength);
                }
            }
            LogEvent::UnitRemoved { unit, .. } => {
                if let Some(id) = c.unit(unit)
                    && c.units[id.index()].side == side
                {
                    out += u32::from(cur.remove(&id).unwrap_or(0));
                }
            }
            _ => {}
        }
    }
    out
}

/// Every order handed in has exactly one verdict; none for another side's unit is accepted, each
/// is rejected as not the side's.
fn verdicts(c: &Compiled, hands: &[Hand], events: &[LogEvent]) -> R {
    for h in hands {
        let me = c.side_name(h.side);
        let mine = |s: &str| s == me;
        let accepted: Vec<&str> = events
            .iter()
            .filter_map(|e| match e {
                LogEvent::OrderAccepted { side, unit, .. } if mine(side) => Some(unit.as_str()),
                _ => None,
            })
            .collect();
        let rejected: Vec<(&str, &str)> = events
            .iter()
            .filter_map(|e| match e {
                LogEvent::OrderRejected {
                    side, unit, reason, ..
                } if mine(side) => Some((unit.as_str(), reason.as_str())),
                _ => None,
            })
            .collect();
        let sent = events
            .iter()
            .filter(|e| matches!(e, LogEvent::SignalSent { from, .. } if mine(from)))
            .count();
        prop_assert_eq!(
            accepted.len() + rejected.len() + sent,
            h.orders.orders.len() + h.orders.signals.len() + h.unresolved.len(),
            "{}: every order and signal handed in has one verdict",
            me
        );
        prop_assert!(sent <= 1, "{me} sent {sent} signals in one turn");
        for unit in &accepted {
            let id = unit_of(c, unit)?;
            prop_assert_eq!(
                c.units[id.index()].side,
                h.side,
                "{} had an order for {} accepted",
                me,
                unit
            );
        }
        let mut want: BTreeMap<UnitId, usize> = BTreeMap::new();
        for o in h.foreign(c) {
            *want.entry(o.unit).or_default() += 1;
        }
        for (id, n) in want {
            let d = &c.units[id.index()];
            let reason = Rejection::NotYourUnit {
                unit: d.id.clone(),
                owner: c.side_name(d.side).to_string(),
            }
            .to_string();
            let got = rejected
                .iter()
                .filter(|(u, r)| *u == d.id && *r == reason)
                .count();
            prop_assert_eq!(
                got,
                n,
                "{}'s {} order(s) for {} are rejected as not its own",
                me,
                n,
                &d.id
            );
        }
        if !h.unresolved.is_empty() {
            prop_assert!(
                rejected.iter().any(|(u, _)| *u == NOBODY),
                "an unknown unit's order is rejected"
            );
        }
    }
    Ok(())
}
