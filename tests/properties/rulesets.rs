//! The rules of generated scenarios: a small generated ruleset (1..=4 odds columns with their d6
//! results, terrain shifts, posture and readiness modifiers, the detection roll), or the shipped
//! default ruleset.

use super::recipe::RulesR;
use super::scenarios::{KINDS, POSTURES, READINESS, pick};
use std::path::Path;
use std::sync::OnceLock;
use whitecell::scenario::*;

/// The odds columns a generated ruleset picks from, rising left to right.
const RATIOS: [(u32, u32); 8] = [
    (1, 3),
    (1, 2),
    (1, 1),
    (3, 2),
    (2, 1),
    (3, 1),
    (4, 1),
    (5, 1),
];

/// The ruleset a recipe describes (each kind, posture and readiness modified at most once).
pub fn rules(r: &RulesR) -> Ruleset {
    let mut picks: Vec<usize> = r.columns.iter().map(|(k, _)| usize::from(*k) % 8).collect();
    picks.sort();
    picks.dedup();
    let result = |v: u8| {
        let n = 1 + v / 4 % 4;
        match v % 6 {
            0 => CombatResult::NoEffect,
            1 => CombatResult::AttackerLoses(n),
            2 => CombatResult::DefenderLoses(n),
            3 => CombatResult::Exchange(n),
            4 => CombatResult::DefenderRetreats,
            _ => CombatResult::DefenderLosesRetreats(n),
        }
    };
    let crt = picks
        .iter()
        .zip(&r.columns)
        .map(|(&k, (_, faces))| CrtColumn {
            label: format!("{}:{}", RATIOS[k].0, RATIOS[k].1),
            at_least: RATIOS[k],
            results: faces.map(result),
        })
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    let terrain = r
        .terrain
        .iter()
        .filter(|(k, _)| seen.insert(k % 6))
        .map(|&(k, shift)| TerrainShift {
            kind: pick(&KINDS, k),
            shift: i32::from(shift),
        })
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    let posture = r
        .posture
        .iter()
        .filter(|(k, _)| seen.insert(k % 4))
        .map(|&(k, [a, d, x])| PostureMod {
            posture: pick(&POSTURES, k),
            attack: i32::from(a),
            defence: i32::from(d),
            detection: i32::from(x),
        })
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    let readiness = r
        .readiness
        .iter()
        .filter(|(k, _)| seen.insert(k % 3))
        .map(|&(k, factor)| ReadinessMod {
            readiness: pick(&READINESS, k),
            factor: i32::from(factor),
        })
        .collect();
    Ruleset {
        format: 1,
        id: "generated".into(),
        crt,
        terrain,
        posture,
        readiness,
        detection: DetectionRule {
            target: i32::from(r.target),
            adjacent: i32::from(r.adjacent),
        },
    }
}

/// The shipped default ruleset, loaded once.
pub fn default_ruleset() -> &'static Ruleset {
    static R: OnceLock<Ruleset> = OnceLock::new();
    R.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/rulesets/default.ron");
        let text = std::fs::read_to_string(&path).expect("the default ruleset");
        let mut diags = Vec::new();
        load::load_ruleset_text(&path, &text, &mut diags).expect("the default ruleset loads")
    })
}
