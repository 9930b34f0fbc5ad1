//! The scripted parts of a turn: its start (scheduled injects), track thresholds and conditional
//! events, and the victory check.

use super::Read;
use crate::model::compiled::When;
use crate::model::EventId;
use crate::report::event::{Cause, Ending, Event};
use crate::rules::conditions::{Facts, holds};
use crate::rules::victory;
use crate::sim::components::*;
use crate::sim::scratch::Scratch;
use bevy_ecs::prelude::*;

/// Begins the turn and fires the events scheduled for it. A game that keeps only the current turn
/// starts each turn with an empty log.
pub fn start_turn(r: Read, mut journal: ResMut<Journal>, mut scratch: ResMut<Scratch>) {
    let c = &*r.game.0;
    let turn = r.clock.0 + 1;
    let j = &mut *journal;
    if !j.keep {
        j.log.clear_events();
        j.applied = 0;
    }
    j.turn_start = j.log.events.len();
    let s = &mut *scratch;
    s.work.load(
        &r.tracks.values,
        &r.diplomacy.0,
        &r.control.0,
        &r.history.fired,
    );
    let on_map = r.on_map();
    let mut ch = r.changes(&mut s.work, &on_map, &mut j.log);
    ch.log.events.push(Event::TurnStarted { turn });
    for (i, e) in c.events.iter().enumerate() {
        if e.when == When::AtTurn(turn) && !(e.once && ch.w.fired[i]) {
            ch.fire(EventId(i as u16), Cause::Scheduled);
        }
    }
}

/// Fires thresholds reached and conditional events that hold, until nothing more fires.
pub fn events(r: Read, mut journal: ResMut<Journal>, mut scratch: ResMut<Scratch>) {
    let c = &*r.game.0;
    let s = &mut *scratch;
    s.work.load(
        &r.tracks.values,
        &r.diplomacy.0,
        &r.control.0,
        &r.history.fired,
    );
    s.reached.resize_with(r.tracks.reached.len(), Vec::new);
    for (mine, now) in s.reached.iter_mut().zip(&r.tracks.reached) {
        mine.clear();
        mine.extend_from_slice(now);
    }
    s.fired_now.clear();
    s.fired_now.resize(c.events.len(), false);
    let on_map = r.on_map();
    let reached = &mut s.reached;
    let fired_now = &mut s.fired_now;
    let mut ch = r.changes(&mut s.work, &on_map, &mut journal.log);
    // Each pass fires at least one thing or stops; each thing fires at most once a turn.
    for _ in 0..=(c.events.len() + reached.iter().map(Vec::len).sum::<usize>()) {
        let mut any = false;
        for (t, def) in c.tracks.iter().enumerate() {
            for (k, (at, _, ev)) in def.thresholds.iter().enumerate() {
                if !reached[t][k] && ch.w.tracks[t] >= *at {
                    reached[t][k] = true;
                    any = true;
                    let track = crate::model::TrackId(t as u16);
                    ch.log.events.push(Event::ThresholdReached {
                        track,
                        k: k as u16,
                    });
                    if let Some(e) = ev
                        && !(c.events[e.index()].once && ch.w.fired[e.index()])
                    {
                        fired_now[e.index()] = true;
                        ch.fire(*e, Cause::Threshold { track, k: k as u16 });
                    }
                }
            }
        }
        for (i, e) in c.events.iter().enumerate() {
            let When::Cond(cond) = &e.when else { continue };
            if fired_now[i] || (e.once && ch.w.fired[i]) {
                continue;
            }
            let f = Facts {
                tracks: &ch.w.tracks,
                control: &ch.w.control,
                relations: &ch.w.relations,
                turn: r.clock.0,
                steps_lost: &r.history.steps_lost,
                fired: &ch.w.fired,
            };
            if holds(cond, &f) {
                fired_now[i] = true;
                any = true;
                ch.fire(EventId(i as u16), Cause::Condition);
            }
        }
        if !any {
            break;
        }
    }
}

/// Checks sudden death, and scores the game after its last turn.
pub fn victory(r: Read, mut journal: ResMut<Journal>) {
    let c = &*r.game.0;
    if r.history.ending.is_some() {
        return;
    }
    let f = Facts {
        tracks: &r.tracks.values,
        control: &r.control.0,
        relations: &r.diplomacy.0,
        turn: r.clock.0,
        steps_lost: &r.history.steps_lost,
        fired: &r.history.fired,
    };
    let log = &mut journal.log;
    let ending = if let Some(i) = c.sudden_death.iter().position(|sd| holds(&sd.when, &f)) {
        Some(Ending::SuddenDeath(i as u16))
    } else if r.clock.0 >= c.turns {
        let start = log.numbers.len();
        victory::scores_into(c, &f, &mut log.numbers);
        let winner = victory::winner(&log.numbers[start..]).map(|i| crate::model::SideId(i as u16));
        let scores = crate::report::event::Span {
            start: start as u32,
            len: (log.numbers.len() - start) as u32,
        };
        Some(Ending::Points { winner, scores })
    } else {
        None
    };
    if let Some(ending) = ending {
        log.events.push(Event::GameEnded { ending });
    }
}
