//! Between the engine's events and the log with names: [`render`] gives an [`Event`] its string
//! ids and its causes in words (the texts the log has always had, word for word); [`resolve`]
//! reads a [`LogEvent`] back (an umpire's events from a save, a log replayed), keeping texts it
//! cannot take apart as notes.

use super::event::*;
use super::named::LogEvent;
use crate::model::compiled::Fx;
use crate::model::{Compiled, Outcome, SideId, UnitId, ZoneId};
use crate::orders::describe;
use crate::rules::combat::{self, Term};
use crate::scenario::{Posture, Readiness};

fn side(c: &Compiled, s: SideId) -> String {
    c.side_name(s).to_string()
}

fn zone(c: &Compiled, z: ZoneId) -> String {
    c.zone_name(z).to_string()
}

fn unit(c: &Compiled, u: UnitId) -> String {
    c.unit_name(u).to_string()
}

/// A cause in words.
pub fn cause_text(c: &Compiled, notes: &Notes, cause: Cause) -> String {
    match cause {
        Cause::Scheduled => "scheduled".into(),
        Cause::Condition => "condition".into(),
        Cause::Threshold { track, k } => {
            let t = &c.tracks[track.index()];
            let (at, label, _) = &t.thresholds[usize::from(k)];
            format!("threshold: {} reached {at} ({label})", t.id)
        }
        Cause::Event(e) => format!("event {}", c.events[e.index()].id),
        Cause::Engagement(z) => format!("engagement in {}", c.zone_name(z)),
        Cause::EngagementBetween {
            zone: z,
            attacker,
            defender,
        } => format!(
            "engagement between {} and {} in {}",
            c.side_name(attacker),
            c.side_name(defender),
            c.zone_name(z)
        ),
        Cause::EngagedNeutral {
            zone: z,
            attacker,
            defender,
        } => format!(
            "{} engaged neutral {} in {}",
            c.side_name(attacker),
            c.side_name(defender),
            c.zone_name(z)
        ),
        Cause::CutOff(z) => format!("cut off in {}, could not retreat", c.zone_name(z)),
        Cause::Attrition => "attrition: spent and out of supply".into(),
        Cause::ShowOfForce { side: s, zone: z } => {
            format!("show of force by {} in {}", c.side_name(s), c.zone_name(z))
        }
        Cause::Signal { from, to, kind } => format!(
            "{} signalled {kind:?} to {}",
            c.side_name(from),
            c.side_name(to)
        ),
        Cause::HeldAlone(s) => format!("held alone by {}'s ground units", c.side_name(s)),
        Cause::Note(n) => notes.text(n).to_string(),
    }
}

/// The text of a side's signal message: `NAME sends a signal: KIND`.
pub struct SignalText<'a>(pub &'a Compiled, pub SideId, pub crate::orders::SignalKind);

impl std::fmt::Display for SignalText<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} sends a signal: {:?}",
            self.0.scenario.sides[self.1.index()].name,
            self.2
        )
    }
}

/// A message: (recipients, sender, text).
pub fn message(c: &Compiled, notes: &Notes, m: Msg) -> (Vec<SideId>, String, String) {
    match m {
        Msg::Signal { from, to, kind } => (
            vec![to],
            side(c, from),
            SignalText(c, from, kind).to_string(),
        ),
        Msg::Scenario { event, fx } => match &c.events[event.index()].effects[usize::from(fx)] {
            Fx::Message(to, text) => (to.clone(), "scenario".into(), text.clone()),
            _ => unreachable!("a scenario message names a Message effect"),
        },
        Msg::Written(i) => {
            let w = &notes.messages[i as usize];
            (w.to.clone(), w.from.clone(), w.text.clone())
        }
    }
}

/// How a game ended, with names. `numbers` is the arena `ending`'s scores span names.
pub fn outcome(c: &Compiled, ending: Ending, numbers: &[u32]) -> Outcome {
    match ending {
        Ending::SuddenDeath(i) => {
            let sd = &c.sudden_death[usize::from(i)];
            Outcome::SuddenDeath {
                id: sd.id.clone(),
                winner: sd.winner.map(|w| side(c, w)),
                text: sd.text.clone(),
            }
        }
        Ending::Points { winner, scores } => Outcome::Points {
            winner: winner.map(|w| side(c, w)),
            scores: c
                .scenario
                .sides
                .iter()
                .zip(scores.of(numbers))
                .map(|(s, p)| (s.id.clone(), *p))
                .collect(),
        },
    }
}

fn miss_text(
    c: &Compiled,
    notes: &Notes,
    (att, def, z): (SideId, SideId, ZoneId),
    m: Miss,
) -> String {
    let (an, dn, zn) = (c.side_name(att), c.side_name(def), c.zone_name(z));
    match m {
        Miss::StoppedShort { unit: u, at } => {
            format!("{} stopped short in {}", c.unit_name(u), c.zone_name(at))
        }
        Miss::NoAttacker => "no attacking unit is left in the zone".into(),
        Miss::NotDetected => format!("{an} has detected no unit of {dn} in {zn}"),
        Miss::NowAllied => format!("{an} and {dn} are now allied"),
        Miss::ZeroAttack => {
            format!("{an}'s attack total is 0 (factors worn to nothing): no attack")
        }
        Miss::Note(n) => notes.text(n).to_string(),
    }
}

fn ready_text(notes: &Notes, w: ReadyWhy) -> String {
    match w {
        ReadyWhy::Resupplied => "resupplied".into(),
        ReadyWhy::Fought => "fought".into(),
        ReadyWhy::OutOfSupply => "out of supply".into(),
        ReadyWhy::FoughtOutOfSupply => "fought, out of supply".into(),
        ReadyWhy::Note(n) => notes.text(n).to_string(),
    }
}

/// An event with names and words.
pub fn render(c: &Compiled, log: &Log, e: &Event) -> LogEvent {
    let notes = &log.notes;
    let why = |cause| cause_text(c, notes, cause);
    match *e {
        Event::TurnStarted { turn } => LogEvent::TurnStarted {
            turn,
            label: c.turn_label(turn),
        },
        Event::EventFired { event, cause } => {
            let d = &c.events[event.index()];
            LogEvent::EventFired {
                event: d.id.clone(),
                name: d.name.clone(),
                text: d.text.clone(),
                cause: why(cause),
            }
        }
        Event::OrderAccepted {
            side: s,
            unit: u,
            order,
        } => LogEvent::OrderAccepted {
            side: side(c, s),
            unit: unit(c, u),
            order: order.map(|z| zone(c, *z), |x| side(c, *x)),
        },
        Event::OrderRejected { side: s, what } => {
            let (u, order, reason) = match what {
                Refused::Unit {
                    unit: u,
                    order,
                    why,
                } => (unit(c, u), describe(c, &order), why.named(c).to_string()),
                Refused::Signal { to, kind, why } => (
                    String::new(),
                    format!("Signal({}, {kind:?})", c.side_name(to)),
                    why.named(c).to_string(),
                ),
                Refused::Written {
                    unit: u,
                    order,
                    reason,
                } => (
                    notes.text(u).to_string(),
                    notes.text(order).to_string(),
                    notes.text(reason).to_string(),
                ),
            };
            LogEvent::OrderRejected {
                side: side(c, s),
                unit: u,
                order,
                reason,
            }
        }
        Event::SignalSent { from, to, kind } => LogEvent::SignalSent {
            from: side(c, from),
            to: side(c, to),
            kind,
        },
        Event::Moved {
            unit: u,
            from,
            to,
            path,
            stopped_by_contact,
        } => LogEvent::Moved {
            unit: unit(c, u),
            from: zone(c, from),
            to: zone(c, to),
            path: path.of(&log.zones).iter().map(|z| zone(c, *z)).collect(),
            stopped_by_contact,
        },
        Event::PostureChanged { unit: u, from, to } => LogEvent::PostureChanged {
            unit: unit(c, u),
            from,
            to,
        },
        Event::ContactsCleared => LogEvent::ContactsCleared,
        Event::DetectionRoll {
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
        } => {
            let rule = &c.ruleset.detection;
            LogEvent::DetectionRoll {
                side: side(c, s),
                unit: unit(c, u),
                zone: zone(c, z),
                observer: unit(c, observer),
                detection,
                stealth,
                roll,
                modifier: detection - stealth + if adjacent { rule.adjacent } else { 0 },
                needed: rule.target,
                adjacent,
                detected,
                strength,
            }
        }
        Event::ShowOfForce {
            side: s,
            unit: u,
            zone: z,
        } => LogEvent::ShowOfForce {
            side: side(c, s),
            unit: unit(c, u),
            zone: zone(c, z),
        },
        Event::Engagement {
            zone: z,
            attacker,
            defender,
            terms,
            attack_total,
            defence_total,
            base_column,
            column,
            roll,
            result,
        } => LogEvent::Engagement {
            zone: zone(c, z),
            attacker: side(c, attacker),
            defender: side(c, defender),
            odds: combat::named_odds(
                c,
                terms.of(&log.terms),
                (attack_total, defence_total),
                (usize::from(base_column), usize::from(column)),
                c.zones[z.index()].kind,
            ),
            roll,
            result,
        },
        Event::NoContact {
            zone: z,
            attacker,
            defender,
            why: m,
        } => LogEvent::NoContact {
            zone: zone(c, z),
            attacker: side(c, attacker),
            defender: side(c, defender),
            reason: miss_text(c, notes, (attacker, defender, z), m),
        },
        Event::StepsLost {
            unit: u,
            side: s,
            steps,
            strength,
            cause,
        } => LogEvent::StepsLost {
            unit: unit(c, u),
            side: side(c, s),
            steps,
            strength,
            cause: why(cause),
        },
        Event::UnitRemoved { unit: u, cause } => LogEvent::UnitRemoved {
            unit: unit(c, u),
            cause: match cause {
                Removal::Destroyed(x) => format!("destroyed: {}", why(x)),
                Removal::Attrition => "destroyed: attrition".into(),
                Removal::By(x) => why(x),
            },
        },
        Event::Retreated { unit: u, from, to } => LogEvent::Retreated {
            unit: unit(c, u),
            from: zone(c, from),
            to: zone(c, to),
        },
        Event::ReadinessChanged {
            unit: u,
            from,
            to,
            why: w,
        } => LogEvent::ReadinessChanged {
            unit: unit(c, u),
            from,
            to,
            reason: ready_text(notes, w),
        },
        Event::ControlChanged {
            zone: z,
            from,
            to,
            cause,
        } => LogEvent::ControlChanged {
            zone: zone(c, z),
            from: from.map(|s| side(c, s)),
            to: to.map(|s| side(c, s)),
            cause: why(cause),
        },
        Event::TrackChanged {
            track,
            from,
            to,
            cause,
        } => LogEvent::TrackChanged {
            track: c.track_name(track).to_string(),
            from,
            to,
            cause: why(cause),
        },
        Event::ThresholdReached { track, k } => {
            let (at, label, _) = &c.tracks[track.index()].thresholds[usize::from(k)];
            LogEvent::ThresholdReached {
                track: c.track_name(track).to_string(),
                at: *at,
                label: label.clone(),
            }
        }
        Event::RelationChanged {
            a,
            b,
            from,
            to,
            cause,
        } => LogEvent::RelationChanged {
            a: side(c, a),
            b: side(c, b),
            from,
            to,
            cause: why(cause),
        },
        Event::MessageSent { msg } => {
            let (to, from, text) = message(c, notes, msg);
            LogEvent::MessageSent {
                to: to.into_iter().map(|s| side(c, s)).collect(),
                from,
                text,
            }
        }
        Event::UnitAdded {
            unit: u,
            zone: z,
            cause,
        } => LogEvent::UnitAdded {
            unit: unit(c, u),
            zone: zone(c, z),
            cause: why(cause),
        },
        Event::Umpire { action, reason } => LogEvent::Umpire {
            action: notes.text(action).to_string(),
            reason: notes.text(reason).to_string(),
        },
        Event::TurnEnded { turn, hash } => LogEvent::TurnEnded {
            turn,
            hash: hash.map(hex).unwrap_or_default(),
        },
        Event::GameEnded { ending } => LogEvent::GameEnded {
            outcome: outcome(c, ending, &log.numbers),
        },
    }
}

/// A state hash as the log writes it: 16 hex digits.
pub fn hex(h: u64) -> String {
    format!("{h:016x}")
}

/// Reads a term back: the readiness and posture its named modifiers give (unnamed: as a fresh unit
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
