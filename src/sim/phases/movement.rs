//! Movement: every accepted order that moves a unit, simultaneously from the positions at the start of
//! the phase, by the shortest legal path, stopping on contact with hostile units.

use crate::model::{SideId, UnitId, ZoneId};
use crate::orders::{Command, Order, check};
use crate::report::LogEvent;
use crate::rules::{Board, movement};
use crate::scenario::Posture;
use crate::sim::components::*;
use crate::sim::snapshot::Snapshot;
use bevy_ecs::prelude::*;
use std::collections::BTreeMap;

/// The posture an order leaves a unit in.
pub fn posture_for<Z, S>(cmd: &Command<Z, S>) -> Posture {
    match cmd {
        Command::Hold | Command::Withdraw(_) => Posture::Defensive,
        Command::Move(_) | Command::Resupply => Posture::Normal,
        Command::Engage(..) | Command::ShowOfForce(_) => Posture::Aggressive,
        Command::Patrol(_) => Posture::Patrol,
    }
}

/// A unit's move as planned from the start-of-phase positions.
struct Leg {
    unit: UnitId,
    side: SideId,
    from: ZoneId,
    entered: Vec<ZoneId>,
    stopped: bool,
}

/// Moves units. Paths are worked out from the positions at the start of the phase; a unit stops on
/// entering a zone that held hostile units; and two hostile units that would cross the same border
/// in opposite directions at the same step meet there: each stays on its side of it.
pub fn move_units(s: Snapshot, this: Res<ThisTurn>, mut out: ResMut<Outbox>) {
    let c = &s.game.0;
    let units = s.units();
    let b = Board::new(c, &units, &s.diplomacy.0, &s.control.0, s.clock.0);
    let mut legs = Vec::new();
    for (id, cmd) in &this.orders {
        let Some(u) = b.unit(*id) else { continue };
        let posture = posture_for(cmd);
        if posture != u.posture {
            out.0.push(LogEvent::PostureChanged {
                unit: c.unit_name(*id).to_string(),
                from: u.posture,
                to: posture,
            });
        }
        let order = Order {
            unit: *id,
            command: cmd.clone(),
        };
        let Ok(plan) = check(&b, u.side, &order, &|_| false) else {
            continue;
        };
        if plan.path.is_empty() {
            continue;
        }
        let (entered, stopped) =
            movement::walk(&b, u.side, &plan.path, matches!(cmd, Command::Withdraw(_)));
        legs.push(Leg {
            unit: *id,
            side: u.side,
            from: u.zone,
            entered,
            stopped: stopped.is_some(),
        });
    }
    // Every border crossing: (from, to, step) -> the sides crossing it.
    let step_from = |l: &Leg, k: usize| if k == 0 { l.from } else { l.entered[k - 1] };
    let mut crossings: BTreeMap<(ZoneId, ZoneId, usize), Vec<SideId>> = BTreeMap::new();
    for l in &legs {
        for (k, &to) in l.entered.iter().enumerate() {
            crossings
                .entry((step_from(l, k), to, k))
                .or_default()
                .push(l.side);
        }
    }
    for l in &mut legs {
        let head_on = (0..l.entered.len()).find(|&k| {
            let from = if k == 0 { l.from } else { l.entered[k - 1] };
            crossings
                .get(&(l.entered[k], from, k))
                .is_some_and(|sides| sides.iter().any(|x| s.diplomacy.0.hostile(*x, l.side)))
        });
        if let Some(k) = head_on {
            l.entered.truncate(k);
            l.stopped = true;
        }
    }
    for l in legs {
        let to = *l.entered.last().unwrap_or(&l.from);
        out.0.push(LogEvent::Moved {
            unit: c.unit_name(l.unit).to_string(),
            from: c.zone_name(l.from).to_string(),
            to: c.zone_name(to).to_string(),
            path: l
                .entered
                .iter()
                .map(|z| c.zone_name(*z).to_string())
                .collect(),
            stopped_by_contact: l.stopped,
        });
    }
}
