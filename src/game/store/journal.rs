//! The journal's line of play, worked out from the records alone: which records a rollback
//! discards (one rule, [`cut`], for the rollback itself and for checking a save), whether the
//! discard marks in a save are the ones its rollbacks made, and how a discarded record reads to
//! the instructor. A save whose marks, rollbacks or keys do not add up was not written by
//! whitecell and is refused, however good its checksum.

use super::save::{Entry, Record, Save};
use crate::log::LogEvent;
use crate::model::Compiled;

/// One rollback of a save: the live line just before it and what it discarded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RollbackLine {
    /// The rollback's index in the journal.
    pub at: usize,
    /// The live records just before it (journal indexes, in order).
    pub before: Vec<usize>,
    /// The records it discarded (journal indexes, in order).
    pub dropped: Vec<usize>,
}

impl RollbackLine {
    /// Whether the discarded records had events (a turn or an umpire action), so the rollback has
    /// a `rolled-back-K.jsonl`; orders alone leave none.
    pub fn has_events(&self, journal: &[Record]) -> bool {
        self.dropped
            .iter()
            .any(|&i| !matches!(journal[i].entry, Entry::Orders { .. }))
    }
}

/// Where in the live line `live` (journal indexes) a rollback to the end of `to_turn` cuts: the
/// records from this position on are discarded, but for earlier rollbacks' notes, which stay.
/// `None` if the line has no turn `to_turn`.
pub fn cut(journal: &[Record], live: &[usize], to_turn: u32) -> Option<usize> {
    if to_turn == 0 {
        return Some(0);
    }
    live.iter()
        .position(|&i| matches!(journal[i].entry, Entry::Turn { turn, .. } if turn == to_turn))
        .map(|p| p + 1)
}

/// The records a rollback at cut `c` discards: every live record from `c` on but rollbacks.
pub fn dropped(journal: &[Record], live: &[usize], c: usize) -> Vec<usize> {
    live[c..]
        .iter()
        .copied()
        .filter(|&i| !matches!(journal[i].entry, Entry::Rollback { .. }))
        .collect()
}

/// Replays the rollbacks of `save` on its records and checks every discard mark against them:
/// each record a rollback discarded is marked with that rollback's turn, and no other is. Returns
/// each rollback's line.
pub fn rollbacks(save: &Save) -> Result<Vec<RollbackLine>, String> {
    let j = &save.journal;
    let mut live: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    let mut dropped_by = vec![None; j.len()];
    for (i, r) in j.iter().enumerate() {
        if let Entry::Rollback {
            to_turn, discards, ..
        } = r.entry
        {
            let c = cut(j, &live, to_turn).ok_or_else(|| {
                format!("journal entry {i} rolls back to turn {to_turn}, which had not been played")
            })?;
            let d = dropped(j, &live, c);
            if d.is_empty() {
                return Err(format!(
                    "journal entry {i} is a rollback to turn {to_turn} that discards nothing"
                ));
            }
            if discards.is_some_and(|n| n as usize != d.len()) {
                return Err(format!(
                    "journal entry {i} is a rollback that recorded discarding {} step(s), but the journal holds {} for it",
                    discards.unwrap_or(0),
                    d.len()
                ));
            }
            for &k in &d {
                dropped_by[k] = Some(to_turn);
            }
            let before = live.clone();
            live.retain(|k| !d.contains(k));
            out.push(RollbackLine {
                at: i,
                before,
                dropped: d,
            });
        }
        live.push(i);
    }
    for (i, r) in j.iter().enumerate() {
        if r.discarded != dropped_by[i] {
            return Err(match r.discarded {
                Some(t) => format!(
                    "journal entry {i} is marked discarded by a rollback to turn {t}, but no rollback discarded it"
                ),
                None => {
                    format!("journal entry {i} was discarded by a rollback but is not marked so")
                }
            });
        }
    }
    Ok(out)
}

/// Checks the save's keys: one per side of the scenario, each 64 hex digits.
pub fn check_keys(save: &Save, c: &Compiled) -> Result<(), String> {
    for s in &c.scenario.sides {
        match save.keys.get(&s.id) {
            None => return Err(format!("it holds no key for side `{}`", s.id)),
            Some(k) if k.len() != 64 || !k.bytes().all(|b| b.is_ascii_hexdigit()) => {
                return Err(format!("side `{}`'s key is not 64 hex digits", s.id));
            }
            Some(_) => {}
        }
    }
    if let Some(extra) = save.keys.keys().find(|k| c.side(k).is_none()) {
        return Err(format!("it holds a key for `{extra}`, which is not a side"));
    }
    Ok(())
}

/// How a journal record reads to the instructor, e.g. `usa's orders for turn 4 (...)`.
pub fn describe(e: &Entry) -> String {
    match e {
        Entry::Orders { file, receipt } => format!(
            "{}'s orders for turn {} ({} order(s), {} signal(s); receipt {})",
            file.side,
            file.turn,
            file.orders.len(),
            file.signals.len(),
            &receipt[..receipt.len().min(16)]
        ),
        Entry::Umpire { events, .. } => match events.first() {
            Some(LogEvent::Umpire { action, reason }) => {
                format!("umpire action `{action}` (reason: {reason})")
            }
            _ => "an umpire action".into(),
        },
        Entry::Turn { turn, .. } => format!("turn {turn} as adjudicated"),
        Entry::Rollback { to_turn, .. } => format!("a rollback to turn {to_turn}"),
    }
}

/// The note a rollback to the end of `to_turn` logs (opening a game and forking it apply the same).
pub fn rollback_note(to_turn: u32, reason: &str) -> LogEvent {
    LogEvent::Umpire {
        action: format!(
            "rollback to the end of turn {to_turn} (the discarded steps are kept in the save, marked)"
        ),
        reason: reason.to_string(),
    }
}
