//! The static checks: what the file alone shows to be probably a mistake.

use super::Warning;
use super::reach::controllers;
use super::truth::{Truth, at_any_turn, at_end, unfireable};
use crate::model::Compiled;
use crate::model::compiled::{Cond, When};

fn warn(code: &'static str, subject: &str, path: String, message: String) -> Warning {
    Warning {
        code,
        subject: subject.to_string(),
        path,
        message,
        by_play: false,
    }
}

/// Every static warning, in the order of the file's sections.
pub fn check(c: &Compiled) -> Vec<Warning> {
    let mut out = Vec::new();
    map(c, &mut out);
    zones(c, &mut out);
    thresholds(c, &mut out);
    events(c, &mut out);
    objectives(c, &mut out);
    endings(c, &mut out);
    out
}

/// Zones drawn on one spot, and links drawn through a zone.
fn map(c: &Compiled, out: &mut Vec<Warning>) {
    let zones = &c.scenario.zones;
    let at = |i: usize| zones[i].layout.map(|(x, y)| (i64::from(x), i64::from(y)));
    for j in 0..zones.len() {
        let Some(pj) = at(j) else { continue };
        if let Some(i) = (0..j).find(|&i| at(i) == Some(pj)) {
            out.push(warn(
                "same-position",
                &zones[j].id,
                format!("zones[{j}].layout"),
                format!(
                    "zones `{}` and `{}` are both drawn at ({}, {}): the map shows one on top of the \
                     other, so players cannot see or click the lower one; give `{}` a layout of its own",
                    zones[i].id, zones[j].id, pj.0, pj.1, zones[j].id
                ),
            ));
        }
    }
    for (a, za) in zones.iter().enumerate() {
        for (k, nb) in za.neighbours.iter().enumerate() {
            let Some(b) = zones.iter().position(|z| &z.id == nb) else {
                continue;
            };
            // Each link once, from its first end.
            let (Some(pa), Some(pb)) = (at(a), at(b)) else {
                continue;
            };
            if b < a {
                continue;
            }
            for (m, zm) in zones.iter().enumerate() {
                let Some(pm) = at(m) else { continue };
                if m == a || m == b || !passes_through(pa, pb, pm) {
                    continue;
                }
                out.push(warn(
                    "link-through-zone",
                    &format!("{}-{}", za.id, nb),
                    format!("zones[{a}].neighbours[{k}]"),
                    format!(
                        "the link `{}`–`{}` is drawn straight through zone `{}` at ({}, {}): on the \
                         map `{}` looks as if it lay on the way, which it does not (units move only \
                         along links); move `{}` or one end of the link",
                        za.id, nb, zm.id, pm.0, pm.1, zm.id, zm.id
                    ),
                ));
            }
        }
    }
}

/// Whether the segment `a`–`b` passes through the marker of a zone drawn at `m`: within 0.3 of a
/// layout unit of the line, between the two ends (integer arithmetic only).
fn passes_through(a: (i64, i64), b: (i64, i64), m: (i64, i64)) -> bool {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mx, my) = (m.0 - a.0, m.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let dot = mx * dx + my * dy;
    if len2 == 0 || dot <= 0 || dot >= len2 {
        return false;
    }
    let cross = mx * dy - my * dx;
    // distance = |cross| / len < 0.3  <=>  100 cross² < 9 len²
    100 * cross * cross < 9 * len2
}

fn points(n: u8) -> String {
    if n == 1 {
        "1 point".into()
    } else {
        format!("{n} points")
    }
}

/// Zones worth points that no side, or only one, can ever control.
fn zones(c: &Compiled, out: &mut Vec<Warning>) {
    let can = controllers(c);
    for (i, z) in c.zones.iter().enumerate() {
        let takers: Vec<&str> = c
            .scenario
            .sides
            .iter()
            .zip(&can[i])
            .filter(|(_, x)| **x)
            .map(|(s, _)| s.id.as_str())
            .collect();
        if z.value > 0 && takers.len() == 1 && c.side_count() > 1 {
            out.push(warn(
                "one-side-reach",
                &z.id,
                format!("zones[{i}].value"),
                format!(
                    "zone `{}` is worth {} and only `{}` can ever control it: no other \
                     side's `Ground` or `Amphibious` unit has a path to it through zones its type \
                     may enter, so its points decide the game before play; give another side a \
                     way in, or explain it if the zone is meant to be safe",
                    z.id,
                    points(z.value),
                    takers[0]
                ),
            ));
        }
        if z.value > 0 && takers.is_empty() {
            out.push(warn(
                "unreachable-zone",
                &z.id,
                format!("zones[{i}].value"),
                format!(
                    "zone `{}` is worth {} but no side can ever control it: it has no \
                     controller at the start and no `Ground` or `Amphibious` unit has a path to it \
                     through zones its type may enter; give a side a way in, or drop its value",
                    z.id,
                    points(z.value)
                ),
            ));
        }
    }
}

/// Thresholds that fire an event already scheduled by its own trigger.
fn thresholds(c: &Compiled, out: &mut Vec<Warning>) {
    for (t, tr) in c.tracks.iter().enumerate() {
        for (k, (at, label, ev)) in tr.thresholds.iter().enumerate() {
            let Some(e) = ev else { continue };
            let def = &c.events[e.index()];
            let trigger = match &def.when {
                When::Manual => continue,
                When::AtTurn(n) => format!("`AtTurn({n})`"),
                When::Cond(_) => "its own `When` condition".to_string(),
            };
            out.push(warn(
                "threshold-on-scheduled",
                &def.id,
                format!("tracks[{t}].thresholds[{k}].event"),
                format!(
                    "the threshold `{label}` ({} at {at}) fires event `{}`, which {trigger} also \
                     fires: it happens at whichever comes first, and the other does nothing; make \
                     the event `Manual` if the threshold should decide, or drop `event` here",
                    tr.id, def.id
                ),
            ));
        }
    }
}

/// Events that nothing can fire.
fn events(c: &Compiled, out: &mut Vec<Warning>) {
    for (i, e) in c.events.iter().enumerate() {
        if !unfireable(c, i) {
            continue;
        }
        let why = match e.when {
            When::Manual => "it is `Manual` and no track threshold names it, so only the umpire \
                             can fire it (`whitecell inject`): bots, `run` and `batch` never see it"
                .to_string(),
            _ => "its `When` condition can never hold".to_string(),
        };
        out.push(warn(
            "unfired-event",
            &e.id,
            format!("events[{i}].trigger"),
            format!(
                "event `{}` never fires on its own: {why}; if it is an umpire's inject on purpose, \
                 say so in a comment `// lint: unfired-event {}: why`, else give it a trigger or a \
                 threshold",
                e.id, e.id
            ),
        ));
    }
}

/// Objectives settled before the game is played.
fn objectives(c: &Compiled, out: &mut Vec<Warning>) {
    let can = controllers(c);
    for (s, objs) in c.objectives.iter().enumerate() {
        let side = &c.scenario.sides[s].id;
        for (k, o) in objs.iter().enumerate() {
            let path = format!("victory.objectives[\"{side}\"][{k}].when");
            let mut truth = at_end(c, &o.when);
            if let Cond::Controls(who, z) = &o.when
                && !can[z.index()][who.index()]
            {
                truth = Truth::Never;
            }
            let (code, what) = match truth {
                Truth::Always => (
                    "objective-always",
                    "always holds at the end of the last turn, whatever anyone does: its points are \
                     a gift",
                ),
                Truth::Never => (
                    "objective-never",
                    "can never hold at the end of the last turn: its points can never be scored",
                ),
                Truth::Open => continue,
            };
            out.push(warn(
                code,
                &format!("{side}[{k}]"),
                path,
                format!(
                    "`{side}`'s objective \"{}\" {what}; change its condition (objectives are \
                     scored after turn {})",
                    o.name, c.turns
                ),
            ));
        }
    }
}

/// Sudden deaths that can never happen, or happen at once.
fn endings(c: &Compiled, out: &mut Vec<Warning>) {
    for (i, sd) in c.scenario.victory.sudden_death.iter().enumerate() {
        let Some(def) = c.sudden_death.get(i) else {
            continue;
        };
        let (code, what) = match at_any_turn(c, &def.when) {
            Truth::Never => (
                "ending-never",
                "can never hold, so this ending can never happen",
            ),
            Truth::Always => (
                "ending-at-once",
                "holds from the start, so every game ends on the first turn",
            ),
            Truth::Open => continue,
        };
        out.push(warn(
            code,
            &sd.id,
            format!("victory.sudden_death[{i}].when"),
            format!("sudden death `{}` {what}; change its condition", sd.id),
        ));
    }
}
