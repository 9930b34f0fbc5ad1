//! Compiling a checked scenario: every id interned to its stable number (sides, zones, unit types,
//! units, tracks, events), neighbours sorted, conditions and effects resolved, the rule tables and
//! reach precomputed. The compiled scenario's look-ups are in [`super`].

use super::*;

fn look<T: Copy>(m: &Names<T>, what: &str, id: &str) -> Result<T, String> {
    m.get(id)
        .copied()
        .ok_or_else(|| format!("no {what} has the id `{id}`"))
}

impl Compiled {
    /// Compiles from parts (a scenario changed by `--set`, say, after it was re-checked).
    pub fn from_parts(s: Scenario, ruleset: Ruleset, hash: String) -> Result<Compiled, String> {
        let side_ix: Names<_> = s
            .sides
            .iter()
            .enumerate()
            .map(|(i, x)| (x.id.clone(), SideId(i as u16)))
            .collect();
        let zone_ix: Names<_> = s
            .zones
            .iter()
            .enumerate()
            .map(|(i, x)| (x.id.clone(), ZoneId(i as u32)))
            .collect();
        let kind_ix: Names<_> = s
            .unit_types
            .iter()
            .enumerate()
            .map(|(i, x)| (x.id.clone(), KindId(i as u16)))
            .collect();
        let track_ix: Names<_> = s
            .tracks
            .iter()
            .enumerate()
            .map(|(i, x)| (x.id.clone(), TrackId(i as u16)))
            .collect();
        let event_ix: Names<_> = s
            .events
            .iter()
            .enumerate()
            .map(|(i, x)| (x.id.clone(), EventId(i as u16)))
            .collect();
        let side = |id: &str| look(&side_ix, "side", id);
        let zone = |id: &str| look(&zone_ix, "zone", id);
        let track = |id: &str| look(&track_ix, "track", id);

        let mut zones = Vec::new();
        for z in &s.zones {
            let mut neighbours = z
                .neighbours
                .iter()
                .map(|n| zone(n))
                .collect::<Result<Vec<_>, _>>()?;
            neighbours.sort();
            zones.push(ZoneDef {
                id: z.id.clone(),
                name: z.name.clone(),
                kind: z.kind,
                neighbours,
                value: z.value,
                controller: z.controller.as_deref().map(side).transpose()?,
                supply: z.supply.as_deref().map(side).transpose()?,
            });
        }
        let kinds = s
            .unit_types
            .iter()
            .map(|t| KindDef {
                id: t.id.clone(),
                name: t.name.clone(),
                domain: t.domain,
                movement: t.movement,
                attack: t.attack,
                defence: t.defence,
                detection: t.detection,
                stealth: t.stealth,
                enters: t.enters.clone(),
                mask: t
                    .enters
                    .iter()
                    .fold(0, |m, k| m | crate::model::reach::kind_bit(*k)),
            })
            .collect::<Vec<KindDef>>();
        let mut units = Vec::new();
        let added = s
            .events
            .iter()
            .flat_map(|e| e.effects.iter())
            .filter_map(|fx| match fx {
                sc::Effect::AddUnit(u) => Some(u),
                _ => None,
            });
        for (u, initial) in s
            .units
            .iter()
            .map(|u| (u, true))
            .chain(added.map(|u| (u, false)))
        {
            units.push(UnitDef {
                id: u.id.clone(),
                name: u.name.clone(),
                side: side(&u.side)?,
                kind: look(&kind_ix, "unit type", &u.unit_type)?,
                zone: zone(&u.zone)?,
                strength: u.strength,
                readiness: u.readiness,
                posture: u.posture,
                source: u.source.clone(),
                initial,
            });
        }
        let unit_ix: Names<_> = units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.id.clone(), UnitId(i as u32)))
            .collect();
        let ids = Ix {
            side: &side_ix,
            zone: &zone_ix,
            unit: &unit_ix,
            track: &track_ix,
            event: &event_ix,
        };

        let mut tracks = Vec::new();
        for t in &s.tracks {
            let mut thresholds = Vec::new();
            for th in &t.thresholds {
                let ev = th
                    .event
                    .as_deref()
                    .map(|e| look(&event_ix, "event", e))
                    .transpose()?;
                thresholds.push((th.at, th.label.clone(), ev));
            }
            thresholds.sort_by_key(|x| x.0);
            tracks.push(TrackDef {
                id: t.id.clone(),
                name: t.name.clone(),
                min: t.min,
                max: t.max,
                start: t.start,
                public: t.public,
                thresholds,
            });
        }
        let mut events = Vec::new();
        let mut added_seen = s.units.len();
        for e in &s.events {
            let when = match &e.trigger {
                sc::Trigger::AtTurn(t) => When::AtTurn(*t),
                sc::Trigger::When(c) => When::Cond(ids.cond(c)?),
                sc::Trigger::Manual => When::Manual,
            };
            let mut effects = Vec::new();
            for fx in &e.effects {
                effects.push(match fx {
                    sc::Effect::AdjustTrack(t, d) => Fx::AdjustTrack(track(t)?, *d),
                    sc::Effect::SetTrack(t, v) => Fx::SetTrack(track(t)?, *v),
                    sc::Effect::SetRelation(a, b, r) => Fx::SetRelation(side(a)?, side(b)?, *r),
                    sc::Effect::AddUnit(_) => {
                        added_seen += 1;
                        Fx::AddUnit(UnitId((added_seen - 1) as u32))
                    }
                    sc::Effect::RemoveUnit(u) => Fx::RemoveUnit(look(&unit_ix, "unit", u)?),
                    sc::Effect::SetControl(z, sd) => {
                        Fx::SetControl(zone(z)?, sd.as_deref().map(side).transpose()?)
                    }
                    sc::Effect::Message(to, text) => Fx::Message(
                        to.iter().map(|x| side(x)).collect::<Result<_, _>>()?,
                        text.clone(),
                    ),
                });
            }
            events.push(EventDef {
                id: e.id.clone(),
                name: e.name.clone(),
                when,
                text: e.text.clone(),
                effects,
                once: e.once,
            });
        }
        let escalation = match &s.escalation {
            Some(e) => Some(EscalationDef {
                track: track(&e.track)?,
                table: e.clone(),
            }),
            None => None,
        };
        let mut objectives = vec![Vec::new(); s.sides.len()];
        for (sd, objs) in &s.victory.objectives {
            for o in objs {
                objectives[side(sd)?.index()].push(ObjectiveDef {
                    name: o.name.clone(),
                    points: o.points,
                    when: ids.cond(&o.when)?,
                });
            }
        }
        let mut sudden_death = Vec::new();
        for sd in &s.victory.sudden_death {
            sudden_death.push(SuddenDeathDef {
                id: sd.id.clone(),
                when: ids.cond(&sd.when)?,
                winner: sd.winner.as_deref().map(side).transpose()?,
                text: sd.text.clone(),
            });
        }
        let mut relations = Relations::new(s.sides.len());
        for r in &s.relations {
            relations.set(side(&r.between.0)?, side(&r.between.1)?, r.relation);
        }
        let turns = s.turns.count;
        let reach = Reach::new(
            &zones
                .iter()
                .map(|z| z.neighbours.clone())
                .collect::<Vec<_>>(),
            &zones.iter().map(|z| z.kind).collect::<Vec<_>>(),
            &kinds
                .iter()
                .map(|k| (k.mask, k.movement))
                .collect::<Vec<_>>(),
        );
        let tables = RuleTables::new(&ruleset);
        Ok(Compiled {
            scenario: s,
            ruleset,
            hash,
            zones,
            kinds,
            units,
            tracks,
            events,
            escalation,
            objectives,
            sudden_death,
            relations,
            turns,
            reach,
            tables,
            side_ix,
            zone_ix,
            unit_ix,
            track_ix,
            event_ix,
        })
    }
}

struct Ix<'a> {
    side: &'a Names<SideId>,
    zone: &'a Names<ZoneId>,
    unit: &'a Names<UnitId>,
    track: &'a Names<TrackId>,
    event: &'a Names<EventId>,
}

impl Ix<'_> {
    fn cond(&self, c: &sc::Condition) -> Result<Cond, String> {
        let _ = self.unit;
        Ok(match c {
            sc::Condition::TrackAtLeast(t, v) => {
                Cond::TrackAtLeast(look(self.track, "track", t)?, *v)
            }
            sc::Condition::TrackAtMost(t, v) => {
                Cond::TrackAtMost(look(self.track, "track", t)?, *v)
            }
            sc::Condition::Controls(s, z) => {
                Cond::Controls(look(self.side, "side", s)?, look(self.zone, "zone", z)?)
            }
            sc::Condition::TurnAtLeast(t) => Cond::TurnAtLeast(*t),
            sc::Condition::RelationIs(a, b, r) => {
                Cond::RelationIs(look(self.side, "side", a)?, look(self.side, "side", b)?, *r)
            }
            sc::Condition::StepsLostAtLeast(s, n) => {
                Cond::StepsLostAtLeast(look(self.side, "side", s)?, *n)
            }
            sc::Condition::Fired(e) => Cond::Fired(look(self.event, "event", e)?),
            sc::Condition::All(v) => {
                Cond::All(v.iter().map(|x| self.cond(x)).collect::<Result<_, _>>()?)
            }
            sc::Condition::Any(v) => {
                Cond::Any(v.iter().map(|x| self.cond(x)).collect::<Result<_, _>>()?)
            }
            sc::Condition::Not(x) => Cond::Not(Box::new(self.cond(x)?)),
        })
    }
}
