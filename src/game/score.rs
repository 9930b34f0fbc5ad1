//! The score a side would have if the game ended now, worked out the way the victory check does
//! (the value of the zones it controls plus the points of each objective met), with every part
//! named so a team and the white cell can see how the points add up. A side's view asks only about
//! what the side may know: an objective whose condition reads something hidden from it is shown as
//! unknown and left out of its total.

use crate::model::compiled::Cond;
use crate::model::{Compiled, SideId, State};
use crate::report::describe::condition;
use crate::rules::conditions::{Facts, holds};
use crate::scenario::Relation;
use serde::{Deserialize, Serialize};
use std::fmt::Write;

/// One objective and whether it is met now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectiveStatus {
    /// Its name.
    pub name: String,
    /// Points if met at the end.
    pub points: u32,
    /// The condition, in words.
    pub condition: String,
    /// Met now; `None` when it depends on something the reader may not know.
    pub met: Option<bool>,
}

/// A side's score now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Score {
    /// The side.
    pub side: String,
    /// The zones with a value that it controls, and their values.
    pub zones: Vec<(String, u32)>,
    /// Its objectives.
    pub objectives: Vec<ObjectiveStatus>,
    /// Zone values plus the points of objectives met (unknown ones not counted).
    pub total: u32,
}

fn facts(state: &State) -> Facts<'_> {
    Facts {
        tracks: &state.tracks,
        control: &state.control,
        relations: &state.relations,
        turn: state.turn,
        steps_lost: &state.steps_lost,
        fired: &state.fired,
    }
}

/// Whether `reader` may know whether `cond` holds: public tracks, control, the turn, its own
/// relations, its own and its allies' losses; not private tracks, other pairs' relations, other
/// sides' losses or which events have fired.
pub fn knowable(c: &Compiled, state: &State, reader: SideId, cond: &Cond) -> bool {
    let friend = |s: SideId| s == reader || state.relations.get(reader, s) == Relation::Allied;
    match cond {
        Cond::TrackAtLeast(t, _) | Cond::TrackAtMost(t, _) => c.tracks[t.index()].public,
        Cond::Controls(..) | Cond::TurnAtLeast(_) => true,
        Cond::RelationIs(a, b, _) => *a == reader || *b == reader,
        Cond::StepsLostAtLeast(s, _) => friend(*s),
        Cond::Fired(_) => false,
        Cond::All(v) | Cond::Any(v) => v.iter().all(|x| knowable(c, state, reader, x)),
        Cond::Not(x) => knowable(c, state, reader, x),
    }
}

/// `side`'s total now, as [`score`] adds it up (zone values plus the points of objectives met,
/// unknown ones not counted), without naming the parts: what a learning environment reads each
/// turn.
pub fn total(c: &Compiled, state: &State, side: SideId, reader: Option<SideId>) -> u32 {
    let f = facts(state);
    let zones: u32 = c
        .zones
        .iter()
        .zip(&state.control)
        .filter(|(_, o)| **o == Some(side))
        .map(|(z, _)| u32::from(z.value))
        .sum();
    let objectives: u32 = c.objectives[side.index()]
        .iter()
        .filter(|o| reader.is_none_or(|r| knowable(c, state, r, &o.when)) && holds(&o.when, &f))
        .map(|o| o.points)
        .sum();
    zones + objectives
}

/// `side`'s score now. With `reader` set, objectives the reader may not evaluate are unknown.
pub fn score(c: &Compiled, state: &State, side: SideId, reader: Option<SideId>) -> Score {
    let f = facts(state);
    let zones: Vec<(String, u32)> = c
        .zones
        .iter()
        .zip(&state.control)
        .filter(|(z, o)| **o == Some(side) && z.value > 0)
        .map(|(z, _)| (z.id.clone(), u32::from(z.value)))
        .collect();
    let name = c.side_name(side);
    let written = c.scenario.victory.objectives.get(name);
    let hidden =
        |t: &str| reader.is_some() && c.scenario.tracks.iter().any(|x| x.id == t && !x.public);
    let objectives: Vec<ObjectiveStatus> = c.objectives[side.index()]
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let text = written
                .and_then(|w| w.get(i))
                .map(|w| condition(&w.when, &hidden, &|n| c.turn_label(n)))
                .unwrap_or_default();
            let known = reader.is_none_or(|r| knowable(c, state, r, &o.when));
            ObjectiveStatus {
                name: o.name.clone(),
                points: o.points,
                condition: text,
                met: known.then(|| holds(&o.when, &f)),
            }
        })
        .collect();
    let total = total(c, state, side, reader);
    Score {
        side: name.to_string(),
        zones,
        objectives,
        total,
    }
}

/// How a score adds up, as indented lines: zones held, each objective met or not, the total.
pub fn lines(s: &Score, indent: &str) -> String {
    let mut out = String::new();
    let zones: Vec<String> = s.zones.iter().map(|(z, v)| format!("{z} {v}")).collect();
    let zone_pts: u32 = s.zones.iter().map(|z| z.1).sum();
    let _ = writeln!(
        out,
        "{indent}zones held: {zone_pts} point(s){}",
        if zones.is_empty() {
            String::new()
        } else {
            format!(" ({})", zones.join(", "))
        }
    );
    for o in &s.objectives {
        let mark = match o.met {
            Some(true) => format!("met, {} of {} point(s)", o.points, o.points),
            Some(false) => format!("not met, 0 of {} point(s)", o.points),
            // Not failing: the side's view cannot tell (it turns on what the side cannot see).
            None => format!(
                "cannot be judged from your view: {} point(s) at stake",
                o.points
            ),
        };
        let _ = writeln!(
            out,
            "{indent}objective \"{}\" [{}]: {mark}",
            o.name, o.condition
        );
    }
    let open: u32 = s
        .objectives
        .iter()
        .filter(|o| o.met.is_none())
        .map(|o| o.points)
        .sum();
    if open > 0 {
        let _ = writeln!(
            out,
            "{indent}total: {} point(s), and up to {open} more from objectives your view cannot judge",
            s.total
        );
    } else {
        let _ = writeln!(out, "{indent}total: {} point(s)", s.total);
    }
    out
}

/// Every side's score, for the white cell's account at game over.
pub fn account(c: &Compiled, state: &State) -> String {
    let mut out = String::from("How the points add up:\n");
    for side in c.side_ids() {
        let s = score(c, state, side, None);
        let _ = writeln!(out, "  {} — {} point(s)", s.side, s.total);
        out.push_str(&lines(&s, "    "));
    }
    out
}
