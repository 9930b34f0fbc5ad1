//! The white cell's report: every unit on the map at the end of each turn, every zone's
//! controller, every track (private ones too), each side's strength, the whole timeline
//! ([`super::timeline`]) and every side's score.

use super::model::{Counter, Frame, Hotwash, Known};
use super::replay::Slice;
use crate::log::LogEvent;
use crate::model::{Compiled, State};
use crate::report::words;

/// The frame of one slice of the log, as the white cell sees it.
pub fn frame(c: &Compiled, slice: &Slice, events: &[LogEvent]) -> Frame {
    let st = &slice.state;
    let t = super::timeline::turn(c, events);
    let mut strength = vec![Some(0u32); c.side_count()];
    for u in &st.units {
        if let Some(Some(s)) = strength.get_mut(u.side.index()) {
            *s += u32::from(u.strength);
        }
    }
    Frame {
        turn: slice.turn,
        label: label(c, slice.turn),
        control: st.control.iter().map(|o| o.map(|s| s.index())).collect(),
        counters: st
            .units
            .iter()
            .map(|u| {
                let kind = &c.kinds[u.kind.index()];
                Counter {
                    id: c.unit_name(u.id).to_string(),
                    name: c.units[u.id.index()].name.clone(),
                    side: u.side.index(),
                    kind: kind.name.clone(),
                    domain: Some(kind.domain),
                    zone: u.zone.index(),
                    strength: u.strength,
                    detail: Some(detail(u.readiness, u.posture)),
                    known: Known::Full,
                }
            })
            .collect(),
        moves: t.moves,
        fights: t.fights,
        entries: t.entries,
        tracks: st.tracks.clone(),
        strength,
    }
}

/// A unit's readiness and posture in words, as its counter's tooltip shows them.
pub fn detail(r: crate::scenario::Readiness, p: crate::scenario::Posture) -> String {
    format!("{}, {}", words::readiness(r), words::posture(p))
}

/// A frame's label: `Start`, or the turn's label.
pub fn label(c: &Compiled, turn: u32) -> String {
    if turn == 0 {
        "Start".into()
    } else {
        c.turn_label(turn)
    }
}

/// The white cell's report of a game: `log` cut into `slices`, `last` the final state.
pub fn report(
    c: &Compiled,
    game: &str,
    log: &[LogEvent],
    slices: &[Slice],
    last: &State,
) -> Hotwash {
    Hotwash {
        title: c.scenario.meta.title.clone(),
        game: game.to_string(),
        reader: None,
        sides: super::scene::sides(c),
        zones: super::scene::zones(c),
        tracks: super::scene::tracks(c, &|_| true),
        frames: slices
            .iter()
            .map(|s| frame(c, s, &log[s.range.clone()]))
            .collect(),
        outcome: last.outcome.as_ref().map(|o| o.summary()),
        scores: c
            .side_ids()
            .map(|s| crate::game::score::score(c, last, s, None))
            .collect(),
        sources: sources(c),
        umpire_note: c.scenario.meta.umpire_note.clone(),
        forks: Vec::new(),
    }
}

/// The scenario's sources.
pub fn sources(c: &Compiled) -> Vec<(String, String)> {
    c.scenario
        .meta
        .sources
        .iter()
        .map(|s| (s.title.clone(), s.note.clone()))
        .collect()
}
