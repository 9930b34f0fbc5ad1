//! `aggressive`: engage wherever the odds are good enough, otherwise advance on the zones that
//! score. Targets are the known enemy groups its units can reach this turn, taken best odds first;
//! a group is attacked only if the odds column index reaches `min_odds` with every unit that can
//! join. The other units move (on patrol, which reacts to hostile contacts) towards the nearest
//! valuable zone its side does not hold, ties broken by the side's policy dice.

use super::params::Params;
use super::view::{self, FAR, Scratch, Situation};
use crate::dice::Stream;
use crate::model::{SideId, UnitState, ZoneId};
use crate::orders::legal::{Known, legal_into};
use crate::orders::{Command, Order, SideOrders};
use crate::rules::Board;
use crate::scenario::Relation;

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

    /// The orders for `side`, into `out`.
    pub fn plan(
        &self,
        s: &Situation,
        side: SideId,
        dice: &mut Stream,
        x: &mut Scratch,
        out: &mut SideOrders,
    ) {
        x.know(s, side);
        // The board borrows the placement while the rest of the scratch is worked in.
        let place = std::mem::take(&mut x.place);
        let b = view::board(s, &place);
        x.legal.clear();
        x.legal_at.clear();
        for u in &x.own {
            x.legal_at.push(x.legal.len());
            legal_into(&b, side, u, Known::OnBoard, &mut x.search, &mut x.one);
            x.legal.extend_from_slice(&x.one);
        }
        x.legal_at.push(x.legal.len());
        let legal = |x: &Scratch, i: usize| x.legal_at[i]..x.legal_at[i + 1];

        // Every reachable, known enemy group, with the units that could join an attack on it:
        // (zone, side, own unit index), grouped by (zone, side), units in order.
        x.groups.clear();
        for i in 0..x.own.len() {
            for cmd in &x.legal[legal(x, i)] {
                if let Command::Engage(z, t) = *cmd
                    && self.may_attack(s, side, t)
                {
                    x.groups.push((z, t, i));
                }
            }
        }
        x.groups.sort_by_key(|g| (g.0, g.1));
        x.ranked.clear();
        let mut g = 0;
        while g < x.groups.len() {
            let (z, t, _) = x.groups[g];
            let n = x.groups[g..].iter().take_while(|y| (y.0, y.1) == (z, t)).count();
            let units = x.groups[g..g + n].iter().map(|y| x.own[y.2]);
            if let Some(col) = view::column(&b, units, z, t, (&mut x.att, &mut x.def)) {
                x.ranked.push((col, s.c.zones[z.index()].value, z, t));
            }
            g += n;
        }
        x.ranked.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(b.1.cmp(&a.1))
                .then((a.2, a.3).cmp(&(b.2, b.3)))
        });

        x.chosen.clear();
        x.chosen.resize(x.own.len(), None);
        for r in 0..x.ranked.len() {
            let (_, _, z, t) = x.ranked[r];
            let first = x.groups.partition_point(|y| (y.0, y.1) < (z, t));
            let n = x.groups[first..].iter().take_while(|y| (y.0, y.1) == (z, t)).count();
            let group = first..first + n;
            let free = x.groups[group.clone()]
                .iter()
                .filter(|y| x.chosen[y.2].is_none())
                .map(|y| x.own[y.2]);
            let good = view::column(&b, free, z, t, (&mut x.att, &mut x.def))
                .is_some_and(|col| col >= usize::from(self.min_odds));
            if good {
                for k in group {
                    let i = x.groups[k].2;
                    if x.chosen[i].is_none() {
                        x.chosen[i] = Some(Command::Engage(z, t));
                    }
                }
            }
        }

        view::valuable_zones(s.c, side, &mut x.targets);
        x.targets
            .retain(|z| !s.control[z.index()].is_some_and(|o| s.allied(side, o)));
        for i in 0..x.own.len() {
            let u = x.own[i];
            let cmd = match x.chosen[i].take() {
                Some(cmd) => cmd,
                None => advance(&b, &u, legal(x, i), dice, x),
            };
            out.orders.push(Order {
                unit: u.id,
                command: cmd,
            });
        }
        drop(b);
        x.place = place;
    }

    fn may_attack(&self, s: &Situation, side: SideId, t: SideId) -> bool {
        match s.relations.get(side, t) {
            Relation::Hostile => true,
            Relation::Neutral => self.neutral,
            Relation::Allied => false,
        }
    }
}

/// Towards the nearest target: the legal destination (or staying) closest to one, on patrol if
/// the patrol is legal; a tie is broken by the dice. `legal` is the unit's range of `x.legal`.
fn advance(
    b: &Board,
    u: &UnitState,
    legal: std::ops::Range<usize>,
    dice: &mut Stream,
    x: &mut Scratch,
) -> Command<ZoneId, SideId> {
    let d = view::distances(b.c, b.kind(u), x);
    let dist = &x.dist[d].1;
    let legal = &x.legal[legal];
    x.options.clear();
    x.options.push(u.zone);
    for cmd in legal {
        if let Command::Move(z) | Command::Patrol(z) = cmd
            && !x.options.contains(z)
        {
            x.options.push(*z);
        }
    }
    let best = x.options.iter().map(|z| dist[z.index()]).min().unwrap_or(FAR);
    let patrol_here = legal.contains(&Command::Patrol(u.zone));
    if best == FAR || dist[u.zone.index()] == best {
        return if patrol_here {
            Command::Patrol(u.zone)
        } else {
            Command::Hold
        };
    }
    x.options.retain(|z| dist[z.index()] == best);
    x.options.sort();
    let z = x.options[dice.below(x.options.len() as u32) as usize];
    if legal.contains(&Command::Patrol(z)) {
        Command::Patrol(z)
    } else {
        Command::Move(z)
    }
}
