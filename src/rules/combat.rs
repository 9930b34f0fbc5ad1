//! Combat: combat totals with every modifier named, the odds column, the combat results table, and
//! where losses and retreats fall. All numbers come from the ruleset; none are constants here.

use super::board::Board;
use crate::model::compiled::RuleTables;
use crate::model::{Compiled, KindDef, Relations, UnitId, UnitState, ZoneId};
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

/// One unit's contribution to a combat total, as recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermRec {
    /// The unit.
    pub unit: UnitId,
    /// On the attacking side.
    pub attacking: bool,
    /// Its attack or defence factor.
    pub factor: u8,
    /// Its readiness (named as a modifier when the ruleset gives one).
    pub readiness: Readiness,
    /// Its posture (likewise).
    pub posture: Posture,
    /// Its strength.
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

/// A unit's value in a combat total: `max(0, factor + readiness and posture modifiers) × strength`.
pub fn value(t: &RuleTables, kind: &KindDef, u: &UnitState, attacking: bool) -> u32 {
    let factor = i64::from(if attacking { kind.attack } else { kind.defence });
    let eff = (factor
        + i64::from(t.readiness(u.readiness))
        + i64::from(t.posture(u.posture, attacking)))
    .clamp(0, 100);
    eff as u32 * u32::from(u.strength)
}

/// A unit's term as the log records it.
pub fn term_rec(t: &RuleTables, kind: &KindDef, u: &UnitState, attacking: bool) -> TermRec {
    TermRec {
        unit: u.id,
        attacking,
        factor: if attacking { kind.attack } else { kind.defence },
        readiness: u.readiness,
        posture: u.posture,
        strength: u.strength,
        value: value(t, kind, u, attacking),
    }
}

/// The base column of the totals and the column after the terrain shift of a zone of kind `zone`.
pub fn columns(c: &Compiled, attack: u32, defence: u32, zone: ZoneKind) -> (usize, usize) {
    let base = column_for(&c.ruleset, attack, defence);
    let last = c.ruleset.crt.len() as i64 - 1;
    let col = (base as i64 + i64::from(c.tables.terrain(zone))).clamp(0, last.max(0)) as usize;
    (base, col)
}

/// The column `attackers` would fight at against `defenders` in a zone of kind `zone`.
pub fn column(c: &Compiled, attackers: &[UnitState], defenders: &[UnitState], zone: ZoneKind) -> usize {
    let total = |us: &[UnitState], attacking| -> u32 {
        us.iter()
            .map(|u| value(&c.tables, &c.kinds[u.kind.index()], u, attacking))
            .sum()
    };
    columns(c, total(attackers, true), total(defenders, false), zone).1
}

/// The odds in words, from the recorded terms: what the log and the prompt show.
pub fn named_odds(
    c: &Compiled,
    terms: &[TermRec],
    (attack_total, defence_total): (u32, u32),
    (base, col): (usize, usize),
    zone: ZoneKind,
) -> Odds {
    let r = &c.ruleset;
    let term = |t: &TermRec| Term {
        unit: c.unit_name(t.unit).to_string(),
        factor: i32::from(t.factor),
        modifiers: modifiers(r, t.readiness, t.posture, t.attacking),
        strength: t.strength,
        value: t.value,
    };
    let mut shifts = Vec::new();
    if let Some(t) = r
        .terrain
        .iter()
        .find(|t| t.kind == zone)
        .filter(|t| t.shift != 0)
    {
        shifts.push((format!("terrain {zone:?}"), t.shift));
    }
    Odds {
        attack: terms.iter().filter(|t| t.attacking).map(term).collect(),
        defence: terms.iter().filter(|t| !t.attacking).map(term).collect(),
        attack_total,
        defence_total,
        base_column: r.crt[base].label.clone(),
        shifts,
        column: r.crt[col].label.clone(),
        column_index: col,
    }
}

/// Works out the odds of `attackers` against `defenders` fought in a zone of kind `zone`, in words.
pub fn odds(b: &Board, attackers: &[UnitState], defenders: &[UnitState], zone: ZoneKind) -> Odds {
    let c = b.c;
    let terms: Vec<TermRec> = attackers
        .iter()
        .map(|u| term_rec(&c.tables, b.kind(u), u, true))
        .chain(
            defenders
                .iter()
                .map(|u| term_rec(&c.tables, b.kind(u), u, false)),
        )
        .collect();
    let total = |attacking: bool| {
        terms
            .iter()
            .filter(|t| t.attacking == attacking)
            .map(|t| t.value)
            .sum()
    };
    let totals = (total(true), total(false));
    named_odds(c, &terms, totals, columns(c, totals.0, totals.1, zone), zone)
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
    let mut out = Vec::new();
    allocate_into(units, steps, &mut out);
    out
}

/// [`allocate`] into a buffer the caller keeps (cleared first).
pub fn allocate_into(units: &[UnitState], steps: u8, out: &mut Vec<(UnitId, u8)>) {
    out.clear();
    // (unit, steps lost) with the strength left worked out as strength - lost.
    out.extend(units.iter().map(|u| (u.id, 0u8)));
    let left = |i: usize, out: &[(UnitId, u8)]| units[i].strength - out[i].1;
    for _ in 0..steps {
        let mut best: Option<usize> = None;
        for i in 0..units.len() {
            if left(i, out) == 0 {
                continue;
            }
            // The most steps left; on a tie the lowest id.
            best = match best {
                Some(j)
                    if (left(j, out), std::cmp::Reverse(out[j].0))
                        > (left(i, out), std::cmp::Reverse(out[i].0)) =>
                {
                    Some(j)
                }
                _ => Some(i),
            };
        }
        let Some(i) = best else { break };
        out[i].1 += 1;
    }
    out.retain(|x| x.1 > 0);
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
                && !b.units_in(z).iter().any(|x| relations.hostile(x.side, u.side))
                && b.control[z.index()].is_none_or(|o| !relations.hostile(o, u.side))
        });
    options.min_by_key(|&z| (!b.friendly_zone(z, u.side), z))
}
