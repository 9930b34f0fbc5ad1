//! Checks of a ruleset on its own: the combat results table's columns rise left to right, and no
//! terrain, posture or readiness modifier is listed twice.

use super::Problem;
use crate::scenario::schema::{CombatResult, Ruleset};
use std::collections::BTreeSet;

/// Problems with a ruleset on its own.
pub fn check_ruleset(r: &Ruleset) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut err = |path: String, message: String| out.push(Problem { path, message });
    if r.format != 1 {
        err(
            "format".into(),
            format!(
                "unsupported ruleset format {}: this build reads format 1",
                r.format
            ),
        );
    }
    if r.crt.is_empty() {
        err(
            "crt".into(),
            "the combat results table needs at least one column".into(),
        );
    }
    for (i, col) in r.crt.iter().enumerate() {
        let (a, d) = col.at_least;
        if a == 0 || d == 0 {
            err(
                format!("crt[{i}].at_least"),
                format!("ratio ({a}, {d}) needs both numbers above zero"),
            );
        }
        if i > 0 {
            let (pa, pd) = r.crt[i - 1].at_least;
            // a/d must grow strictly: a*pd > pa*d.
            if u64::from(a) * u64::from(pd) <= u64::from(pa) * u64::from(d) {
                err(
                    format!("crt[{i}].at_least"),
                    format!(
                        "odds columns must rise left to right: ({a}, {d}) is not above ({pa}, {pd})"
                    ),
                );
            }
        }
    }
    for (i, col) in r.crt.iter().enumerate() {
        let (a, d) = col.at_least;
        if a > 100 || d > 100 {
            err(
                format!("crt[{i}].at_least"),
                format!("ratio ({a}, {d}): keep odds ratios small, at most 100"),
            );
        }
        for (k, res) in col.results.iter().enumerate() {
            if let Some(n) = losses(*res)
                && !(1..=10).contains(&n)
            {
                err(
                    format!("crt[{i}].results[{k}]"),
                    format!("{n} step(s): a result's losses are 1..=10 (write NoEffect for none)"),
                );
            }
        }
    }
    let mut range = |path: String, what: &str, v: i32, lo: i32, hi: i32| {
        if v < lo || v > hi {
            err(
                path,
                format!("{what} {v} is out of range {lo}..={hi}: modifiers are small play values"),
            );
        }
    };
    for (i, t) in r.terrain.iter().enumerate() {
        range(format!("terrain[{i}].shift"), "shift", t.shift, -10, 10);
    }
    for (i, p) in r.posture.iter().enumerate() {
        range(format!("posture[{i}].attack"), "attack", p.attack, -10, 10);
        range(
            format!("posture[{i}].defence"),
            "defence",
            p.defence,
            -10,
            10,
        );
        range(
            format!("posture[{i}].detection"),
            "detection",
            p.detection,
            -10,
            10,
        );
    }
    for (i, p) in r.readiness.iter().enumerate() {
        range(
            format!("readiness[{i}].factor"),
            "factor",
            p.factor,
            -10,
            10,
        );
    }
    range(
        "detection.target".into(),
        "target",
        r.detection.target,
        1,
        20,
    );
    range(
        "detection.adjacent".into(),
        "adjacent",
        r.detection.adjacent,
        -10,
        0,
    );
    let mut kinds = BTreeSet::new();
    for (i, t) in r.terrain.iter().enumerate() {
        if !kinds.insert(t.kind) {
            err(
                format!("terrain[{i}].kind"),
                format!("terrain {:?} is listed twice", t.kind),
            );
        }
    }
    let mut postures = BTreeSet::new();
    for (i, p) in r.posture.iter().enumerate() {
        if !postures.insert(p.posture) {
            err(
                format!("posture[{i}].posture"),
                format!("posture {:?} is listed twice", p.posture),
            );
        }
    }
    let mut levels = BTreeSet::new();
    for (i, p) in r.readiness.iter().enumerate() {
        if !levels.insert(p.readiness) {
            err(
                format!("readiness[{i}].readiness"),
                format!("readiness {:?} is listed twice", p.readiness),
            );
        }
    }
    out
}

fn losses(r: CombatResult) -> Option<u8> {
    match r {
        CombatResult::AttackerLoses(n)
        | CombatResult::DefenderLoses(n)
        | CombatResult::Exchange(n)
        | CombatResult::DefenderLosesRetreats(n) => Some(n),
        CombatResult::NoEffect | CombatResult::DefenderRetreats => None,
    }
}
