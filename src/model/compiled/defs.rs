//! The parts of a compiled scenario: zones, unit types, units, tracks, conditions, effects and
//! events, each with its references turned into ids.

use crate::model::ids::*;
use crate::scenario::{self as sc, Domain, Posture, Readiness, Relation, ZoneKind};

/// A zone with its neighbours as ids.
#[derive(Debug, Clone)]
pub struct ZoneDef {
    /// String id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Terrain.
    pub kind: ZoneKind,
    /// Neighbours, sorted by id.
    pub neighbours: Vec<ZoneId>,
    /// Victory value.
    pub value: u8,
    /// Controller at the start.
    pub controller: Option<SideId>,
    /// Side supplied from here.
    pub supply: Option<SideId>,
}

/// A unit type.
#[derive(Debug, Clone)]
pub struct KindDef {
    /// String id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Domain.
    pub domain: Domain,
    /// Zones per turn.
    pub movement: u8,
    /// Attack factor.
    pub attack: u8,
    /// Defence factor.
    pub defence: u8,
    /// Detection factor.
    pub detection: u8,
    /// Stealth factor.
    pub stealth: u8,
    /// Zone kinds it may enter.
    pub enters: Vec<ZoneKind>,
    /// The same as a bit mask ([`crate::model::reach::kind_bit`]).
    pub mask: u8,
}

impl KindDef {
    /// May enter a zone of this kind.
    #[inline]
    pub fn can_enter(&self, k: ZoneKind) -> bool {
        self.mask & crate::model::reach::kind_bit(k) != 0
    }
}

/// A unit, on the map at the start or added by an event.
#[derive(Debug, Clone)]
pub struct UnitDef {
    /// String id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Owner.
    pub side: SideId,
    /// Type.
    pub kind: KindId,
    /// Zone where it starts or arrives.
    pub zone: ZoneId,
    /// Steps.
    pub strength: u8,
    /// Readiness.
    pub readiness: Readiness,
    /// Posture.
    pub posture: Posture,
    /// The `source` note.
    pub source: String,
    /// On the map at the start (false: an event adds it).
    pub initial: bool,
}

/// A track.
#[derive(Debug, Clone)]
pub struct TrackDef {
    /// String id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Lowest value.
    pub min: i32,
    /// Highest value.
    pub max: i32,
    /// Start value.
    pub start: i32,
    /// Visible to every side.
    pub public: bool,
    /// Thresholds, ascending: value, label, event.
    pub thresholds: Vec<(i32, String, Option<EventId>)>,
}

impl TrackDef {
    /// The label of the band `v` is in.
    pub fn band(&self, v: i32) -> Option<&str> {
        self.thresholds
            .iter()
            .rev()
            .find(|(at, _, _)| v >= *at)
            .map(|(_, l, _)| l.as_str())
    }
}

/// A condition in ids.
#[derive(Debug, Clone, PartialEq)]
pub enum Cond {
    /// `track >= v`.
    TrackAtLeast(TrackId, i32),
    /// `track <= v`.
    TrackAtMost(TrackId, i32),
    /// Side controls zone.
    Controls(SideId, ZoneId),
    /// Turn reached.
    TurnAtLeast(u32),
    /// Relation holds.
    RelationIs(SideId, SideId, Relation),
    /// Side lost at least this many steps.
    StepsLostAtLeast(SideId, u32),
    /// Event fired.
    Fired(EventId),
    /// All.
    All(Vec<Cond>),
    /// Any.
    Any(Vec<Cond>),
    /// Not.
    Not(Box<Cond>),
}

/// An effect in ids.
#[derive(Debug, Clone, PartialEq)]
pub enum Fx {
    /// Add to a track.
    AdjustTrack(TrackId, i32),
    /// Set a track.
    SetTrack(TrackId, i32),
    /// Set a relation.
    SetRelation(SideId, SideId, Relation),
    /// Bring a unit on.
    AddUnit(UnitId),
    /// Take a unit off.
    RemoveUnit(UnitId),
    /// Set control.
    SetControl(ZoneId, Option<SideId>),
    /// Message sides.
    Message(Vec<SideId>, String),
}

/// When an event fires, in ids.
#[derive(Debug, Clone, PartialEq)]
pub enum When {
    /// At the start of a turn.
    AtTurn(u32),
    /// On a condition.
    Cond(Cond),
    /// Threshold or umpire only.
    Manual,
}

/// An event.
#[derive(Debug, Clone)]
pub struct EventDef {
    /// String id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Trigger.
    pub when: When,
    /// Text.
    pub text: String,
    /// Effects.
    pub effects: Vec<Fx>,
    /// Fires at most once.
    pub once: bool,
}

/// The escalation table in ids.
#[derive(Debug, Clone)]
pub struct EscalationDef {
    /// The track moved.
    pub track: TrackId,
    /// The deltas.
    pub table: sc::Escalation,
}

/// An objective in ids.
#[derive(Debug, Clone)]
pub struct ObjectiveDef {
    /// Name.
    pub name: String,
    /// Points.
    pub points: u32,
    /// Condition.
    pub when: Cond,
}

/// A sudden-death condition in ids.
#[derive(Debug, Clone)]
pub struct SuddenDeathDef {
    /// Id.
    pub id: String,
    /// Condition.
    pub when: Cond,
    /// Winner.
    pub winner: Option<SideId>,
    /// Text.
    pub text: String,
}
