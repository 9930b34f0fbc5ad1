//! Plain game state, free of the ECS: what rules, order checks, policies, views and the state hash
//! read. The ECS world is the authority during a turn; [`State`] is its sorted snapshot.

use super::ids::*;
use crate::scenario::{Posture, Readiness, Relation};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One unit on the map.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitState {
    /// Stable id.
    pub id: UnitId,
    /// Owner.
    pub side: SideId,
    /// Type.
    pub kind: KindId,
    /// Where it is.
    pub zone: ZoneId,
    /// Steps, 1..=10.
    pub strength: u8,
    /// How worn.
    pub readiness: Readiness,
    /// Stance.
    pub posture: Posture,
}

/// Whether a side has detected a unit this turn: what a policy's picture of the game asks.
pub trait Sees {
    /// `side` detected `unit` this turn.
    fn sees(&self, side: SideId, unit: UnitId) -> bool;

    /// The same for every unit id at once, if it is kept that way (one flag per unit id).
    fn row(&self, _side: SideId) -> Option<&[bool]> {
        None
    }
}

impl Sees for Intel {
    fn sees(&self, side: SideId, unit: UnitId) -> bool {
        Intel::sees(self, side, unit)
    }
}

/// Relations between every pair of sides, symmetric.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Relations {
    n: usize,
    cells: Vec<Relation>,
    /// Per side, the sides hostile to it as a bit mask, kept while there are at most 64 sides (and
    /// worked out again by [`Relations::hostile_mask`] after reading relations back).
    #[serde(skip)]
    hostile: Vec<u64>,
    /// Per side, the sides allied to it (itself included) as a bit mask, kept as `hostile` is.
    #[serde(skip)]
    allied: Vec<u64>,
}

impl PartialEq for Relations {
    fn eq(&self, other: &Self) -> bool {
        self.n == other.n && self.cells == other.cells
    }
}

impl Eq for Relations {}

impl Relations {
    /// All pairs `Neutral`.
    pub fn new(n: usize) -> Self {
        Relations {
            n,
            cells: vec![Relation::Neutral; n * n],
            hostile: if n <= 64 { vec![0; n] } else { Vec::new() },
            allied: if n <= 64 {
                (0..n).map(|a| 1 << a).collect()
            } else {
                Vec::new()
            },
        }
    }

    /// Becomes a copy of `other`, keeping this one's buffer.
    pub fn copy_from(&mut self, other: &Relations) {
        self.n = other.n;
        self.cells.clear();
        self.cells.extend_from_slice(&other.cells);
        self.hostile.clear();
        self.allied.clear();
        if self.n <= 64 {
            if other.hostile.len() == other.n && other.allied.len() == other.n {
                self.hostile.extend_from_slice(&other.hostile);
                self.allied.extend_from_slice(&other.allied);
            } else {
                let sides = (0..self.n).map(|a| SideId(a as u16));
                self.hostile
                    .extend(sides.clone().map(|a| other.hostile_mask(a).unwrap_or(0)));
                self.allied
                    .extend(sides.map(|a| other.allied_mask(a).unwrap_or(0)));
            }
        }
    }

    /// The sides hostile to `side` as a bit mask (bit `b` for side `b`), when there are at most 64.
    #[inline]
    pub fn hostile_mask(&self, side: SideId) -> Option<u64> {
        self.mask(&self.hostile, side, Relation::Hostile)
    }

    /// The sides allied to `side` (itself included) as a bit mask, when there are at most 64.
    #[inline]
    pub fn allied_mask(&self, side: SideId) -> Option<u64> {
        self.mask(&self.allied, side, Relation::Allied)
    }

    /// `side`'s row of `kept` (the masks of the sides standing in `r` to each side), or worked out
    /// from the table when the masks are not kept (after reading relations back).
    #[inline]
    fn mask(&self, kept: &[u64], side: SideId, r: Relation) -> Option<u64> {
        if self.n > 64 {
            return None;
        }
        if kept.len() == self.n
            && let Some(m) = kept.get(side.index())
        {
            return Some(*m);
        }
        Some((0..self.n).fold(0, |m, b| {
            m | (u64::from(self.get(side, SideId(b as u16)) == r) << b)
        }))
    }

    /// How `a` and `b` stand; a side is `Allied` with itself.
    #[inline]
    pub fn get(&self, a: SideId, b: SideId) -> Relation {
        if a == b {
            Relation::Allied
        } else {
            self.cells[a.index() * self.n + b.index()]
        }
    }

    /// Sets the relation both ways.
    pub fn set(&mut self, a: SideId, b: SideId, r: Relation) {
        if a != b {
            self.cells[a.index() * self.n + b.index()] = r;
            self.cells[b.index() * self.n + a.index()] = r;
            if self.hostile.len() == self.n && self.n <= 64 {
                let on = r == Relation::Hostile;
                for (x, y) in [(a, b), (b, a)] {
                    let m = &mut self.hostile[x.index()];
                    *m = (*m & !(1 << y.0)) | (u64::from(on) << y.0);
                }
            }
            if self.allied.len() == self.n && self.n <= 64 {
                let on = r == Relation::Allied;
                for (x, y) in [(a, b), (b, a)] {
                    let m = &mut self.allied[x.index()];
                    *m = (*m & !(1 << y.0)) | (u64::from(on) << y.0);
                }
            }
        }
    }

    /// Number of sides.
    pub fn len(&self) -> usize {
        self.n
    }

    /// No sides at all.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// `a` and `b` are at war.
    #[inline]
    pub fn hostile(&self, a: SideId, b: SideId) -> bool {
        self.get(a, b) == Relation::Hostile
    }
}

impl Default for Relations {
    fn default() -> Self {
        Relations::new(0)
    }
}

/// Where a side last saw an enemy unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sighting {
    /// The zone it was in.
    pub zone: ZoneId,
    /// The turn it was seen.
    pub turn: u32,
    /// Its strength then.
    pub strength: u8,
}

/// What each side knows of other sides' units.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Intel {
    /// Per side: units detected in this turn's detection phase.
    pub current: Vec<Vec<UnitId>>,
    /// Per side: the last sighting of every unit it has ever detected.
    pub last_seen: Vec<BTreeMap<UnitId, Sighting>>,
}

impl Intel {
    /// Empty intel for `n` sides.
    pub fn new(n: usize) -> Self {
        Intel {
            current: vec![Vec::new(); n],
            last_seen: vec![BTreeMap::new(); n],
        }
    }

    /// `side` detected `unit` this turn.
    #[inline]
    pub fn sees(&self, side: SideId, unit: UnitId) -> bool {
        self.current[side.index()].binary_search(&unit).is_ok()
    }
}

/// A message delivered to sides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// The turn it came.
    pub turn: u32,
    /// Who it is for.
    pub to: Vec<SideId>,
    /// Who sent it: a side, or the scenario / white cell.
    pub from: String,
    /// What it says.
    pub text: String,
}

/// How the game ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// A sudden-death condition: `winner` wins, or every side loses.
    SuddenDeath {
        /// Its id.
        id: String,
        /// The winning side, if any.
        winner: Option<String>,
        /// What happened.
        text: String,
    },
    /// The last turn was played; the side with most points wins.
    Points {
        /// The winner, or none on a tie.
        winner: Option<String>,
        /// Points per side, in side order.
        scores: Vec<(String, u32)>,
    },
}

impl Outcome {
    /// The winning side's id, if any.
    pub fn winner(&self) -> Option<&str> {
        match self {
            Outcome::SuddenDeath { winner, .. } | Outcome::Points { winner, .. } => {
                winner.as_deref()
            }
        }
    }

    /// A one-line account.
    pub fn summary(&self) -> String {
        match self {
            Outcome::SuddenDeath {
                id,
                winner: None,
                text,
            } => format!("sudden death ({id}): {text} Every side loses."),
            Outcome::SuddenDeath {
                id,
                winner: Some(w),
                text,
            } => format!("sudden death ({id}): {text} {w} wins."),
            Outcome::Points { winner, scores } => {
                let s: Vec<String> = scores.iter().map(|(s, p)| format!("{s} {p}")).collect();
                match winner {
                    Some(w) => format!("{w} wins on points ({})", s.join(", ")),
                    None => format!("draw on points ({})", s.join(", ")),
                }
            }
        }
    }
}

/// The whole state of a game at the end of a phase, sorted and plain: what is hashed, shown and saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    /// The turn last begun (0 before the first).
    pub turn: u32,
    /// Units on the map, sorted by id.
    pub units: Vec<UnitState>,
    /// Control per zone.
    pub control: Vec<Option<SideId>>,
    /// Relations.
    pub relations: Relations,
    /// Track values.
    pub tracks: Vec<i32>,
    /// Per track, per threshold, reached yet.
    pub reached: Vec<Vec<bool>>,
    /// Per event, fired yet.
    pub fired: Vec<bool>,
    /// Per side, steps lost.
    pub steps_lost: Vec<u32>,
    /// What each side has detected.
    pub intel: Intel,
    /// Messages delivered.
    pub messages: Vec<Message>,
    /// The end, once reached.
    pub outcome: Option<Outcome>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The masks worked out from the table alone, as a `Relations` read back from a file has them.
    fn slow(r: &Relations, side: SideId, want: Relation) -> u64 {
        (0..r.len()).fold(0, |m, b| {
            m | (u64::from(r.get(side, SideId(b as u16)) == want) << b)
        })
    }

    fn agree(r: &Relations) {
        for a in 0..r.len() {
            let a = SideId(a as u16);
            assert_eq!(r.hostile_mask(a), Some(slow(r, a, Relation::Hostile)));
            assert_eq!(r.allied_mask(a), Some(slow(r, a, Relation::Allied)));
        }
    }

    #[test]
    fn the_kept_masks_follow_the_table_through_every_change_and_copy() {
        let kinds = [Relation::Allied, Relation::Neutral, Relation::Hostile];
        let mut r = Relations::new(7);
        agree(&r);
        // A fixed walk through every pair and kind, several times over.
        for step in 0..200u32 {
            let (a, b) = ((step * 5 % 7) as u16, (step * 3 % 7) as u16);
            r.set(SideId(a), SideId(b), kinds[(step % 3) as usize]);
            agree(&r);
            let mut copy = Relations::new(2);
            copy.copy_from(&r);
            assert_eq!(copy, r);
            agree(&copy);
        }
        // Read back (the masks are not saved): worked out again, and copies of it keep them.
        let back: Relations = ron::from_str(&ron::to_string(&r).unwrap()).unwrap();
        agree(&back);
        let mut copy = Relations::new(0);
        copy.copy_from(&back);
        agree(&copy);
        copy.set(SideId(0), SideId(6), Relation::Allied);
        agree(&copy);
    }

    #[test]
    fn more_than_64_sides_have_no_masks() {
        let r = Relations::new(65);
        assert_eq!(r.hostile_mask(SideId(0)), None);
        assert_eq!(r.allied_mask(SideId(64)), None);
    }
}
