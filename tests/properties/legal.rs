//! The legal orders the engine generates for a unit are exactly the candidates the full order
//! check accepts, in the documented order — on the true board and on each side's own picture.
//!
//! The candidates are every order kind × every zone × every side. The list is `Hold`, `Resupply`,
//! then for the unit's own zone and each other zone in id order: `Move`, `Patrol`, `Engage` per
//! side in side order, `Withdraw`, `ShowOfForce` — each where the check ([`judge`], the judgement
//! that `orders::check::check` puts in words) accepts it, with three documented differences:
//! `Move` and `Withdraw` to the unit's own zone are not offered (they go nowhere), and `Engage` is
//! offered only against a side with units the board shows in the zone. The fast path the bots use
//! ([`Known::OnBoard`]) must give the same list, and so must the random bot's path (the true board
//! with the side's picture as [`Known::Masks`]), and a `Move` must be accepted exactly where a
//! breadth-first search of this file's own finds a path within the allowance (so the reach table
//! is checked too, not only held equal to itself).

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use std::collections::VecDeque;
use whitecell::model::{Compiled, SideId, State, UnitState, ZoneId};
use whitecell::orders::legal::{Known, legal_into, legal_orders};
use whitecell::orders::{Command, Order, judge};
use whitecell::policy::view::{Scratch, Situation, known_units};
use whitecell::rules::movement::Search;
use whitecell::rules::{Board, Placement};

/// Moves a unit of `u`'s type needs to reach each zone, entering only zones it may enter.
fn distances(c: &Compiled, u: &UnitState) -> Vec<Option<u32>> {
    let kind = &c.kinds[u.kind.index()];
    let mut d = vec![None; c.zones.len()];
    d[u.zone.index()] = Some(0);
    let mut q = VecDeque::from([u.zone]);
    while let Some(z) = q.pop_front() {
        let here = d[z.index()].unwrap_or(0);
        for &n in &c.zones[z.index()].neighbours {
            if d[n.index()].is_none() && kind.can_enter(c.zones[n.index()].kind) {
                d[n.index()] = Some(here + 1);
                q.push_back(n);
            }
        }
    }
    d
}

/// Checks one unit's legal orders on board `b` for `side`. Returns how many candidates the check
/// accepts that the list leaves out by design (moves and withdrawals to the unit's own zone).
fn one(c: &Compiled, b: &Board, side: SideId, u: &UnitState) -> Result<usize, TestCaseError> {
    let known = |z: ZoneId, t: SideId| b.has_side(z, t);
    let got = legal_orders(b, side, u, &known);
    let mut fast = Vec::new();
    legal_into(
        b,
        side,
        u,
        Known::OnBoard,
        &mut Search::default(),
        &mut fast,
    );
    prop_assert_eq!(&got, &fast, "the bots' fast path lists the same orders");
    let search = std::cell::RefCell::new(Search::default());
    let ok = |command| {
        let order = Order {
            unit: u.id,
            command,
        };
        judge(b, side, &order, &|_| false, &mut search.borrow_mut(), None).is_ok()
    };
    let mut want = Vec::new();
    let mut left_out = 0;
    for cmd in [Command::Hold, Command::Resupply] {
        if ok(cmd) {
            want.push(cmd);
        }
    }
    let dist = distances(c, u);
    let movement = u32::from(c.kinds[u.kind.index()].movement);
    let zones = std::iter::once(u.zone).chain(
        (0..c.zones.len() as u32)
            .map(ZoneId)
            .filter(|z| *z != u.zone),
    );
    for z in zones {
        let here = z == u.zone;
        if here {
            left_out += usize::from(ok(Command::Move(z))) + usize::from(ok(Command::Withdraw(z)));
        } else {
            let reachable = dist[z.index()].is_some_and(|d| d <= movement);
            prop_assert_eq!(
                ok(Command::Move(z)),
                reachable,
                "Move({}) from {} is accepted exactly when a path within {} moves exists",
                c.zone_name(z),
                c.zone_name(u.zone),
                movement
            );
            if reachable {
                want.push(Command::Move(z));
            }
        }
        if ok(Command::Patrol(z)) {
            want.push(Command::Patrol(z));
        }
        for t in c.side_ids() {
            if known(z, t) && ok(Command::Engage(z, t)) {
                want.push(Command::Engage(z, t));
            }
        }
        if !here && ok(Command::Withdraw(z)) {
            want.push(Command::Withdraw(z));
        }
        if ok(Command::ShowOfForce(z)) {
            want.push(Command::ShowOfForce(z));
        }
    }
    prop_assert_eq!(
        got,
        want,
        "the legal orders of {} are the candidates the check accepts, in order",
        c.unit_name(u.id)
    );
    Ok(left_out)
}

/// Checks every unit's legal orders on the true board and on every side's own picture; returns
/// the candidates left out by design (see [`one`]).
pub fn all(c: &Compiled, state: &State) -> Result<usize, TestCaseError> {
    let mut left_out = 0;
    let truth = Board::new(
        c,
        &state.units,
        &state.relations,
        &state.control,
        state.turn + 1,
    );
    for u in &state.units {
        left_out += one(c, &truth, u.side, u)?;
    }
    let mut place = Placement::default();
    let sit = Situation::of_state(c, state, &mut place);
    let mut scratch = Scratch::default();
    for side in c.side_ids() {
        let known = known_units(state, side);
        scratch.know(&sit, side);
        prop_assert_eq!(
            scratch.place.units(),
            &known[..],
            "the bots' picture is the side's known units"
        );
        let b = Board::new(c, &known, &state.relations, &state.control, state.turn + 1);
        for u in known.iter().filter(|u| u.side == side) {
            left_out += one(c, &b, side, u)?;
        }
        // The random bot's path: the true board with the picture as masks gives the same lists.
        let mut by_masks = Scratch::default();
        if by_masks.know_masks(&sit, side) {
            let own: Vec<UnitState> = known.iter().filter(|u| u.side == side).copied().collect();
            prop_assert_eq!(&by_masks.own, &own, "the masks' own units are the side's");
            let truth = whitecell::policy::view::true_board(&sit);
            let (mut search, mut on_picture, mut on_masks) = (Search::default(), vec![], vec![]);
            for u in &own {
                legal_into(&b, side, u, Known::OnBoard, &mut search, &mut on_picture);
                let masks = Known::Masks(&by_masks.masks);
                legal_into(&truth, side, u, masks, &mut search, &mut on_masks);
                prop_assert_eq!(
                    &on_picture,
                    &on_masks,
                    "{}'s orders on the true board with masks are its orders on the picture",
                    c.unit_name(u.id)
                );
            }
        }
    }
    Ok(left_out)
}
