//! Working out the events a change of tracks, relations, control or a fired scenario event produces,
//! against a working copy of that state, so several changes in one phase see each other. The copy
//! lives in buffers kept between phases ([`Working`]); the events go straight into the log.

use crate::log::event::{Cause, Event, Log, Msg, Removal};
use crate::model::compiled::Fx;
use crate::model::{Compiled, EventId, Relations, SideId, TrackId, UnitId, ZoneId};
use crate::rules::clamp_track;
use crate::scenario::Relation;

/// The buffers of a working copy of the changeable non-unit state.
#[derive(Debug, Clone)]
pub struct Working {
    /// Track values.
    pub tracks: Vec<i32>,
    /// Relations.
    pub relations: Relations,
    /// Control.
    pub control: Vec<Option<SideId>>,
    /// Per event, fired.
    pub fired: Vec<bool>,
    /// Units brought onto (true) or taken off (false) the map by this phase's events so far.
    pub on_map: Vec<(UnitId, bool)>,
}

impl Default for Working {
    fn default() -> Self {
        Working {
            tracks: Vec::new(),
            relations: Relations::new(0),
            control: Vec::new(),
            fired: Vec::new(),
            on_map: Vec::new(),
        }
    }
}

impl Working {
    /// Loads a copy of the state as it stands.
    pub fn load(
        &mut self,
        tracks: &[i32],
        relations: &Relations,
        control: &[Option<SideId>],
        fired: &[bool],
    ) {
        self.tracks.clear();
        self.tracks.extend_from_slice(tracks);
        self.relations.copy_from(relations);
        self.control.clear();
        self.control.extend_from_slice(control);
        self.fired.clear();
        self.fired.extend_from_slice(fired);
        self.on_map.clear();
    }
}

/// A working copy and where its events go.
pub struct Changes<'a> {
    /// The scenario.
    pub c: &'a Compiled,
    /// The copy.
    pub w: &'a mut Working,
    /// Whether a unit is on the map as the phase began.
    pub was_on_map: &'a dyn Fn(UnitId) -> bool,
    /// The log the events go to.
    pub log: &'a mut Log,
}

impl Changes<'_> {
    /// Whether a unit is on the map now, with this phase's events so far.
    pub fn on_map(&self, u: UnitId) -> bool {
        match self.w.on_map.iter().rev().find(|(x, _)| *x == u) {
            Some((_, on)) => *on,
            None => (self.was_on_map)(u),
        }
    }

    /// Moves the escalation track by the scenario's escalation table, if it has one.
    pub fn escalate(&mut self, delta: impl Fn(&crate::scenario::Escalation) -> i32, cause: Cause) {
        if let Some(e) = &self.c.escalation {
            let d = delta(&e.table);
            if d != 0 {
                self.track(e.track, d, cause);
            }
        }
    }

    /// Adds to a track, clamped to its bounds; logs only a real change.
    pub fn track(&mut self, t: TrackId, delta: i32, cause: Cause) {
        let v = self.w.tracks[t.index()];
        self.set_track(t, i64::from(v) + i64::from(delta), cause);
    }

    /// Sets a track, clamped to its bounds.
    pub fn set_track(&mut self, t: TrackId, v: i64, cause: Cause) {
        let def = &self.c.tracks[t.index()];
        let from = self.w.tracks[t.index()];
        let to = clamp_track(v, def.min, def.max);
        if to != from {
            self.w.tracks[t.index()] = to;
            self.log.events.push(Event::TrackChanged {
                track: t,
                from,
                to,
                cause,
            });
        }
    }

    /// Sets a relation.
    pub fn relation(&mut self, a: SideId, b: SideId, to: Relation, cause: Cause) {
        let from = self.w.relations.get(a, b);
        if from != to && a != b {
            self.w.relations.set(a, b, to);
            self.log.events.push(Event::RelationChanged {
                a,
                b,
                from,
                to,
                cause,
            });
        }
    }

    /// Sets control of a zone.
    pub fn control(&mut self, z: ZoneId, to: Option<SideId>, cause: Cause) {
        let from = self.w.control[z.index()];
        if from != to {
            self.w.control[z.index()] = to;
            self.log.events.push(Event::ControlChanged {
                zone: z,
                from,
                to,
                cause,
            });
        }
    }

    /// Fires a scenario event: logs it and works out its effects.
    pub fn fire(&mut self, ev: EventId, cause: Cause) {
        let c = self.c;
        let def = &c.events[ev.index()];
        self.w.fired[ev.index()] = true;
        self.log.events.push(Event::EventFired { event: ev, cause });
        let why = Cause::Event(ev);
        for (i, fx) in def.effects.iter().enumerate() {
            match fx {
                Fx::AdjustTrack(t, d) => self.track(*t, *d, why),
                Fx::SetTrack(t, v) => self.set_track(*t, i64::from(*v), why),
                Fx::SetRelation(a, b, r) => self.relation(*a, *b, *r, why),
                Fx::SetControl(z, s) => self.control(*z, *s, why),
                Fx::AddUnit(u) => {
                    if !self.on_map(*u) {
                        self.w.on_map.push((*u, true));
                        self.log.events.push(Event::UnitAdded {
                            unit: *u,
                            zone: c.units[u.index()].zone,
                            cause: why,
                        });
                    }
                }
                Fx::RemoveUnit(u) => {
                    if self.on_map(*u) {
                        self.w.on_map.push((*u, false));
                        self.log.events.push(Event::UnitRemoved {
                            unit: *u,
                            cause: Removal::By(why),
                        });
                    }
                }
                Fx::Message(..) => self.log.events.push(Event::MessageSent {
                    msg: Msg::Scenario {
                        event: ev,
                        fx: i as u16,
                    },
                }),
            }
        }
    }
}
