//! Detection: one d6 per (observing side, unit), against the unit's stealth.

use crate::scenario::DetectionRule;

/// The modifier to a detection roll and whether it succeeds:
/// `roll + detection - stealth (+ adjacent) >= target`.
pub fn roll_detects(
    rule: &DetectionRule,
    detection: i32,
    stealth: i32,
    adjacent: bool,
    roll: u8,
) -> (i32, bool) {
    let modifier = detection - stealth + if adjacent { rule.adjacent } else { 0 };
    (modifier, i32::from(roll) + modifier >= rule.target)
}
