//! Names back to ids: [`resolve`] reads a [`LogEvent`] back into the engine's [`Event`] (an
//! umpire's events from a save, a log replayed), keeping texts it cannot take apart as notes, so
//! that a log read back hashes as it was played. The way out is [`super::render`].

use super::event::*;
use super::named::LogEvent;
use super::render::SignalText;
use crate::model::SideId;
use crate::model::compiled::Fx;
use crate::model::{Compiled, Outcome};
use crate::rules::combat::Term;
use crate::scenario::{Posture, Readiness};

/// in the normal posture, which the ruleset does not modify).
fn term_back(c: &Compiled, t: &Term, attacking: bool) -> Result<TermRec, String> {
    let mut readiness = Readiness::Fresh;
    let mut posture = Posture::Normal;
    for (name, _) in &t.modifiers {
        for r in [Readiness::Fresh, Readiness::Worn, Readiness::Spent] {
            if *name == format!("readiness {r:?}") {
                readiness = r;
            }
        }
        for p in [
            Posture::Normal,
            Posture::Defensive,
            Posture::Patrol,
            Posture::Aggressive,
        ] {
            if *name == format!("posture {p:?}") {
                posture = p;
            }
        }
    }
    Ok(TermRec {
        unit: c
            .unit(&t.unit)
            .ok_or_else(|| format!("unknown unit `{}`", t.unit))?,
        attacking,
        factor: u8::try_from(t.factor).map_err(|_| format!("factor {} out of range", t.factor))?,
        readiness,
        posture,
        strength: t.strength,
        value: t.value,
    })
}

/// The message the engine itself would have written with these words, if it is one: a side's
/// signal, or a scenario event's `Message` (so that a log read back hashes as it was played).
fn message_back(c: &Compiled, to: &[SideId], from: &str, text: &str) -> Option<Msg> {
    if from == "scenario" {
        for (e, def) in c.events.iter().enumerate() {
            for (i, fx) in def.effects.iter().enumerate() {
                if let Fx::Message(t, words) = fx
                    && t.as_slice() == to
                    && words == text
                {
                    return Some(Msg::Scenario {
                        event: crate::model::EventId(e as u16),
                        fx: i as u16,
                    });
                }
            }
        }
        return None;
    }
    let sender = c.side(from)?;
    let [target] = to else { return None };
    use crate::orders::SignalKind::*;
    [Warn, Deescalate, Hotline]
        .into_iter()
        .find(|k| SignalText(c, sender, *k).to_string() == text)
        .map(|kind| Msg::Signal {
            from: sender,
            to: *target,
            kind,
        })
}

fn note(log: &mut Log, t: &str) -> Cause {
    Cause::Note(log.notes.note(t))
}

/// Reads an event with names back into the engine's form, keeping its texts in `log`'s notes and
/// its lists in `log`'s arenas. Fails on a name the scenario does not have.
pub fn resolve(c: &Compiled, log: &mut Log, e: &LogEvent) -> Result<Event, String> {
    let side = |s: &str| c.side(s).ok_or_else(|| format!("unknown side `{s}`"));
    let zone = |z: &str| c.zone(z).ok_or_else(|| format!("unknown zone `{z}`"));
    let unit = |u: &str| c.unit(u).ok_or_else(|| format!("unknown unit `{u}`"));
    let track = |t: &str| c.track(t).ok_or_else(|| format!("unknown track `{t}`"));
    Ok(match e {
        LogEvent::TurnStarted { turn, .. } => Event::TurnStarted { turn: *turn },
        LogEvent::EventFired { event, cause, .. } => Event::EventFired {
            event: c
                .event(event)
                .ok_or_else(|| format!("unknown event `{event}`"))?,
            cause: note(log, cause),
        },
        LogEvent::OrderAccepted {
            side: s,
            unit: u,
            order,
        } => Event::OrderAccepted {
            side: side(s)?,
            unit: unit(u)?,
            order: crate::orders::resolve_command(c, order).map_err(|r| r.to_string())?,
        },
        LogEvent::OrderRejected {
            side: s,
            unit: u,
            order,
            reason,
        } => Event::OrderRejected {
            side: side(s)?,
            what: Refused::Written {
                unit: log.notes.note(u.as_str()),
                order: log.notes.note(order.as_str()),
                reason: log.notes.note(reason.as_str()),
            },
        },
        LogEvent::SignalSent { from, to, kind } => Event::SignalSent {
            from: side(from)?,
            to: side(to)?,
            kind: *kind,
        },
        LogEvent::Moved {
            unit: u,
            from,
            to,
            path,
            stopped_by_contact,
        } => {
            let zones = path
                .iter()
                .map(|z| zone(z))
                .collect::<Result<Vec<_>, _>>()?;
            Event::Moved {
                unit: unit(u)?,
                from: zone(from)?,
                to: zone(to)?,
                path: log.push_zones(zones),
                stopped_by_contact: *stopped_by_contact,
            }
        }
        LogEvent::PostureChanged { unit: u, from, to } => Event::PostureChanged {
            unit: unit(u)?,
            from: *from,
            to: *to,
        },
        LogEvent::ContactsCleared => Event::ContactsCleared,
        LogEvent::DetectionRoll {
            side: s,
            unit: u,
            zone: z,
            observer,
            detection,
            stealth,
            roll,
            adjacent,
            detected,
            strength,
            ..
        } => Event::DetectionRoll {
            side: side(s)?,
            unit: unit(u)?,
            zone: zone(z)?,
            observer: unit(observer)?,
            detection: *detection,
            stealth: *stealth,
            roll: *roll,
            adjacent: *adjacent,
            detected: *detected,
            strength: *strength,
        },
        LogEvent::ShowOfForce {
            side: s,
            unit: u,
            zone: z,
        } => Event::ShowOfForce {
            side: side(s)?,
            unit: unit(u)?,
            zone: zone(z)?,
        },
        LogEvent::Engagement {
            zone: z,
            attacker,
            defender,
            odds,
            roll,
            result,
        } => {
            let mut terms = Vec::new();
            for t in &odds.attack {
                terms.push(term_back(c, t, true)?);
            }
            for t in &odds.defence {
                terms.push(term_back(c, t, false)?);
            }
            let column = |label: &str| {
                c.ruleset
                    .crt
                    .iter()
                    .position(|col| col.label == label)
                    .map(|i| i as u8)
                    .ok_or_else(|| format!("unknown odds column `{label}`"))
            };
            let start = log.terms.len() as u32;
            log.terms.extend(terms);
            Event::Engagement {
                zone: zone(z)?,
                attacker: side(attacker)?,
                defender: side(defender)?,
                terms: Span {
                    start,
                    len: log.terms.len() as u32 - start,
                },
                attack_total: odds.attack_total,
                defence_total: odds.defence_total,
                base_column: column(&odds.base_column)?,
                column: u8::try_from(odds.column_index).map_err(|_| "odds column out of range")?,
                roll: *roll,
                result: *result,
            }
        }
        LogEvent::NoContact {
            zone: z,
            attacker,
            defender,
            reason,
        } => Event::NoContact {
            zone: zone(z)?,
            attacker: side(attacker)?,
            defender: side(defender)?,
            why: Miss::Note(log.notes.note(reason.as_str())),
        },
        LogEvent::StepsLost {
            unit: u,
            side: s,
            steps,
            strength,
            cause,
        } => Event::StepsLost {
            unit: unit(u)?,
            side: side(s)?,
            steps: *steps,
            strength: *strength,
            cause: note(log, cause),
        },
        LogEvent::UnitRemoved { unit: u, cause } => Event::UnitRemoved {
            unit: unit(u)?,
            cause: Removal::By(note(log, cause)),
        },
        LogEvent::Retreated { unit: u, from, to } => Event::Retreated {
            unit: unit(u)?,
            from: zone(from)?,
            to: zone(to)?,
        },
        LogEvent::ReadinessChanged {
            unit: u,
            from,
            to,
            reason,
        } => Event::ReadinessChanged {
            unit: unit(u)?,
            from: *from,
            to: *to,
            why: ReadyWhy::Note(log.notes.note(reason.as_str())),
        },
        LogEvent::ControlChanged {
            zone: z,
            from,
            to,
            cause,
        } => Event::ControlChanged {
            zone: zone(z)?,
            from: from.as_deref().map(side).transpose()?,
            to: to.as_deref().map(side).transpose()?,
            cause: note(log, cause),
        },
        LogEvent::TrackChanged {
            track: t,
            from,
            to,
            cause,
        } => Event::TrackChanged {
            track: track(t)?,
            from: *from,
            to: *to,
            cause: note(log, cause),
        },
        LogEvent::ThresholdReached { track: t, at, .. } => {
            let id = track(t)?;
            let k = c.tracks[id.index()]
                .thresholds
                .iter()
                .position(|x| x.0 == *at)
                .ok_or_else(|| format!("track `{t}` has no threshold at {at}"))?;
            Event::ThresholdReached {
                track: id,
                k: k as u16,
            }
        }
        LogEvent::RelationChanged {
            a,
            b,
            from,
            to,
            cause,
        } => Event::RelationChanged {
            a: side(a)?,
            b: side(b)?,
            from: *from,
            to: *to,
            cause: note(log, cause),
        },
        LogEvent::MessageSent { to, from, text } => {
            let to = to.iter().map(|s| side(s)).collect::<Result<Vec<_>, _>>()?;
            Event::MessageSent {
                msg: match message_back(c, &to, from, text) {
                    Some(msg) => msg,
                    None => {
                        log.notes.messages.push(Written {
                            to,
                            from: from.clone(),
                            text: text.clone(),
                        });
                        Msg::Written(log.notes.messages.len() as u32 - 1)
                    }
                },
            }
        }
        LogEvent::UnitAdded {
            unit: u,
            zone: z,
            cause,
        } => Event::UnitAdded {
            unit: unit(u)?,
            zone: zone(z)?,
            cause: note(log, cause),
        },
        LogEvent::Umpire { action, reason } => Event::Umpire {
            action: log.notes.note(action.as_str()),
            reason: log.notes.note(reason.as_str()),
        },
        LogEvent::TurnEnded { turn, hash } => Event::TurnEnded {
            turn: *turn,
            hash: u64::from_str_radix(hash, 16).ok(),
        },
        LogEvent::GameEnded { outcome: o } => Event::GameEnded {
            ending: match o {
                Outcome::SuddenDeath { id, .. } => Ending::SuddenDeath(
                    c.sudden_death
                        .iter()
                        .position(|sd| sd.id == *id)
                        .ok_or_else(|| format!("unknown sudden-death condition `{id}`"))?
                        as u16,
                ),
                Outcome::Points { winner, scores } => {
                    let mut by_side = vec![0u32; c.side_count()];
                    for (s, p) in scores {
                        by_side[side(s)?.index()] = *p;
                    }
                    Ending::Points {
                        winner: winner.as_deref().map(side).transpose()?,
                        scores: log.push_numbers(by_side),
                    }
                }
            },
        },
    })
}
