//! A side's view: what one team knows, built purely from the game state and log so the leak tests
//! can call it directly. Its own units, allied units, enemy units detected this turn, last-known
//! positions with the turn they were seen, zone control, public tracks, messages addressed to the
//! side, the results of its last orders, and the public seed commitment. Nothing else: never an
//! undetected unit, another side's orders, the seed or a key.
//!
//! A view also carries a redacted copy of the scenario (the map, the side's own briefing, only the
//! units in the view, public tracks, no events) and the ruleset, so `play` and `orders check` can
//! work from the view file alone on a team's own laptop; the side's own objectives with the score it
//! would have if the game ended now, and the sudden-death rules every side knows.
//!
//! A view is sealed with a MAC under the side's key ([`seal`]), so a team cannot plan on a view it
//! edited: `play` and `orders check` verify it ([`super::view_file`]).

use crate::game::score::Score;
use crate::game::store::crypto::{hmac_sha256_hex, same};
use crate::scenario::{Posture, Readiness, Relation, Ruleset, Scenario};
use serde::{Deserialize, Serialize};

/// View file format version (2: sealed, with objectives, score and sudden death).
pub const VIEW_FORMAT: u32 = 2;

/// A unit the side can see in full (its own or an ally's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitView {
    /// Unit id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Owner.
    pub side: String,
    /// Type id.
    pub kind: String,
    /// Zone.
    pub zone: String,
    /// Steps.
    pub strength: u8,
    /// Readiness.
    pub readiness: Readiness,
    /// Posture.
    pub posture: Posture,
}

/// An enemy unit detected this turn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Unit id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Owner.
    pub side: String,
    /// Type id.
    pub kind: String,
    /// Zone it is in.
    pub zone: String,
    /// Strength as detected.
    pub strength: u8,
    /// How the side stands with its owner (`Neutral` or `Hostile`).
    pub relation: Relation,
}

/// The last sighting of a unit not detected this turn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LastSeen {
    /// Unit id.
    pub id: String,
    /// Owner.
    pub side: String,
    /// Zone it was in.
    pub zone: String,
    /// The turn it was seen.
    pub turn: u32,
    /// Its strength then.
    pub strength: u8,
    /// How the side stands with its owner now.
    pub relation: Relation,
}

/// A public track.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrackView {
    /// Track id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Value now.
    pub value: i32,
    /// Bounds.
    pub min: i32,
    /// Bounds.
    pub max: i32,
    /// The band it is in, e.g. "Crisis".
    pub band: Option<String>,
}

/// A message to the side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageView {
    /// The turn it came.
    pub turn: u32,
    /// From whom.
    pub from: String,
    /// Text.
    pub text: String,
}

/// One result of the side's last turn: an order accepted or rejected (with the reason), a loss, an
/// engagement it fought, an event announced to all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// What kind: `accepted`, `rejected`, `loss`, `move`, `retreat`, `readiness`, `control`,
    /// `relation`, `fight`, `event`.
    pub what: String,
    /// The unit concerned, if any.
    pub unit: Option<String>,
    /// The account.
    pub text: String,
}

/// Everything one side knows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct View {
    /// View format.
    pub format: u32,
    /// Game id (orders must name it).
    pub game: String,
    /// The side.
    pub side: String,
    /// Turn last played (0 before the first).
    pub turn: u32,
    /// The turn orders are due for.
    pub next_turn: u32,
    /// Its label.
    pub next_label: String,
    /// SHA-256 commitment to the game seed.
    pub seed_commitment: String,
    /// Relation with each other side.
    pub relations: Vec<(String, Relation)>,
    /// Own units.
    pub own: Vec<UnitView>,
    /// Allied units.
    pub allied: Vec<UnitView>,
    /// Enemy units detected this turn.
    pub detected: Vec<Contact>,
    /// Last-known positions of units not detected this turn.
    pub last_seen: Vec<LastSeen>,
    /// Controller of each zone.
    pub control: Vec<(String, Option<String>)>,
    /// Public tracks.
    pub tracks: Vec<TrackView>,
    /// Messages to the side.
    pub messages: Vec<MessageView>,
    /// Results of the last turn.
    pub last_turn: Vec<Report>,
    /// The side's units that were on the map at the start and are off it now (destroyed): an
    /// order for one is answered as such. Absent when none (so older views read and verify).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub off_map: Vec<String>,
    /// How the game ended, if it has.
    pub outcome: Option<String>,
    /// The side's own objectives and the score it would have if the game ended now.
    pub score: Score,
    /// The sudden-death rules, which every side knows, in words.
    pub sudden_death: Vec<String>,
    /// The scenario, redacted to what this view shows.
    pub scenario: Scenario,
    /// The ruleset (public rules).
    pub ruleset: Ruleset,
    /// HMAC-SHA256 under the side's key over the rest of the view ([`seal`]).
    pub mac: String,
}

/// The identity a view is built under.
pub struct Header<'a> {
    /// Game id.
    pub game: &'a str,
    /// Seed commitment.
    pub commitment: &'a str,
    /// The side's key (hex), which seals the view.
    pub key: &'a str,
}

/// The bytes a view's MAC covers: everything but the MAC, in its canonical JSON form.
fn sealed_bytes(v: &View) -> Vec<u8> {
    let mut body = v.clone();
    body.mac.clear();
    let mut out = b"whitecell view v2\n".to_vec();
    out.extend(serde_json::to_vec(&body).unwrap_or_default());
    out
}

/// Seals a view under the side's key.
pub fn seal(v: &mut View, key: &str) {
    v.mac = hmac_sha256_hex(key.as_bytes(), &sealed_bytes(v));
}

/// Whether the view's MAC matches its content under `key` (compared in constant time).
pub fn verify(v: &View, key: &str) -> bool {
    same(&v.mac, &hmac_sha256_hex(key.as_bytes(), &sealed_bytes(v)))
}
