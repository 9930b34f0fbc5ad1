//! The order check: pure, run before anything moves. An illegal order is rejected with a reason and
//! the unit holds; nothing is silently dropped.
//!
//! [`judge`] is the one judge of every order handed in: it works in ids, allocates nothing and says
//! why with a [`Why`]; [`check`] is the same judgement with the path and the reason in words, for
//! the prompt, intake and tests.

use super::{Command, Order, Rejection, Signal};
use crate::model::{Compiled, SideId, UnitId, ZoneId};
use crate::rules::Board;
use crate::rules::movement::Search;
use crate::scenario::Relation;

/// Why an order was refused, in ids: see [`Rejection`] for the words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// The unit belongs to another side.
    NotYourUnit {
        /// The unit.
        unit: UnitId,
        /// Its owner.
        owner: SideId,
    },
    /// The unit is not on the map.
    NotOnMap(UnitId),
    /// A second order for the unit this turn.
    Duplicate(UnitId),
    /// The unit's type cannot move.
    CannotMove(UnitId),
    /// The unit's type cannot enter the zone.
    CannotEnter(ZoneId),
    /// No path within the allowance.
    TooFar {
        /// The zone.
        zone: ZoneId,
        /// The allowance.
        allowance: u8,
    },
    /// Engaging one's own side.
    EngageSelf,
    /// Engaging an ally.
    EngageAllied(SideId),
    /// A show of force away from the unit's zone and its neighbours.
    NotAdjacent(ZoneId),
    /// Resupply outside a friendly zone.
    NotFriendly(ZoneId),
    /// Withdrawal into a zone with hostile units.
    WithdrawIntoHostile(ZoneId),
    /// Withdrawal into a zone a hostile side controls.
    WithdrawIntoHostileZone(ZoneId),
    /// Every way to the zone passes hostile units.
    WithdrawBlocked(ZoneId),
    /// Signalling oneself.
    SignalSelf,
    /// A second signal in one turn.
    OneSignalPerTurn,
}

impl Why {
    /// The same reason in words.
    pub fn named(self, c: &Compiled) -> Rejection {
        let zone = |z: ZoneId| c.zone_name(z).to_string();
        let unit = |u: UnitId| c.unit_name(u).to_string();
        match self {
            Why::NotYourUnit { unit: u, owner } => Rejection::NotYourUnit {
                unit: unit(u),
                owner: c.side_name(owner).to_string(),
            },
            Why::NotOnMap(u) => Rejection::NotOnMap(unit(u)),
            Why::Duplicate(u) => Rejection::Duplicate(unit(u)),
            Why::CannotMove(u) => Rejection::CannotMove(unit(u)),
            Why::CannotEnter(z) => Rejection::CannotEnter {
                zone: zone(z),
                kind: format!("{:?}", c.zones[z.index()].kind),
            },
            Why::TooFar { zone: z, allowance } => Rejection::TooFar {
                zone: zone(z),
                allowance,
            },
            Why::EngageSelf => Rejection::EngageSelf,
            Why::EngageAllied(s) => Rejection::EngageAllied(c.side_name(s).to_string()),
            Why::NotAdjacent(z) => Rejection::NotAdjacent(zone(z)),
            Why::NotFriendly(z) => Rejection::NotFriendly(zone(z)),
            Why::WithdrawIntoHostile(z) => Rejection::WithdrawIntoHostile(zone(z)),
            Why::WithdrawIntoHostileZone(z) => Rejection::WithdrawIntoHostileZone(zone(z)),
            Why::WithdrawBlocked(z) => Rejection::WithdrawBlocked(zone(z)),
            Why::SignalSelf => Rejection::SignalSelf,
            Why::OneSignalPerTurn => Rejection::OneSignalPerTurn,
        }
    }
}

/// What an accepted order will do: the path it takes (zones entered).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Zones to enter, in order; empty if the unit stays.
    pub path: Vec<ZoneId>,
}

/// Judges one order of `side` against the board. `already(unit)` says whether the unit was given an
/// order earlier this turn. When `path` is given and the order is accepted, it holds the zones the
/// unit will enter (empty if it stays). `search` is scratch space for withdrawals.
pub fn judge(
    b: &Board,
    side: SideId,
    order: &Order,
    already: &dyn Fn(UnitId) -> bool,
    search: &mut Search,
    path: Option<&mut Vec<ZoneId>>,
) -> Result<(), Why> {
    let c = b.c;
    let id = order.unit;
    let def = &c.units[id.index()];
    if def.side != side {
        return Err(Why::NotYourUnit {
            unit: id,
            owner: def.side,
        });
    }
    let Some(u) = b.unit(id) else {
        return Err(Why::NotOnMap(id));
    };
    if already(id) {
        return Err(Why::Duplicate(id));
    }
    let kind = b.kind(u);
    let from = u.zone;
    // Can the unit get to `to` within its allowance? Writes the path when asked.
    let reach = |to: ZoneId, path: Option<&mut Vec<ZoneId>>| -> Result<(), Why> {
        if !kind.can_enter(c.zones[to.index()].kind) {
            return Err(Why::CannotEnter(to));
        }
        if to == from {
            if let Some(p) = path {
                p.clear();
            }
            return Ok(());
        }
        if kind.movement == 0 {
            return Err(Why::CannotMove(id));
        }
        let far = Why::TooFar {
            zone: to,
            allowance: kind.movement,
        };
        match path {
            Some(p) => c
                .reach
                .path(u.kind, from, to, kind.movement, p)
                .then_some(())
                .ok_or(far),
            None => c
                .reach
                .find(u.kind, from, to, kind.movement)
                .map(drop)
                .ok_or(far),
        }
    };
    match order.command {
        Command::Hold => {
            if let Some(p) = path {
                p.clear();
            }
            Ok(())
        }
        Command::Move(z) | Command::Patrol(z) => reach(z, path),
        Command::Engage(z, target) => {
            if target == side {
                return Err(Why::EngageSelf);
            }
            if b.relations.get(side, target) == Relation::Allied {
                return Err(Why::EngageAllied(target));
            }
            reach(z, path)
        }
        Command::Resupply => {
            if !b.friendly_zone(from, side) {
                return Err(Why::NotFriendly(from));
            }
            if let Some(p) = path {
                p.clear();
            }
            Ok(())
        }
        Command::Withdraw(z) => {
            if b.hostile_in(z, side) {
                return Err(Why::WithdrawIntoHostile(z));
            }
            if b.control[z.index()].is_some_and(|o| b.relations.hostile(o, side)) {
                return Err(Why::WithdrawIntoHostileZone(z));
            }
            reach(z, None)?;
            // A withdrawal falls back: it never passes through a zone holding hostile units.
            let open = |x: ZoneId| !b.hostile_in(x, side);
            let ok = match path {
                Some(p) => search.path_through(b, u.kind, from, z, kind.movement, &open, p),
                None => search.can_reach(b, u.kind, from, z, kind.movement, &open),
            };
            if ok {
                Ok(())
            } else {
                Err(Why::WithdrawBlocked(z))
            }
        }
        Command::ShowOfForce(z) => {
            if z != from && !c.zones[from.index()].neighbours.contains(&z) {
                return Err(Why::NotAdjacent(z));
            }
            reach(z, path)
        }
    }
}

/// Checks one order of `side` against the board, with the reason in words. `already(unit)` says
/// whether the unit was given an order earlier this turn.
pub fn check(
    b: &Board,
    side: SideId,
    order: &Order,
    already: &dyn Fn(UnitId) -> bool,
) -> Result<Plan, Rejection> {
    let mut path = Vec::new();
    judge(
        b,
        side,
        order,
        already,
        &mut Search::default(),
        Some(&mut path),
    )
    .map(|()| Plan { path })
    .map_err(|w| w.named(b.c))
}

/// Judges a signal of `side`.
pub fn judge_signal(side: SideId, s: &Signal) -> Result<(), Why> {
    if s.to == side {
        Err(Why::SignalSelf)
    } else {
        Ok(())
    }
}

/// Checks a signal of `side`, with the reason in words.
pub fn check_signal(side: SideId, s: &Signal) -> Result<(), Rejection> {
    judge_signal(side, s).map_err(|_| Rejection::SignalSelf)
}

/// The path an order already accepted takes (the one [`judge`] found), into `out`: without judging
/// it again.
pub fn accepted_path(
    b: &Board,
    u: &crate::model::UnitState,
    cmd: &Command<ZoneId, SideId>,
    search: &mut Search,
    out: &mut Vec<ZoneId>,
) {
    out.clear();
    let movement = b.kind(u).movement;
    match *cmd {
        Command::Hold | Command::Resupply => {}
        Command::Move(z) | Command::Patrol(z) | Command::Engage(z, _) | Command::ShowOfForce(z) => {
            if z != u.zone && !b.c.reach.path(u.kind, u.zone, z, movement, out) {
                out.clear();
            }
        }
        Command::Withdraw(z) => {
            let open = |x: ZoneId| !b.hostile_in(x, u.side);
            if !search.path_through(b, u.kind, u.zone, z, movement, &open, out) {
                out.clear();
            }
        }
    }
}
