//! The reach table of a compiled scenario: for each way of moving and each zone, every zone a unit
//! can reach from it, with the number of moves and the zone it is entered from on the way — worked
//! out once per scenario, so that order checks, legal orders and movement look paths up instead of
//! searching the graph every time.
//!
//! A way of moving is the set of zone kinds a unit type may enter (its *class*); the table of a
//! class reaches as far as the largest movement allowance of its types. Each entry's parent is the
//! one a breadth-first search from the origin finds, taking neighbours in id order — the search
//! [`crate::rules::movement`] describes — so a path read from the table is the same path, whatever
//! the unit's own allowance (a search stopped after fewer moves finds the same parents).

use super::ids::{KindId, ZoneId};
use crate::scenario::ZoneKind;
use std::collections::VecDeque;

/// One zone reachable from an origin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reached {
    /// The zone.
    pub zone: ZoneId,
    /// Moves needed, from 1.
    pub dist: u8,
    /// The zone it is entered from on the shortest path (the origin for a neighbour).
    pub parent: ZoneId,
}

/// The bit of a zone kind in a class mask.
pub fn kind_bit(k: ZoneKind) -> u8 {
    1 << (k as u8)
}

#[derive(Debug, Clone)]
struct Class {
    mask: u8,
    radius: u8,
    /// Per origin zone, its entries' range in `entries` (`start[z]..start[z + 1]`).
    start: Vec<u32>,
    /// Entries of every origin, each origin's sorted by zone id.
    entries: Vec<Reached>,
}

/// The reach table of every class of a scenario.
#[derive(Debug, Clone, Default)]
pub struct Reach {
    /// Per unit type, its class.
    class_of: Vec<u16>,
    classes: Vec<Class>,
}

impl Reach {
    /// Builds the table for a zone graph (`neighbours` sorted by id, `kinds` per zone) and unit types
    /// given as (enter mask, movement allowance).
    pub fn new(neighbours: &[Vec<ZoneId>], kinds: &[ZoneKind], types: &[(u8, u8)]) -> Reach {
        let mut classes: Vec<Class> = Vec::new();
        let mut class_of = Vec::with_capacity(types.len());
        for &(mask, movement) in types {
            let k = match classes.iter().position(|c| c.mask == mask) {
                Some(k) => {
                    classes[k].radius = classes[k].radius.max(movement);
                    k
                }
                None => {
                    classes.push(Class {
                        mask,
                        radius: movement,
                        start: Vec::new(),
                        entries: Vec::new(),
                    });
                    classes.len() - 1
                }
            };
            class_of.push(k as u16);
        }
        for c in &mut classes {
            fill(c, neighbours, kinds);
        }
        Reach { class_of, classes }
    }

    /// Every zone a unit of type `kind` can reach from `from` within the class's radius, sorted by
    /// zone id; `from` itself is not listed.
    #[inline]
    pub fn from(&self, kind: KindId, from: ZoneId) -> &[Reached] {
        let c = &self.classes[usize::from(self.class_of[kind.index()])];
        let (a, b) = (c.start[from.index()], c.start[from.index() + 1]);
        &c.entries[a as usize..b as usize]
    }

    /// The entry of `to` from `from`, if a unit of type `kind` can reach it within `limit` moves.
    #[inline]
    pub fn find(&self, kind: KindId, from: ZoneId, to: ZoneId, limit: u8) -> Option<Reached> {
        let all = self.from(kind, from);
        all.binary_search_by_key(&to, |r| r.zone)
            .ok()
            .map(|i| all[i])
            .filter(|r| r.dist <= limit)
    }

    /// Writes the shortest path from `from` to `to` (the zones entered, ending with `to`) into
    /// `out`, if a unit of type `kind` can reach `to` within `limit` moves. `out` is cleared first.
    pub fn path(
        &self,
        kind: KindId,
        from: ZoneId,
        to: ZoneId,
        limit: u8,
        out: &mut Vec<ZoneId>,
    ) -> bool {
        out.clear();
        let Some(mut r) = self.find(kind, from, to, limit) else {
            return false;
        };
        let all = self.from(kind, from);
        loop {
            out.push(r.zone);
            if r.parent == from {
                break;
            }
            match all.binary_search_by_key(&r.parent, |x| x.zone) {
                Ok(i) => r = all[i],
                Err(_) => unreachable!("a parent is always in the table"),
            }
        }
        out.reverse();
        true
    }
}

/// Breadth-first search from every zone, up to the class's radius.
fn fill(c: &mut Class, neighbours: &[Vec<ZoneId>], kinds: &[ZoneKind]) {
    let n = neighbours.len();
    let mut mark = vec![u32::MAX; n];
    let mut queue = VecDeque::new();
    let mut found: Vec<Reached> = Vec::new();
    c.start = Vec::with_capacity(n + 1);
    c.start.push(0);
    for origin in 0..n {
        found.clear();
        mark[origin] = origin as u32;
        queue.clear();
        queue.push_back((ZoneId(origin as u32), 0u8));
        while let Some((z, d)) = queue.pop_front() {
            if d == c.radius {
                continue;
            }
            for &nb in &neighbours[z.index()] {
                if mark[nb.index()] == origin as u32 || kind_bit(kinds[nb.index()]) & c.mask == 0 {
                    continue;
                }
                mark[nb.index()] = origin as u32;
                found.push(Reached {
                    zone: nb,
                    dist: d + 1,
                    parent: z,
                });
                queue.push_back((nb, d + 1));
            }
        }
        found.sort_unstable_by_key(|r| r.zone);
        c.entries.extend_from_slice(&found);
        c.start.push(c.entries.len() as u32);
    }
}
