//! Applying events: the only place game state changes. Live play, umpire actions and replay all
//! come through here, so a log replays into the same state.
//!
//! [`Writer`] is the system parameter that holds write access to every component and resource an
//! event can change; [`apply_pending`] ends each phase by applying the events the phase wrote.

use super::components::*;
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
    /// The log the events come from.
    pub journal: ResMut<'w, Journal>,
}

/// The system that ends every phase: applies the events the phase wrote.
pub fn apply_pending(mut w: Writer) {
    if let Err(msg) = w.apply_pending() {
        // Phases only write events about things that exist; reaching here is an engine bug.
        panic!("engine bug: a phase wrote an event that does not apply: {msg}");
    }
}

impl Writer<'_, '_> {
    /// Applies every event of the log not yet applied.
    pub fn apply_pending(&mut self) -> Result<(), String> {
        while self.journal.applied < self.journal.log.events.len() {
            let e = self.journal.log.events[self.journal.applied];
            self.apply(&e)
                .map_err(|m| format!("{m}: {e:?}"))?;
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
        let (l, s, d, _) = self
            .units
            .get_mut(e)
            .map_err(|_| format!("unit `{}` has no entity", name()))?;
        if !l.on_map {
            return Err(format!("unit `{}` is not on the map", self.game.0.unit_name(u)));
        }
        Ok((l, s, d))
    }

    fn tasking(&mut self, u: UnitId) -> Result<Mut<'_, Tasking>, String> {
        let e = *self
            .index
            .0
            .get(u.index())
            .ok_or_else(|| format!("unknown unit {}", u.0))?;
        self.units
            .get_mut(e)
            .map(|(_, _, _, t)| t)
            .map_err(|_| "a unit has no entity".to_string())
    }

    /// Applies one event. Fails (changing nothing) if it names something not on the map.
    pub fn apply(&mut self, e: &Event) -> Result<(), String> {
        match *e {
            Event::TurnStarted { turn } => {
                self.clock.0 = turn;
                for (_, _, _, mut t) in &mut self.units {
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
                self.on_map(unit)?.0.zone = to;
            }
            Event::PostureChanged { unit, to, .. } => self.on_map(unit)?.2.posture = to,
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
                self.on_map(unit)?.1.0 = strength;
                self.history.steps_lost[side.index()] += u32::from(steps);
            }
            Event::UnitRemoved { unit, .. } => self.on_map(unit)?.0.on_map = false,
            Event::ReadinessChanged { unit, to, .. } => self.on_map(unit)?.2.readiness = to,
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
                let (mut l, mut s, mut disp, mut t) = self
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
