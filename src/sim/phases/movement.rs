//! Movement: every accepted order that moves a unit, simultaneously from the positions at the start
//! of the phase, by the shortest legal path, stopping on contact with hostile units.

use super::View;
use crate::log::event::Log;
use crate::log::event::{Event, Span};
use crate::model::{SideId, UnitId, ZoneId};
use crate::orders::Command;
use crate::orders::check::accepted_path;
use crate::rules::movement;
use crate::scenario::Posture;
use crate::sim::apply::Writer;
use crate::sim::scratch::Scratch;

/// The posture an order leaves a unit in.
pub fn posture_for<Z, S>(cmd: &Command<Z, S>) -> Posture {
    match cmd {
        Command::Hold | Command::Withdraw(_) => Posture::Defensive,
        Command::Move(_) | Command::Resupply => Posture::Normal,
        Command::Engage(..) | Command::ShowOfForce(_) => Posture::Aggressive,
        Command::Patrol(_) => Posture::Patrol,
    }
}

/// A unit's move as planned from the start-of-phase positions: the zones it enters are
/// `zones[entered]` of the scratch buffer.
#[derive(Debug, Clone, Copy)]
pub struct Leg {
    unit: UnitId,
    side: SideId,
    from: ZoneId,
    entered: Span,
    stopped: bool,
}

/// Moves units. Paths are worked out from the positions at the start of the phase; a unit stops on
/// entering a zone that held hostile units; and two hostile units that would cross the same border
/// in opposite directions at the same step meet there: each stays on its side of it.
pub fn move_units(mut w: Writer) {
    let (r, j, scratch) = w.split();
    plan_moves(&r, &mut j.log, scratch);
    w.end_phase();
}

fn plan_moves(r: &View, log: &mut Log, s: &mut Scratch) {
    let b = r.board();
    s.legs.clear();
    s.leg_zones.clear();
    for u in b.units() {
        let Some(cmd) = r.order(u.id) else { continue };
        let posture = posture_for(&cmd);
        if posture != u.posture {
            log.events.push(Event::PostureChanged {
                unit: u.id,
                from: u.posture,
                to: posture,
            });
        }
        accepted_path(&b, u, &cmd, &mut s.search, &mut s.path);
        if s.path.is_empty() {
            continue;
        }
        let (entered, stopped) =
            movement::walk(&b, u.side, &s.path, matches!(cmd, Command::Withdraw(_)));
        let start = s.leg_zones.len() as u32;
        s.leg_zones.extend_from_slice(&s.path[..entered]);
        s.legs.push(Leg {
            unit: u.id,
            side: u.side,
            from: u.zone,
            entered: Span {
                start,
                len: entered as u32,
            },
            stopped,
        });
    }
    // Every border crossing: (from, to, step, side), sorted for lookup.
    let zones = &s.leg_zones;
    let step_from = |l: &Leg, k: usize| {
        if k == 0 {
            l.from
        } else {
            l.entered.of(zones)[k - 1]
        }
    };
    s.crossings.clear();
    for l in &s.legs {
        for (k, &to) in l.entered.of(zones).iter().enumerate() {
            s.crossings.push((step_from(l, k), to, k as u32, l.side));
        }
    }
    s.crossings.sort_unstable();
    for l in &mut s.legs {
        let path = l.entered.of(zones);
        let head_on = (0..path.len()).find(|&k| {
            let from = step_from(l, k);
            let key = (path[k], from, k as u32);
            let first = s.crossings.partition_point(|x| (x.0, x.1, x.2) < key);
            s.crossings[first..]
                .iter()
                .take_while(|x| (x.0, x.1, x.2) == key)
                .any(|x| r.relations.hostile(x.3, l.side))
        });
        if let Some(k) = head_on {
            l.entered.len = k as u32;
            l.stopped = true;
        }
    }
    for l in &s.legs {
        let entered = l.entered.of(zones);
        let to = *entered.last().unwrap_or(&l.from);
        let path = log.push_zones(entered.iter().copied());
        log.events.push(Event::Moved {
            unit: l.unit,
            from: l.from,
            to,
            path,
            stopped_by_contact: l.stopped,
        });
    }
}
