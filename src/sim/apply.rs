//! Applying events: the only place game state changes. Live play and replay both come through here,
//! so a log replays into the same state.

use super::components::*;
use crate::model::{Message, UnitId};
use crate::report::LogEvent;
use bevy_ecs::prelude::*;

/// The exclusive system that ends every phase: applies the phase's events, then logs them.
pub fn apply_outbox(world: &mut World) {
    let events = std::mem::take(&mut world.resource_mut::<Outbox>().0);
    for e in &events {
        if let Err(msg) = apply(world, e) {
            // Phases only emit events about things that exist; reaching here is an engine bug.
            panic!("engine bug: a phase emitted an event that does not apply: {msg}: {e:?}");
        }
    }
    normalize(world);
    world.resource_mut::<Log>().0.extend(events);
}

/// Restores the sorted order of the per-turn lists after a batch of events (appending and sorting
/// once is O(n log n); inserting each in place would be O(n^2) on large games).
pub fn normalize(world: &mut World) {
    world.resource_mut::<ThisTurn>().orders.sort_by_key(|o| o.0);
    for v in &mut world.resource_mut::<Contacts>().0.current {
        v.sort_unstable();
        v.dedup();
    }
}

fn unit(world: &World, id: &str) -> Result<(UnitId, Entity), String> {
    let c = &world.resource::<Game>().0;
    let u = c.unit(id).ok_or_else(|| format!("unknown unit `{id}`"))?;
    let e = world.resource::<UnitIndex>().0[u.index()]
        .ok_or_else(|| format!("unit `{id}` is not on the map"))?;
    Ok((u, e))
}

fn component<'w, T: Component<Mutability = bevy_ecs::component::Mutable>>(
    world: &'w mut World,
    id: &str,
) -> Result<Mut<'w, T>, String> {
    let (_, e) = unit(world, id)?;
    world
        .get_mut::<T>(e)
        .ok_or_else(|| format!("unit `{id}` lacks a component"))
}

/// Applies one event to the world. Fails (changing nothing) if it names something unknown.
pub fn apply(world: &mut World, e: &LogEvent) -> Result<(), String> {
    let c = world.resource::<Game>().0.clone();
    let side = |s: &str| c.side(s).ok_or_else(|| format!("unknown side `{s}`"));
    let zone = |z: &str| c.zone(z).ok_or_else(|| format!("unknown zone `{z}`"));
    match e {
        LogEvent::TurnStarted { turn, .. } => {
            world.resource_mut::<Clock>().0 = *turn;
            *world.resource_mut::<ThisTurn>() = ThisTurn::default();
        }
        LogEvent::EventFired { event, .. } => {
            let ev = c
                .event(event)
                .ok_or_else(|| format!("unknown event `{event}`"))?;
            world.resource_mut::<History>().fired[ev.index()] = true;
        }
        LogEvent::OrderAccepted { unit: u, order, .. } => {
            let (id, _) = unit(world, u)?;
            let cmd = crate::orders::resolve_command(&c, order).map_err(|r| r.to_string())?;
            // Kept sorted by `normalize` at the end of the batch.
            world.resource_mut::<ThisTurn>().orders.push((id, cmd));
        }
        LogEvent::OrderRejected { .. }
        | LogEvent::SignalSent { .. }
        | LogEvent::ShowOfForce { .. } => {}
        LogEvent::Moved { unit: u, to, .. } | LogEvent::Retreated { unit: u, to, .. } => {
            let z = zone(to)?;
            component::<Location>(world, u)?.0 = z;
        }
        LogEvent::PostureChanged { unit: u, to, .. } => {
            component::<Disposition>(world, u)?.posture = *to
        }
        LogEvent::ContactsCleared => {
            for v in &mut world.resource_mut::<Contacts>().0.current {
                v.clear();
            }
        }
        LogEvent::DetectionRoll {
            side: s,
            unit: u,
            zone: z,
            detected,
            strength,
            ..
        } => {
            if *detected {
                let (s, z) = (side(s)?, zone(z)?);
                let (id, _) = unit(world, u)?;
                let turn = world.resource::<Clock>().0;
                let mut contacts = world.resource_mut::<Contacts>();
                contacts.0.current[s.index()].push(id);
                contacts.0.last_seen[s.index()].insert(
                    id,
                    crate::model::Sighting {
                        zone: z,
                        turn,
                        strength: *strength,
                    },
                );
            }
        }
        LogEvent::Engagement { odds, .. } => {
            let ids: Vec<UnitId> = odds
                .attack
                .iter()
                .chain(&odds.defence)
                .map(|t| {
                    c.unit(&t.unit)
                        .ok_or_else(|| format!("unknown unit `{}`", t.unit))
                })
                .collect::<Result<_, _>>()?;
            world.resource_mut::<ThisTurn>().fought.extend(ids);
        }
        LogEvent::NoContact { .. } => {}
        LogEvent::StepsLost {
            unit: u,
            side: s,
            steps,
            strength,
            ..
        } => {
            let s = side(s)?;
            component::<Strength>(world, u)?.0 = *strength;
            world.resource_mut::<History>().steps_lost[s.index()] += u32::from(*steps);
        }
        LogEvent::UnitRemoved { unit: u, .. } => {
            let (id, e) = unit(world, u)?;
            world.despawn(e);
            world.resource_mut::<UnitIndex>().0[id.index()] = None;
        }
        LogEvent::ReadinessChanged { unit: u, to, .. } => {
            component::<Disposition>(world, u)?.readiness = *to
        }
        LogEvent::ControlChanged { zone: z, to, .. } => {
            let z = zone(z)?;
            let to = to.as_deref().map(side).transpose()?;
            world.resource_mut::<Control>().0[z.index()] = to;
        }
        LogEvent::TrackChanged { track, to, .. } => {
            let t = c
                .track(track)
                .ok_or_else(|| format!("unknown track `{track}`"))?;
            world.resource_mut::<Tracks>().values[t.index()] = *to;
        }
        LogEvent::ThresholdReached { track, at, .. } => {
            let t = c
                .track(track)
                .ok_or_else(|| format!("unknown track `{track}`"))?;
            let k = c.tracks[t.index()]
                .thresholds
                .iter()
                .position(|x| x.0 == *at)
                .ok_or("unknown threshold")?;
            world.resource_mut::<Tracks>().reached[t.index()][k] = true;
        }
        LogEvent::RelationChanged { a, b, to, .. } => {
            let (a, b) = (side(a)?, side(b)?);
            world.resource_mut::<Diplomacy>().0.set(a, b, *to);
        }
        LogEvent::MessageSent { to, from, text } => {
            let to = to.iter().map(|s| side(s)).collect::<Result<Vec<_>, _>>()?;
            let turn = world.resource::<Clock>().0;
            world.resource_mut::<History>().messages.push(Message {
                turn,
                to,
                from: from.clone(),
                text: text.clone(),
            });
        }
        LogEvent::UnitAdded {
            unit: u, zone: z, ..
        } => {
            let id = c.unit(u).ok_or_else(|| format!("unknown unit `{u}`"))?;
            if world.resource::<UnitIndex>().0[id.index()].is_some() {
                return Err(format!("unit `{u}` is already on the map"));
            }
            let z = zone(z)?;
            let d = &c.units[id.index()];
            let ent = world
                .spawn((
                    UnitKey {
                        id,
                        side: d.side,
                        kind: d.kind,
                    },
                    Location(z),
                    Strength(d.strength),
                    Disposition {
                        readiness: d.readiness,
                        posture: d.posture,
                    },
                ))
                .id();
            world.resource_mut::<UnitIndex>().0[id.index()] = Some(ent);
        }
        LogEvent::TurnEnded { .. } | LogEvent::Umpire { .. } => {}
        LogEvent::GameEnded { outcome } => {
            world.resource_mut::<History>().outcome = Some(outcome.clone())
        }
    }
    Ok(())
}
