//! The event log as the engine writes it: every change to a game's state, and every roll behind it.
//!
//! Systems never change state directly: they append [`Event`]s to the game's journal and
//! [`crate::sim::apply`] applies them, so a log replays into the same state. Events carry the
//! compiled scenario's numeric ids and small numbers only — never a string built during
//! adjudication — and are `Copy`. Lists (a move's path, an engagement's terms, the final scores) sit
//! in the journal's arenas, named by a [`Span`]; the few texts that come from outside the rules (an
//! umpire's reason, an order naming something that does not exist) sit in its [`Notes`] and are
//! named by a [`Note`]. [`super::named`] renders events with string ids and words for people and
//! files, and reads them back.

use crate::model::{EventId, SideId, TrackId, UnitId, ZoneId};
use crate::orders::{Command, SignalKind, Why};
pub use crate::rules::combat::TermRec;
use crate::scenario::{CombatResult, Posture, Readiness, Relation};

/// An order in engine ids.
pub type Cmd = Command<ZoneId, SideId>;

/// A run of entries in one of the journal's arenas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    /// First entry.
    pub start: u32,
    /// Number of entries.
    pub len: u32,
}

impl Span {
    /// The entries of `arena` this span names.
    pub fn of<T>(self, arena: &[T]) -> &[T] {
        &arena[self.start as usize..(self.start + self.len) as usize]
    }
}

/// A text from outside the rules, by its index in [`Notes::texts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Note(pub u32);

/// A message written outside the rules (an umpire's, or one read back from a log).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// Recipients.
    pub to: Vec<SideId>,
    /// Sender.
    pub from: String,
    /// Text.
    pub text: String,
}

/// The texts and written messages a game's events name. They outlive a turn.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Notes {
    /// Texts, by [`Note`].
    pub texts: Vec<String>,
    /// Written messages, by [`Msg::Written`].
    pub messages: Vec<Written>,
}

impl Notes {
    /// Keeps a text and names it.
    pub fn note(&mut self, text: impl Into<String>) -> Note {
        self.texts.push(text.into());
        Note(self.texts.len() as u32 - 1)
    }

    /// The text of a note.
    pub fn text(&self, n: Note) -> &str {
        &self.texts[n.0 as usize]
    }

    /// Forgets everything (a new game).
    pub fn clear(&mut self) {
        self.texts.clear();
        self.messages.clear();
    }
}

/// Why something happened: rendered to words only when someone reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// A scenario event fired because it was scheduled for the turn.
    Scheduled,
    /// A scenario event fired because its condition held.
    Condition,
    /// A scenario event fired because a track reached its threshold `k`.
    Threshold {
        /// The track.
        track: TrackId,
        /// The threshold's index.
        k: u16,
    },
    /// An effect of a scenario event.
    Event(EventId),
    /// Losses in an engagement in a zone.
    Engagement(ZoneId),
    /// Tension from an engagement between two sides in a zone.
    EngagementBetween {
        /// The zone.
        zone: ZoneId,
        /// The attacking side.
        attacker: SideId,
        /// The defending side.
        defender: SideId,
    },
    /// A side engaged a `Neutral` one.
    EngagedNeutral {
        /// The zone.
        zone: ZoneId,
        /// The attacking side.
        attacker: SideId,
        /// The defending side.
        defender: SideId,
    },
    /// A defender that had to retreat could not.
    CutOff(ZoneId),
    /// A spent unit out of supply.
    Attrition,
    /// A show of force by a side in a zone.
    ShowOfForce {
        /// The side.
        side: SideId,
        /// The zone.
        zone: ZoneId,
    },
    /// A signal from one side to another.
    Signal {
        /// Sender.
        from: SideId,
        /// Recipient.
        to: SideId,
        /// Kind.
        kind: SignalKind,
    },
    /// A zone held alone by a side's ground units.
    HeldAlone(SideId),
    /// Words from outside the rules.
    Note(Note),
}

/// Why a unit left the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Removal {
    /// Its last step was lost for this cause.
    Destroyed(Cause),
    /// Its last step was lost to attrition.
    Attrition,
    /// Taken off for this cause (a scenario event, an umpire).
    By(Cause),
}

/// Why a unit's readiness changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadyWhy {
    /// Resupplied.
    Resupplied,
    /// It fought.
    Fought,
    /// It is out of supply.
    OutOfSupply,
    /// It fought and is out of supply.
    FoughtOutOfSupply,
    /// Words from outside the rules.
    Note(Note),
}

/// Why an attack did not happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Miss {
    /// An engaging unit stopped short of the zone.
    StoppedShort {
        /// The unit.
        unit: UnitId,
        /// Where it stopped.
        at: ZoneId,
    },
    /// No attacking unit is left in the zone.
    NoAttacker,
    /// The attacker has detected no defending unit there.
    NotDetected,
    /// The two sides became allies this turn.
    NowAllied,
    /// The attack total is 0.
    ZeroAttack,
    /// Words from outside the rules.
    Note(Note),
}

/// An order that was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// A unit order the check refused.
    Unit {
        /// The unit.
        unit: UnitId,
        /// The order.
        order: Cmd,
        /// Why.
        why: Why,
    },
    /// A signal the check refused.
    Signal {
        /// To whom.
        to: SideId,
        /// What kind.
        kind: SignalKind,
        /// Why.
        why: Why,
    },
    /// An order as written, naming something that does not exist.
    Written {
        /// The unit as written.
        unit: Note,
        /// The order as written.
        order: Note,
        /// Why.
        reason: Note,
    },
}

/// A message delivered to sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    /// A side's signal.
    Signal {
        /// Sender.
        from: SideId,
        /// Recipient.
        to: SideId,
        /// Kind.
        kind: SignalKind,
    },
    /// A `Message` effect of a scenario event (`fx` is its index among the event's effects).
    Scenario {
        /// The event.
        event: EventId,
        /// The effect.
        fx: u16,
    },
    /// A message written outside the rules, by its index in [`Notes::messages`].
    Written(u32),
}

/// How a game ended, in ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The sudden-death condition of this index.
    SuddenDeath(u16),
    /// On points after the last turn; scores per side in the journal's numbers.
    Points {
        /// The winner, none on a tie.
        winner: Option<SideId>,
        /// Points per side, in side order.
        scores: Span,
    },
}

/// One entry of the log. See [`super::named::LogEvent`] for what each means in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Event {
    TurnStarted {
        turn: u32,
    },
    EventFired {
        event: EventId,
        cause: Cause,
    },
    OrderAccepted {
        side: SideId,
        unit: UnitId,
        order: Cmd,
    },
    OrderRejected {
        side: SideId,
        what: Refused,
    },
    SignalSent {
        from: SideId,
        to: SideId,
        kind: SignalKind,
    },
    Moved {
        unit: UnitId,
        from: ZoneId,
        to: ZoneId,
        /// Zones entered, in the journal's zones arena.
        path: Span,
        stopped_by_contact: bool,
    },
    PostureChanged {
        unit: UnitId,
        from: Posture,
        to: Posture,
    },
    ContactsCleared,
    DetectionRoll {
        side: SideId,
        unit: UnitId,
        zone: ZoneId,
        observer: UnitId,
        detection: i32,
        stealth: i32,
        roll: u8,
        adjacent: bool,
        detected: bool,
        strength: u8,
    },
    ShowOfForce {
        side: SideId,
        unit: UnitId,
        zone: ZoneId,
    },
    Engagement {
        zone: ZoneId,
        attacker: SideId,
        defender: SideId,
        /// Attackers' then defenders' terms, in the journal's terms arena.
        terms: Span,
        attack_total: u32,
        defence_total: u32,
        base_column: u8,
        column: u8,
        roll: u8,
        result: CombatResult,
    },
    NoContact {
        zone: ZoneId,
        attacker: SideId,
        defender: SideId,
        why: Miss,
    },
    StepsLost {
        unit: UnitId,
        side: SideId,
        steps: u8,
        strength: u8,
        cause: Cause,
    },
    UnitRemoved {
        unit: UnitId,
        cause: Removal,
    },
    Retreated {
        unit: UnitId,
        from: ZoneId,
        to: ZoneId,
    },
    ReadinessChanged {
        unit: UnitId,
        from: Readiness,
        to: Readiness,
        why: ReadyWhy,
    },
    ControlChanged {
        zone: ZoneId,
        from: Option<SideId>,
        to: Option<SideId>,
        cause: Cause,
    },
    TrackChanged {
        track: TrackId,
        from: i32,
        to: i32,
        cause: Cause,
    },
    ThresholdReached {
        track: TrackId,
        k: u16,
    },
    RelationChanged {
        a: SideId,
        b: SideId,
        from: Relation,
        to: Relation,
        cause: Cause,
    },
    MessageSent {
        msg: Msg,
    },
    UnitAdded {
        unit: UnitId,
        zone: ZoneId,
        cause: Cause,
    },
    Umpire {
        action: Note,
        reason: Note,
    },
    TurnEnded {
        turn: u32,
        /// The state hash, when the engine was asked to hash every turn.
        hash: Option<u64>,
    },
    GameEnded {
        ending: Ending,
    },
}

/// A game's events and the arenas their spans name: the log as the engine keeps it.
#[derive(Debug, Clone, Default)]
pub struct Log {
    /// Events, in order.
    pub events: Vec<Event>,
    /// Zones of moves' paths.
    pub zones: Vec<ZoneId>,
    /// Terms of engagements.
    pub terms: Vec<TermRec>,
    /// Numbers (final scores).
    pub numbers: Vec<u32>,
    /// Texts from outside the rules.
    pub notes: Notes,
}

impl Log {
    /// Forgets every event and arena entry, keeping the notes (which outlive a turn) and the
    /// buffers' capacity.
    pub fn clear_events(&mut self) {
        self.events.clear();
        self.zones.clear();
        self.terms.clear();
        self.numbers.clear();
    }

    /// Forgets everything (a new game), keeping the buffers' capacity.
    pub fn clear(&mut self) {
        self.clear_events();
        self.notes.clear();
    }

    /// Appends zones and names them.
    pub fn push_zones(&mut self, zones: impl IntoIterator<Item = ZoneId>) -> Span {
        let start = self.zones.len() as u32;
        self.zones.extend(zones);
        Span {
            start,
            len: self.zones.len() as u32 - start,
        }
    }

    /// Appends numbers and names them.
    pub fn push_numbers(&mut self, numbers: impl IntoIterator<Item = u32>) -> Span {
        let start = self.numbers.len() as u32;
        self.numbers.extend(numbers);
        Span {
            start,
            len: self.numbers.len() as u32 - start,
        }
    }
}
