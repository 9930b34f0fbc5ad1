//! Supply: which zones are connected to a side's supply sources.

use super::board::Board;
use crate::model::SideId;

/// Per zone, whether `side` can draw supply there: a path of zones not controlled by a side hostile
/// to it leads to one of its supply sources. A side with no supply source in the scenario is always
/// in supply (the scenario does not model its logistics).
pub fn supplied_zones(b: &Board, side: SideId) -> Vec<bool> {
    let mut out = Vec::new();
    supplied_into(b, side, &mut out, &mut Vec::new());
    out
}

/// Appends [`supplied_zones`] of `side` to `out` (one flag per zone), with `queue` as scratch.
pub fn supplied_into(b: &Board, side: SideId, out: &mut Vec<bool>, queue: &mut Vec<usize>) {
    let zones = &b.c.zones;
    let base = out.len();
    let open = |i: usize| b.control[i].is_none_or(|o| !b.relations.hostile(o, side));
    if !zones.iter().any(|z| z.supply == Some(side)) {
        out.resize(base + zones.len(), true);
        return;
    }
    out.resize(base + zones.len(), false);
    let ok = &mut out[base..];
    queue.clear();
    for (i, z) in zones.iter().enumerate() {
        if z.supply == Some(side) && open(i) {
            ok[i] = true;
            queue.push(i);
        }
    }
    let mut head = 0;
    while head < queue.len() {
        let i = queue[head];
        head += 1;
        for n in &zones[i].neighbours {
            let n = n.index();
            if !ok[n] && open(n) {
                ok[n] = true;
                queue.push(n);
            }
        }
    }
}
