//! Supply: which zones are connected to a side's supply sources.

use super::board::Board;
use crate::model::SideId;
use std::collections::VecDeque;

/// Per zone, whether `side` can draw supply there: a path of zones not controlled by a side hostile
/// to it leads to one of its supply sources. A side with no supply source in the scenario is always
/// in supply (the scenario does not model its logistics).
pub fn supplied_zones(b: &Board, side: SideId) -> Vec<bool> {
    let zones = &b.c.zones;
    let open = |i: usize| b.control[i].is_none_or(|o| !b.relations.hostile(o, side));
    let sources: Vec<usize> = (0..zones.len())
        .filter(|&i| zones[i].supply == Some(side))
        .collect();
    if sources.is_empty() {
        return vec![true; zones.len()];
    }
    let mut ok = vec![false; zones.len()];
    let mut q = VecDeque::new();
    for i in sources {
        if open(i) {
            ok[i] = true;
            q.push_back(i);
        }
    }
    while let Some(i) = q.pop_front() {
        for n in &zones[i].neighbours {
            let n = n.index();
            if !ok[n] && open(n) {
                ok[n] = true;
                q.push_back(n);
            }
        }
    }
    ok
}
