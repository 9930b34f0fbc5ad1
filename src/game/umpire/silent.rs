//! The white cell's desk before an adjudication: who will play each side that sent no orders (the
//! `--missing` choice, else the scenario's per-side `missing`, else hold), and a look ahead at what
//! those bots are about to order, so the umpire is warned before a bot fires on a side it is not at
//! war with.

use crate::game::store::folder::Game;
use crate::orders::Command;
use crate::policy::PolicySpec;
use crate::scenario::{Missing, Relation, Side};
use std::collections::BTreeMap;

/// The policy that plays `side` if it sends no orders: `flag` (the command line's `--missing`), else
/// the scenario's `missing` for the side, else hold. `Policy` means the side's bot (else `random`).
pub fn filler(side: &Side, flag: Option<Missing>) -> String {
    match flag.or(side.missing).unwrap_or(Missing::Hold) {
        Missing::Hold => "hold".into(),
        Missing::Policy => side.policy.clone().unwrap_or_else(|| "random".into()),
    }
}

/// Where `filler`'s choice comes from, in words, for `status`.
pub fn filler_reason(side: &Side) -> &'static str {
    if side.missing.is_some() {
        "the scenario's `missing` for this side"
    } else {
        "the default"
    }
}

/// For each side with no orders in, the policy that will play it.
pub fn fill(g: &Game, flag: Option<Missing>) -> BTreeMap<String, String> {
    g.c.scenario
        .sides
        .iter()
        .filter(|s| !g.pending.contains_key(&s.id))
        .map(|s| (s.id.clone(), filler(s, flag)))
        .collect()
}

/// What the bots in `filled` are about to do that the umpire should hear of first: every
/// engagement of a side they are not at war with, and what it would cause.
pub fn bot_warnings(g: &mut Game, filled: &BTreeMap<String, String>) -> Vec<String> {
    let c = g.c.clone();
    let state = g.engine.state();
    let dice = g.engine.dice().clone();
    let mut out = Vec::new();
    for side in c.side_ids() {
        let name = c.side_name(side);
        let Some(spec) = filled.get(name) else {
            continue;
        };
        let Ok(p) = PolicySpec::parse(spec) else {
            continue;
        };
        for o in p.orders(&c, &state, side, &dice).orders {
            let Command::Engage(z, t) = o.command else {
                continue;
            };
            if state.relations.get(side, t) != Relation::Neutral {
                continue;
            }
            let up = c
                .escalation
                .as_ref()
                .map(|e| {
                    format!(
                        " and {} moves {:+}",
                        c.tracks[e.track.index()].name,
                        e.table.engage_neutral
                    )
                })
                .unwrap_or_default();
            out.push(format!(
                "the `{spec}` bot playing {name} is about to engage {} in {} with {}, though {name} is not at war with them: if it fights, the relation turns hostile{up}",
                c.side_name(t),
                c.zone_name(z),
                c.unit_name(o.unit)
            ));
        }
    }
    out
}
