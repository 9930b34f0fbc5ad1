//! Working out the events a change of tracks, relations, control or a fired scenario event produces,
//! against a local copy of that state, so several changes in one phase see each other.

use crate::model::compiled::Fx;
use crate::model::{Compiled, EventId, Relations, SideId, TrackId, ZoneId};
use crate::report::LogEvent;
use crate::rules::clamp_track;
use crate::scenario::Relation;

/// A local copy of the changeable non-unit state, and the events that changed it.
pub struct Changes<'a> {
    /// The scenario.
    pub c: &'a Compiled,
    /// Track values.
    pub tracks: Vec<i32>,
    /// Relations.
    pub relations: Relations,
    /// Control.
    pub control: Vec<Option<SideId>>,
    /// Per unit id, on the map.
    pub on_map: Vec<bool>,
    /// Per event, fired.
    pub fired: Vec<bool>,
    /// The events produced, in order.
    pub out: Vec<LogEvent>,
}

impl<'a> Changes<'a> {
    /// The escalation track and its table, if the scenario has one.
    pub fn escalate(&mut self, delta: impl Fn(&crate::scenario::Escalation) -> i32, cause: &str) {
        if let Some(e) = &self.c.escalation {
            let d = delta(&e.table);
            if d != 0 {
                self.track(e.track, d, cause);
            }
        }
    }

    /// Adds to a track, clamped to its bounds; logs only a real change.
    pub fn track(&mut self, t: TrackId, delta: i32, cause: &str) {
        let v = self.tracks[t.index()];
        self.set_track(t, i64::from(v) + i64::from(delta), cause);
    }

    /// Sets a track, clamped to its bounds.
    pub fn set_track(&mut self, t: TrackId, v: i64, cause: &str) {
        let def = &self.c.tracks[t.index()];
        let from = self.tracks[t.index()];
        let to = clamp_track(v, def.min, def.max);
        if to != from {
            self.tracks[t.index()] = to;
            self.out.push(LogEvent::TrackChanged {
                track: def.id.clone(),
                from,
                to,
                cause: cause.to_string(),
            });
        }
    }

    /// Sets a relation.
    pub fn relation(&mut self, a: SideId, b: SideId, to: Relation, cause: &str) {
        let from = self.relations.get(a, b);
        if from != to && a != b {
            self.relations.set(a, b, to);
            self.out.push(LogEvent::RelationChanged {
                a: self.c.side_name(a).to_string(),
                b: self.c.side_name(b).to_string(),
                from,
                to,
                cause: cause.to_string(),
            });
        }
    }

    /// Sets control of a zone.
    pub fn control(&mut self, z: ZoneId, to: Option<SideId>, cause: &str) {
        let from = self.control[z.index()];
        if from != to {
            self.control[z.index()] = to;
            let name = |s: Option<SideId>| s.map(|s| self.c.side_name(s).to_string());
            self.out.push(LogEvent::ControlChanged {
                zone: self.c.zone_name(z).to_string(),
                from: name(from),
                to: name(to),
                cause: cause.to_string(),
            });
        }
    }

    /// Fires a scenario event: logs it and works out its effects.
    pub fn fire(&mut self, ev: EventId, cause: &str) {
        let c = self.c;
        let def = &c.events[ev.index()];
        self.fired[ev.index()] = true;
        self.out.push(LogEvent::EventFired {
            event: def.id.clone(),
            name: def.name.clone(),
            text: def.text.clone(),
            cause: cause.to_string(),
        });
        let why = format!("event {}", def.id);
        for fx in &def.effects {
            match fx {
                Fx::AdjustTrack(t, d) => self.track(*t, *d, &why),
                Fx::SetTrack(t, v) => self.set_track(*t, i64::from(*v), &why),
                Fx::SetRelation(a, b, r) => self.relation(*a, *b, *r, &why),
                Fx::SetControl(z, s) => self.control(*z, *s, &why),
                Fx::AddUnit(u) => {
                    if !self.on_map[u.index()] {
                        self.on_map[u.index()] = true;
                        let d = &c.units[u.index()];
                        self.out.push(LogEvent::UnitAdded {
                            unit: d.id.clone(),
                            zone: c.zone_name(d.zone).to_string(),
                            cause: why.clone(),
                        });
                    }
                }
                Fx::RemoveUnit(u) => {
                    if self.on_map[u.index()] {
                        self.on_map[u.index()] = false;
                        self.out.push(LogEvent::UnitRemoved {
                            unit: c.unit_name(*u).to_string(),
                            cause: why.clone(),
                        });
                    }
                }
                Fx::Message(to, text) => self.out.push(LogEvent::MessageSent {
                    to: to.iter().map(|s| c.side_name(*s).to_string()).collect(),
                    from: "scenario".into(),
                    text: text.clone(),
                }),
            }
        }
    }
}

/// The resources a [`Changes`] starts from.
#[derive(bevy_ecs::system::SystemParam)]
pub struct ChangeState<'w> {
    /// Tracks.
    pub tracks: bevy_ecs::prelude::Res<'w, super::components::Tracks>,
    /// History.
    pub history: bevy_ecs::prelude::Res<'w, super::components::History>,
    /// Unit entities.
    pub index: bevy_ecs::prelude::Res<'w, super::components::UnitIndex>,
}

impl ChangeState<'_> {
    /// A fresh working copy.
    pub fn start<'c>(
        &self,
        c: &'c Compiled,
        relations: &Relations,
        control: &[Option<SideId>],
    ) -> Changes<'c> {
        Changes {
            c,
            tracks: self.tracks.values.clone(),
            relations: relations.clone(),
            control: control.to_vec(),
            on_map: self.index.0.iter().map(Option::is_some).collect(),
            fired: self.history.fired.clone(),
            out: Vec::new(),
        }
    }
}

/// A working copy from a whole world (for umpire actions outside the turn).
pub fn from_world(world: &bevy_ecs::prelude::World) -> Changes<'_> {
    use super::components::*;
    let c: &Compiled = &world.resource::<Game>().0;
    Changes {
        c,
        tracks: world.resource::<Tracks>().values.clone(),
        relations: world.resource::<Diplomacy>().0.clone(),
        control: world.resource::<Control>().0.clone(),
        on_map: world
            .resource::<UnitIndex>()
            .0
            .iter()
            .map(Option::is_some)
            .collect(),
        fired: world.resource::<History>().fired.clone(),
        out: Vec::new(),
    }
}
