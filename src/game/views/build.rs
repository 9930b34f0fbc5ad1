//! Building a side's [`View`] purely from the game state and the log, so the leak tests can call
//! it directly: its units and allies, the enemy units it detected, last sightings, the results of
//! its last orders as it was told them, its objectives and score, the scenario [`super::redact`]ed to
//! what it may know.

use super::knowledge::Knowledge;
use super::view::*;
use crate::game::score::score;
use crate::log::LogEvent;
use crate::model::compiled::Fx;
use crate::model::{Compiled, SideId, State, UnitId, UnitState};
use crate::report::describe::condition;
use crate::scenario::Relation;

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
    let k = Knowledge::of(c, state, side);
    let contacts = k
        .contacts()
        .map(|u| Contact {
            id: c.unit_name(u.id).to_string(),
            name: c.units[u.id.index()].name.clone(),
            side: c.side_name(u.side).to_string(),
            kind: c.kinds[u.kind.index()].id.clone(),
            zone: c.zone_name(u.zone).to_string(),
            strength: u.strength,
            relation: k.relation(u.side),
        })
        .collect();
    let last_seen = k
        .last_seen()
        .map(|(id, s)| LastSeen {
            id: c.unit_name(id).to_string(),
            side: c.side_name(c.units[id.index()].side).to_string(),
            zone: c.zone_name(s.zone).to_string(),
            turn: s.turn,
            strength: s.strength,
            relation: k.relation(c.units[id.index()].side),
        })
        .collect();
    let tracks = k
        .tracks()
        .map(|(i, v)| {
            let t = &c.tracks[i];
            TrackView {
                id: t.id.clone(),
                name: t.name.clone(),
                value: v,
                min: t.min,
                max: t.max,
                band: t.band(v).map(str::to_string),
            }
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
    let own_units: Vec<&UnitState> = k.own().collect();
    let ally_units: Vec<&UnitState> = k.allied_units().collect();
    let detected = k.detected();
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
        off_map: super::redact::off_map(c, state, side),
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
