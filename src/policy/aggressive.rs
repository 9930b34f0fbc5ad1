//! `aggressive`: engage wherever the odds are good enough, otherwise advance on the zones that
//! score. Targets are the known enemy groups its units can reach this turn, taken best odds first;
//! a group is attacked only if the odds column index reaches `min_odds` with every unit that can
//! join. The other units move (on patrol, which reacts to hostile contacts) towards the nearest
//! valuable zone its side does not hold, ties broken by the side's policy dice.

use super::params::Params;
use super::view::{self, FAR};
use crate::dice::Stream;
use crate::model::{Compiled, SideId, State, UnitState, ZoneId};
use crate::orders::legal::legal_orders;
use crate::orders::{Command, Order, SideOrders};
use crate::rules::Board;
use crate::scenario::Relation;
use std::collections::BTreeMap;

/// The parameters of `aggressive`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Aggressive {
    /// Attack only at this odds column index or better (0 is the table's leftmost column).
    pub min_odds: u8,
    /// Also attack sides that are `Neutral` (which makes them `Hostile` and raises tension).
    pub neutral: bool,
}

impl Default for Aggressive {
    fn default() -> Self {
        Aggressive {
            min_odds: 2,
            neutral: true,
        }
    }
}

/// The parameter names `aggressive` takes.
pub const KEYS: &[&str] = &["min_odds", "neutral"];

impl Aggressive {
    /// Reads the parameters (`min_odds` 0..=20, `neutral` true/false).
    pub fn from_params(p: &Params) -> Result<Aggressive, String> {
        let d = Aggressive::default();
        Ok(Aggressive {
            min_odds: p.int("min_odds", 0, 20, i64::from(d.min_odds))? as u8,
            neutral: p.bool("neutral", d.neutral)?,
        })
    }

    /// The canonical parameter text, e.g. `min_odds=2,neutral=true`.
    pub fn params(&self) -> String {
        format!("min_odds={},neutral={}", self.min_odds, self.neutral)
    }

    /// The orders for `side`.
    pub fn orders(
        &self,
        c: &Compiled,
        state: &State,
        side: SideId,
        dice: &mut Stream,
    ) -> SideOrders {
        let known = view::known_units(state, side);
        let b = view::board(c, state, &known);
        let has = |z: ZoneId, t: SideId| b.units_in(z).any(|u| u.side == t);
        let own: Vec<UnitState> = known.iter().filter(|u| u.side == side).copied().collect();
        let legal: Vec<Vec<Command<ZoneId, SideId>>> = own
            .iter()
            .map(|u| legal_orders(&b, side, u, &has))
            .collect();

        // Every reachable, known enemy group, with the units that could join an attack on it.
        let mut groups: BTreeMap<(ZoneId, SideId), Vec<usize>> = BTreeMap::new();
        for (i, cmds) in legal.iter().enumerate() {
            for cmd in cmds {
                if let Command::Engage(z, t) = cmd
                    && self.may_attack(state, side, *t)
                {
                    groups.entry((*z, *t)).or_default().push(i);
                }
            }
        }
        let units_of = |ix: &[usize]| ix.iter().map(|&i| own[i]).collect::<Vec<_>>();
        let mut ranked: Vec<(usize, u8, ZoneId, SideId)> = groups
            .iter()
            .filter_map(|(&(z, t), ix)| {
                let col = view::column(&b, &units_of(ix), z, t)?;
                Some((col, c.zones[z.index()].value, z, t))
            })
            .collect();
        ranked.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(b.1.cmp(&a.1))
                .then((a.2, a.3).cmp(&(b.2, b.3)))
        });

        let mut chosen: Vec<Option<Command<ZoneId, SideId>>> = vec![None; own.len()];
        for (_, _, z, t) in ranked {
            let free: Vec<usize> = groups[&(z, t)]
                .iter()
                .copied()
                .filter(|&i| chosen[i].is_none())
                .collect();
            let good = view::column(&b, &units_of(&free), z, t)
                .is_some_and(|col| col >= usize::from(self.min_odds));
            if good {
                for i in free {
                    chosen[i] = Some(Command::Engage(z, t));
                }
            }
        }

        let targets: Vec<ZoneId> = view::valuable_zones(c, side)
            .into_iter()
            .filter(|z| !state.control[z.index()].is_some_and(|o| view::allied(state, side, o)))
            .collect();
        let mut out = SideOrders::default();
        for (i, u) in own.iter().enumerate() {
            let cmd = match chosen[i].take() {
                Some(cmd) => cmd,
                None => advance(&b, u, &legal[i], &targets, dice),
            };
            out.orders.push(Order {
                unit: u.id,
                command: cmd,
            });
        }
        out
    }

    fn may_attack(&self, state: &State, side: SideId, t: SideId) -> bool {
        match state.relations.get(side, t) {
            Relation::Hostile => true,
            Relation::Neutral => self.neutral,
            Relation::Allied => false,
        }
    }
}

/// Towards the nearest target: the legal destination (or staying) closest to one, on patrol if
/// the patrol is legal; a tie is broken by the dice.
fn advance(
    b: &Board,
    u: &UnitState,
    legal: &[Command<ZoneId, SideId>],
    targets: &[ZoneId],
    dice: &mut Stream,
) -> Command<ZoneId, SideId> {
    let dist = view::distances(b.c, b.kind(u), targets);
    let mut options: Vec<ZoneId> = vec![u.zone];
    for cmd in legal {
        if let Command::Move(z) | Command::Patrol(z) = cmd
            && !options.contains(z)
        {
            options.push(*z);
        }
    }
    let best = options.iter().map(|z| dist[z.index()]).min().unwrap_or(FAR);
    let patrol_here = legal.contains(&Command::Patrol(u.zone));
    if best == FAR || dist[u.zone.index()] == best {
        return if patrol_here {
            Command::Patrol(u.zone)
        } else {
            Command::Hold
        };
    }
    let mut ties: Vec<ZoneId> = options
        .into_iter()
        .filter(|z| dist[z.index()] == best)
        .collect();
    ties.sort();
    let z = ties[dice.below(ties.len() as u32) as usize];
    if legal.contains(&Command::Patrol(z)) {
        Command::Patrol(z)
    } else {
        Command::Move(z)
    }
}
