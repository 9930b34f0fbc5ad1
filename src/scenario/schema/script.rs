//! The scenario's script: named tracks with bounds and labelled thresholds, escalation, events
//! (their triggers, conditions and effects) and victory (objectives and sudden deaths). The forces
//! and the map they play on are in [`super`].

use super::{Relation, Unit};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A named counter with bounds and thresholds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Track {
    /// Stable id, e.g. `tension`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Lowest value.
    pub min: i32,
    /// Highest value.
    pub max: i32,
    /// Value at the start.
    pub start: i32,
    /// Shown to every side (otherwise only to the white cell).
    #[serde(default = "yes")]
    pub public: bool,
    /// Labelled thresholds; crossing one upwards may fire an event.
    #[serde(default)]
    pub thresholds: Vec<Threshold>,
}

fn yes() -> bool {
    true
}

/// A labelled point on a track.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    /// The value at which it is reached.
    pub at: i32,
    /// What the band from here up is called, e.g. `"Crisis"`.
    pub label: String,
    /// Event fired the first time the track reaches it.
    #[serde(default)]
    pub event: Option<String>,
}

/// How orders move the escalation track: small integers chosen for play.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Escalation {
    /// The track moved, usually `tension`.
    pub track: String,
    /// Added when a side engages a `Neutral` side (the relation then turns `Hostile`).
    #[serde(default)]
    pub engage_neutral: i32,
    /// Added per engagement between hostile sides.
    #[serde(default)]
    pub engagement: i32,
    /// Added per `ShowOfForce` order.
    #[serde(default)]
    pub show_of_force: i32,
    /// Added per `Signal(_, Warn)`.
    #[serde(default)]
    pub warn: i32,
    /// Added per `Signal(_, Deescalate)`.
    #[serde(default)]
    pub deescalate: i32,
    /// Added per `Signal(_, Hotline)`.
    #[serde(default)]
    pub hotline: i32,
}

/// A scenario event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// When it fires.
    pub trigger: Trigger,
    /// What the log and the sides are told; attribute every claim to who made it.
    #[serde(default)]
    pub text: String,
    /// What it does.
    #[serde(default)]
    pub effects: Vec<Effect>,
    /// Fires at most once (default); `false` lets a conditional event fire every turn it holds.
    #[serde(default = "yes")]
    pub once: bool,
}

/// When an event fires.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Trigger {
    /// At the start of this turn.
    AtTurn(u32),
    /// In the events phase of any turn on which the condition holds.
    When(Condition),
    /// Only when a track threshold names it or the umpire injects it.
    Manual,
}

/// A condition on the state of the game.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Condition {
    /// `track >= value`.
    TrackAtLeast(String, i32),
    /// `track <= value`.
    TrackAtMost(String, i32),
    /// The side controls the zone.
    Controls(String, String),
    /// The game has reached this turn.
    TurnAtLeast(u32),
    /// The two sides stand in this relation.
    RelationIs(String, String, Relation),
    /// The side has lost at least this many steps in all.
    StepsLostAtLeast(String, u32),
    /// The event has fired.
    Fired(String),
    /// All hold.
    All(Vec<Condition>),
    /// At least one holds.
    Any(Vec<Condition>),
    /// It does not hold.
    Not(Box<Condition>),
}

/// What an event does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Effect {
    /// Add to a track (clamped to its bounds).
    AdjustTrack(String, i32),
    /// Set a track (clamped to its bounds).
    SetTrack(String, i32),
    /// Change how two sides stand.
    SetRelation(String, String, Relation),
    /// Put a unit on the map.
    AddUnit(Unit),
    /// Take a unit off the map.
    RemoveUnit(String),
    /// Give a zone to a side, or to nobody.
    SetControl(String, Option<String>),
    /// Tell these sides something (their views show it).
    Message(Vec<String>, String),
}

/// How the game is won or lost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Victory {
    /// Objectives per side, scored at the end along with the value of zones held.
    #[serde(default)]
    pub objectives: BTreeMap<String, Vec<Objective>>,
    /// Conditions that end the game at once.
    #[serde(default)]
    pub sudden_death: Vec<SuddenDeath>,
}

/// A side's objective, worth points at the end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    /// What it means, in the side's own terms.
    pub name: String,
    /// Points if met at the end.
    pub points: u32,
    /// The condition, checked at the end.
    pub when: Condition,
}

/// A condition that ends the game for everyone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SuddenDeath {
    /// Stable id.
    pub id: String,
    /// The condition, checked every turn.
    pub when: Condition,
    /// The side that wins, or none: every side loses.
    #[serde(default)]
    pub winner: Option<String>,
    /// What happened, for the log.
    pub text: String,
}
