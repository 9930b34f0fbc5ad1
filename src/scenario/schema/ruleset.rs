//! The ruleset format: the combat results table, terrain, posture and readiness modifiers, and the
//! detection roll. Shipped as `scenarios/rulesets/default.ron` and named by scenarios.

use super::{Posture, Readiness, ZoneKind};
use serde::{Deserialize, Serialize};

/// The combat results table and modifiers (a ruleset file, or inline).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ruleset {
    /// Ruleset format version; must be 1.
    pub format: u32,
    /// Stable id, e.g. `default-v1`.
    pub id: String,
    /// Odds columns, left to right, and their d6 results.
    pub crt: Vec<CrtColumn>,
    /// Column shifts for the zone kind a defence is fought in.
    #[serde(default)]
    pub terrain: Vec<TerrainShift>,
    /// Factor changes per posture.
    #[serde(default)]
    pub posture: Vec<PostureMod>,
    /// Factor changes per readiness.
    #[serde(default)]
    pub readiness: Vec<ReadinessMod>,
    /// Detection: the d6 total needed.
    pub detection: DetectionRule,
}

/// One odds column: applies when attacker total / defender total is at least `at_least`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrtColumn {
    /// Shown label, e.g. `"2:1"`.
    pub label: String,
    /// The lowest ratio for this column, as `(attacker, defender)`, e.g. `(2, 1)`.
    pub at_least: (u32, u32),
    /// Results for die faces 1..=6.
    pub results: [CombatResult; 6],
}

/// One cell of the combat results table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CombatResult {
    /// Nothing happens.
    NoEffect,
    /// The attackers lose steps.
    AttackerLoses(u8),
    /// The defenders lose steps.
    DefenderLoses(u8),
    /// Both lose steps.
    Exchange(u8),
    /// The defenders fall back to a neighbouring zone.
    DefenderRetreats,
    /// The defenders lose steps and fall back.
    DefenderLosesRetreats(u8),
}

/// A column shift for defending in a kind of zone (negative shifts left, towards the attacker's worse odds).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TerrainShift {
    /// The zone kind.
    pub kind: ZoneKind,
    /// Columns to shift.
    pub shift: i32,
}

/// Factor changes for a posture.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostureMod {
    /// The posture.
    pub posture: Posture,
    /// Added to the attack factor.
    #[serde(default)]
    pub attack: i32,
    /// Added to the defence factor.
    #[serde(default)]
    pub defence: i32,
    /// Added to the detection factor.
    #[serde(default)]
    pub detection: i32,
}

/// Factor changes for a readiness level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadinessMod {
    /// The level.
    pub readiness: Readiness,
    /// Added to attack and defence factors.
    pub factor: i32,
}

/// The detection roll: detected when `d6 + detection - stealth + modifiers >= target`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DetectionRule {
    /// The total needed.
    pub target: i32,
    /// Added when looking into a neighbouring zone rather than one's own.
    pub adjacent: i32,
}
