//! Combat: combat totals with every modifier named, the odds column, the combat results table, and
//! where losses and retreats fall. All numbers come from the ruleset; none are constants here.

use super::board::Board;
use crate::model::{KindDef, Relations, UnitId, UnitState, ZoneId};
use crate::scenario::{CombatResult, Posture, Readiness, Ruleset, ZoneKind};
use serde::{Deserialize, Serialize};

/// One unit's contribution to a combat total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    /// The unit.
    pub unit: String,
    /// Its attack or defence factor before modifiers.
    pub factor: i32,
    /// Named changes to the factor (readiness, posture).
    pub modifiers: Vec<(String, i32)>,
    /// Its strength in steps.
    pub strength: u8,
    /// `max(0, factor + modifiers) * strength`.
    pub value: u32,
}

/// How an engagement's odds were worked out, to show students and record in the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Odds {
    /// The attackers' terms.
    pub attack: Vec<Term>,
    /// The defenders' terms.
    pub defence: Vec<Term>,
    /// Sum of attack values.
    pub attack_total: u32,
    /// Sum of defence values.
    pub defence_total: u32,
    /// The column the ratio alone gives.
    pub base_column: String,
    /// Named column shifts (terrain).
    pub shifts: Vec<(String, i32)>,
    /// The column used, after shifts.
    pub column: String,
    /// Its index in the table.
    pub column_index: usize,
}

/// The factor modifiers a unit gets from its readiness and posture.
pub fn modifiers(
    r: &Ruleset,
    readiness: Readiness,
    posture: Posture,
    attacking: bool,
) -> Vec<(String, i32)> {
    let mut out = Vec::new();
    if let Some(m) = r
        .readiness
        .iter()
        .find(|m| m.readiness == readiness)
        .filter(|m| m.factor != 0)
    {
        out.push((format!("readiness {readiness:?}"), m.factor));
    }
    if let Some(m) = r.posture.iter().find(|m| m.posture == posture) {
        let v = if attacking { m.attack } else { m.defence };
        if v != 0 {
            out.push((format!("posture {posture:?}"), v));
        }
    }
    out
}

fn term(r: &Ruleset, kind: &KindDef, u: &UnitState, name: &str, attacking: bool) -> Term {
    let factor = i32::from(if attacking { kind.attack } else { kind.defence });
    let modifiers = modifiers(r, u.readiness, u.posture, attacking);
    let eff =
        (i64::from(factor) + modifiers.iter().map(|m| i64::from(m.1)).sum::<i64>()).clamp(0, 100);
    Term {
        unit: name.to_string(),
        factor,
        modifiers,
        strength: u.strength,
        value: eff as u32 * u32::from(u.strength),
    }
}

/// The column for a ratio: the rightmost whose `at_least` the ratio reaches, else the leftmost.
/// An attack total of 0 gets the leftmost column even against a defence of 0 (no attack strength
/// cannot give the best odds).
pub fn column_for(r: &Ruleset, attack: u32, defence: u32) -> usize {
    if attack == 0 {
        return 0;
    }
    if defence == 0 {
        return r.crt.len().saturating_sub(1);
    }
    r.crt
        .iter()
        .rposition(|c| {
            u64::from(attack) * u64::from(c.at_least.1)
                >= u64::from(c.at_least.0) * u64::from(defence)
        })
        .unwrap_or(0)
}

/// Works out the odds of `attackers` against `defenders` fought in a zone of kind `zone`.
pub fn odds(b: &Board, attackers: &[UnitState], defenders: &[UnitState], zone: ZoneKind) -> Odds {
    let r = &b.c.ruleset;
    let name = |u: &UnitState| b.c.unit_name(u.id).to_string();
    let attack: Vec<Term> = attackers
        .iter()
        .map(|u| term(r, b.kind(u), u, &name(u), true))
        .collect();
    let defence: Vec<Term> = defenders
        .iter()
        .map(|u| term(r, b.kind(u), u, &name(u), false))
        .collect();
    let attack_total = attack.iter().map(|t| t.value).sum();
    let defence_total = defence.iter().map(|t| t.value).sum();
    let base = column_for(r, attack_total, defence_total);
    let mut shifts = Vec::new();
    if let Some(t) = r
        .terrain
        .iter()
        .find(|t| t.kind == zone)
        .filter(|t| t.shift != 0)
    {
        shifts.push((format!("terrain {zone:?}"), t.shift));
    }
    let last = r.crt.len() as i64 - 1;
    let col = (base as i64 + shifts.iter().map(|s| i64::from(s.1)).sum::<i64>())
        .clamp(0, last.max(0)) as usize;
    Odds {
        attack,
        defence,
        attack_total,
        defence_total,
        base_column: r.crt[base].label.clone(),
        shifts,
        column: r.crt[col].label.clone(),
        column_index: col,
    }
}

/// The result for a die face in a column.
pub fn result(r: &Ruleset, column: usize, roll: u8) -> CombatResult {
    r.crt[column].results[usize::from(roll.clamp(1, 6)) - 1]
}

/// Steps lost by attackers and defenders, and whether the defenders retreat.
pub fn effects(res: CombatResult) -> (u8, u8, bool) {
    match res {
        CombatResult::NoEffect => (0, 0, false),
        CombatResult::AttackerLoses(n) => (n, 0, false),
        CombatResult::DefenderLoses(n) => (0, n, false),
        CombatResult::Exchange(n) => (n, n, false),
        CombatResult::DefenderRetreats => (0, 0, true),
        CombatResult::DefenderLosesRetreats(n) => (0, n, true),
    }
}

/// Spreads `steps` of loss over units one step at a time, always to the strongest (lowest id on a
/// tie). Returns (unit, steps lost) for each unit that loses any, in id order.
pub fn allocate(units: &[UnitState], steps: u8) -> Vec<(UnitId, u8)> {
    let mut left: Vec<(UnitId, u8, u8)> = units.iter().map(|u| (u.id, u.strength, 0)).collect();
    for _ in 0..steps {
        let Some(best) = left
            .iter_mut()
            .filter(|x| x.1 > 0)
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        else {
            break;
        };
        best.1 -= 1;
        best.2 += 1;
    }
    left.into_iter()
        .filter(|x| x.2 > 0)
        .map(|x| (x.0, x.2))
        .collect()
}

/// Where a defending unit falls back to: a neighbouring zone it may enter with no unit hostile to its
/// side under `relations` (as they stand after this engagement), preferring zones friendly to it,
/// then the lowest id. `None`: it is cut off.
pub fn retreat_zone(
    b: &Board,
    u: &UnitState,
    from: ZoneId,
    relations: &Relations,
) -> Option<ZoneId> {
    let kind = b.kind(u);
    let options = b.c.zones[from.index()]
        .neighbours
        .iter()
        .copied()
        .filter(|&z| {
            kind.can_enter(b.c.zones[z.index()].kind)
                && !b.units_in(z).any(|x| relations.hostile(x.side, u.side))
                && b.control[z.index()].is_none_or(|o| !relations.hostile(o, u.side))
        });
    options.min_by_key(|&z| (!b.friendly_zone(z, u.side), z))
}
