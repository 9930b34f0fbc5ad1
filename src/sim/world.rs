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
fn start(d: &UnitDef) -> (Location, Strength, Disposition, Tasking) {
    (
        Location {
            zone: d.zone,
            on_map: d.initial,
        },
        Strength(d.strength),
        Disposition {
            readiness: d.readiness,
            posture: d.posture,
        },
        Tasking::default(),
    )
}

/// Inserts every resource a game needs, empty (once, when the world is made).
pub fn insert_resources(world: &mut World, c: &Arc<Compiled>, dice: Dice) {
    world.insert_resource(Game(c.clone()));
    world.insert_resource(Clock(0));
    world.insert_resource(Control::default());
    world.insert_resource(Diplomacy(c.relations.clone()));
    world.insert_resource(Tracks::default());
    world.insert_resource(History::default());
    world.insert_resource(Contacts::default());
    world.insert_resource(Submitted::default());
    world.insert_resource(Bots::default());
    world.insert_resource(Journal {
        keep: true,
        ..Default::default()
    });
    world.insert_resource(Settings {
        hash_every_turn: true,
    });
    world.insert_resource(DiceBox(dice));
    world.insert_resource(UnitIndex::default());
    world.insert_resource(Places::default());
    world.insert_resource(super::scratch::Scratch::default());
    world.insert_resource(super::hash::Enc::default());
}

/// Fills `world` with the start of a game of `c` with `dice`. `units` is the world's query of unit
/// components, kept by the engine.
pub fn setup(
    world: &mut World,
    units: &mut QueryState<(&UnitKey, &mut Location, &mut Strength, &mut Disposition, &mut Tasking)>,
    c: Arc<Compiled>,
    dice: Dice,
) {
    let same = Arc::ptr_eq(&world.resource::<Game>().0, &c)
        && world.resource::<UnitIndex>().0.len() == c.units.len();
    if same {
        for (k, mut l, mut s, mut d, mut t) in units.iter_mut(world) {
            (*l, *s, *d, *t) = start(&c.units[k.id.index()]);
        }
    } else {
        let old = std::mem::take(&mut world.resource_mut::<UnitIndex>().0);
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
        world.resource_mut::<UnitIndex>().0 = index;
    }
    let n = c.side_count();
    world.resource_mut::<Clock>().0 = 0;
    {
        let mut ctl = world.resource_mut::<Control>();
        ctl.0.clear();
        ctl.0.extend(c.zones.iter().map(|z| z.controller));
    }
    world.resource_mut::<Diplomacy>().0.copy_from(&c.relations);
    {
        let mut t = world.resource_mut::<Tracks>();
        t.values.clear();
        t.values.extend(c.tracks.iter().map(|t| t.start));
        t.reached.resize_with(c.tracks.len(), Vec::new);
        for (r, def) in t.reached.iter_mut().zip(&c.tracks) {
            r.clear();
            r.extend(def.thresholds.iter().map(|(at, _, _)| def.start >= *at));
        }
    }
    {
        let mut h = world.resource_mut::<History>();
        h.fired.clear();
        h.fired.resize(c.events.len(), false);
        h.steps_lost.clear();
        h.steps_lost.resize(n, 0);
        h.messages.clear();
        h.ending = None;
        h.scores.clear();
        h.engagements = 0;
    }
    world
        .resource_mut::<Contacts>()
        .reset(n, c.units.len());
    {
        let mut sub = world.resource_mut::<Submitted>();
        sub.0.resize_with(n, Slot::default);
        for s in &mut sub.0 {
            s.pending = false;
        }
    }
    {
        let mut j = world.resource_mut::<Journal>();
        j.log.clear();
        j.applied = 0;
        j.turn_start = 0;
    }
    world.resource_mut::<DiceBox>().0 = dice;
    world.resource_mut::<Places>().dirty = true;
    world.resource_mut::<Game>().0 = c;
}
