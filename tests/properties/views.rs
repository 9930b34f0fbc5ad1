//! Every side's view after every turn, built by the real builder (`game::views::build::build`), against
//! the log: it holds exactly the side's own and allied units, the enemy units the log shows it
//! detected this turn, and the last sighting of every other unit the log shows it ever detected —
//! and names no other enemy unit anywhere (an order the side gave another side's unit is answered
//! as one for a unit that does not exist). The state's own record of sightings must be the log's.

use super::orders::NOBODY;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use std::collections::{BTreeMap, BTreeSet};
use whitecell::game::views::build as view;
use whitecell::game::views::view::Header;
use whitecell::log::LogEvent;
use whitecell::model::{Compiled, SideId, State, UnitId, ZoneId};
use whitecell::orders::Rejection;
use whitecell::scenario::Relation;

/// Where each side last saw each unit, as the log tells it: (zone, turn, strength).
pub struct Ledger(pub Vec<BTreeMap<UnitId, (ZoneId, u32, u8)>>);

impl Ledger {
    /// Nothing seen yet.
    pub fn new(sides: usize) -> Self {
        Ledger(vec![BTreeMap::new(); sides])
    }
}

fn unit_of(c: &Compiled, name: &str) -> Result<UnitId, TestCaseError> {
    c.unit(name).ok_or_else(|| {
        TestCaseError::fail(format!("the log names a unit `{name}` that does not exist"))
    })
}

/// Records this turn's sightings in the ledger, then checks every side's view against it.
pub fn views(
    c: &Compiled,
    events: &[LogEvent],
    after: &State,
    ledger: &mut Ledger,
) -> Result<(), TestCaseError> {
    let mut now: Vec<BTreeSet<UnitId>> = vec![BTreeSet::new(); c.side_count()];
    for e in events {
        if let LogEvent::DetectionRoll {
            side,
            unit,
            zone,
            detected: true,
            strength,
            ..
        } = e
        {
            let s = c.side(side).expect("a side");
            let u = unit_of(c, unit)?;
            let z = c.zone(zone).expect("a zone");
            ledger.0[s.index()].insert(u, (z, after.turn, *strength));
            now[s.index()].insert(u);
        }
    }
    let h = Header {
        game: "g",
        commitment: "c",
        key: "k",
    };
    for side in c.side_ids() {
        let i = side.index();
        let seen = &ledger.0[i];
        let from_state: BTreeMap<UnitId, (ZoneId, u32, u8)> = after.intel.last_seen[i]
            .iter()
            .map(|(u, s)| (*u, (s.zone, s.turn, s.strength)))
            .collect();
        prop_assert_eq!(&from_state, seen, "the state's sightings are the log's");
        let v = view::build(c, after, events, side, &h);
        let rel = |o: SideId| after.relations.get(side, o);
        let friend = |o: SideId| o == side || rel(o) == Relation::Allied;
        let ids = |f: &dyn Fn(&whitecell::model::UnitState) -> bool| -> BTreeSet<String> {
            after
                .units
                .iter()
                .filter(|u| f(u))
                .map(|u| c.unit_name(u.id).to_string())
                .collect()
        };
        let own: BTreeSet<String> = v.own.iter().map(|u| u.id.clone()).collect();
        prop_assert_eq!(own, ids(&|u| u.side == side), "the view's own units");
        let allied: BTreeSet<String> = v.allied.iter().map(|u| u.id.clone()).collect();
        prop_assert_eq!(
            allied,
            ids(&|u| u.side != side && friend(u.side)),
            "the view's allied units"
        );
        let detected: BTreeSet<String> = v.detected.iter().map(|u| u.id.clone()).collect();
        prop_assert_eq!(
            detected,
            ids(&|u| !friend(u.side) && now[i].contains(&u.id)),
            "the view's contacts are the enemy units detected this turn"
        );
        let last: BTreeMap<String, (String, u32, u8)> = v
            .last_seen
            .iter()
            .map(|l| (l.id.clone(), (l.zone.clone(), l.turn, l.strength)))
            .collect();
        let want: BTreeMap<String, (String, u32, u8)> = seen
            .iter()
            .filter(|(u, _)| !now[i].contains(u))
            .map(|(u, (z, t, s))| {
                (
                    c.unit_name(*u).to_string(),
                    (c.zone_name(*z).to_string(), *t, *s),
                )
            })
            .collect();
        prop_assert_eq!(
            last,
            want,
            "the view's last-known positions are the log's last sightings"
        );
        // An order the side gave a unit not its own is answered as one for a unit that does not
        // exist; that echo of the side's own words is the one place such a unit may be named.
        let me = c.side_name(side);
        for e in events {
            if let LogEvent::OrderRejected {
                side: s,
                unit,
                order,
                ..
            } = e
                && s == me
                && !unit.is_empty()
                && c.unit(unit).is_none_or(|u| c.units[u.index()].side != side)
            {
                let told = |e: &LogEvent, name: &str| {
                    view::results(c, after, std::slice::from_ref(e), side)[0]
                        .text
                        .replace(name, "X")
                };
                let none = LogEvent::OrderRejected {
                    side: me.to_string(),
                    unit: NOBODY.into(),
                    order: order.clone(),
                    reason: Rejection::UnknownUnit(NOBODY.into()).to_string(),
                };
                prop_assert_eq!(
                    told(e, unit),
                    told(&none, NOBODY),
                    "the side is told nothing of {}",
                    unit
                );
            }
        }
        // No other unit of another side anywhere in the view. The rules and the map are the
        // scenario's own and name no unit: left out of the search.
        let hidden: BTreeSet<String> = c
            .units
            .iter()
            .enumerate()
            .filter(|(k, d)| !friend(d.side) && !seen.contains_key(&UnitId(*k as u32)))
            .flat_map(|(_, d)| [d.id.clone(), format!("{}-name", d.id)])
            .collect();
        if hidden.is_empty() {
            continue;
        }
        let mut v = v;
        v.last_turn.retain(|r| {
            r.what != "rejected"
                || r.unit
                    .as_deref()
                    .is_none_or(|u| c.unit(u).is_some_and(|u| c.units[u.index()].side == side))
        });
        v.scenario.ruleset = whitecell::scenario::RulesetRef::File(String::new());
        v.scenario.zones.clear();
        v.ruleset.crt.clear();
        let json = serde_json::to_string(&v).expect("a view serialises");
        let leak = json
            .split(|ch: char| !(ch.is_alphanumeric() || ch == '_' || ch == '-'))
            .find(|t| hidden.contains(*t));
        prop_assert!(
            leak.is_none(),
            "{}'s view names {:?}, a unit it never detected (turn {})",
            me,
            leak,
            after.turn
        );
    }
    Ok(())
}
