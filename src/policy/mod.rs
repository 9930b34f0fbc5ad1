//! Bot policies: what plays a side when nobody is at the keyboard. A policy sees only what its
//! side knows (its own and allied units, what it detected this turn: see [`view`]) and gives orders
//! through the same check as a team. Its only randomness is the side's policy stream of the game's
//! dice, `dice.stream(turn, Phase::Policy(side))`, so a game stays a pure function of its seed.
//!
//! Written `name` or `name:key=value,...`: `hold`, `random`, `aggressive:min_odds=3,neutral=false`,
//! `cautious:min_odds=4,high=6,low=2`. An unknown name, parameter or value is an error that says
//! what is accepted.

pub mod aggressive;
pub mod assign;
pub mod cautious;
pub mod legal;
pub mod params;
pub mod view;

pub use aggressive::Aggressive;
pub use cautious::Cautious;

use crate::dice::{Dice, Phase, Stream};
use crate::model::{Compiled, SideId, State, ZoneId};
use crate::orders::{Order, SideOrders};
use crate::rules::Board;
use crate::scenario::Relation;
use params::Params;
pub use view::{Scratch, Situation};

/// The names of the built-in policies.
pub const NAMES: &[&str] = &["hold", "random", "aggressive", "cautious"];

/// A policy and its parameters, as written `name` or `name:key=value,...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicySpec {
    /// Every unit holds.
    Hold,
    /// Every unit takes a legal order chosen uniformly at random.
    Random,
    /// Engages at good odds, otherwise advances on valuable zones.
    Aggressive(Aggressive),
    /// Keeps tension down, avoids engaging `Neutral` sides, holds valuable zones.
    Cautious(Cautious),
}

impl PolicySpec {
    /// Parses `hold`, `random`, `aggressive[:min_odds=N,neutral=BOOL]`,
    /// `cautious[:min_odds=N,high=V,low=V]`.
    pub fn parse(s: &str) -> Result<PolicySpec, String> {
        let (name, params) = s.split_once(':').unwrap_or((s, ""));
        let name = name.trim();
        let keys: &[&str] = match name {
            "hold" | "random" => &[],
            "aggressive" => aggressive::KEYS,
            "cautious" => cautious::KEYS,
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
        let p = Params::parse(name, params, keys)?;
        Ok(match name {
            "hold" => PolicySpec::Hold,
            "random" => PolicySpec::Random,
            "aggressive" => PolicySpec::Aggressive(Aggressive::from_params(&p)?),
            _ => PolicySpec::Cautious(Cautious::from_params(&p)?),
        })
    }

    /// The policy's name.
    pub fn name(&self) -> &'static str {
        match self {
            PolicySpec::Hold => "hold",
            PolicySpec::Random => "random",
            PolicySpec::Aggressive(_) => "aggressive",
            PolicySpec::Cautious(_) => "cautious",
        }
    }

    /// The orders this policy gives `side` for the turn after `state`.
    pub fn orders(&self, c: &Compiled, state: &State, side: SideId, dice: &Dice) -> SideOrders {
        let mut out = SideOrders::default();
        let mut stream = dice.stream(state.turn + 1, Phase::Policy(side.0));
        let mut place = crate::rules::Placement::default();
        let sit = Situation::of_state(c, state, &mut place);
        self.plan(&sit, side, &mut stream, &mut Scratch::default(), &mut out);
        out
    }

    /// Writes the orders this policy gives `side` for the coming turn into `out` (cleared first),
    /// drawing from `stream` (the side's policy stream of the turn) and working in `scratch`.
    pub fn plan(
        &self,
        s: &Situation,
        side: SideId,
        stream: &mut Stream,
        scratch: &mut Scratch,
        out: &mut SideOrders,
    ) {
        out.orders.clear();
        out.signals.clear();
        match self {
            PolicySpec::Hold => {}
            PolicySpec::Random => random(s, side, stream, scratch, out),
            PolicySpec::Aggressive(a) => a.plan(s, side, stream, scratch, out),
            PolicySpec::Cautious(k) => k.plan(s, side, stream, scratch, out),
        }
    }
}

/// Written back in full, with every parameter: `aggressive:min_odds=2,neutral=true`. Parsing the
/// text gives the same policy.
impl std::fmt::Display for PolicySpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PolicySpec::Hold | PolicySpec::Random => f.write_str(self.name()),
            PolicySpec::Aggressive(a) => write!(f, "aggressive:{}", a.params()),
            PolicySpec::Cautious(k) => write!(f, "cautious:{}", k.params()),
        }
    }
}

fn random(s: &Situation, side: SideId, stream: &mut Stream, x: &mut Scratch, out: &mut SideOrders) {
    // Like a team, the bot plans on what its side knows; an order the hidden truth makes illegal
    // is rejected at adjudication with its reason, as a team's would be.
    legal::each_unit(s, side, x, |u, legal| {
        if legal.is_empty() {
            return;
        }
        let pick = stream.below(legal.len() as u32) as usize;
        out.orders.push(Order {
            unit: u.id,
            command: legal[pick],
        });
    });
}

/// Whether `side` knows of units of `t` in zone `z`: detected this turn, or allied (allies share
/// positions).
pub fn known_in(b: &Board, state: &State, side: SideId, z: ZoneId, t: SideId) -> bool {
    let allied = b.relations.get(side, t) == Relation::Allied;
    b.units_in(z)
        .iter()
        .any(|u| u.side == t && (allied || state.intel.sees(side, u.id)))
}
