//! `cautious`: keep the crisis from becoming a war. It signals `Hotline` when the escalation track
//! is at `high` or above and `Deescalate` from `low` (one signal a turn, to the most hostile other
//! side), never engages a `Neutral` side, fights a `Hostile` one only in its own zone at odds column
//! `min_odds` or better, withdraws from hostile contact otherwise, holds the valuable zones it has,
//! and moves towards valuable zones it can take without contact.

use super::params::Params;
use super::view::{self, FAR, Scratch, Situation};
use crate::dice::Stream;
use crate::model::{SideId, UnitState, ZoneId};
use crate::orders::legal::{Known, legal_into};
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
        view::valuable_zones(s.c, side, &mut x.targets);
        x.targets.retain(|z| {
            !view::others_in(&b, side, *z)
                && s.control[z.index()].is_none_or(|o| s.allied(side, o))
        });
        out.signals.extend(self.signal(s, side));
        for i in 0..x.own.len() {
            let u = x.own[i];
            legal_into(&b, side, &u, Known::OnBoard, &mut x.search, &mut x.one);
            let cmd = self.unit(&b, side, &u, dice, x);
            out.orders.push(Order {
                unit: u.id,
                command: cmd,
            });
        }
        drop(b);
        x.place = place;
    }

    fn signal(&self, s: &Situation, side: SideId) -> Option<Signal> {
        let c = s.c;
        let esc = c.escalation.as_ref()?;
        let t = &c.tracks[esc.track.index()];
        let v = *s.tracks.get(esc.track.index())?;
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
            .filter(|&o| !s.allied(side, o))
            .min_by_key(|&o| (s.relations.get(side, o) != Relation::Hostile, o))?;
        Some(Signal { to, kind })
    }

    /// One unit's order; its legal orders are in `x.one`.
    fn unit(
        &self,
        b: &Board,
        side: SideId,
        u: &UnitState,
        dice: &mut Stream,
        x: &mut Scratch,
    ) -> Command<ZoneId, SideId> {
        if u.readiness != Readiness::Fresh && x.one.contains(&Command::Resupply) {
            return Command::Resupply;
        }
        x.sides.clear();
        x.sides.extend(
            b.units_in(u.zone)
                .iter()
                .filter(|o| b.relations.hostile(side, o.side))
                .map(|o| o.side),
        );
        x.sides.sort();
        x.sides.dedup();
        for k in 0..x.sides.len() {
            let t = x.sides[k];
            let cmd = Command::Engage(u.zone, t);
            let here = x.own.iter().filter(|o| o.zone == u.zone).copied();
            let good = view::column(b, here, u.zone, t, (&mut x.att, &mut x.def))
                .is_some_and(|col| col >= usize::from(self.min_odds));
            if good && x.one.contains(&cmd) {
                return cmd;
            }
        }
        if !x.sides.is_empty() {
            let back = x
                .one
                .iter()
                .filter_map(|cmd| match cmd {
                    Command::Withdraw(z) => Some(*z),
                    _ => None,
                })
                .min_by_key(|&z| (!b.friendly_zone(z, side), view::others_in(b, side, z), z));
            return back.map_or(Command::Hold, Command::Withdraw);
        }
        let valuable_here =
            b.c.zones[u.zone.index()].value > 0 || x.targets.contains(&u.zone);
        if valuable_here && b.friendly_zone(u.zone, side) {
            return Command::Hold;
        }
        let d = view::distances(b.c, b.kind(u), x);
        let dist = &x.dist[d].1;
        x.options.clear();
        x.options.extend(x.one.iter().filter_map(|cmd| match cmd {
            Command::Move(z) if !view::others_in(b, side, *z) => Some(*z),
            _ => None,
        }));
        x.options.sort();
        let best = x.options.iter().map(|z| dist[z.index()]).min().unwrap_or(FAR);
        if best == FAR || best >= dist[u.zone.index()] {
            return Command::Hold;
        }
        x.options.retain(|z| dist[z.index()] == best);
        Command::Move(x.options[dice.below(x.options.len() as u32) as usize])
    }
}
