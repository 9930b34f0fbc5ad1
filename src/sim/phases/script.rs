//! The scripted parts of a turn: its start (scheduled injects), track thresholds and conditional
//! events, and the victory check.

use super::View;
use crate::log::event::Log;
use crate::log::event::{Cause, Ending, Event};
use crate::model::EventId;
use crate::model::compiled::When;
use crate::rules::conditions::{Facts, holds};
use crate::rules::victory;
use crate::sim::apply::Writer;
use crate::sim::scratch::Scratch;

/// Begins the turn and fires the events scheduled for it. A game that keeps only the current turn
/// starts each turn with an empty log.
pub fn start_turn(mut w: Writer) {
    let (r, j, scratch) = w.split();
    if !j.keep {
        j.log.clear_events();
        j.applied = 0;
    }
    j.turn_start = j.log.events.len();
    begin(&r, &mut j.log, scratch);
    w.end_phase();
}

fn begin(r: &View, log: &mut Log, s: &mut Scratch) {
    let c = r.c;
    let turn = r.clock + 1;
    let on_map = r.on_map();
    let mut ch = r.changes(&mut s.work, &on_map, log);
    ch.log.events.push(Event::TurnStarted { turn });
    for (i, e) in c.events.iter().enumerate() {
        if e.when == When::AtTurn(turn) && !(e.once && ch.w.fired[i]) {
            ch.fire(EventId(i as u16), Cause::Scheduled);
        }
    }
}

/// Fires thresholds reached and conditional events that hold, until nothing more fires.
pub fn events(mut w: Writer) {
    let (r, j, scratch) = w.split();
    fire(&r, &mut j.log, scratch);
    w.end_phase();
}

fn fire(r: &View, log: &mut Log, s: &mut Scratch) {
    let c = r.c;
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
    let mut ch = r.changes(&mut s.work, &on_map, log);
    // Each pass fires at least one thing or stops; each thing fires at most once a turn.
    for _ in 0..=(c.events.len() + reached.iter().map(Vec::len).sum::<usize>()) {
        let mut any = false;
        for (t, def) in c.tracks.iter().enumerate() {
            for (k, (at, _, ev)) in def.thresholds.iter().enumerate() {
                if !reached[t][k] && ch.w.tracks[t] >= *at {
                    reached[t][k] = true;
                    any = true;
                    let track = crate::model::TrackId(t as u16);
                    ch.log
                        .events
                        .push(Event::ThresholdReached { track, k: k as u16 });
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
                turn: r.clock,
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
pub fn victory(mut w: Writer) {
    let (r, j, _) = w.split();
    judge(&r, &mut j.log);
    w.end_phase();
}

fn judge(r: &View, log: &mut Log) {
    let c = r.c;
    if r.history.ending.is_some() {
        return;
    }
    let f = Facts {
        tracks: &r.tracks.values,
        control: r.control,
        relations: r.relations,
        turn: r.clock,
        steps_lost: &r.history.steps_lost,
        fired: &r.history.fired,
    };
    let ending = if let Some(i) = c.sudden_death.iter().position(|sd| holds(&sd.when, &f)) {
        Some(Ending::SuddenDeath(i as u16))
    } else if r.clock >= c.turns {
        let start = log.numbers.len();
        victory::scores_into(c, &f, &mut log.numbers);
        let winner = victory::winner(&log.numbers[start..]).map(|i| crate::model::SideId(i as u16));
        let scores = crate::log::event::Span {
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
