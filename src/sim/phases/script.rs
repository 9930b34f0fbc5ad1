//! The scripted parts of a turn: its start (scheduled injects), track thresholds and conditional
//! events, and the victory check.

use crate::model::compiled::When;
use crate::model::{EventId, Outcome};
use crate::report::LogEvent;
use crate::rules::conditions::{Facts, holds};
use crate::rules::victory;
use crate::sim::changes::ChangeState;
use crate::sim::components::*;
use bevy_ecs::prelude::*;

/// Begins the turn and fires the events scheduled for it.
pub fn start_turn(
    game: Res<Game>,
    clock: Res<Clock>,
    control: Res<Control>,
    dip: Res<Diplomacy>,
    st: ChangeState,
    mut out: ResMut<Outbox>,
) {
    let c = &game.0;
    let turn = clock.0 + 1;
    let mut ch = st.start(c, &dip.0, &control.0);
    ch.out.push(LogEvent::TurnStarted {
        turn,
        label: c.turn_label(turn),
    });
    for (i, e) in c.events.iter().enumerate() {
        if e.when == When::AtTurn(turn) && !(e.once && ch.fired[i]) {
            ch.fire(EventId(i as u16), "scheduled");
        }
    }
    out.0.extend(ch.out);
}

/// Fires thresholds reached and conditional events that hold, until nothing more fires.
pub fn events(
    game: Res<Game>,
    clock: Res<Clock>,
    control: Res<Control>,
    dip: Res<Diplomacy>,
    st: ChangeState,
    mut out: ResMut<Outbox>,
) {
    let c = &game.0;
    let mut ch = st.start(c, &dip.0, &control.0);
    let mut reached = st.tracks.reached.clone();
    let mut fired_now = vec![false; c.events.len()];
    // Each pass fires at least one thing or stops; each thing fires at most once a turn.
    for _ in 0..=(c.events.len() + reached.iter().map(Vec::len).sum::<usize>()) {
        let mut any = false;
        for (t, def) in c.tracks.iter().enumerate() {
            for (k, (at, label, ev)) in def.thresholds.iter().enumerate() {
                if !reached[t][k] && ch.tracks[t] >= *at {
                    reached[t][k] = true;
                    any = true;
                    ch.out.push(LogEvent::ThresholdReached {
                        track: def.id.clone(),
                        at: *at,
                        label: label.clone(),
                    });
                    if let Some(e) = ev
                        && !(c.events[e.index()].once && ch.fired[e.index()])
                    {
                        fired_now[e.index()] = true;
                        ch.fire(*e, &format!("threshold: {} reached {at} ({label})", def.id));
                    }
                }
            }
        }
        for (i, e) in c.events.iter().enumerate() {
            let When::Cond(cond) = &e.when else { continue };
            if fired_now[i] || (e.once && ch.fired[i]) {
                continue;
            }
            let f = Facts {
                tracks: &ch.tracks,
                control: &ch.control,
                relations: &ch.relations,
                turn: clock.0,
                steps_lost: &st.history.steps_lost,
                fired: &ch.fired,
            };
            if holds(cond, &f) {
                fired_now[i] = true;
                any = true;
                ch.fire(EventId(i as u16), "condition");
            }
        }
        if !any {
            break;
        }
    }
    out.0.extend(ch.out);
}

/// Checks sudden death, and scores the game after its last turn.
pub fn victory(
    game: Res<Game>,
    clock: Res<Clock>,
    control: Res<Control>,
    dip: Res<Diplomacy>,
    tracks: Res<Tracks>,
    history: Res<History>,
    mut out: ResMut<Outbox>,
) {
    let c = &game.0;
    if history.outcome.is_some() {
        return;
    }
    let f = Facts {
        tracks: &tracks.values,
        control: &control.0,
        relations: &dip.0,
        turn: clock.0,
        steps_lost: &history.steps_lost,
        fired: &history.fired,
    };
    let outcome = if let Some(sd) = c.sudden_death.iter().find(|sd| holds(&sd.when, &f)) {
        Some(Outcome::SuddenDeath {
            id: sd.id.clone(),
            winner: sd.winner.map(|w| c.side_name(w).to_string()),
            text: sd.text.clone(),
        })
    } else if clock.0 >= c.turns {
        let scores = victory::scores(c, &f);
        let winner = victory::winner(&scores).map(|i| c.scenario.sides[i].id.clone());
        let scores = c
            .scenario
            .sides
            .iter()
            .zip(scores)
            .map(|(s, p)| (s.id.clone(), p))
            .collect();
        Some(Outcome::Points { winner, scores })
    } else {
        None
    };
    if let Some(outcome) = outcome {
        out.0.push(LogEvent::GameEnded { outcome });
    }
}
