//! Building a game's world from a compiled scenario, and resetting a world for the next game so a
//! thread can keep one World and Schedule for all its games.

use super::components::*;
use crate::dice::Dice;
use crate::model::{Compiled, Intel, UnitId};
use bevy_ecs::prelude::*;
use std::sync::Arc;

/// Fills `world` with the start of a game: removes any previous game's units, then spawns this one's
/// and sets every resource.
pub fn setup(world: &mut World, c: Arc<Compiled>, dice: Dice) {
    let old: Vec<Entity> = world
        .query_filtered::<Entity, With<UnitKey>>()
        .iter(world)
        .collect();
    for e in old {
        world.despawn(e);
    }
    let mut index = vec![None; c.units.len()];
    for (i, u) in c.units.iter().enumerate().filter(|(_, u)| u.initial) {
        let id = UnitId(i as u32);
        let e = world
            .spawn((
                UnitKey {
                    id,
                    side: u.side,
                    kind: u.kind,
                },
                Location(u.zone),
                Strength(u.strength),
                Disposition {
                    readiness: u.readiness,
                    posture: u.posture,
                },
            ))
            .id();
        index[i] = Some(e);
    }
    let n = c.side_count();
    world.insert_resource(UnitIndex(index));
    world.insert_resource(Clock(0));
    world.insert_resource(Control(c.zones.iter().map(|z| z.controller).collect()));
    world.insert_resource(Diplomacy(c.relations.clone()));
    world.insert_resource(Tracks {
        values: c.tracks.iter().map(|t| t.start).collect(),
        reached: c
            .tracks
            .iter()
            .map(|t| {
                t.thresholds
                    .iter()
                    .map(|(at, _, _)| t.start >= *at)
                    .collect()
            })
            .collect(),
    });
    world.insert_resource(History {
        fired: vec![false; c.events.len()],
        steps_lost: vec![0; n],
        messages: Vec::new(),
        outcome: None,
    });
    world.insert_resource(Contacts(Intel::new(n)));
    world.insert_resource(Submitted::default());
    world.insert_resource(ThisTurn::default());
    world.insert_resource(Outbox::default());
    world.insert_resource(Log::default());
    world.insert_resource(DiceBox(dice));
    world.insert_resource(Game(c));
}
