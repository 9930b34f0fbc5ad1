//! Ids to names: [`render`] gives an engine [`Event`] its string ids and its causes in words (the
//! texts the log has always had, word for word), as a [`LogEvent`]. The way back is
//! [`super::resolve`].

use super::event::*;
use super::named::LogEvent;
use crate::model::compiled::Fx;
use crate::model::{Compiled, Outcome, SideId, UnitId, ZoneId};
use crate::orders::describe;
use crate::rules::combat;

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
