//! The scenario file format, version 1, as serde types.
//!
//! Every struct denies unknown fields: a misspelt field is an error, never silently ignored. Ids are
//! strings in files; the engine interns them (see [`crate::model`]). Factors are small abstract
//! integers chosen for play; nothing here describes real equipment (see [`super::forbidden`]).

use serde::{Deserialize, Serialize};

mod ruleset;
mod script;

pub use ruleset::*;
pub use script::*;

/// The scenario format version this build reads.
pub const FORMAT: u32 = 1;

/// A whole scenario file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// File format version; must be [`FORMAT`].
    pub format: u32,
    /// Title, sources, briefings.
    pub meta: Meta,
    /// The combat results table and modifiers: the built-in default (when left out), a file beside
    /// the scenario, or inline.
    #[serde(default)]
    pub ruleset: RulesetRef,
    /// How many turns and what they are called.
    pub turns: Turns,
    /// The sides.
    pub sides: Vec<Side>,
    /// Relations between pairs of sides; unlisted pairs are `Neutral`.
    #[serde(default)]
    pub relations: Vec<RelationDef>,
    /// The zone graph.
    pub zones: Vec<Zone>,
    /// Unit types.
    pub unit_types: Vec<UnitType>,
    /// Units on the map at the start.
    pub units: Vec<Unit>,
    /// Named counters such as `tension`.
    #[serde(default)]
    pub tracks: Vec<Track>,
    /// How orders move the escalation track.
    #[serde(default)]
    pub escalation: Option<Escalation>,
    /// Scheduled, conditional and umpire events.
    #[serde(default)]
    pub events: Vec<Event>,
    /// Objectives per side and sudden-death conditions.
    pub victory: Victory,
}

/// Title, provenance and briefings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// A short stable id, e.g. `tutorial`.
    pub id: String,
    /// Title shown to everyone.
    pub title: String,
    /// One paragraph on what the game is about.
    #[serde(default)]
    pub summary: String,
    /// Where the scenario's content comes from.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// For the white cell only: provenance, bias, how to run the game.
    #[serde(default)]
    pub umpire_note: String,
}

/// One source the scenario draws on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Title of the source.
    pub title: String,
    /// What it is, who wrote it, how far to trust it.
    #[serde(default)]
    pub note: String,
}

/// Where the ruleset comes from.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub enum RulesetRef {
    /// The default ruleset built into whitecell, byte for byte `scenarios/rulesets/default.ron`
    /// (see [`crate::scenario::builtin`]); what a scenario gets when it names none.
    #[default]
    Default,
    /// A path relative to the scenario file, e.g. `"rulesets/default.ron"`.
    File(String),
    /// The ruleset written out in the scenario.
    Inline(Ruleset),
}

/// The turn count and labels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Turns {
    /// Number of turns, 1..=200.
    pub count: u32,
    /// Label pattern; `{n}` is replaced by the turn number, e.g. `"Day {n}"`.
    #[serde(default = "default_label")]
    pub label: String,
}

fn default_label() -> String {
    "Turn {n}".into()
}

/// A side (a team, or a party played by a bot).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Side {
    /// Stable id, e.g. `blue`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Display colour, `#rrggbb`.
    #[serde(default = "default_colour")]
    pub colour: String,
    /// What this side is told at the start.
    #[serde(default)]
    pub briefing: String,
    /// The bot policy that plays this side when nobody does, e.g. `"cautious"`.
    #[serde(default)]
    pub policy: Option<String>,
    /// Who plays this side when its team sends no orders and `adjudicate` is given no `--missing`:
    /// `Hold` (its units hold: the classroom default) or `Policy` (its bot plays it).
    #[serde(default)]
    pub missing: Option<Missing>,
}

/// Who plays a side that sent no orders for a turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Missing {
    /// Its units hold.
    Hold,
    /// Its bot `policy` plays it.
    Policy,
}

fn default_colour() -> String {
    "#808080".into()
}

/// How two sides stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Relation {
    /// On the same side: never engage each other.
    Allied,
    /// Not at war: may share zones; engaging them is an escalation.
    Neutral,
    /// At war.
    Hostile,
}

/// The relation of one pair of sides at the start.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationDef {
    /// The two sides (order does not matter).
    pub between: (String, String),
    /// How they stand.
    pub relation: Relation,
}

/// What a zone is like; unit types list the kinds they may enter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ZoneKind {
    /// Open water.
    Sea,
    /// Coastal waters and shore.
    Coast,
    /// Open land.
    Land,
    /// Towns and cities.
    Urban,
    /// Rough ground: hills, mountains, forest.
    Rough,
    /// An air base.
    Airbase,
}

/// A named region: a node of the zone graph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Zone {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Terrain kind.
    pub kind: ZoneKind,
    /// Adjacent zones; adjacency must be listed on both sides.
    pub neighbours: Vec<String>,
    /// Victory points to the side that controls it at the end, 0..=10.
    #[serde(default)]
    pub value: u8,
    /// The side that controls it at the start.
    #[serde(default)]
    pub controller: Option<String>,
    /// The side for which this zone is a supply source.
    #[serde(default)]
    pub supply: Option<String>,
    /// Abstract drawing position, for maps only; never a geographic coordinate.
    #[serde(default)]
    pub layout: Option<(i32, i32)>,
    /// Where this zone comes from, for the author's reader.
    #[serde(default)]
    pub note: String,
}

/// What kind of force a unit type is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Domain {
    /// Ships.
    Surface,
    /// Submarines.
    Subsurface,
    /// Aircraft.
    Air,
    /// Land forces.
    Ground,
    /// Forces that land from the sea.
    Amphibious,
}

impl Domain {
    /// Ground and amphibious units hold ground: only they take control of zones.
    pub fn controls_ground(self) -> bool {
        matches!(self, Domain::Ground | Domain::Amphibious)
    }
}

/// A unit type: abstract factors for play.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitType {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind of force.
    pub domain: Domain,
    /// Zones per turn, 0..=10.
    pub movement: u8,
    /// Attack factor, 0..=10.
    pub attack: u8,
    /// Defence factor, 0..=10.
    pub defence: u8,
    /// Detection factor, 0..=10.
    pub detection: u8,
    /// Stealth factor, 0..=10.
    pub stealth: u8,
    /// Zone kinds this type may enter.
    pub enters: Vec<ZoneKind>,
    /// Why these factors: they are abstract play values.
    #[serde(default)]
    pub note: String,
}

/// How worn a unit is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
pub enum Readiness {
    /// Ready.
    #[default]
    Fresh,
    /// Tired: fights worse.
    Worn,
    /// Exhausted.
    Spent,
}

impl Readiness {
    /// One level worse, stopping at `Spent`.
    pub fn worse(self) -> Readiness {
        match self {
            Readiness::Fresh => Readiness::Worn,
            _ => Readiness::Spent,
        }
    }
}

/// How a unit is disposed.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
pub enum Posture {
    /// No particular stance.
    #[default]
    Normal,
    /// Dug in or holding: defends better.
    Defensive,
    /// Watching a zone: detects better and reacts to hostile units.
    Patrol,
    /// Leaning forward.
    Aggressive,
}

/// A unit at the start of the game (or added by an event).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Owning side.
    pub side: String,
    /// Unit type id.
    #[serde(rename = "type")]
    pub unit_type: String,
    /// Starting zone.
    pub zone: String,
    /// Strength in steps, 1..=10.
    pub strength: u8,
    /// Starting readiness.
    #[serde(default)]
    pub readiness: Readiness,
    /// Starting posture.
    #[serde(default)]
    pub posture: Posture,
    /// What in the source this unit stands for, attributed to whoever reported it.
    pub source: String,
}
