//! Reading the world: a system parameter that gathers units in id order for the rules, and the
//! full sorted [`State`] of a world.

use super::components::*;
use crate::model::{State, UnitState};
use bevy_ecs::prelude::*;
use bevy_ecs::system::SystemParam;

/// The unit query every phase reads.
pub type UnitQuery<'w, 's> = Query<
    'w,
    's,
    (
        &'static UnitKey,
        &'static Location,
        &'static Strength,
        &'static Disposition,
    ),
>;

/// What phases read to build a [`crate::rules::Board`].
#[derive(SystemParam)]
pub struct Snapshot<'w, 's> {
    /// The scenario.
    pub game: Res<'w, Game>,
    /// The turn.
    pub clock: Res<'w, Clock>,
    /// Zone control.
    pub control: Res<'w, Control>,
    /// Relations.
    pub diplomacy: Res<'w, Diplomacy>,
    /// Units.
    pub units: UnitQuery<'w, 's>,
}

impl Snapshot<'_, '_> {
    /// Units on the map, sorted by id (query order is not stable; results must not depend on it).
    pub fn units(&self) -> Vec<UnitState> {
        collect(self.units.iter())
    }
}

/// Turns query rows into unit states sorted by id.
pub fn collect<'a>(
    rows: impl Iterator<Item = (&'a UnitKey, &'a Location, &'a Strength, &'a Disposition)>,
) -> Vec<UnitState> {
    let mut v: Vec<UnitState> = rows
        .map(|(k, l, s, d)| UnitState {
            id: k.id,
            side: k.side,
            kind: k.kind,
            zone: l.0,
            strength: s.0,
            readiness: d.readiness,
            posture: d.posture,
        })
        .collect();
    v.sort_unstable_by_key(|u| u.id);
    v
}

/// The full state of a world.
pub fn state(world: &mut World) -> State {
    let mut q = world.query::<(&UnitKey, &Location, &Strength, &Disposition)>();
    let units = collect(q.iter(world));
    let tracks = world.resource::<Tracks>();
    let history = world.resource::<History>();
    State {
        turn: world.resource::<Clock>().0,
        units,
        control: world.resource::<Control>().0.clone(),
        relations: world.resource::<Diplomacy>().0.clone(),
        tracks: tracks.values.clone(),
        reached: tracks.reached.clone(),
        fired: history.fired.clone(),
        steps_lost: history.steps_lost.clone(),
        intel: world.resource::<Contacts>().0.clone(),
        messages: history.messages.clone(),
        outcome: history.outcome.clone(),
    }
}
