//! ECS components and resources of a game. Units are entities; everything else that changes is a
//! resource. None of these is hashed or saved directly: see [`super::hash`] and [`crate::model::State`].

use crate::dice::Dice;
use crate::model::{Compiled, Intel, KindId, Message, Outcome, Relations, SideId, UnitId, ZoneId};
use crate::orders::{Command, SideOrders};
use crate::report::LogEvent;
use crate::scenario::{Posture, Readiness};
use bevy_ecs::prelude::*;
use std::collections::BTreeSet;
use std::sync::Arc;

/// Who a unit is: never changes.
#[derive(Component, Debug, Clone, Copy)]
pub struct UnitKey {
    /// Stable id.
    pub id: UnitId,
    /// Owner.
    pub side: SideId,
    /// Type.
    pub kind: KindId,
}

/// Where a unit is.
#[derive(Component, Debug, Clone, Copy)]
pub struct Location(pub ZoneId);

/// A unit's strength in steps.
#[derive(Component, Debug, Clone, Copy)]
pub struct Strength(pub u8);

/// A unit's readiness and posture.
#[derive(Component, Debug, Clone, Copy)]
pub struct Disposition {
    /// Readiness.
    pub readiness: Readiness,
    /// Posture.
    pub posture: Posture,
}

/// The scenario being played.
#[derive(Resource, Clone)]
pub struct Game(pub Arc<Compiled>);

/// The turn being played (0 before the first).
#[derive(Resource, Debug, Clone, Copy, Default)]
pub struct Clock(pub u32);

/// Control of each zone.
#[derive(Resource, Debug, Clone)]
pub struct Control(pub Vec<Option<SideId>>);

/// Relations between sides.
#[derive(Resource, Debug, Clone)]
pub struct Diplomacy(pub Relations);

/// Track values and which thresholds have been reached.
#[derive(Resource, Debug, Clone)]
pub struct Tracks {
    /// Value per track.
    pub values: Vec<i32>,
    /// Per track, per threshold (ascending), reached yet.
    pub reached: Vec<Vec<bool>>,
}

/// What has happened so far that later rules look at.
#[derive(Resource, Debug, Clone)]
pub struct History {
    /// Per event, fired yet.
    pub fired: Vec<bool>,
    /// Per side, steps lost in all.
    pub steps_lost: Vec<u32>,
    /// Messages delivered.
    pub messages: Vec<Message>,
    /// The end, once reached.
    pub outcome: Option<Outcome>,
}

/// What each side has detected.
#[derive(Resource, Debug, Clone)]
pub struct Contacts(pub Intel);

/// Orders submitted for the coming turn, by side.
#[derive(Resource, Debug, Clone, Default)]
pub struct Submitted(pub Vec<(SideId, SideOrders, Vec<crate::orders::file::Unresolved>)>);

/// What this turn's accepted orders are, and who has fought: rebuilt each turn from its events.
#[derive(Resource, Debug, Clone, Default)]
pub struct ThisTurn {
    /// Accepted orders, in unit id order.
    pub orders: Vec<(UnitId, Command<ZoneId, SideId>)>,
    /// Units that fought.
    pub fought: BTreeSet<UnitId>,
}

impl ThisTurn {
    /// The accepted order of a unit, if any.
    pub fn order(&self, u: UnitId) -> Option<&Command<ZoneId, SideId>> {
        self.orders
            .binary_search_by_key(&u, |o| o.0)
            .ok()
            .map(|i| &self.orders[i].1)
    }
}

/// Events a phase has produced, waiting to be applied.
#[derive(Resource, Debug, Clone, Default)]
pub struct Outbox(pub Vec<LogEvent>);

/// Every event applied so far.
#[derive(Resource, Debug, Clone, Default)]
pub struct Log(pub Vec<LogEvent>);

/// The game's dice.
#[derive(Resource, Debug, Clone)]
pub struct DiceBox(pub Dice);

/// The entity of each unit on the map, by unit id.
#[derive(Resource, Debug, Clone, Default)]
pub struct UnitIndex(pub Vec<Option<Entity>>);
