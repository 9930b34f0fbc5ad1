//! Order independence. The turn is one system per phase, so there are no systems within a phase to
//! run in shuffled orders; what could still leak an order into the results is the order the ECS
//! stores and iterates the units (entity ids, table order), the order bots are planned, and the
//! order sides hand their orders in. Each case plays a generated game four ways, state against
//! state after every turn:
//!
//! - the generated orders handed in side by side, on an engine whose units were spawned in id
//!   order; and the same orders handed in in a shuffled order of sides (and, for a side that
//!   orders each unit once, in a shuffled order within the side), on an engine whose units were
//!   spawned again in a shuffled order with other entity ids ([`whitecell::sim::world::respawn_units`]);
//! - the bots playing every side inside the engine; and the same bots planned outside it, side by
//!   side in a shuffled order, their orders handed in in another, on a respawned engine.

use super::orders::{self, TurnR};
use super::scenarios::{self, Recipe};
use crate::Pooled;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use whitecell::dice::{Dice, splitmix64};
use whitecell::orders::SideOrders;
use whitecell::policy::PolicySpec;
use whitecell::sim::Engine;

fn fail(e: impl std::fmt::Display) -> TestCaseError {
    TestCaseError::fail(e.to_string())
}

/// A permutation of `0..n` drawn from `state`.
pub fn shuffled(n: usize, state: &mut u64) -> Vec<usize> {
    let mut v: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = (splitmix64(state) % (i as u64 + 1)) as usize;
        v.swap(i, j);
    }
    v
}

/// Respawns the engine's units in id order (a reference game's storage order, whatever game the
/// pooled engine played before).
fn in_id_order(e: &mut Engine) {
    let n = e.compiled().units.len();
    let order: Vec<usize> = (0..n).collect();
    whitecell::sim::world::respawn_units(e.schedule_mut().1, &order, 0);
}

/// Respawns the engine's units in a shuffled order, with other entity ids.
fn respawn(e: &mut Engine, state: &mut u64) {
    let n = e.compiled().units.len();
    let order = shuffled(n, state);
    let pad = (splitmix64(state) % 9) as usize;
    whitecell::sim::world::respawn_units(e.schedule_mut().1, &order, pad);
}

/// The side's orders in a shuffled order, when no unit is ordered twice (a second order for a
/// unit is rejected as a duplicate, so there the order given is part of the input).
fn shuffle_within(o: &SideOrders, state: &mut u64) -> SideOrders {
    let mut units: Vec<_> = o.orders.iter().map(|x| x.unit).collect();
    units.sort();
    units.dedup();
    if units.len() < o.orders.len() {
        return o.clone();
    }
    SideOrders {
        orders: shuffled(o.orders.len(), state)
            .into_iter()
            .map(|i| o.orders[i])
            .collect(),
        signals: o.signals.clone(),
    }
}

/// The four ways of playing one generated game give the same states.
pub fn game(
    recipe: &Recipe,
    seed: u64,
    turns: &[TurnR],
    policies: [u8; 4],
    mut mix: u64,
) -> Result<(), TestCaseError> {
    let c = scenarios::compile(recipe);
    let dice = Dice::seeded(seed);
    let mut plain = Pooled::new(c.clone(), dice.clone());
    in_id_order(&mut plain);
    let mut moved = Pooled::new(c.clone(), dice.clone());
    respawn(&mut moved, &mut mix);
    for t in turns {
        if plain.ended() {
            prop_assert!(moved.ended(), "both games end together");
            break;
        }
        let state = plain.state();
        let hands = orders::hands(&c, &state, &dice, t);
        for h in &hands {
            plain.submit(h.side, h.orders.clone(), h.unresolved.clone());
        }
        for i in shuffled(hands.len(), &mut mix) {
            let h = &hands[i];
            moved.submit(
                h.side,
                shuffle_within(&h.orders, &mut mix),
                h.unresolved.clone(),
            );
        }
        plain.step().map_err(fail)?;
        moved.step().map_err(fail)?;
        prop_assert_eq!(
            plain.state(),
            moved.state(),
            "turn {}: handed in in another order, units stored in another",
            state.turn + 1
        );
    }
    drop((plain, moved));

    let names = ["random", "aggressive", "cautious"];
    let specs: Vec<PolicySpec> = (0..c.side_count())
        .map(|i| PolicySpec::parse(names[usize::from(policies[i % 4]) % 3]).expect("a policy"))
        .collect();
    let mut inside = Pooled::new(c.clone(), dice.clone());
    in_id_order(&mut inside);
    inside.set_bots(&specs);
    let mut outside = Pooled::new(c.clone(), dice.clone());
    respawn(&mut outside, &mut mix);
    while !inside.ended() {
        prop_assert!(!outside.ended(), "both games end together");
        let state = outside.state();
        let mut planned: Vec<Option<SideOrders>> = vec![None; specs.len()];
        for i in shuffled(specs.len(), &mut mix) {
            let side = whitecell::model::SideId(i as u16);
            planned[i] = Some(specs[i].orders(&c, &state, side, &dice));
        }
        for i in shuffled(specs.len(), &mut mix) {
            let o = planned[i].take().expect("planned once");
            outside.submit(
                whitecell::model::SideId(i as u16),
                shuffle_within(&o, &mut mix),
                Vec::new(),
            );
        }
        inside.step().map_err(fail)?;
        outside.step().map_err(fail)?;
        prop_assert_eq!(
            inside.state(),
            outside.state(),
            "turn {}: bots planned outside, in another order",
            state.turn + 1
        );
    }
    prop_assert!(outside.ended(), "both games end together");
    Ok(())
}
