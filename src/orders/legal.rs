//! The legal orders of a unit: what `play` lists and completes, and what bot policies choose from.
//!
//! They are generated, not found by trying every candidate through the check: the zones a unit can
//! reach come from the scenario's reach table, and each kind of order is offered exactly where
//! [`super::judge`] would accept it (the tests hold the two to each other). The order check stays
//! the one judge of orders that teams hand in.

use super::Command;
use crate::model::{SideId, UnitId, UnitState, ZoneId};
use crate::rules::Board;
use crate::rules::movement::Search;
use crate::scenario::Relation;

/// Which enemy units the ordering side knows of, and so may engage.
#[derive(Clone, Copy)]
pub enum Known<'a> {
    /// Every unit on the board (a side's own picture: only what it knows is on it).
    OnBoard,
    /// Units of side `t` in zone `z` where the test says so.
    Where(&'a dyn Fn(ZoneId, SideId) -> bool),
    /// Per zone, the sides the ordering side knows to have units there, as a bit mask (bit `t` for
    /// side `t`; only for at most 64 sides). The board's own units are never consulted, neither for
    /// what may be engaged nor for which zones block a withdrawal: a bot can plan on the true board
    /// with its side's picture given as these masks, which is all legal orders read of a picture —
    /// cheaper than building the picture's placement.
    Masks(&'a [u64]),
}

/// Every legal order for one unit of `side`, in a fixed order. `known(zone, side)` says whether the
/// ordering side knows of units of `side` in `zone` (engagements are offered only against those).
pub fn legal_orders(
    b: &Board,
    side: SideId,
    u: &UnitState,
    known: &dyn Fn(ZoneId, SideId) -> bool,
) -> Vec<Command<ZoneId, SideId>> {
    let mut out = Vec::new();
    legal_into(
        b,
        side,
        u,
        Known::Where(known),
        &mut Search::default(),
        &mut out,
    );
    out
}

/// [`legal_orders`] into a buffer the caller keeps (cleared first), with scratch space for the
/// search a withdrawal past hostile units needs.
pub fn legal_into(
    b: &Board,
    side: SideId,
    u: &UnitState,
    known: Known,
    search: &mut Search,
    out: &mut Vec<Command<ZoneId, SideId>>,
) {
    out.clear();
    let c = b.c;
    let kind = b.kind(u);
    out.push(Command::Hold);
    if b.friendly_zone(u.zone, side) {
        out.push(Command::Resupply);
    }
    let here_ok = kind.can_enter(c.zones[u.zone.index()].kind);
    let reach = c.reach.from(u.kind, u.zone);
    let within = |r: &&crate::model::reach::Reached| r.dist <= kind.movement;
    // A withdrawal may not pass zones holding hostile units: search around them only if there are any.
    let hostile = b.relations.hostile_mask(side);
    // The sides known to be in a zone, as a mask, when there is one.
    let present = |z: ZoneId| match known {
        Known::Masks(m) => Some(m[z.index()]),
        _ => b.sides_in(z),
    };
    // With masks, only the masks are read: never the board's own units.
    let open = |x: ZoneId| match (hostile, present(x)) {
        (Some(h), Some(there)) => there & h == 0,
        (None, Some(there)) => (0..64)
            .filter(|t| there >> t & 1 != 0)
            .all(|t| !b.relations.hostile(SideId(t), side)),
        _ => !b.hostile_in(x, side),
    };
    let blocked = reach.iter().filter(within).any(|r| !open(r.zone));
    if blocked {
        search.reach_all(b, u.kind, u.zone, kind.movement, &open);
    }
    // The sides that may be engaged at all: not this side, not an ally (a bit mask, when it fits).
    let foes = b.relations.allied_mask(side).map(|allied| !allied);
    // Each zone with its distance: a zone one move away is a neighbour.
    let zones =
        std::iter::once((u.zone, 0)).chain(reach.iter().filter(within).map(|r| (r.zone, r.dist)));
    for (z, dist) in zones {
        let here = z == u.zone;
        let enterable = !here || here_ok;
        if !here {
            out.push(Command::Move(z));
        }
        if enterable {
            out.push(Command::Patrol(z));
            match (known, foes, present(z)) {
                (Known::OnBoard | Known::Masks(_), Some(foes), Some(there)) => {
                    // Each side present and not allied, in side order.
                    let mut m = foes & there;
                    while m != 0 {
                        let t = SideId(m.trailing_zeros() as u16);
                        out.push(Command::Engage(z, t));
                        m &= m - 1;
                    }
                }
                _ => {
                    for t in c.side_ids() {
                        let seen = match known {
                            Known::OnBoard => b.has_side(z, t),
                            Known::Where(f) => f(z, t),
                            Known::Masks(m) => t.0 < 64 && m[z.index()] >> t.0 & 1 != 0,
                        };
                        if t != side && b.relations.get(side, t) != Relation::Allied && seen {
                            out.push(Command::Engage(z, t));
                        }
                    }
                }
            }
        }
        if !here
            && open(z)
            && !b.control[z.index()].is_some_and(|o| b.relations.hostile(o, side))
            && (!blocked || search.reached(z))
        {
            out.push(Command::Withdraw(z));
        }
        if enterable && (here || dist == 1) {
            out.push(Command::ShowOfForce(z));
        }
    }
}

/// Units of `side` on the board, in id order.
pub fn own_units(b: &Board, side: SideId) -> Vec<UnitId> {
    b.units()
        .iter()
        .filter(|u| u.side == side)
        .map(|u| u.id)
        .collect()
}
