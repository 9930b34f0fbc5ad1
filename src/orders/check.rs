//! The order check: pure, run before anything moves. An illegal order is rejected with a reason and
//! the unit holds; nothing is silently dropped.

use super::{Command, Order, Signal};
use crate::model::{SideId, UnitId, ZoneId};
use crate::rules::{Board, movement};
use crate::scenario::Relation;
use std::fmt;

/// Why an order was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    /// The unit id is not in the scenario.
    UnknownUnit(String),
    /// The zone id is not in the scenario.
    UnknownZone(String),
    /// The side id is not in the scenario.
    UnknownSide(String),
    /// The unit belongs to another side.
    NotYourUnit {
        /// The unit.
        unit: String,
        /// Its owner.
        owner: String,
    },
    /// The unit is not on the map (destroyed, or not yet arrived).
    NotOnMap(String),
    /// A second order for a unit that already has one this turn.
    Duplicate(String),
    /// The unit's type cannot move.
    CannotMove(String),
    /// The unit's type cannot enter the zone's kind.
    CannotEnter {
        /// The zone.
        zone: String,
        /// Its kind.
        kind: String,
    },
    /// No path within the movement allowance.
    TooFar {
        /// The zone.
        zone: String,
        /// The allowance.
        allowance: u8,
    },
    /// Engaging one's own side.
    EngageSelf,
    /// Engaging an ally.
    EngageAllied(String),
    /// Show of force must be in the unit's zone or next to it.
    NotAdjacent(String),
    /// Resupply needs a friendly zone.
    NotFriendly(String),
    /// Withdrawal into a zone with hostile units.
    WithdrawIntoHostile(String),
    /// Withdrawal into a zone a hostile side controls.
    WithdrawIntoHostileZone(String),
    /// Every way to the zone passes hostile units.
    WithdrawBlocked(String),
    /// Signalling oneself.
    SignalSelf,
    /// A second signal in one turn.
    OneSignalPerTurn,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejection::UnknownUnit(u) => write!(f, "there is no unit `{u}`"),
            Rejection::UnknownZone(z) => write!(f, "there is no zone `{z}`"),
            Rejection::UnknownSide(s) => write!(f, "there is no side `{s}`"),
            Rejection::NotYourUnit { unit, owner } => {
                write!(f, "unit `{unit}` belongs to `{owner}`, not to you")
            }
            Rejection::NotOnMap(u) => write!(
                f,
                "unit `{u}` is not on the map (destroyed, or not yet arrived)"
            ),
            Rejection::Duplicate(u) => write!(
                f,
                "unit `{u}` already has an order this turn; one order per unit"
            ),
            Rejection::CannotMove(u) => write!(f, "unit `{u}` has no movement allowance"),
            Rejection::CannotEnter { zone, kind } => {
                write!(f, "this unit's type cannot enter `{zone}` ({kind})")
            }
            Rejection::TooFar { zone, allowance } => {
                write!(
                    f,
                    "`{zone}` cannot be reached within the movement allowance of {allowance} zone(s)"
                )
            }
            Rejection::EngageSelf => write!(f, "a side cannot engage itself"),
            Rejection::EngageAllied(s) => write!(f, "`{s}` is allied: allies are never engaged"),
            Rejection::NotAdjacent(z) => write!(
                f,
                "a show of force must be in the unit's zone or next to it, and `{z}` is not"
            ),
            Rejection::NotFriendly(z) => {
                write!(
                    f,
                    "resupply needs a zone your side (or an ally) controls or a supply source; `{z}` is neither"
                )
            }
            Rejection::WithdrawIntoHostile(z) => {
                write!(f, "cannot withdraw into `{z}`: hostile units are there")
            }
            Rejection::WithdrawIntoHostileZone(z) => {
                write!(f, "cannot withdraw into `{z}`: a hostile side controls it")
            }
            Rejection::WithdrawBlocked(z) => {
                write!(
                    f,
                    "cannot withdraw to `{z}`: every way there within the allowance passes hostile units"
                )
            }
            Rejection::OneSignalPerTurn => {
                write!(
                    f,
                    "a side sends at most one signal a turn; this one is not sent"
                )
            }
            Rejection::SignalSelf => write!(f, "a side cannot signal itself"),
        }
    }
}

/// What an accepted order will do: the path it takes (zones entered).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Zones to enter, in order; empty if the unit stays.
    pub path: Vec<ZoneId>,
}

/// Checks one order of `side` against the board. `already(unit)` says whether the unit was given an
/// order earlier this turn.
pub fn check(
    b: &Board,
    side: SideId,
    order: &Order,
    already: &dyn Fn(UnitId) -> bool,
) -> Result<Plan, Rejection> {
    let c = b.c;
    let name = c.unit_name(order.unit).to_string();
    let def = &c.units[order.unit.index()];
    if def.side != side {
        return Err(Rejection::NotYourUnit {
            unit: name,
            owner: c.side_name(def.side).to_string(),
        });
    }
    let Some(u) = b.unit(order.unit) else {
        return Err(Rejection::NotOnMap(name));
    };
    if already(order.unit) {
        return Err(Rejection::Duplicate(name));
    }
    let kind = b.kind(u);
    let reach = |to: ZoneId| -> Result<Vec<ZoneId>, Rejection> {
        let zd = &c.zones[to.index()];
        if !kind.can_enter(zd.kind) {
            return Err(Rejection::CannotEnter {
                zone: zd.id.clone(),
                kind: format!("{:?}", zd.kind),
            });
        }
        if to != u.zone && kind.movement == 0 {
            return Err(Rejection::CannotMove(name.clone()));
        }
        movement::path(b, kind, u.zone, to, kind.movement).ok_or_else(|| Rejection::TooFar {
            zone: zd.id.clone(),
            allowance: kind.movement,
        })
    };
    let path = match &order.command {
        Command::Hold => Vec::new(),
        Command::Move(z) | Command::Patrol(z) => reach(*z)?,
        Command::Engage(z, target) => {
            match b.relations.get(side, *target) {
                _ if *target == side => return Err(Rejection::EngageSelf),
                Relation::Allied => {
                    return Err(Rejection::EngageAllied(c.side_name(*target).to_string()));
                }
                _ => {}
            }
            reach(*z)?
        }
        Command::Resupply => {
            if !b.friendly_zone(u.zone, side) {
                return Err(Rejection::NotFriendly(c.zone_name(u.zone).to_string()));
            }
            Vec::new()
        }
        Command::Withdraw(z) => {
            if b.hostile_in(*z, side) {
                return Err(Rejection::WithdrawIntoHostile(c.zone_name(*z).to_string()));
            }
            if b.control[z.index()].is_some_and(|o| b.relations.hostile(o, side)) {
                return Err(Rejection::WithdrawIntoHostileZone(
                    c.zone_name(*z).to_string(),
                ));
            }
            reach(*z)?;
            // A withdrawal falls back: it never passes through a zone holding hostile units.
            movement::path_through(b, kind, u.zone, *z, kind.movement, &|x| {
                !b.hostile_in(x, side)
            })
            .ok_or_else(|| Rejection::WithdrawBlocked(c.zone_name(*z).to_string()))?
        }
        Command::ShowOfForce(z) => {
            if *z != u.zone && !c.zones[u.zone.index()].neighbours.contains(z) {
                return Err(Rejection::NotAdjacent(c.zone_name(*z).to_string()));
            }
            reach(*z)?
        }
    };
    Ok(Plan { path })
}

/// Checks a signal of `side`.
pub fn check_signal(side: SideId, s: &Signal) -> Result<(), Rejection> {
    if s.to == side {
        Err(Rejection::SignalSelf)
    } else {
        Ok(())
    }
}
