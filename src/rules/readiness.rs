//! Readiness: how fighting, supply and rest change a unit's readiness each turn.

use crate::scenario::Readiness;

/// What the readiness phase does to one unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The new readiness.
    pub to: Readiness,
    /// Why, in words.
    pub reason: String,
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
        return (now != Readiness::Fresh).then(|| Change {
            to: Readiness::Fresh,
            reason: "resupplied".into(),
            attrition: false,
        });
    }
    let mut to = now;
    let mut why = Vec::new();
    if fought {
        to = to.worse();
        why.push("fought");
    }
    if !supplied {
        if now == Readiness::Spent {
            return Some(Change {
                to: Readiness::Spent,
                reason: "spent and out of supply".into(),
                attrition: true,
            });
        }
        to = to.worse();
        why.push("out of supply");
    }
    (to != now).then(|| Change {
        to,
        reason: why.join(", "),
        attrition: false,
    })
}
