//! Building a game's world from a compiled scenario, and resetting it for the next game so a thread
//! can keep one World and Schedule for all its games.
//!
//! Every unit of the scenario is spawned once, in id order. A new game of the same scenario (the
//! same `Arc`) writes the units' starting values into the same entities; another scenario despawns
//! them and spawns its own. Resources are reset in place, so their buffers are kept.

use super::components::*;
use crate::dice::Dice;
use crate::model::Compiled;
use crate::model::compiled::UnitDef;
use bevy_ecs::prelude::*;
use std::sync::Arc;

/// The components of a unit at the start of a game.
fn start(d: &UnitDef) -> (Location, Strength, Disposition) {
    (
        Location(d.zone),
        Strength(d.strength),
        Disposition {
            readiness: d.readiness,
            posture: d.posture,
        },
    )
}

/// Inserts every resource a game needs, empty (once, when the world is made).
pub fn insert_resources(world: &mut World, c: &Arc<Compiled>, dice: Dice) {
    world.insert_resource(Game(c.clone()));
    world.insert_resource(Status {
        journal: Journal {
            keep: true,
            ..Default::default()
        },
        ..Default::default()
    });
    world.insert_resource(Submitted::default());
    world.insert_resource(Bots::default());
    world.insert_resource(Settings {
        hash_every_turn: true,
        hash_rules: crate::RULES,
    });
    world.insert_resource(DiceBox(dice));
    world.insert_resource(super::hash::Enc::default());
}

/// The unit components a reset writes.
pub type UnitsMut = (
    &'static UnitKey,
    &'static mut Location,
    &'static mut Strength,
    &'static mut Disposition,
);

/// Fills `world` with the start of a game of `c` with `dice`. `units` is the world's query of unit
/// components, kept by the engine.
pub fn setup(world: &mut World, units: &mut QueryState<UnitsMut>, c: Arc<Compiled>, dice: Dice) {
    let same = Arc::ptr_eq(&world.resource::<Game>().0, &c)
        && world.resource::<Status>().index.len() == c.units.len();
    if same {
        for (k, mut l, mut s, mut d) in units.iter_mut(world) {
            (*l, *s, *d) = start(&c.units[k.id.index()]);
        }
    } else {
        let old = std::mem::take(&mut world.resource_mut::<Status>().index);
        for e in old {
            world.despawn(e);
        }
        let mut index = Vec::with_capacity(c.units.len());
        for (i, u) in c.units.iter().enumerate() {
            let key = UnitKey {
                id: crate::model::UnitId(i as u32),
                side: u.side,
                kind: u.kind,
            };
            index.push(world.spawn((key, start(u))).id());
        }
        world.resource_mut::<Status>().index = index;
    }
    let n = c.side_count();
    let nu = c.units.len();
    let mut st = world.resource_mut::<Status>();
    let st = &mut *st;
    st.clock = 0;
    st.control.clear();
    st.control.extend(c.zones.iter().map(|z| z.controller));
    st.relations.copy_from(&c.relations);
    let t = &mut st.tracks;
    t.values.clear();
    t.values.extend(c.tracks.iter().map(|t| t.start));
    t.reached.resize_with(c.tracks.len(), Vec::new);
    for (r, def) in t.reached.iter_mut().zip(&c.tracks) {
        r.clear();
        r.extend(def.thresholds.iter().map(|(at, _, _)| def.start >= *at));
    }
    let h = &mut st.history;
    h.fired.clear();
    h.fired.resize(c.events.len(), false);
    h.steps_lost.clear();
    h.steps_lost.resize(n, 0);
    h.messages.clear();
    h.ending = None;
    h.scores.clear();
    h.engagements = 0;
    st.contacts.reset(n, nu);
    st.on_map.clear();
    st.on_map.extend(c.units.iter().map(|u| u.initial));
    st.turn.order.clear();
    st.turn.order.resize(nu, None);
    st.turn.fought.clear();
    st.turn.fought.resize(nu, false);
    st.dirty = true;
    st.scratch.supply_valid = false;
    st.scratch.reserve(nu);
    st.scratch.policy.reserve(nu, c.zones.len());
    st.journal.log.clear();
    st.journal.applied = 0;
    st.journal.turn_start = 0;
    {
        let mut sub = world.resource_mut::<Submitted>();
        sub.0.resize_with(n, Slot::default);
        for s in &mut sub.0 {
            s.pending = false;
            let have = s.orders.orders.len();
            s.orders.orders.reserve(nu.saturating_sub(have));
        }
    }
    world.resource_mut::<DiceBox>().0 = dice;
    world.resource_mut::<Game>().0 = c;
}

/// Test hook: despawns every unit's entity and spawns the units again in `order` (a permutation of
/// their indices), after `pad` entities that are then despawned — the same components and the same
/// id → entity index, but other entity ids and another storage and iteration order. The order
/// independence tests (`tests/schedule.rs`, `tests/properties/schedule.rs`) use it to show that no
/// result depends on either. Not for play.
pub fn respawn_units(world: &mut World, order: &[usize], pad: usize) {
    let mut sorted = order.to_vec();
    sorted.sort_unstable();
    let n = world.resource::<Status>().index.len();
    assert!(
        sorted.into_iter().eq(0..n),
        "respawn_units takes a permutation of the units"
    );
    let old = std::mem::take(&mut world.resource_mut::<Status>().index);
    let parts: Vec<_> = old
        .iter()
        .map(|&e| {
            let u = world.entity(e);
            let lacks = "engine bug: a unit's entity lacks one of its components";
            (
                *u.get::<UnitKey>().expect(lacks),
                *u.get::<Location>().expect(lacks),
                *u.get::<Strength>().expect(lacks),
                *u.get::<Disposition>().expect(lacks),
            )
        })
        .collect();
    for e in old {
        world.despawn(e);
    }
    let pads: Vec<Entity> = (0..pad).map(|_| world.spawn_empty().id()).collect();
    let mut index = vec![Entity::PLACEHOLDER; parts.len()];
    for &i in order {
        index[i] = world.spawn(parts[i]).id();
    }
    for e in pads {
        world.despawn(e);
    }
    let mut st = world.resource_mut::<Status>();
    st.index = index;
    st.dirty = true;
}
