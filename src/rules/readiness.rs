//! Readiness: how fighting, supply and rest change a unit's readiness each turn.

use crate::scenario::Readiness;

/// Why readiness changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Resupplied in a friendly, supplied zone.
    Resupplied,
    /// Fought this turn.
    Fought,
    /// Out of supply.
    OutOfSupply,
    /// Fought and out of supply.
    FoughtOutOfSupply,
    /// Spent and out of supply: a step lost to attrition.
    SpentOutOfSupply,
}

impl Reason {
    /// In words.
    pub fn words(self) -> &'static str {
        match self {
            Reason::Resupplied => "resupplied",
            Reason::Fought => "fought",
            Reason::OutOfSupply => "out of supply",
            Reason::FoughtOutOfSupply => "fought, out of supply",
            Reason::SpentOutOfSupply => "spent and out of supply",
        }
    }
}

/// What the readiness phase does to one unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    /// The new readiness.
    pub to: Readiness,
    /// Why.
    pub reason: Reason,
    /// Loses a step to attrition (spent and cut off).
    pub attrition: bool,
}

/// The readiness change for a unit, or `None` if nothing changes.
/// - resupplying in a friendly, supplied zone restores it to `Fresh`;
/// - each of "fought this turn" and "out of supply" wears it one level;
/// - a `Spent` unit out of supply also loses a step.
pub fn change(
    now: Readiness,
    fought: bool,
    supplied: bool,
    resupplying_in_friendly: bool,
) -> Option<Change> {
    if resupplying_in_friendly && supplied {
        return (now != Readiness::Fresh).then_some(Change {
            to: Readiness::Fresh,
            reason: Reason::Resupplied,
            attrition: false,
        });
    }
    if !supplied && now == Readiness::Spent {
        return Some(Change {
            to: Readiness::Spent,
            reason: Reason::SpentOutOfSupply,
            attrition: true,
        });
    }
    let mut to = now;
    if fought {
        to = to.worse();
    }
    if !supplied {
        to = to.worse();
    }
    let reason = match (fought, supplied) {
        (true, false) => Reason::FoughtOutOfSupply,
        (true, true) => Reason::Fought,
        _ => Reason::OutOfSupply,
    };
    (to != now).then_some(Change {
        to,
        reason,
        attrition: false,
    })
}
