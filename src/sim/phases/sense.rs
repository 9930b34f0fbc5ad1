//! Detection: for every observing side and every other side's unit in a zone it watches (its own
//! zones, and their neighbours at a penalty), one d6 against the unit's stealth. Units are taken
//! zone by zone from the placement, so a turn costs time in proportion to the units, not to the
//! units times their neighbourhoods.

use super::View;
use crate::dice::Phase;
use crate::log::event::Event;
use crate::log::event::Log;
use crate::model::UnitId;
use crate::rules::detection::roll_detects;
use crate::scenario::Relation;
use crate::sim::apply::Writer;
use crate::sim::components::*;
use crate::sim::scratch::Scratch;
use bevy_ecs::prelude::*;

/// No unit of the side in the zone.
const NOBODY: (i32, UnitId) = (i32::MIN, UnitId(u32::MAX));

/// Rolls detection for this turn.
pub fn detect(mut w: Writer, dice: Res<DiceBox>) {
    let (r, j, scratch) = w.split();
    roll(&r, &dice.0, &mut j.log, scratch);
    w.end_phase();
}

fn roll(r: &View, dice: &crate::dice::Dice, log: &mut Log, s: &mut Scratch) {
    let c = r.c;
    let rs = &c.ruleset;
    let place = r.places;
    let nz = c.zones.len();
    // best[side * zones + zone]: the side's best detection factor in the zone, and the unit that
    // has it (the lowest id on a tie).
    s.best.clear();
    s.best.resize(c.side_count() * nz, NOBODY);
    for u in place.units() {
        let d = i32::from(c.kinds[u.kind.index()].detection) + c.tables.detection(u.posture);
        let cell = &mut s.best[u.side.index() * nz + u.zone.index()];
        if cell.0 == i32::MIN || d > cell.0 {
            *cell = (d, u.id);
        }
    }
    let mut stream = dice.stream(r.clock, Phase::Detection);
    log.events.push(Event::ContactsCleared);
    for side in c.side_ids() {
        let allied = r.relations.allied_mask(side);
        let mine = &s.best[side.index() * nz..(side.index() + 1) * nz];
        for z in 0..nz {
            let zid = crate::model::ZoneId(z as u32);
            let here_units = place.units_in(zid);
            if here_units.is_empty() {
                continue;
            }
            let here = mine[z];
            let watcher = if here.0 != i32::MIN {
                Some((here, false))
            } else {
                // The best neighbour: highest factor, then lowest unit id.
                c.zones[z]
                    .neighbours
                    .iter()
                    .map(|n| mine[n.index()])
                    .filter(|x| x.0 != i32::MIN)
                    .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
                    .map(|n| (n, true))
            };
            let Some(((det, observer), adjacent)) = watcher else {
                continue;
            };
            for u in here_units {
                let friend = match allied {
                    Some(m) => (m >> u.side.0) & 1 != 0,
                    None => r.relations.get(side, u.side) == Relation::Allied,
                };
                if friend {
                    continue;
                }
                let stealth = i32::from(c.kinds[u.kind.index()].stealth);
                let roll = stream.d6();
                let (_, detected) = roll_detects(&rs.detection, det, stealth, adjacent, roll);
                log.events.push(Event::DetectionRoll {
                    side,
                    unit: u.id,
                    zone: zid,
                    observer,
                    detection: det,
                    stealth,
                    roll,
                    adjacent,
                    detected,
                    strength: u.strength,
                });
            }
        }
    }
}
