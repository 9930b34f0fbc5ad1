//! Detection: for every observing side and every other side's unit in a zone it watches (its own
//! zones, and their neighbours at a penalty), one d6 against the unit's stealth.

use crate::dice::Phase;
use crate::report::LogEvent;
use crate::rules::detection::roll_detects;
use crate::scenario::Relation;
use crate::sim::components::*;
use crate::sim::snapshot::Snapshot;
use bevy_ecs::prelude::*;

/// Rolls detection for this turn.
pub fn detect(s: Snapshot, dice: Res<DiceBox>, mut out: ResMut<Outbox>) {
    let c = &s.game.0;
    let rs = &c.ruleset;
    let units = s.units();
    let nz = c.zones.len();
    let posture_bonus = |p| {
        rs.posture
            .iter()
            .find(|m| m.posture == p)
            .map_or(0, |m| m.detection)
    };
    // best[side][zone]: the side's best detection factor in the zone, and the unit that has it
    // (the first in id order on a tie).
    let mut best = vec![vec![None::<(i32, usize)>; nz]; c.side_count()];
    let mut by_zone: Vec<Vec<usize>> = vec![Vec::new(); nz];
    for (i, u) in units.iter().enumerate() {
        by_zone[u.zone.index()].push(i);
        let d = i32::from(c.kinds[u.kind.index()].detection) + posture_bonus(u.posture);
        let cell = &mut best[u.side.index()][u.zone.index()];
        if cell.is_none_or(|(x, _)| d > x) {
            *cell = Some((d, i));
        }
    }
    let mut stream = dice.0.stream(s.clock.0, Phase::Detection);
    out.0.push(LogEvent::ContactsCleared);
    for side in c.side_ids() {
        let mine = &best[side.index()];
        for z in 0..nz {
            let here = mine[z];
            let near = c.zones[z]
                .neighbours
                .iter()
                .filter_map(|n| mine[n.index()])
                .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            let ((det, observer), adjacent) = match (here, near) {
                (Some(h), _) => (h, false),
                (None, Some(n)) => (n, true),
                (None, None) => continue,
            };
            for &i in &by_zone[z] {
                let u = &units[i];
                if u.side == side || s.diplomacy.0.get(side, u.side) == Relation::Allied {
                    continue;
                }
                let stealth = i32::from(c.kinds[u.kind.index()].stealth);
                let roll = stream.d6();
                let (modifier, detected) =
                    roll_detects(&rs.detection, det, stealth, adjacent, roll);
                out.0.push(LogEvent::DetectionRoll {
                    side: c.side_name(side).to_string(),
                    unit: c.unit_name(u.id).to_string(),
                    zone: c.zones[z].id.clone(),
                    observer: c.unit_name(units[observer].id).to_string(),
                    detection: det,
                    stealth,
                    roll,
                    modifier,
                    needed: rs.detection.target,
                    adjacent,
                    detected,
                    strength: u.strength,
                });
            }
        }
    }
}
