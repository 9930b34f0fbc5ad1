//! Applying events: the only place game state changes. Live play, umpire actions and replay all
//! come through here, so a log replays into the same state.
//!
//! [`Writer`] is the system parameter every phase takes: write access to every component and
//! resource an event can change. A phase reads the game through [`Writer::split`] (a read-only
//! [`View`] beside the log), writes its events, and ends with [`Writer::apply_pending`], which
//! applies them and groups the units by zone again if any of them changed.

use super::components::*;
use super::phases::View;
use crate::model::{Sighting, UnitId};
use crate::report::event::{Ending, Event, Span};
use bevy_ecs::prelude::*;
use bevy_ecs::system::SystemParam;

/// Write access to the state of a game.
#[derive(SystemParam)]
pub struct Writer<'w, 's> {
    game: Res<'w, Game>,
    index: Res<'w, UnitIndex>,
    units: Query<
        'w,
        's,
        (
            &'static UnitKey,
            &'static mut Location,
            &'static mut Strength,
            &'static mut Disposition,
            &'static mut Tasking,
        ),
    >,
    clock: ResMut<'w, Clock>,
    control: ResMut<'w, Control>,
    diplomacy: ResMut<'w, Diplomacy>,
    tracks: ResMut<'w, Tracks>,
    history: ResMut<'w, History>,
    contacts: ResMut<'w, Contacts>,
    places: ResMut<'w, Places>,
    /// The log the events come from.
    pub journal: ResMut<'w, Journal>,
}

impl Writer<'_, '_> {
    /// The game as it stands, and the log to write events to.
    pub fn split(&mut self) -> (View<'_>, &mut Journal) {
        let view = View {
            c: &self.game.0,
            clock: self.clock.0,
            control: &self.control.0,
            relations: &self.diplomacy.0,
            tracks: &self.tracks,
            history: &self.history,
            contacts: &self.contacts,
            places: &self.places.place,
            index: &self.index.0,
            units: self.units.as_readonly(),
        };
        (view, &mut self.journal)
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
        if !self.places.dirty {
            return;
        }
        let c = &self.game.0;
        let p = &mut self.places.place;
        p.begin();
        for (k, l, s, d, _) in self.units.iter() {
            if l.on_map {
                p.push(crate::model::UnitState {
                    id: k.id,
                    side: k.side,
                    kind: k.kind,
                    zone: l.zone,
                    strength: s.0,
                    readiness: d.readiness,
                    posture: d.posture,
                });
            }
        }
        p.finish(c.zones.len(), c.units.len());
        self.places.dirty = false;
    }

    /// Applies every event of the log not yet applied.
    pub fn apply_pending(&mut self) -> Result<(), String> {
        while self.journal.applied < self.journal.log.events.len() {
            let e = self.journal.log.events[self.journal.applied];
            self.apply(&e).map_err(|m| format!("{m}: {e:?}"))?;
            self.journal.applied += 1;
        }
        Ok(())
    }

    fn on_map(
        &mut self,
        u: UnitId,
    ) -> Result<(Mut<'_, Location>, Mut<'_, Strength>, Mut<'_, Disposition>), String> {
        let name = || self.game.0.unit_name(u).to_string();
        let e = *self
            .index
            .0
            .get(u.index())
            .ok_or_else(|| format!("unknown unit {}", u.0))?;
        let (_, l, s, d, _) = self
            .units
            .get_mut(e)
            .map_err(|_| format!("unit `{}` has no entity", name()))?;
        if !l.on_map {
            return Err(format!("unit `{}` is not on the map", self.game.0.unit_name(u)));
        }
        Ok((l, s, d))
    }

    /// A unit on the map whose components are about to change.
    fn changing(
        &mut self,
        u: UnitId,
    ) -> Result<(Mut<'_, Location>, Mut<'_, Strength>, Mut<'_, Disposition>), String> {
        self.places.dirty = true;
        self.on_map(u)
    }

    fn tasking(&mut self, u: UnitId) -> Result<Mut<'_, Tasking>, String> {
        let e = *self
            .index
            .0
            .get(u.index())
            .ok_or_else(|| format!("unknown unit {}", u.0))?;
        self.units
            .get_mut(e)
            .map(|(_, _, _, _, t)| t)
            .map_err(|_| "a unit has no entity".to_string())
    }

    /// Applies one event. Fails (changing nothing) if it names something not on the map.
    pub fn apply(&mut self, e: &Event) -> Result<(), String> {
        match *e {
            Event::TurnStarted { turn } => {
                self.clock.0 = turn;
                for (_, _, _, _, mut t) in &mut self.units {
                    *t = Tasking::default();
                }
            }
            Event::EventFired { event, .. } => self.history.fired[event.index()] = true,
            Event::OrderAccepted { unit, order, .. } => {
                self.on_map(unit)?;
                self.tasking(unit)?.order = Some(order);
            }
            Event::OrderRejected { .. }
            | Event::SignalSent { .. }
            | Event::ShowOfForce { .. }
            | Event::NoContact { .. }
            | Event::Umpire { .. }
            | Event::TurnEnded { .. } => {}
            Event::Moved { unit, to, .. } | Event::Retreated { unit, to, .. } => {
                self.changing(unit)?.0.zone = to;
            }
            Event::PostureChanged { unit, to, .. } => self.changing(unit)?.2.posture = to,
            Event::ContactsCleared => self.contacts.current.iter_mut().for_each(|x| *x = false),
            Event::DetectionRoll {
                side,
                unit,
                zone,
                detected,
                strength,
                ..
            } => {
                if detected {
                    self.on_map(unit)?;
                    let turn = self.clock.0;
                    let at = side.index() * self.contacts.units + unit.index();
                    self.contacts.current[at] = true;
                    self.contacts.last_seen[at] = Some(Sighting {
                        zone,
                        turn,
                        strength,
                    });
                }
            }
            Event::Engagement { terms, .. } => {
                self.history.engagements += 1;
                for i in 0..terms.len as usize {
                    let u = self.journal.log.terms[terms.start as usize + i].unit;
                    self.tasking(u)?.fought = true;
                }
            }
            Event::StepsLost {
                unit,
                side,
                steps,
                strength,
                ..
            } => {
                self.changing(unit)?.1.0 = strength;
                self.history.steps_lost[side.index()] += u32::from(steps);
            }
            Event::UnitRemoved { unit, .. } => self.changing(unit)?.0.on_map = false,
            Event::ReadinessChanged { unit, to, .. } => self.changing(unit)?.2.readiness = to,
            Event::ControlChanged { zone, to, .. } => self.control.0[zone.index()] = to,
            Event::TrackChanged { track, to, .. } => self.tracks.values[track.index()] = to,
            Event::ThresholdReached { track, k } => {
                self.tracks.reached[track.index()][usize::from(k)] = true
            }
            Event::RelationChanged { a, b, to, .. } => self.diplomacy.0.set(a, b, to),
            Event::MessageSent { msg } => {
                let turn = self.clock.0;
                self.history.messages.push(Delivered { turn, msg });
            }
            Event::UnitAdded { unit, zone, .. } => {
                let c = self.game.0.clone();
                let d = &c.units[unit.index()];
                let e = self.index.0[unit.index()];
                self.places.dirty = true;
                let (_, mut l, mut s, mut disp, mut t) = self
                    .units
                    .get_mut(e)
                    .map_err(|_| "a unit has no entity".to_string())?;
                if l.on_map {
                    return Err(format!("unit `{}` is already on the map", d.id));
                }
                *l = Location { zone, on_map: true };
                s.0 = d.strength;
                *disp = Disposition {
                    readiness: d.readiness,
                    posture: d.posture,
                };
                *t = Tasking::default();
            }
            Event::GameEnded { ending } => {
                let ending = match ending {
                    Ending::Points { winner, scores } => {
                        let h = &mut *self.history;
                        h.scores.clear();
                        h.scores.extend_from_slice(scores.of(&self.journal.log.numbers));
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
                self.history.ending = Some(ending);
            }
        }
        Ok(())
    }
}
