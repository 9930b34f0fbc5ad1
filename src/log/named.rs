//! The event log with names: every event with string ids and its causes in words, so it reads on
//! its own. This is the form of the log at the edges — JSON Lines, text summaries, views, the
//! after-action report, and the umpire's events in a save — rendered from the engine's
//! [`super::event::Event`]s by [`super::render`] only when someone reads them, and read back by
//! [`super::resolve`].

use crate::model::Outcome;
use crate::rules::combat::Odds;
use crate::scenario::{CombatResult, Posture, Readiness, Relation};
use serde::{Deserialize, Serialize};

/// One entry of the log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum LogEvent {
    /// A turn begins.
    TurnStarted {
        /// Turn number, from 1.
        turn: u32,
        /// Its label, e.g. "Day 2".
        label: String,
    },
    /// A scenario event fires.
    EventFired {
        /// Event id.
        event: String,
        /// Its name.
        name: String,
        /// What the sides are told.
        text: String,
        /// Why it fired: "scheduled", "condition", "threshold tension 7", "umpire: REASON".
        cause: String,
    },
    /// An order passed the check.
    OrderAccepted {
        /// The side.
        side: String,
        /// The unit.
        unit: String,
        /// The order, with string ids.
        order: crate::orders::Command<String, String>,
    },
    /// An order was refused; the unit holds.
    OrderRejected {
        /// The side.
        side: String,
        /// The unit, as written.
        unit: String,
        /// The order, as written.
        order: String,
        /// Why.
        reason: String,
    },
    /// A side signals another.
    SignalSent {
        /// Sender.
        from: String,
        /// Recipient.
        to: String,
        /// Kind.
        kind: crate::orders::SignalKind,
    },
    /// A unit changed zone.
    Moved {
        /// The unit.
        unit: String,
        /// Where from.
        from: String,
        /// Where to.
        to: String,
        /// Zones entered on the way, ending with `to`.
        path: Vec<String>,
        /// It stopped early on meeting hostile units.
        stopped_by_contact: bool,
    },
    /// A unit's posture changed.
    PostureChanged {
        /// The unit.
        unit: String,
        /// Old posture.
        from: Posture,
        /// New posture.
        to: Posture,
    },
    /// Detection begins: last turn's contacts are cleared (last sightings are kept).
    ContactsCleared,
    /// A detection roll.
    DetectionRoll {
        /// Observing side.
        side: String,
        /// Unit looked for.
        unit: String,
        /// Its zone.
        zone: String,
        /// The observing side's unit whose detection factor was used.
        observer: String,
        /// That detection factor (with its posture modifier).
        detection: i32,
        /// The unit's stealth factor.
        stealth: i32,
        /// The d6.
        roll: u8,
        /// Detection minus stealth, plus the adjacency modifier if looking next door.
        modifier: i32,
        /// The total needed.
        needed: i32,
        /// Looking from a neighbouring zone.
        adjacent: bool,
        /// The result.
        detected: bool,
        /// The unit's strength (recorded as last seen, if detected).
        strength: u8,
    },
    /// A show of force.
    ShowOfForce {
        /// The side.
        side: String,
        /// The unit.
        unit: String,
        /// The zone.
        zone: String,
    },
    /// An engagement, with its full working.
    Engagement {
        /// Zone.
        zone: String,
        /// Attacking side.
        attacker: String,
        /// Defending side.
        defender: String,
        /// The odds and every modifier.
        odds: Odds,
        /// The d6.
        roll: u8,
        /// The table's result.
        result: CombatResult,
    },
    /// An engagement could not happen.
    NoContact {
        /// Zone.
        zone: String,
        /// Would-be attacker.
        attacker: String,
        /// Target side.
        defender: String,
        /// Why not.
        reason: String,
    },
    /// A unit lost steps.
    StepsLost {
        /// The unit.
        unit: String,
        /// Its side.
        side: String,
        /// Steps lost.
        steps: u8,
        /// Strength left (0: destroyed).
        strength: u8,
        /// Why.
        cause: String,
    },
    /// A unit left the map, destroyed or removed.
    UnitRemoved {
        /// The unit.
        unit: String,
        /// Why.
        cause: String,
    },
    /// A unit fell back.
    Retreated {
        /// The unit.
        unit: String,
        /// Where from.
        from: String,
        /// Where to.
        to: String,
    },
    /// A unit's readiness changed.
    ReadinessChanged {
        /// The unit.
        unit: String,
        /// Old level.
        from: Readiness,
        /// New level.
        to: Readiness,
        /// Why.
        reason: String,
    },
    /// A zone changed hands.
    ControlChanged {
        /// The zone.
        zone: String,
        /// Old controller.
        from: Option<String>,
        /// New controller.
        to: Option<String>,
        /// Why.
        cause: String,
    },
    /// A track moved.
    TrackChanged {
        /// The track.
        track: String,
        /// Old value.
        from: i32,
        /// New value.
        to: i32,
        /// Why.
        cause: String,
    },
    /// A track reached a threshold for the first time.
    ThresholdReached {
        /// The track.
        track: String,
        /// The threshold.
        at: i32,
        /// Its label.
        label: String,
    },
    /// Two sides' relation changed.
    RelationChanged {
        /// One side.
        a: String,
        /// The other.
        b: String,
        /// Old relation.
        from: Relation,
        /// New relation.
        to: Relation,
        /// Why.
        cause: String,
    },
    /// A message to sides.
    MessageSent {
        /// Recipients.
        to: Vec<String>,
        /// Sender: a side, "scenario" or "white cell".
        from: String,
        /// Text.
        text: String,
    },
    /// A unit came onto the map.
    UnitAdded {
        /// The unit.
        unit: String,
        /// Where.
        zone: String,
        /// Why.
        cause: String,
    },
    /// The white cell acted outside the rules (inject, amend, rollback); the events that follow it
    /// carry the change. Applies as nothing itself.
    Umpire {
        /// What was done, e.g. `amend strength b_infantry 4 -> 2`.
        action: String,
        /// The instructor's reason.
        reason: String,
    },
    /// The turn is over; the hash of the state after it.
    TurnEnded {
        /// Turn number.
        turn: u32,
        /// State hash.
        hash: String,
    },
    /// The game is over.
    GameEnded {
        /// How.
        outcome: Outcome,
    },
}
