//! Movement: the shortest legal path within a unit's allowance, and where a move stops.
//!
//! A path is the one a breadth-first search from the unit's zone finds, taking neighbours in id
//! order (so ties always break the same way), entering only zones the unit's type may enter, at
//! most `limit` moves. Plain paths are read from the scenario's reach table
//! ([`crate::model::reach`]); a withdrawal, which must also avoid zones holding hostile units,
//! searches with [`Search`], which keeps its buffers between searches.

use super::board::Board;
use crate::model::{KindId, SideId, ZoneId};

/// The shortest path from `from` to `to` for a unit of type `kind` within `limit` moves: the zones
/// entered, not `from`. `None` if there is none.
pub fn path(b: &Board, kind: KindId, from: ZoneId, to: ZoneId, limit: u8) -> Option<Vec<ZoneId>> {
    let mut out = Vec::new();
    if from == to {
        return Some(out);
    }
    b.c.reach
        .path(kind, from, to, limit, &mut out)
        .then_some(out)
}

/// Every zone a unit of type `kind` can reach from `from` within `limit` moves, with the moves it
/// takes, in id order.
pub fn reachable(b: &Board, kind: KindId, from: ZoneId, limit: u8) -> Vec<(ZoneId, u8)> {
    b.c.reach
        .from(kind, from)
        .iter()
        .filter(|r| r.dist <= limit)
        .map(|r| (r.zone, r.dist))
        .collect()
}

/// A breadth-first search over the zone graph that keeps its buffers: for paths that must avoid
/// some zones.
#[derive(Debug, Clone, Default)]
pub struct Search {
    stamp: u32,
    mark: Vec<u32>,
    parent: Vec<ZoneId>,
    queue: Vec<(ZoneId, u8)>,
}

impl Search {
    /// Searches from `from` for a unit of type `kind`, at most `limit` moves, entering only zones for
    /// which `open` holds; afterwards [`Search::reached`] tells which zones it found. Stops early
    /// when it finds `stop`.
    fn run(
        &mut self,
        b: &Board,
        kind: KindId,
        from: ZoneId,
        limit: u8,
        open: &dyn Fn(ZoneId) -> bool,
        stop: Option<ZoneId>,
    ) {
        let zones = &b.c.zones;
        let k = &b.c.kinds[kind.index()];
        if self.mark.len() != zones.len() {
            self.mark = vec![0; zones.len()];
            self.parent = vec![ZoneId(0); zones.len()];
            self.stamp = 0;
        }
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.mark.iter_mut().for_each(|m| *m = 0);
            self.stamp = 1;
        }
        self.queue.clear();
        self.queue.push((from, 0));
        self.mark[from.index()] = self.stamp;
        let mut head = 0;
        while head < self.queue.len() {
            let (z, d) = self.queue[head];
            head += 1;
            if d == limit {
                continue;
            }
            for &n in &zones[z.index()].neighbours {
                if self.mark[n.index()] == self.stamp
                    || !k.can_enter(zones[n.index()].kind)
                    || !open(n)
                {
                    continue;
                }
                self.mark[n.index()] = self.stamp;
                self.parent[n.index()] = z;
                if Some(n) == stop {
                    return;
                }
                self.queue.push((n, d + 1));
            }
        }
    }

    /// Marks every zone reachable from `from` through open zones (see [`Search::reached`]).
    pub fn reach_all(
        &mut self,
        b: &Board,
        kind: KindId,
        from: ZoneId,
        limit: u8,
        open: &dyn Fn(ZoneId) -> bool,
    ) {
        self.run(b, kind, from, limit, open, None);
    }

    /// Whether the last search reached `z` (the origin counts as reached).
    pub fn reached(&self, z: ZoneId) -> bool {
        self.mark.get(z.index()) == Some(&self.stamp)
    }

    /// Whether [`Search::path_through`] would find a path, without writing it.
    pub fn can_reach(
        &mut self,
        b: &Board,
        kind: KindId,
        from: ZoneId,
        to: ZoneId,
        limit: u8,
        open: &dyn Fn(ZoneId) -> bool,
    ) -> bool {
        if from == to {
            return true;
        }
        if !b.c.kinds[kind.index()].can_enter(b.c.zones[to.index()].kind) {
            return false;
        }
        self.run(b, kind, from, limit, open, Some(to));
        self.reached(to)
    }

    /// Like [`path`], entering only zones for which `open` holds; the path goes into `out`.
    #[allow(clippy::too_many_arguments)]
    pub fn path_through(
        &mut self,
        b: &Board,
        kind: KindId,
        from: ZoneId,
        to: ZoneId,
        limit: u8,
        open: &dyn Fn(ZoneId) -> bool,
        out: &mut Vec<ZoneId>,
    ) -> bool {
        out.clear();
        if from == to {
            return true;
        }
        if !b.c.kinds[kind.index()].can_enter(b.c.zones[to.index()].kind) {
            return false;
        }
        self.run(b, kind, from, limit, open, Some(to));
        if !self.reached(to) {
            return false;
        }
        let mut cur = to;
        while cur != from {
            out.push(cur);
            cur = self.parent[cur.index()];
        }
        out.reverse();
        true
    }
}

/// Where a unit of `side` following `path` ends: it stops on entering a zone holding a hostile unit
/// (unless `disengaging`, as a withdrawal does). Returns how many zones of the path it enters, and
/// whether it stopped early.
pub fn walk(b: &Board, side: SideId, path: &[ZoneId], disengaging: bool) -> (usize, bool) {
    for (i, &z) in path.iter().enumerate() {
        if !disengaging && b.hostile_in(z, side) && i + 1 < path.len() {
            return (i + 1, true);
        }
    }
    (path.len(), false)
}
