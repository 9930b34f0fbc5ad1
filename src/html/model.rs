//! The hotwash's data model: what an after-action report shows, extracted from a game's log by
//! [`super::umpire`] (the white cell's report: everything) or [`super::side`] (one side's report:
//! only what its views showed it), and drawn by [`super::map`], [`super::charts`] and
//! [`super::page`]. Everything here is already filtered for its reader: the drawing code never
//! decides what a reader may see.

use crate::scenario::Domain;

/// One after-action report.
#[derive(Debug, Clone, PartialEq)]
pub struct Hotwash {
    /// The scenario's title.
    pub title: String,
    /// The game id.
    pub game: String,
    /// The side the report is for (its id), or `None` for the white cell's report.
    pub reader: Option<String>,
    /// Every side (sides are public).
    pub sides: Vec<SideInfo>,
    /// Every zone of the map.
    pub zones: Vec<ZoneInfo>,
    /// The tracks the reader may see.
    pub tracks: Vec<TrackInfo>,
    /// The start (frame 0) and each turn played.
    pub frames: Vec<Frame>,
    /// How the game ended, in words, if it has.
    pub outcome: Option<String>,
    /// The scores the reader may see (every side's for the white cell, its own for a side).
    pub scores: Vec<crate::game::score::Score>,
    /// The scenario's sources: (title, note).
    pub sources: Vec<(String, String)>,
    /// The scenario's note on provenance and bias for the white cell (empty in a side's report).
    pub umpire_note: String,
    /// Fork results run on this game.
    pub forks: Vec<ForkView>,
}

/// A side.
#[derive(Debug, Clone, PartialEq)]
pub struct SideInfo {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Colour, `#rrggbb`.
    pub colour: String,
}

/// A zone of the map.
#[derive(Debug, Clone, PartialEq)]
pub struct ZoneInfo {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Its kind, e.g. `Sea`.
    pub kind: String,
    /// Victory value.
    pub value: u8,
    /// Drawing position (the scenario's abstract `layout`, or one worked out).
    pub at: (i32, i32),
    /// Neighbouring zones, by index.
    pub neighbours: Vec<usize>,
}

/// A track the reader may see.
#[derive(Debug, Clone, PartialEq)]
pub struct TrackInfo {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Lower bound.
    pub min: i32,
    /// Upper bound.
    pub max: i32,
    /// Whether every side sees it (the white cell's report also shows private ones).
    pub public: bool,
    /// Thresholds: (at, label), rising.
    pub thresholds: Vec<(i32, String)>,
}

/// The map and the timeline at the end of one turn (frame 0: the start, before turn 1).
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// The turn (0: the start).
    pub turn: u32,
    /// Its label, e.g. `3 Sep`.
    pub label: String,
    /// Controller of each zone, as a side index.
    pub control: Vec<Option<usize>>,
    /// The counters on the map.
    pub counters: Vec<Counter>,
    /// Movements during the turn.
    pub moves: Vec<Arrow>,
    /// Engagements during the turn.
    pub fights: Vec<Fight>,
    /// The timeline entries of the turn, in log order.
    pub entries: Vec<Entry>,
    /// The value of each track of [`Hotwash::tracks`].
    pub tracks: Vec<i32>,
    /// Steps on the map per side; `None` where the reader does not know them.
    pub strength: Vec<Option<u32>>,
}

/// How the reader knows of a counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known {
    /// Its own (or, for the white cell, any) unit, or an ally's: known in full.
    Full,
    /// An enemy detected this turn: position and strength.
    Detected,
    /// An enemy last seen on this turn, not detected since.
    LastSeen(u32),
}

/// A unit on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct Counter {
    /// Unit id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Owner, as a side index.
    pub side: usize,
    /// Its type's name.
    pub kind: String,
    /// Its type's domain, when known.
    pub domain: Option<Domain>,
    /// Zone index.
    pub zone: usize,
    /// Steps.
    pub strength: u8,
    /// Readiness and posture in words, when known.
    pub detail: Option<String>,
    /// How the reader knows of it.
    pub known: Known,
}

/// A movement arrow: one side's units along one path.
#[derive(Debug, Clone, PartialEq)]
pub struct Arrow {
    /// The side, by index.
    pub side: usize,
    /// Zones from start to end, by index.
    pub path: Vec<usize>,
    /// The units that went this way.
    pub units: Vec<String>,
    /// A retreat (drawn dashed).
    pub retreat: bool,
}

/// An engagement marker.
#[derive(Debug, Clone, PartialEq)]
pub struct Fight {
    /// Zone index.
    pub zone: usize,
    /// Attacking side, by index.
    pub attacker: usize,
    /// Defending side, by index.
    pub defender: usize,
    /// Its working and result in words.
    pub text: String,
}

/// What a timeline entry is about (also its CSS class and its badge).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A side's accepted orders.
    Orders,
    /// An order refused, with the reason.
    Rejected,
    /// A signal between sides.
    Signal,
    /// Detection contacts.
    Contact,
    /// An engagement, or an attack that found nobody.
    Fight,
    /// Losses and units leaving the map.
    Loss,
    /// Movement worth a line (stopped by contact, retreats, arrivals).
    Move,
    /// Readiness changes.
    Readiness,
    /// Zone control.
    Control,
    /// Relations between sides.
    Relation,
    /// A scenario event fired.
    Event,
    /// A track moved or reached a threshold.
    Track,
    /// A message to sides.
    Message,
    /// An umpire's inject or amendment, with the reason.
    Umpire,
    /// A rollback, with the reason.
    Rollback,
    /// The end of the game.
    End,
}

impl Kind {
    /// The CSS class and the word on the entry's badge.
    pub fn name(self) -> (&'static str, &'static str) {
        match self {
            Kind::Orders => ("orders", "orders"),
            Kind::Rejected => ("rejected", "rejected"),
            Kind::Signal => ("signal", "signal"),
            Kind::Contact => ("contact", "contact"),
            Kind::Fight => ("fight", "engagement"),
            Kind::Loss => ("loss", "loss"),
            Kind::Move => ("move", "move"),
            Kind::Readiness => ("readiness", "readiness"),
            Kind::Control => ("control", "control"),
            Kind::Relation => ("relation", "relation"),
            Kind::Event => ("event", "event"),
            Kind::Track => ("track", "track"),
            Kind::Message => ("message", "message"),
            Kind::Umpire => ("umpire", "umpire"),
            Kind::Rollback => ("rollback", "rollback"),
            Kind::End => ("end", "game over"),
        }
    }
}

/// One line of the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// What it is about.
    pub kind: Kind,
    /// The side it concerns, by index, if one.
    pub side: Option<usize>,
    /// The text.
    pub text: String,
}

impl Entry {
    /// An entry.
    pub fn new(kind: Kind, side: Option<usize>, text: impl Into<String>) -> Entry {
        Entry {
            kind,
            side,
            text: text.into(),
        }
    }
}

/// The results of one `fork` of the game, as the reader may see them.
#[derive(Debug, Clone, PartialEq)]
pub struct ForkView {
    /// The turn forked from.
    pub from_turn: u32,
    /// Forks played to the end.
    pub runs: u64,
    /// Forks that failed inside the engine, left out.
    pub failed: u64,
    /// The bots that played them, `side=policy`.
    pub policies: Vec<String>,
    /// The master seed.
    pub master_seed: u64,
    /// Forks won per side (side index), then with no winner (`None`).
    pub winners: Vec<(Option<usize>, u64)>,
    /// The actual winner (`Some(None)`: nobody won), if the game has ended.
    pub actual: Option<Option<usize>>,
    /// How many forks had the actual winner, with its 95% interval.
    pub same_winner: Option<(u64, (f64, f64))>,
    /// Per track of [`Hotwash::tracks`] the reader may see: final values -> forks, and the actual
    /// final value with its percentile among the forks.
    pub tracks: Vec<TrackSpread>,
}

/// The forks' final values of one track.
#[derive(Debug, Clone, PartialEq)]
pub struct TrackSpread {
    /// Index into [`Hotwash::tracks`].
    pub track: usize,
    /// (value, forks), by value.
    pub counts: Vec<(i32, u64)>,
    /// The actual final value and its mid-rank percentile among the forks.
    pub actual: Option<(i32, f64)>,
}
