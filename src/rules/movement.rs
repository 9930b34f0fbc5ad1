//! Movement: the shortest legal path within a unit's allowance, and where a move stops.

use super::board::Board;
use crate::model::{KindDef, SideId, ZoneId};
use std::collections::VecDeque;

/// The shortest path from `from` to `to` through zones `kind` may enter, at most `limit` steps, found
/// breadth-first with neighbours in id order (so ties always break the same way). The path lists the
/// zones entered, not `from`. `None` if there is none within the limit.
pub fn path(b: &Board, kind: &KindDef, from: ZoneId, to: ZoneId, limit: u8) -> Option<Vec<ZoneId>> {
    path_through(b, kind, from, to, limit, &|_| true)
}

/// Like [`path`], entering only zones for which `open` holds (a withdrawal avoids hostile zones).
pub fn path_through(
    b: &Board,
    kind: &KindDef,
    from: ZoneId,
    to: ZoneId,
    limit: u8,
    open: &dyn Fn(ZoneId) -> bool,
) -> Option<Vec<ZoneId>> {
    if from == to {
        return Some(Vec::new());
    }
    let zones = &b.c.zones;
    if !kind.can_enter(zones[to.index()].kind) {
        return None;
    }
    // Sparse search: only zones within `limit` steps are touched, so large maps cost nothing extra.
    let mut parent: Vec<(ZoneId, ZoneId)> = vec![(from, from)];
    let mut frontier = VecDeque::from([(from, 0u8)]);
    while let Some((z, d)) = frontier.pop_front() {
        if d == limit {
            continue;
        }
        for &n in &zones[z.index()].neighbours {
            if parent.iter().any(|(k, _)| *k == n)
                || !kind.can_enter(zones[n.index()].kind)
                || !open(n)
            {
                continue;
            }
            parent.push((n, z));
            if n == to {
                let mut out = vec![to];
                let mut cur = z;
                while cur != from {
                    out.push(cur);
                    cur = parent
                        .iter()
                        .find(|(k, _)| *k == cur)
                        .map(|(_, p)| *p)
                        .unwrap_or(from);
                }
                out.reverse();
                return Some(out);
            }
            frontier.push_back((n, d + 1));
        }
    }
    None
}

/// Every zone `kind` can reach from `from` within `limit` steps, with the distance, in id order.
pub fn reachable(b: &Board, kind: &KindDef, from: ZoneId, limit: u8) -> Vec<(ZoneId, u8)> {
    let zones = &b.c.zones;
    let mut seen: Vec<(ZoneId, u8)> = vec![(from, 0)];
    let mut frontier = VecDeque::from([(from, 0u8)]);
    while let Some((z, d)) = frontier.pop_front() {
        if d == limit {
            continue;
        }
        for &n in &zones[z.index()].neighbours {
            if seen.iter().any(|(k, _)| *k == n) || !kind.can_enter(zones[n.index()].kind) {
                continue;
            }
            seen.push((n, d + 1));
            frontier.push_back((n, d + 1));
        }
    }
    seen.retain(|(z, _)| *z != from);
    seen.sort();
    seen
}

/// Where a unit of `side` following `path` ends: it stops on entering a zone holding a hostile unit
/// (unless `disengaging`, as a withdrawal does). Returns the zones actually entered and the zone it
/// stopped in early, if it did.
pub fn walk(
    b: &Board,
    side: SideId,
    path: &[ZoneId],
    disengaging: bool,
) -> (Vec<ZoneId>, Option<ZoneId>) {
    let mut entered = Vec::with_capacity(path.len());
    for (i, &z) in path.iter().enumerate() {
        entered.push(z);
        if !disengaging && b.hostile_in(z, side) && i + 1 < path.len() {
            return (entered, Some(z));
        }
    }
    (entered, None)
}
