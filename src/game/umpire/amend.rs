//! Amendments: the white cell changes a result outside the rules, with a reason. Each amendment
//! becomes the concrete events that carry it (`StepsLost`, `Moved`, `ReadinessChanged`,
//! `TrackChanged`, `RelationChanged`, `ControlChanged`) after an `Umpire` event naming the action
//! and the reason, so the log says why and replays exactly.

use crate::log::LogEvent;
use crate::model::{Compiled, State};
use crate::scenario::{Readiness, Relation};

/// One change the umpire makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Amendment {
    /// Set a unit's strength (0 takes it off the map).
    Strength(String, u8),
    /// Put a unit in a zone.
    Zone(String, String),
    /// Set a unit's readiness.
    Readiness(String, Readiness),
    /// Set a track's value.
    Track(String, i32),
    /// Set the relation of two sides.
    Relation(String, String, Relation),
    /// Set a zone's controller (`None`: nobody).
    Control(String, Option<String>),
}

fn unit_state<'a>(
    c: &Compiled,
    s: &'a State,
    id: &str,
) -> Result<&'a crate::model::UnitState, String> {
    let u = c.unit(id).ok_or_else(|| {
        let all: Vec<&str> = c.units.iter().map(|u| u.id.as_str()).collect();
        let hint = crate::scenario::de::closest(id, &all)
            .map(|x| format!(" (did you mean `{x}`?)"))
            .unwrap_or_default();
        format!("there is no unit `{id}`{hint}")
    })?;
    s.units
        .iter()
        .find(|x| x.id == u)
        .ok_or_else(|| format!("unit `{id}` is not on the map (destroyed, or not yet arrived)"))
}

fn zone(c: &Compiled, id: &str) -> Result<(), String> {
    c.zone(id).map(drop).ok_or_else(|| {
        let all: Vec<&str> = c.zones.iter().map(|z| z.id.as_str()).collect();
        let hint = crate::scenario::de::closest(id, &all)
            .map(|x| format!(" (did you mean `{x}`?)"))
            .unwrap_or_default();
        format!("there is no zone `{id}`{hint}")
    })
}

fn side(c: &Compiled, id: &str) -> Result<crate::model::SideId, String> {
    c.side(id).ok_or_else(|| format!("there is no side `{id}`"))
}

/// The events that carry `a` from state `s`, led by the `Umpire` event with `reason`.
pub fn events(
    c: &Compiled,
    s: &State,
    a: &Amendment,
    reason: &str,
) -> Result<Vec<LogEvent>, String> {
    if reason.trim().is_empty() {
        return Err(
            "an amendment needs a reason (--reason \"...\"): the class will read it in the log"
                .into(),
        );
    }
    let cause = format!("umpire: {reason}");
    let (action, mut out) = match a {
        Amendment::Strength(id, to) => {
            let u = unit_state(c, s, id)?;
            if *to > 10 {
                return Err(format!(
                    "strength {to}: a unit has 1 to 10 steps (0 removes it)"
                ));
            }
            let mut ev = vec![LogEvent::StepsLost {
                unit: id.clone(),
                side: c.side_name(u.side).to_string(),
                steps: u.strength.saturating_sub(*to),
                strength: *to,
                cause: cause.clone(),
            }];
            if *to == 0 {
                ev.push(LogEvent::UnitRemoved {
                    unit: id.clone(),
                    cause: cause.clone(),
                });
            }
            (format!("amend strength {id} {} -> {to}", u.strength), ev)
        }
        Amendment::Zone(id, z) => {
            let u = unit_state(c, s, id)?;
            zone(c, z)?;
            let zd = &c.zones[c.zone(z).map(|x| x.index()).unwrap_or(0)];
            let kind = &c.kinds[u.kind.index()];
            if !kind.can_enter(zd.kind) {
                return Err(format!(
                    "unit `{id}` is a {} and cannot be in `{z}` ({:?}); it may enter: {:?}",
                    kind.id, zd.kind, kind.enters
                ));
            }
            let from = c.zone_name(u.zone).to_string();
            let ev = vec![LogEvent::Moved {
                unit: id.clone(),
                from: from.clone(),
                to: z.clone(),
                path: vec![z.clone()],
                stopped_by_contact: false,
            }];
            (format!("amend zone {id} {from} -> {z}"), ev)
        }
        Amendment::Readiness(id, r) => {
            let u = unit_state(c, s, id)?;
            let ev = vec![LogEvent::ReadinessChanged {
                unit: id.clone(),
                from: u.readiness,
                to: *r,
                reason: cause.clone(),
            }];
            (
                format!("amend readiness {id} {:?} -> {r:?}", u.readiness),
                ev,
            )
        }
        Amendment::Track(id, v) => {
            let t = c
                .track(id)
                .ok_or_else(|| format!("there is no track `{id}`"))?;
            let def = &c.tracks[t.index()];
            if *v < def.min || *v > def.max {
                return Err(format!(
                    "track `{id}` runs from {} to {}; {v} is outside",
                    def.min, def.max
                ));
            }
            let from = s.tracks[t.index()];
            let ev = vec![LogEvent::TrackChanged {
                track: id.clone(),
                from,
                to: *v,
                cause: cause.clone(),
            }];
            (format!("amend track {id} {from} -> {v}"), ev)
        }
        Amendment::Relation(a, b, r) => {
            let (x, y) = (side(c, a)?, side(c, b)?);
            if x == y {
                return Err("a relation is between two different sides".into());
            }
            let from = s.relations.get(x, y);
            let ev = vec![LogEvent::RelationChanged {
                a: a.clone(),
                b: b.clone(),
                from,
                to: *r,
                cause: cause.clone(),
            }];
            (format!("amend relation {a}-{b} {from:?} -> {r:?}"), ev)
        }
        Amendment::Control(z, to) => {
            zone(c, z)?;
            if let Some(t) = to {
                side(c, t)?;
            }
            let zi = c.zone(z).map(|x| x.index()).unwrap_or(0);
            let from = s.control[zi].map(|x| c.side_name(x).to_string());
            let n = |o: &Option<String>| o.clone().unwrap_or_else(|| "nobody".into());
            let action = format!("amend control {z} {} -> {}", n(&from), n(to));
            let ev = vec![LogEvent::ControlChanged {
                zone: z.clone(),
                from,
                to: to.clone(),
                cause: cause.clone(),
            }];
            (action, ev)
        }
    };
    out.insert(
        0,
        LogEvent::Umpire {
            action,
            reason: reason.to_string(),
        },
    );
    Ok(out)
}
