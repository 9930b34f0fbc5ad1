//! Movement: every accepted order that moves a unit, simultaneously from the positions at the start of
//! the phase, by the shortest legal path, stopping on contact with hostile units.

use crate::orders::{Command, Order, check};
use crate::report::LogEvent;
use crate::rules::{Board, movement};
use crate::scenario::Posture;
use crate::sim::components::*;
use crate::sim::snapshot::Snapshot;
use bevy_ecs::prelude::*;

/// The posture an order leaves a unit in.
pub fn posture_for<Z, S>(cmd: &Command<Z, S>) -> Posture {
    match cmd {
        Command::Hold | Command::Withdraw(_) => Posture::Defensive,
        Command::Move(_) | Command::Resupply => Posture::Normal,
        Command::Engage(..) | Command::ShowOfForce(_) => Posture::Aggressive,
        Command::Patrol(_) => Posture::Patrol,
    }
}

/// Moves units.
pub fn move_units(s: Snapshot, this: Res<ThisTurn>, mut out: ResMut<Outbox>) {
    let c = &s.game.0;
    let units = s.units();
    let b = Board::new(c, &units, &s.diplomacy.0, &s.control.0, s.clock.0);
    for (id, cmd) in &this.orders {
        let Some(u) = b.unit(*id) else { continue };
        let name = c.unit_name(*id);
        let posture = posture_for(cmd);
        if posture != u.posture {
            out.0.push(LogEvent::PostureChanged {
                unit: name.to_string(),
                from: u.posture,
                to: posture,
            });
        }
        let Ok(plan) = check(
            &b,
            u.side,
            &Order {
                unit: *id,
                command: cmd.clone(),
            },
            &[],
        ) else {
            continue;
        };
        if plan.path.is_empty() {
            continue;
        }
        let (entered, stopped) =
            movement::walk(&b, u.side, &plan.path, matches!(cmd, Command::Withdraw(_)));
        let to = *entered.last().unwrap_or(&u.zone);
        out.0.push(LogEvent::Moved {
            unit: name.to_string(),
            from: c.zone_name(u.zone).to_string(),
            to: c.zone_name(to).to_string(),
            path: entered
                .iter()
                .map(|z| c.zone_name(*z).to_string())
                .collect(),
            stopped_by_contact: stopped.is_some(),
        });
    }
}
