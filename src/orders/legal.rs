//! The legal orders of a unit: what `play` lists and completes, and what bot policies choose from.

use super::{Command, Order, check};
use crate::model::{SideId, UnitId, UnitState, ZoneId};
use crate::rules::{Board, movement};
use crate::scenario::Relation;

/// Every legal order for one unit of `side`, in a fixed order. `known(zone, side)` says whether the
/// ordering side knows of units of `side` in `zone` (engagements are offered only against those).
pub fn legal_orders(
    b: &Board,
    side: SideId,
    u: &UnitState,
    known: &dyn Fn(ZoneId, SideId) -> bool,
) -> Vec<Command<ZoneId, SideId>> {
    let kind = b.kind(u);
    let mut zones: Vec<ZoneId> = vec![u.zone];
    zones.extend(
        movement::reachable(b, kind, u.zone, kind.movement)
            .into_iter()
            .map(|(z, _)| z),
    );
    let mut out = vec![Command::Hold];
    if b.friendly_zone(u.zone, side) {
        out.push(Command::Resupply);
    }
    for &z in &zones {
        if z != u.zone {
            out.push(Command::Move(z));
        }
        out.push(Command::Patrol(z));
        for t in (0..b.c.side_count() as u16).map(SideId) {
            if t != side && b.relations.get(side, t) != Relation::Allied && known(z, t) {
                out.push(Command::Engage(z, t));
            }
        }
        if z != u.zone && !b.hostile_in(z, side) {
            out.push(Command::Withdraw(z));
        }
        if z == u.zone || b.c.zones[u.zone.index()].neighbours.contains(&z) {
            out.push(Command::ShowOfForce(z));
        }
    }
    out.retain(|cmd| {
        check(
            b,
            side,
            &Order {
                unit: u.id,
                command: cmd.clone(),
            },
            &|_| false,
        )
        .is_ok()
    });
    out
}

/// Units of `side` on the board, in id order.
pub fn own_units(b: &Board, side: SideId) -> Vec<UnitId> {
    b.units
        .iter()
        .filter(|u| u.side == side)
        .map(|u| u.id)
        .collect()
}
