//! Checks of a ruleset on its own: the combat results table's columns rise left to right, and no
//! terrain, posture or readiness modifier is listed twice.

use super::Problem;
use crate::scenario::schema::Ruleset;
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
