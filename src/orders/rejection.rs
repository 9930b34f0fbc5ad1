//! Why an order was refused, in words a student can act on: what teams, the prompt and the log
//! read. The engine's check works with [`super::Why`] (ids, no text) and names it only at the edge.

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
                write!(f, "cannot withdraw into `{z}`{INTO_HOSTILE}")
            }
            Rejection::WithdrawIntoHostileZone(z) => {
                write!(f, "cannot withdraw into `{z}`: a hostile side controls it")
            }
            Rejection::WithdrawBlocked(z) => {
                write!(f, "cannot withdraw to `{z}`{BLOCKED}")
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

/// The end of a [`Rejection::WithdrawIntoHostile`] text.
const INTO_HOSTILE: &str = ": hostile units are there";
/// The end of a [`Rejection::WithdrawBlocked`] text.
const BLOCKED: &str = ": every way there within the allowance passes hostile units";

/// What the side that gave an order reads of its refusal (`reason`, as the log holds it). A side
/// is told only what it could know: a withdrawal refused because of hostile units (in the zone, or
/// on every way there) names no units, since the side may not have detected them; every other
/// reason is told as it is.
pub fn as_told(reason: &str) -> std::borrow::Cow<'_, str> {
    let zone = reason
        .strip_suffix(INTO_HOSTILE)
        .and_then(|r| r.strip_prefix("cannot withdraw into `"))
        .or_else(|| {
            reason
                .strip_suffix(BLOCKED)
                .and_then(|r| r.strip_prefix("cannot withdraw to `"))
        })
        .and_then(|r| r.strip_suffix('`'));
    match zone {
        Some(z) => format!(
            "cannot withdraw to `{z}`: the way was not open (a withdrawal needs a zone and a way \
             there clear of hostile units; a side is told only what it has detected)"
        )
        .into(),
        None => reason.into(),
    }
}
