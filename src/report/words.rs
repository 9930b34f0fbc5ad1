//! The words for the game's terms, in one place, so every text a person reads says them alike: a
//! combat result ("attacker loses 2 steps"), a readiness, a posture, a relation, a signal, an order
//! without the quotes an orders file needs. Files and logs keep the enum forms; people read these.

use crate::orders::{Command, SignalKind};
use crate::scenario::{CombatResult, Posture, Readiness, Relation};

/// `n step` or `n steps`.
pub fn steps(n: impl Into<u32>) -> String {
    match n.into() {
        1 => "1 step".into(),
        n => format!("{n} steps"),
    }
}

/// A cell of the combat results table in words, e.g. "attacker loses 2 steps".
pub fn result(r: CombatResult) -> String {
    match r {
        CombatResult::NoEffect => "no effect".into(),
        CombatResult::AttackerLoses(n) => format!("attacker loses {}", steps(n)),
        CombatResult::DefenderLoses(n) => format!("defender loses {}", steps(n)),
        CombatResult::Exchange(n) => format!("exchange: each side loses {}", steps(n)),
        CombatResult::DefenderRetreats => "defender retreats".into(),
        CombatResult::DefenderLosesRetreats(n) => {
            format!("defender loses {} and retreats", steps(n))
        }
    }
}

/// A combat modifier's name as a person reads it: the log's `readiness Spent` and `posture
/// Aggressive` read `readiness spent` and `posture aggressive`, as units are listed; a terrain
/// keeps its zone kind as the scenario spells it.
pub fn modifier(name: &str) -> String {
    match name.split_once(' ') {
        Some((kind @ ("readiness" | "posture"), value)) => {
            format!("{kind} {}", value.to_lowercase())
        }
        _ => name.to_string(),
    }
}

/// A readiness in lower case: "fresh", "worn", "spent".
pub fn readiness(r: Readiness) -> &'static str {
    match r {
        Readiness::Fresh => "fresh",
        Readiness::Worn => "worn",
        Readiness::Spent => "spent",
    }
}

/// A posture in lower case: "normal", "defensive", "patrol", "aggressive".
pub fn posture(p: Posture) -> &'static str {
    match p {
        Posture::Normal => "normal",
        Posture::Defensive => "defensive",
        Posture::Patrol => "patrol",
        Posture::Aggressive => "aggressive",
    }
}

/// A relation in lower case: "allied", "neutral", "hostile".
pub fn relation(r: Relation) -> &'static str {
    match r {
        Relation::Allied => "allied",
        Relation::Neutral => "neutral",
        Relation::Hostile => "hostile",
    }
}

/// A signal kind as the prompt takes it: "warn", "deescalate", "hotline".
pub fn signal(k: SignalKind) -> &'static str {
    match k {
        SignalKind::Warn => "warn",
        SignalKind::Deescalate => "deescalate",
        SignalKind::Hotline => "hotline",
    }
}

/// An order as a person reads it: `Move(al_tanf)`, `Engage(idlib, armed_groups)`, `Hold`.
pub fn order(c: &Command<String, String>) -> String {
    plain(&c.to_string())
}

/// An order already rendered in orders-file syntax (as the log holds it), without its quotes.
pub fn plain(order: &str) -> String {
    order.replace('"', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_read_as_words() {
        assert_eq!(
            result(CombatResult::AttackerLoses(2)),
            "attacker loses 2 steps"
        );
        assert_eq!(
            result(CombatResult::DefenderLoses(1)),
            "defender loses 1 step"
        );
        assert_eq!(
            result(CombatResult::DefenderLosesRetreats(1)),
            "defender loses 1 step and retreats"
        );
        assert_eq!(
            result(CombatResult::Exchange(1)),
            "exchange: each side loses 1 step"
        );
        assert_eq!(result(CombatResult::NoEffect), "no effect");
        assert_eq!(result(CombatResult::DefenderRetreats), "defender retreats");
    }

    #[test]
    fn orders_lose_their_quotes() {
        let c: Command<String, String> = Command::Engage("idlib".into(), "armed_groups".into());
        assert_eq!(order(&c), "Engage(idlib, armed_groups)");
        assert_eq!(plain("Patrol(\"al_tanf\")"), "Patrol(al_tanf)");
    }
}
