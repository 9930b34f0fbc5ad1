//! Bot policies: what plays a side when nobody is at the keyboard. A policy sees only what its
//! side knows (its own units, what it detected) and gives orders through the same check as a team.

use crate::dice::{Dice, Phase};
use crate::model::{Compiled, SideId, State, ZoneId};
use crate::orders::legal::legal_orders;
use crate::orders::{Order, SideOrders};
use crate::rules::Board;
use crate::scenario::Relation;

/// The names of the built-in policies.
pub const NAMES: &[&str] = &["hold", "random"];

/// A policy and its parameters, as written `name` or `name:key=value,...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicySpec {
    /// Every unit holds.
    Hold,
    /// Every unit takes a legal order chosen uniformly at random.
    Random,
}

impl PolicySpec {
    /// Parses `hold`, `random`.
    pub fn parse(s: &str) -> Result<PolicySpec, String> {
        let (name, params) = s.split_once(':').unwrap_or((s, ""));
        let spec = match name.trim() {
            "hold" => PolicySpec::Hold,
            "random" => PolicySpec::Random,
            other => {
                let hint = crate::scenario::de::closest(other, NAMES)
                    .map(|c| format!(" (did you mean `{c}`?)"))
                    .unwrap_or_default();
                return Err(format!(
                    "unknown policy `{other}`{hint}; the policies are: {}",
                    NAMES.join(", ")
                ));
            }
        };
        if !params.trim().is_empty() {
            return Err(format!(
                "policy `{name}` takes no parameters, but was given `{params}`"
            ));
        }
        Ok(spec)
    }

    /// The policy's name.
    pub fn name(&self) -> &'static str {
        match self {
            PolicySpec::Hold => "hold",
            PolicySpec::Random => "random",
        }
    }

    /// The orders this policy gives `side` for the turn after `state`.
    pub fn orders(&self, c: &Compiled, state: &State, side: SideId, dice: &Dice) -> SideOrders {
        let mut out = SideOrders::default();
        if *self == PolicySpec::Hold {
            return out;
        }
        let b = Board::new(
            c,
            &state.units,
            &state.relations,
            &state.control,
            state.turn + 1,
        );
        let known = |z: ZoneId, t: SideId| known_in(&b, state, side, z, t);
        let mut stream = dice.stream(state.turn + 1, Phase::Policy(side.0));
        for u in state.units.iter().filter(|u| u.side == side) {
            let legal = legal_orders(&b, side, u, &known);
            if legal.is_empty() {
                continue;
            }
            let pick = stream.below(legal.len() as u32) as usize;
            out.orders.push(Order {
                unit: u.id,
                command: legal[pick].clone(),
            });
        }
        out
    }
}

/// Whether `side` knows of units of `t` in zone `z`: detected this turn, or allied (allies share
/// positions).
pub fn known_in(b: &Board, state: &State, side: SideId, z: ZoneId, t: SideId) -> bool {
    let allied = b.relations.get(side, t) == Relation::Allied;
    b.units_in(z)
        .any(|u| u.side == t && (allied || state.intel.sees(side, u.id)))
}
