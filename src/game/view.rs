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

use super::crypto::{hmac_sha256_hex, same};
use super::score::{Score, score};
use crate::log::LogEvent;
use crate::model::compiled::Fx;
use crate::model::{Compiled, SideId, State, UnitId, UnitState};
use crate::report::describe::condition;
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

/// The sudden-death rules in words; a condition on a private track reads as kept by the white cell.
pub fn sudden_death(c: &Compiled) -> Vec<String> {
    let hidden = |t: &str| c.scenario.tracks.iter().any(|x| x.id == t && !x.public);
    c.scenario
        .victory
        .sudden_death
        .iter()
        .map(|sd| {
            let who = match &sd.winner {
                Some(w) => format!("{w} wins"),
                None => "every side loses".into(),
            };
            format!(
                "{}: when {}, the game ends and {who}. {}",
                sd.id,
                condition(&sd.when, &hidden, &|n| c.turn_label(n)),
                sd.text
            )
        })
        .collect()
}

fn unit_view(c: &Compiled, u: &UnitState) -> UnitView {
    UnitView {
        id: c.unit_name(u.id).to_string(),
        name: c.units[u.id.index()].name.clone(),
        side: c.side_name(u.side).to_string(),
        kind: c.kinds[u.kind.index()].id.clone(),
        zone: c.zone_name(u.zone).to_string(),
        strength: u.strength,
        readiness: u.readiness,
        posture: u.posture,
    }
}

/// The events of the last turn played: from its `TurnStarted` on (umpire actions after it included).
pub fn last_turn_events(log: &[LogEvent]) -> &[LogEvent] {
    let start = log
        .iter()
        .rposition(|e| matches!(e, LogEvent::TurnStarted { .. }))
        .unwrap_or(log.len());
    &log[start..]
}

/// What `side` is told of `events` (one turn's): its results, and the events announced to all
/// except those that bring on or take off units of sides not allied to it.
pub fn results(c: &Compiled, state: &State, events: &[LogEvent], side: SideId) -> Vec<Report> {
    let allied = |s: SideId| s != side && state.relations.get(side, s) == Relation::Allied;
    super::view_report::last_turn(c, events, c.side_name(side), &|ev| {
        c.event(ev).is_some_and(|e| {
            c.events[e.index()].effects.iter().any(|fx| match fx {
                Fx::AddUnit(u) | Fx::RemoveUnit(u) => {
                    let o = c.units[u.index()].side;
                    o != side && !allied(o)
                }
                _ => false,
            })
        })
    })
}

/// The events of turn `n` as played: from its `TurnStarted` to the next one (the umpire's actions
/// after the turn included). Empty if the log has no such turn.
pub fn turn_events(log: &[LogEvent], n: u32) -> &[LogEvent] {
    let Some(start) = log
        .iter()
        .position(|e| matches!(e, LogEvent::TurnStarted { turn, .. } if *turn == n))
    else {
        return &[];
    };
    let end = log[start + 1..]
        .iter()
        .position(|e| matches!(e, LogEvent::TurnStarted { .. }))
        .map_or(log.len(), |i| start + 1 + i);
    &log[start..end]
}

/// Builds `side`'s view of `state` (the engine's state after the last turn) and `log`.
pub fn build(c: &Compiled, state: &State, log: &[LogEvent], side: SideId, h: &Header) -> View {
    let me = c.side_name(side).to_string();
    let rel = &state.relations;
    let allied = |s: SideId| s != side && rel.get(side, s) == Relation::Allied;
    let detected: Vec<UnitId> = state.intel.current[side.index()].clone();
    let mut contacts = Vec::new();
    for u in state.units.iter().filter(|u| detected.contains(&u.id)) {
        if u.side != side && !allied(u.side) {
            contacts.push(Contact {
                id: c.unit_name(u.id).to_string(),
                name: c.units[u.id.index()].name.clone(),
                side: c.side_name(u.side).to_string(),
                kind: c.kinds[u.kind.index()].id.clone(),
                zone: c.zone_name(u.zone).to_string(),
                strength: u.strength,
                relation: rel.get(side, u.side),
            });
        }
    }
    let last_seen = state.intel.last_seen[side.index()]
        .iter()
        .filter(|(id, _)| !detected.contains(id))
        .map(|(id, s)| LastSeen {
            id: c.unit_name(*id).to_string(),
            side: c.side_name(c.units[id.index()].side).to_string(),
            zone: c.zone_name(s.zone).to_string(),
            turn: s.turn,
            strength: s.strength,
            relation: rel.get(side, c.units[id.index()].side),
        })
        .collect();
    let tracks = c
        .tracks
        .iter()
        .zip(&state.tracks)
        .filter(|(t, _)| t.public)
        .map(|(t, v)| TrackView {
            id: t.id.clone(),
            name: t.name.clone(),
            value: *v,
            min: t.min,
            max: t.max,
            band: t.band(*v).map(str::to_string),
        })
        .collect();
    let messages = state
        .messages
        .iter()
        .filter(|m| m.to.contains(&side))
        .map(|m| MessageView {
            turn: m.turn,
            from: m.from.clone(),
            text: m.text.clone(),
        })
        .collect();
    let own_units: Vec<&UnitState> = state.units.iter().filter(|u| u.side == side).collect();
    let ally_units: Vec<&UnitState> = state.units.iter().filter(|u| allied(u.side)).collect();
    let mut in_view: Vec<UnitId> = own_units.iter().chain(&ally_units).map(|u| u.id).collect();
    in_view.extend(
        state
            .units
            .iter()
            .filter(|u| detected.contains(&u.id))
            .map(|u| u.id),
    );
    in_view.sort();
    in_view.dedup();
    let next_turn = state.turn.saturating_add(1);
    let mut v = View {
        format: VIEW_FORMAT,
        game: h.game.to_string(),
        side: me.clone(),
        turn: state.turn,
        next_turn,
        next_label: c.turn_label(next_turn),
        seed_commitment: h.commitment.to_string(),
        relations: c
            .side_ids()
            .filter(|&s| s != side)
            .map(|s| (c.side_name(s).to_string(), rel.get(side, s)))
            .collect(),
        own: own_units.iter().map(|u| unit_view(c, u)).collect(),
        allied: ally_units.iter().map(|u| unit_view(c, u)).collect(),
        detected: contacts,
        last_seen,
        control: c
            .zones
            .iter()
            .zip(&state.control)
            .map(|(z, o)| (z.id.clone(), o.map(|s| c.side_name(s).to_string())))
            .collect(),
        tracks,
        messages,
        last_turn: results(c, state, last_turn_events(log), side),
        outcome: state.outcome.as_ref().map(|o| o.summary()),
        score: score(c, state, side, Some(side)),
        sudden_death: sudden_death(c),
        scenario: super::redact::scenario(c, state, side, &in_view),
        ruleset: c.ruleset.clone(),
        mac: String::new(),
    };
    seal(&mut v, h.key);
    v
}
