//! The ruleset's modifiers as lookup tables: the first entry for each readiness level, posture and
//! zone kind, as the rules read them (a later entry for the same key is never used), so the hot loop
//! indexes an array instead of searching the ruleset's lists.

use crate::scenario::{Posture, Readiness, Ruleset, ZoneKind};

/// Modifier tables of a ruleset.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleTables {
    readiness: [i32; 3],
    posture_attack: [i32; 4],
    posture_defence: [i32; 4],
    posture_detection: [i32; 4],
    terrain: [i32; 6],
}

const READINESS: [Readiness; 3] = [Readiness::Fresh, Readiness::Worn, Readiness::Spent];
const POSTURES: [Posture; 4] = [
    Posture::Normal,
    Posture::Defensive,
    Posture::Patrol,
    Posture::Aggressive,
];
const KINDS: [ZoneKind; 6] = [
    ZoneKind::Sea,
    ZoneKind::Coast,
    ZoneKind::Land,
    ZoneKind::Urban,
    ZoneKind::Rough,
    ZoneKind::Airbase,
];

impl RuleTables {
    /// The tables of `r`.
    pub fn new(r: &Ruleset) -> RuleTables {
        let mut t = RuleTables::default();
        for (i, lvl) in READINESS.iter().enumerate() {
            if let Some(m) = r.readiness.iter().find(|m| m.readiness == *lvl) {
                t.readiness[i] = m.factor;
            }
        }
        for (i, p) in POSTURES.iter().enumerate() {
            if let Some(m) = r.posture.iter().find(|m| m.posture == *p) {
                t.posture_attack[i] = m.attack;
                t.posture_defence[i] = m.defence;
                t.posture_detection[i] = m.detection;
            }
        }
        for (i, k) in KINDS.iter().enumerate() {
            if let Some(s) = r.terrain.iter().find(|s| s.kind == *k) {
                t.terrain[i] = s.shift;
            }
        }
        t
    }

    /// The factor modifier of a readiness level.
    #[inline]
    pub fn readiness(&self, r: Readiness) -> i32 {
        self.readiness[r as usize]
    }

    /// The attack (or defence) factor modifier of a posture.
    #[inline]
    pub fn posture(&self, p: Posture, attacking: bool) -> i32 {
        if attacking {
            self.posture_attack[p as usize]
        } else {
            self.posture_defence[p as usize]
        }
    }

    /// The detection modifier of a posture.
    #[inline]
    pub fn detection(&self, p: Posture) -> i32 {
        self.posture_detection[p as usize]
    }

    /// The column shift of fighting in a zone of kind `k`.
    #[inline]
    pub fn terrain(&self, k: ZoneKind) -> i32 {
        self.terrain[k as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_variant_has_its_slot() {
        // The tables index by discriminant: every variant must fall inside them.
        for (i, r) in READINESS.iter().enumerate() {
            assert_eq!(*r as usize, i);
        }
        for (i, p) in POSTURES.iter().enumerate() {
            assert_eq!(*p as usize, i);
        }
        for (i, k) in KINDS.iter().enumerate() {
            assert_eq!(*k as usize, i);
        }
    }
}
