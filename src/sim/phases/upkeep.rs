//! Control, then readiness and supply.

use crate::orders::Command;
use crate::report::LogEvent;
use crate::rules::{Board, control as ctl, readiness, supply};
use crate::sim::components::*;
use crate::sim::snapshot::Snapshot;
use bevy_ecs::prelude::*;

/// A zone held alone by one side's ground units passes to it.
pub fn control(s: Snapshot, mut out: ResMut<Outbox>) {
    let c = &s.game.0;
    let units = s.units();
    let b = Board::new(c, &units, &s.diplomacy.0, &s.control.0, s.clock.0);
    for (z, zd) in c.zones.iter().enumerate() {
        let zid = crate::model::ZoneId(z as u32);
        if let Some(to) = ctl::new_controller(&b, zid) {
            let from = s.control.0[z].map(|x| c.side_name(x).to_string());
            let who = c.side_name(to).to_string();
            out.0.push(LogEvent::ControlChanged {
                zone: zd.id.clone(),
                from,
                to: Some(who.clone()),
                cause: format!("held alone by {who}'s ground units"),
            });
        }
    }
}

/// Fighting and being cut off wear units down; resupply restores them; spent units cut off lose steps.
pub fn readiness(s: Snapshot, this: Res<ThisTurn>, mut out: ResMut<Outbox>) {
    let c = &s.game.0;
    let units = s.units();
    let b = Board::new(c, &units, &s.diplomacy.0, &s.control.0, s.clock.0);
    let supplied: Vec<Vec<bool>> = c
        .side_ids()
        .map(|side| supply::supplied_zones(&b, side))
        .collect();
    for u in &units {
        let fought = this.fought.contains(&u.id);
        let in_supply = supplied[u.side.index()][u.zone.index()];
        let resupplying =
            matches!(this.order(u.id), Some(Command::Resupply)) && b.friendly_zone(u.zone, u.side);
        let Some(ch) = readiness::change(u.readiness, fought, in_supply, resupplying) else {
            continue;
        };
        let name = c.unit_name(u.id).to_string();
        if ch.attrition {
            let strength = u.strength - 1;
            out.0.push(LogEvent::StepsLost {
                unit: name.clone(),
                side: c.side_name(u.side).into(),
                steps: 1,
                strength,
                cause: format!("attrition: {}", ch.reason),
            });
            if strength == 0 {
                out.0.push(LogEvent::UnitRemoved {
                    unit: name,
                    cause: "destroyed: attrition".into(),
                });
            }
        } else {
            out.0.push(LogEvent::ReadinessChanged {
                unit: name,
                from: u.readiness,
                to: ch.to,
                reason: ch.reason,
            });
        }
    }
}
