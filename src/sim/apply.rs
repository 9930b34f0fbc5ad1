//! Applying events: the only place game state changes. Live play, umpire actions and replay all
//! come through here, so a log replays into the same state.
//!
//! [`Writer`] is the system parameter every phase takes: write access to the units' components and
//! to the rest of the game's [`Status`]. A phase reads the game through [`Writer::split`] (a
//! read-only [`View`] beside the log and the working buffers), writes its events, and ends with
//! [`Writer::end_phase`], which applies them and groups the units by zone again if any changed.

use super::components::*;
use super::phases::View;
use super::scratch::Scratch;
use crate::log::event::{Ending, Event, Span};
use crate::model::{Compiled, Sighting, UnitId, UnitState};
use bevy_ecs::prelude::*;
use bevy_ecs::system::SystemParam;

/// A unit's changeable components.
type UnitMut<'a> = (Mut<'a, Location>, Mut<'a, Strength>, Mut<'a, Disposition>);

/// Write access to the state of a game.
#[derive(SystemParam)]
pub struct Writer<'w, 's> {
    game: Res<'w, Game>,
    units: Query<
        'w,
        's,
        (
            &'static UnitKey,
            &'static mut Location,
            &'static mut Strength,
            &'static mut Disposition,
        ),
    >,
    /// The rest of the game.
    pub st: ResMut<'w, Status>,
}

impl Writer<'_, '_> {
    /// The game as it stands, the log to write events to, and the working buffers.
    pub fn split(&mut self) -> (View<'_>, &mut Journal, &mut Scratch) {
        let st = &mut *self.st;
        let view = View {
            c: &self.game.0,
            clock: st.clock,
            control: &st.control,
            relations: &st.relations,
            tracks: &st.tracks,
            history: &st.history,
            contacts: &st.contacts,
            on_map: &st.on_map,
            turn: &st.turn,
            places: &st.places,
        };
        (view, &mut st.journal, &mut st.scratch)
    }

    /// The version-1 state hash (rules revision 1's encoding) of the game as it stands.
    pub fn hash_v1(&self) -> u64 {
        let st = &*self.st;
        let s = super::state::state_of(&self.game.0, st, st.places.units().to_vec());
        u64::from_str_radix(&super::hash::state_hash_v1(&s), 16).unwrap_or(0)
    }

    /// Ends a phase: applies the events it wrote, then groups the units by zone again if any
    /// changed. A failure is an engine bug (phases only write events about things that exist).
    pub fn end_phase(&mut self) {
        if let Err(msg) = self.apply_pending() {
            panic!("engine bug: a phase wrote an event that does not apply: {msg}");
        }
        self.place_if_moved();
    }

    /// Groups the units on the map by zone, if any unit changed since the last time.
    pub fn place_if_moved(&mut self) {
        if !self.st.dirty {
            return;
        }
        let c = &self.game.0;
        let st = &mut *self.st;
        let p = &mut st.places;
        p.begin();
        for (k, l, s, d) in self.units.iter() {
            if st.on_map[k.id.index()] {
                p.push(UnitState {
                    id: k.id,
                    side: k.side,
                    kind: k.kind,
                    zone: l.0,
                    strength: s.0,
                    readiness: d.readiness,
                    posture: d.posture,
                });
            }
        }
        p.finish(c.zones.len(), c.units.len());
        st.dirty = false;
    }

    /// Applies every event of the log not yet applied.
    pub fn apply_pending(&mut self) -> Result<(), String> {
        let c = &*self.game.0;
        let st = &mut *self.st;
        while st.journal.applied < st.journal.log.events.len() {
            let e = st.journal.log.events[st.journal.applied];
            apply_to(c, &mut self.units, st, &e).map_err(|m| format!("{m}: {e:?}"))?;
            st.journal.applied += 1;
        }
        Ok(())
    }

    /// Applies one event. Fails (changing nothing) if it names something not on the map.
    pub fn apply(&mut self, e: &Event) -> Result<(), String> {
        apply_to(&self.game.0, &mut self.units, &mut self.st, e)
    }
}

/// The units' changeable components.
type Units<'w, 's> = Query<
    'w,
    's,
    (
        &'static UnitKey,
        &'static mut Location,
        &'static mut Strength,
        &'static mut Disposition,
    ),
>;

/// Fails unless the unit is on the map.
fn on_map(c: &Compiled, st: &Status, u: UnitId) -> Result<(), String> {
    match st.on_map.get(u.index()) {
        Some(true) => Ok(()),
        Some(false) => Err(format!("unit `{}` is not on the map", c.unit_name(u))),
        None => Err(format!("unknown unit {}", u.0)),
    }
}

/// A unit on the map whose components are about to change. A change of zone (`regroup`) makes the
/// placement be built again at the end of the phase; other changes are written into it as well.
fn changing<'a>(
    c: &Compiled,
    units: &'a mut Units,
    st: &mut Status,
    u: UnitId,
    regroup: bool,
) -> Result<UnitMut<'a>, String> {
    on_map(c, st, u)?;
    if regroup {
        st.dirty = true;
    }
    let (_, l, s, d) = units
        .get_mut(st.index[u.index()])
        .map_err(|_| "engine bug: a unit has no entity".to_string())?;
    Ok((l, s, d))
}

/// Applies one event to the state. Fails (changing nothing) if it names something not on the map.
fn apply_to(c: &Compiled, units: &mut Units, st: &mut Status, e: &Event) -> Result<(), String> {
    match *e {
        Event::TurnStarted { turn } => {
            st.clock = turn;
            st.turn.order.iter_mut().for_each(|o| *o = None);
            st.turn.fought.iter_mut().for_each(|f| *f = false);
        }
        Event::EventFired { event, .. } => st.history.fired[event.index()] = true,
        Event::OrderAccepted { unit, order, .. } => {
            on_map(c, st, unit)?;
            st.turn.order[unit.index()] = Some(order);
        }
        Event::OrderRejected { .. }
        | Event::SignalSent { .. }
        | Event::ShowOfForce { .. }
        | Event::NoContact { .. }
        | Event::Umpire { .. }
        | Event::TurnEnded { .. } => {}
        Event::Moved { unit, to, .. } | Event::Retreated { unit, to, .. } => {
            changing(c, units, st, unit, true)?.0.0 = to;
        }
        Event::PostureChanged { unit, to, .. } => {
            changing(c, units, st, unit, false)?.2.posture = to;
            st.places.patch(unit, |u| u.posture = to);
        }
        Event::ContactsCleared => st.contacts.current.iter_mut().for_each(|x| *x = false),
        Event::DetectionRoll {
            side,
            unit,
            zone,
            detected,
            strength,
            ..
        } => {
            if detected {
                on_map(c, st, unit)?;
                let at = side.index() * st.contacts.units + unit.index();
                st.contacts.current[at] = true;
                st.contacts.last_seen[at] = Some(Sighting {
                    zone,
                    turn: st.clock,
                    strength,
                });
            }
        }
        Event::Engagement { terms, .. } => {
            st.history.engagements += 1;
            for t in terms.of(&st.journal.log.terms) {
                match st.turn.fought.get_mut(t.unit.index()) {
                    Some(f) => *f = true,
                    None => return Err(format!("unknown unit {}", t.unit.0)),
                }
            }
        }
        Event::StepsLost {
            unit,
            side,
            steps,
            strength,
            ..
        } => {
            changing(c, units, st, unit, false)?.1.0 = strength;
            st.places.patch(unit, |u| u.strength = strength);
            st.history.steps_lost[side.index()] += u32::from(steps);
        }
        Event::UnitRemoved { unit, .. } => {
            on_map(c, st, unit)?;
            st.dirty = true;
            st.on_map[unit.index()] = false;
        }
        Event::ReadinessChanged { unit, to, .. } => {
            changing(c, units, st, unit, false)?.2.readiness = to;
            st.places.patch(unit, |u| u.readiness = to);
        }
        Event::ControlChanged { zone, to, .. } => st.control[zone.index()] = to,
        Event::TrackChanged { track, to, .. } => st.tracks.values[track.index()] = to,
        Event::ThresholdReached { track, k } => {
            st.tracks.reached[track.index()][usize::from(k)] = true
        }
        Event::RelationChanged { a, b, to, .. } => st.relations.set(a, b, to),
        Event::MessageSent { msg } => {
            let turn = st.clock;
            st.history.messages.push(Delivered { turn, msg });
        }
        Event::UnitAdded { unit, zone, .. } => {
            let Some(&on) = st.on_map.get(unit.index()) else {
                return Err(format!("unknown unit {}", unit.0));
            };
            let d = &c.units[unit.index()];
            if on {
                return Err(format!("unit `{}` is already on the map", d.id));
            }
            st.on_map[unit.index()] = true;
            st.dirty = true;
            st.turn.order[unit.index()] = None;
            st.turn.fought[unit.index()] = false;
            let (_, mut l, mut s, mut disp) = units
                .get_mut(st.index[unit.index()])
                .map_err(|_| "engine bug: a unit has no entity".to_string())?;
            l.0 = zone;
            s.0 = d.strength;
            *disp = Disposition {
                readiness: d.readiness,
                posture: d.posture,
            };
        }
        Event::GameEnded { ending } => {
            let ending = match ending {
                Ending::Points { winner, scores } => {
                    st.history.scores.clear();
                    st.history
                        .scores
                        .extend_from_slice(scores.of(&st.journal.log.numbers));
                    Ending::Points {
                        winner,
                        scores: Span {
                            start: 0,
                            len: scores.len,
                        },
                    }
                }
                sd => sd,
            };
            st.history.ending = Some(ending);
        }
    }
    Ok(())
}
