//! Victory: points at the end (zones held plus objectives met), and the winner.

use super::conditions::{Facts, holds};
use crate::model::Compiled;

/// Points per side: the value of every zone it controls plus each objective it meets.
pub fn scores(c: &Compiled, f: &Facts) -> Vec<u32> {
    let mut s = Vec::new();
    scores_into(c, f, &mut s);
    s
}

/// Appends [`scores`] to `out`, one entry per side.
pub fn scores_into(c: &Compiled, f: &Facts, out: &mut Vec<u32>) {
    let base = out.len();
    out.resize(base + c.side_count(), 0);
    let s = &mut out[base..];
    for (z, owner) in f.control.iter().enumerate() {
        if let Some(o) = owner {
            s[o.index()] += u32::from(c.zones[z].value);
        }
    }
    for (side, objs) in c.objectives.iter().enumerate() {
        s[side] += objs
            .iter()
            .filter(|o| holds(&o.when, f))
            .map(|o| o.points)
            .sum::<u32>();
    }
}

/// The side with the most points, or `None` on a tie for first.
pub fn winner(scores: &[u32]) -> Option<usize> {
    let best = *scores.iter().max()?;
    let mut top = scores.iter().enumerate().filter(|(_, s)| **s == best);
    let first = top.next()?.0;
    top.next().is_none().then_some(first)
}
