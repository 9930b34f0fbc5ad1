//! `cautious`: keep the crisis from becoming a war. It signals `Hotline` when the escalation track
//! is at `high` or above and `Deescalate` from `low` (one signal a turn, to the most hostile other
//! side), never engages a `Neutral` side, fights a `Hostile` one only in its own zone at odds column
//! `min_odds` or better, withdraws from hostile contact otherwise, holds the valuable zones it has,
//! and moves towards valuable zones it can take without contact.

use super::params::Params;
use super::view::{self, FAR};
use crate::dice::Stream;
use crate::model::{Compiled, SideId, State, UnitState, ZoneId};
use crate::orders::legal::legal_orders;
use crate::orders::{Command, Order, SideOrders, Signal, SignalKind};
use crate::rules::Board;
use crate::scenario::{Readiness, Relation};

/// The parameters of `cautious`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cautious {
    /// Fight (only `Hostile` sides, only where it stands) at this odds column index or better.
    pub min_odds: u8,
    /// Signal `Hotline` at this escalation value or above (default: the track's midpoint).
    pub high: Option<i32>,
    /// Signal `Deescalate` at this value or above (default: a quarter of the way up the track).
    pub low: Option<i32>,
}

/// The parameter names `cautious` takes.
pub const KEYS: &[&str] = &["min_odds", "high", "low"];

impl Cautious {
    /// Reads the parameters (`min_odds` 0..=20, `high` and `low` any track value, `low <= high`).
    pub fn from_params(p: &Params) -> Result<Cautious, String> {
        let range = (-1_000_000, 1_000_000);
        let c = Cautious {
            min_odds: p.int("min_odds", 0, 20, 4)? as u8,
            high: p.opt_int("high", range.0, range.1)?.map(|v| v as i32),
            low: p.opt_int("low", range.0, range.1)?.map(|v| v as i32),
        };
        if let (Some(h), Some(l)) = (c.high, c.low)
            && l > h
        {
            return Err(format!(
                "policy `cautious`: low={l} is above high={h}; `low` must not exceed `high`"
            ));
        }
        Ok(c)
    }

    /// The canonical parameter text, e.g. `min_odds=4` or `min_odds=4,high=6,low=3`.
    pub fn params(&self) -> String {
        let mut s = format!("min_odds={}", self.min_odds);
        if let Some(h) = self.high {
            s.push_str(&format!(",high={h}"));
        }
        if let Some(l) = self.low {
            s.push_str(&format!(",low={l}"));
        }
        s
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
        let targets: Vec<ZoneId> = view::valuable_zones(c, side)
            .into_iter()
            .filter(|z| !view::others_in(&b, state, side, *z))
            .filter(|z| state.control[z.index()].is_none_or(|o| view::allied(state, side, o)))
            .collect();
        let mut out = SideOrders {
            orders: Vec::new(),
            signals: self.signal(c, state, side).into_iter().collect(),
        };
        let own: Vec<UnitState> = known.iter().filter(|u| u.side == side).copied().collect();
        for u in &own {
            let legal = legal_orders(&b, side, u, &has);
            let cmd = self.unit(&b, state, side, u, &own, &legal, &targets, dice);
            out.orders.push(Order {
                unit: u.id,
                command: cmd,
            });
        }
        out
    }

    fn signal(&self, c: &Compiled, state: &State, side: SideId) -> Option<Signal> {
        let esc = c.escalation.as_ref()?;
        let t = &c.tracks[esc.track.index()];
        let v = *state.tracks.get(esc.track.index())?;
        let high = self.high.unwrap_or(t.min + (t.max - t.min + 1) / 2);
        let low = self.low.unwrap_or(t.min + (t.max - t.min) / 4).min(high);
        let kind = if !t.public || v >= high {
            // A side that cannot see the track assumes the worst.
            SignalKind::Hotline
        } else if v >= low && v > t.min {
            SignalKind::Deescalate
        } else {
            return None;
        };
        let to = c
            .side_ids()
            .filter(|&o| !view::allied(state, side, o))
            .min_by_key(|&o| (state.relations.get(side, o) != Relation::Hostile, o))?;
        Some(Signal { to, kind })
    }

    #[allow(clippy::too_many_arguments)]
    fn unit(
        &self,
        b: &Board,
        state: &State,
        side: SideId,
        u: &UnitState,
        own: &[UnitState],
        legal: &[Command<ZoneId, SideId>],
        targets: &[ZoneId],
        dice: &mut Stream,
    ) -> Command<ZoneId, SideId> {
        if u.readiness != Readiness::Fresh && legal.contains(&Command::Resupply) {
            return Command::Resupply;
        }
        let here: Vec<UnitState> = own.iter().filter(|x| x.zone == u.zone).copied().collect();
        let hostile_here: Vec<SideId> = {
            let mut v: Vec<SideId> = b
                .units_in(u.zone)
                .filter(|x| state.relations.hostile(side, x.side))
                .map(|x| x.side)
                .collect();
            v.sort();
            v.dedup();
            v
        };
        for &t in &hostile_here {
            let cmd = Command::Engage(u.zone, t);
            let good = view::column(b, &here, u.zone, t)
                .is_some_and(|col| col >= usize::from(self.min_odds));
            if good && legal.contains(&cmd) {
                return cmd;
            }
        }
        if !hostile_here.is_empty() {
            let back = legal
                .iter()
                .filter_map(|cmd| match cmd {
                    Command::Withdraw(z) => Some(*z),
                    _ => None,
                })
                .min_by_key(|&z| {
                    (
                        !b.friendly_zone(z, side),
                        view::others_in(b, state, side, z),
                        z,
                    )
                });
            return back.map_or(Command::Hold, Command::Withdraw);
        }
        let valuable_here = b.c.zones[u.zone.index()].value > 0 || targets.contains(&u.zone);
        if valuable_here && b.friendly_zone(u.zone, side) {
            return Command::Hold;
        }
        let dist = view::distances(b.c, b.kind(u), targets);
        let mut options: Vec<ZoneId> = legal
            .iter()
            .filter_map(|cmd| match cmd {
                Command::Move(z) if !view::others_in(b, state, side, *z) => Some(*z),
                _ => None,
            })
            .collect();
        options.sort();
        let best = options.iter().map(|z| dist[z.index()]).min().unwrap_or(FAR);
        if best == FAR || best >= dist[u.zone.index()] {
            return Command::Hold;
        }
        let ties: Vec<ZoneId> = options
            .into_iter()
            .filter(|z| dist[z.index()] == best)
            .collect();
        Command::Move(ties[dice.below(ties.len() as u32) as usize])
    }
}
