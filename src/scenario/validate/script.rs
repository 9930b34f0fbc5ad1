//! Checks of the scripted parts of a scenario: the references in conditions and effects, that
//! nothing is scored or fired twice by a repeated entry, and that every zone worth points can be
//! reached.

use super::Ctx;
use crate::scenario::load::Partial;
use crate::scenario::schema::*;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

pub(super) fn check_condition(c: &mut Ctx, cond: &Condition, p: String) {
    match cond {
        Condition::TrackAtLeast(t, _) | Condition::TrackAtMost(t, _) => {
            c.known("track", t, format!("{p}[0]"))
        }
        Condition::Controls(side, zone) => {
            c.known("side", side, format!("{p}[0]"));
            c.known("zone", zone, format!("{p}[1]"));
        }
        Condition::TurnAtLeast(_) => {}
        Condition::RelationIs(a, b, _) => {
            c.known("side", a, format!("{p}[0]"));
            c.known("side", b, format!("{p}[1]"));
        }
        Condition::StepsLostAtLeast(side, _) => c.known("side", side, format!("{p}[0]")),
        Condition::Fired(e) => c.known("event", e, format!("{p}[0]")),
        Condition::All(v) | Condition::Any(v) => {
            for (k, x) in v.iter().enumerate() {
                check_condition(c, x, format!("{p}[0][{k}]"));
            }
        }
        Condition::Not(x) => check_condition(c, x, format!("{p}[0]")),
    }
}

/// A track's thresholds: one a value (two at the same value would fire twice, or shadow each other).
pub(super) fn check_thresholds(c: &mut Ctx, t: &Track, p: &str) {
    for (k, th) in t.thresholds.iter().enumerate() {
        if let Some(j) = t.thresholds[..k].iter().position(|x| x.at == th.at) {
            c.err(
                format!("{p}.thresholds[{k}].at"),
                format!(
                    "a second threshold at {} (thresholds[{j}] is at {} too): give each value one threshold",
                    th.at, th.at
                ),
            );
        }
    }
}

/// A side's objectives: a repeated one (the same condition, or the same name) would count its points
/// twice, or leave the score unreadable.
pub(super) fn check_objectives(c: &mut Ctx, side: &str, objs: &[Objective]) {
    for (k, o) in objs.iter().enumerate() {
        let p = format!("victory.objectives[\"{side}\"][{k}]");
        if let Some(j) = objs[..k].iter().position(|x| x.when == o.when) {
            c.err(
                format!("{p}.when"),
                format!(
                    "this objective's condition is objective {j}'s too: its points would count twice; give each objective once"
                ),
            );
        } else if let Some(j) = objs[..k].iter().position(|x| x.name == o.name) {
            c.err(
                format!("{p}.name"),
                format!(
                    "objective {j} has this name too (`{}`): give each objective its own name",
                    o.name
                ),
            );
        }
    }
}

pub(super) fn check_effect(c: &mut Ctx, fx: &Effect, p: String) {
    match fx {
        Effect::AdjustTrack(t, _) | Effect::SetTrack(t, _) => {
            c.known("track", t, format!("{p}[0]"))
        }
        Effect::SetRelation(a, b, _) => {
            c.known("side", a, format!("{p}[0]"));
            c.known("side", b, format!("{p}[1]"));
            if a == b {
                c.err(p, format!("a side has no relation with itself (`{a}`)"));
            }
        }
        Effect::AddUnit(_) => {} // checked with the units
        Effect::RemoveUnit(u) => c.known("unit", u, format!("{p}[0]")),
        Effect::SetControl(z, side) => {
            c.known("zone", z, format!("{p}[0]"));
            if let Some(side) = side {
                c.known("side", side, format!("{p}[1]"));
            }
        }
        Effect::Message(to, _) => {
            for (k, side) in to.iter().enumerate() {
                c.known("side", side, format!("{p}[0][{k}]"));
            }
        }
    }
}

/// Every zone that scores (a value, or a `Controls` objective) must be reachable from some unit.
pub(super) fn check_reachable(c: &mut Ctx, s: &Partial, v: &Victory) {
    if s.zones.is_empty() {
        return;
    }
    let mut reached: BTreeSet<&str> = BTreeSet::new();
    let mut queue: VecDeque<&str> = s
        .units
        .iter()
        .map(|(_, u)| u.zone.as_str())
        .filter(|z| c.zones.contains_key(z))
        .collect();
    reached.extend(queue.iter().copied());
    while let Some(z) = queue.pop_front() {
        for n in &c.zones[z].neighbours {
            if c.zones.contains_key(n.as_str()) && reached.insert(n.as_str()) {
                queue.push_back(n.as_str());
            }
        }
    }
    let mut wanted: BTreeMap<&str, String> = BTreeMap::new();
    for (i, z) in s.zones.iter().enumerate() {
        if z.value > 0 {
            wanted.insert(z.id.as_str(), format!("zones[{i}]"));
        }
    }
    for (side, objs) in &v.objectives {
        for (k, o) in objs.iter().enumerate() {
            let mut zs = Vec::new();
            controls_zones(&o.when, &mut zs);
            for z in zs {
                wanted
                    .entry(z)
                    .or_insert_with(|| format!("victory.objectives[\"{side}\"][{k}].when"));
            }
        }
    }
    if s.units.is_empty() {
        return;
    }
    for (z, p) in wanted {
        if c.zones.contains_key(z) && !reached.contains(z) {
            c.err(p, format!("victory zone `{z}` cannot be reached from any unit: the map is disconnected; link it with `neighbours`"));
        }
    }
}

fn controls_zones<'a>(cond: &'a Condition, out: &mut Vec<&'a str>) {
    match cond {
        Condition::Controls(_, z) => out.push(z),
        Condition::All(v) | Condition::Any(v) => v.iter().for_each(|x| controls_zones(x, out)),
        Condition::Not(x) => controls_zones(x, out),
        _ => {}
    }
}
