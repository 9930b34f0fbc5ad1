//! Turn summaries for people: what moved, each engagement with its roll, odds and modifiers, the
//! tracks, the events — one turn's events in, readable lines out.

use super::words;
use crate::log::LogEvent;
use crate::rules::combat::{Odds, Term};
use std::fmt::Write;

/// Each unit's share of a combat total, e.g. `us_ross (2 +1 posture aggressive) x1 = 3`.
pub fn terms(ts: &[Term]) -> String {
    ts.iter()
        .map(|t| {
            let m: String = t
                .modifiers
                .iter()
                .map(|(n, v)| format!(" {v:+} {}", words::modifier(n)))
                .collect();
            format!("{} ({}{m}) x{} = {}", t.unit, t.factor, t.strength, t.value)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The width of the longest of `ids`, to size a column to it.
pub fn width<'a>(ids: impl Iterator<Item = &'a str>) -> usize {
    ids.map(|s| s.chars().count()).max().unwrap_or(0)
}

/// The working of an engagement's odds, on one line.
pub fn odds_line(o: &Odds) -> String {
    let shifts: String = o
        .shifts
        .iter()
        .map(|(n, v)| format!(", {n} {v:+} column(s)"))
        .collect();
    format!(
        "attack {} vs defence {}: column {}{shifts} -> {}",
        o.attack_total, o.defence_total, o.base_column, o.column
    )
}

/// A readable account of one turn.
pub fn turn_summary(events: &[LogEvent]) -> String {
    summary(None, events)
}

/// [`turn_summary`], with each detection line showing the observer's detection factor and its
/// posture modifier apart (as combat lines show theirs), read from the scenario `c`.
pub fn turn_summary_of(c: &crate::model::Compiled, events: &[LogEvent]) -> String {
    summary(Some(c), events)
}

fn summary(c: Option<&crate::model::Compiled>, events: &[LogEvent]) -> String {
    let mut s = String::new();
    let mut rolls = 0usize;
    let mut seen: Vec<String> = Vec::new();
    // Accepted orders, per side in the order given, printed as one line per side.
    let mut orders: Vec<(String, Vec<String>)> = Vec::new();
    for e in events {
        if !matches!(
            e,
            LogEvent::DetectionRoll { .. } | LogEvent::ContactsCleared
        ) {
            flush_detection(&mut s, &mut rolls, &mut seen);
        }
        if !matches!(e, LogEvent::OrderAccepted { .. }) {
            for (side, list) in orders.drain(..) {
                let _ = writeln!(s, "  orders {side}: {}", list.join(", "));
            }
        }
        match e {
            LogEvent::TurnStarted { turn, label } if *label == format!("Turn {turn}") => {
                let _ = writeln!(s, "== Turn {turn} ==");
            }
            LogEvent::TurnStarted { turn, label } => {
                let _ = writeln!(s, "== Turn {turn}: {label} ==");
            }
            LogEvent::EventFired {
                name, text, cause, ..
            } => {
                let _ = writeln!(s, "  event  {name} ({cause}): {text}");
            }
            LogEvent::OrderRejected {
                side,
                unit,
                order,
                reason,
            } => {
                let _ = writeln!(
                    s,
                    "  reject {side} {unit} {}: {reason}",
                    words::plain(order)
                );
            }
            LogEvent::SignalSent { from, to, kind } => {
                let _ = writeln!(s, "  signal {from} -> {to}: {}", words::signal(*kind));
            }
            LogEvent::Moved {
                unit, from, path, ..
            } if path.is_empty() => {
                let _ = writeln!(
                    s,
                    "  move   {unit}: stays in {from} (met hostile units crossing the other way)"
                );
            }
            LogEvent::Moved {
                unit,
                from,
                to,
                stopped_by_contact,
                ..
            } => {
                let stop = if *stopped_by_contact {
                    " (stopped on contact)"
                } else {
                    ""
                };
                let _ = writeln!(s, "  move   {unit}: {from} -> {to}{stop}");
            }
            LogEvent::DetectionRoll {
                side,
                unit,
                zone,
                observer,
                detection,
                stealth,
                roll,
                modifier,
                needed,
                adjacent,
                detected,
                ..
            } => {
                rolls += 1;
                if *detected {
                    let next = modifier - (detection - stealth);
                    let near = if *adjacent {
                        format!(" {next:+} next door")
                    } else {
                        String::new()
                    };
                    // The factor logged includes the posture modifier: shown apart when the
                    // observer's type is known.
                    let base = c.and_then(|c| {
                        c.unit(observer)
                            .map(|u| i32::from(c.kinds[c.units[u.index()].kind.index()].detection))
                    });
                    let factor = match base {
                        Some(b) if b != *detection => {
                            format!("detection {b} {:+} posture", detection - b)
                        }
                        _ => format!("detection {detection}"),
                    };
                    seen.push(format!(
                        "{side} sees {unit} in {zone}: {observer} d6 {roll} + {factor} - stealth {stealth}{near} = {} >= {needed}",
                        i32::from(*roll) + modifier
                    ));
                }
            }
            LogEvent::ShowOfForce { side, unit, zone } => {
                let _ = writeln!(s, "  force  {side} shows force with {unit} in {zone}");
            }
            LogEvent::Engagement {
                zone,
                attacker,
                defender,
                odds,
                roll,
                result,
            } => {
                let _ = writeln!(
                    s,
                    "  fight  {attacker} engages {defender} in {zone}: {}",
                    odds_line(odds)
                );
                let _ = writeln!(s, "         attack: {}", terms(&odds.attack));
                let _ = writeln!(s, "         defence: {}", terms(&odds.defence));
                let _ = writeln!(s, "         d6 = {roll}: {}", words::result(*result));
            }
            LogEvent::NoContact {
                zone,
                attacker,
                defender,
                reason,
            } => {
                let _ = writeln!(
                    s,
                    "  fight  {attacker} vs {defender} in {zone}: none ({reason})"
                );
            }
            // An umpire's amendment that raises a strength is logged as a loss of no steps.
            LogEvent::StepsLost {
                unit,
                steps: 0,
                strength,
                cause,
                ..
            } => {
                let _ = writeln!(s, "  strength {unit} is now {strength} ({cause})");
            }
            LogEvent::StepsLost {
                unit,
                steps,
                strength,
                cause,
                ..
            } => {
                let _ = writeln!(
                    s,
                    "  loss   {unit} loses {}, {strength} left ({cause})",
                    words::steps(*steps)
                );
            }
            LogEvent::UnitRemoved { unit, cause } => {
                let _ = writeln!(s, "  gone   {unit}: {cause}");
            }
            LogEvent::Retreated { unit, from, to } => {
                let _ = writeln!(s, "  retreat {unit}: {from} -> {to}");
            }
            LogEvent::ReadinessChanged {
                unit,
                from,
                to,
                reason,
            } => {
                let _ = writeln!(
                    s,
                    "  ready  {unit}: {} -> {} ({reason})",
                    words::readiness(*from),
                    words::readiness(*to)
                );
            }
            LogEvent::ControlChanged {
                zone,
                from,
                to,
                cause,
            } => {
                let n = |x: &Option<String>| x.clone().unwrap_or_else(|| "nobody".into());
                let _ = writeln!(s, "  control {zone}: {} -> {} ({cause})", n(from), n(to));
            }
            LogEvent::TrackChanged {
                track,
                from,
                to,
                cause,
            } => {
                let _ = writeln!(s, "  track  {track}: {from} -> {to} ({cause})");
            }
            LogEvent::ThresholdReached { track, at, label } => {
                let _ = writeln!(s, "  track  {track} reaches {at}: {label}");
            }
            LogEvent::RelationChanged {
                a,
                b,
                from,
                to,
                cause,
            } => {
                let _ = writeln!(
                    s,
                    "  relation {a}-{b}: {} -> {} ({cause})",
                    words::relation(*from),
                    words::relation(*to)
                );
            }
            LogEvent::MessageSent { to, from, text } => {
                let _ = writeln!(s, "  message {from} -> {}: {text}", to.join(", "));
            }
            LogEvent::UnitAdded { unit, zone, cause } => {
                let _ = writeln!(s, "  arrive {unit} in {zone} ({cause})");
            }
            LogEvent::TurnEnded { turn, hash } => {
                let _ = writeln!(s, "  end of turn {turn}: state hash {hash}");
            }
            LogEvent::Umpire { action, reason } => {
                let _ = writeln!(s, "  umpire {action} (reason: {reason})");
            }
            LogEvent::GameEnded { outcome } => {
                let _ = writeln!(s, "  GAME OVER: {}", outcome.summary());
            }
            LogEvent::OrderAccepted { side, unit, order } => match orders.last_mut() {
                Some((s, list)) if s == side => {
                    list.push(format!("{unit} {}", words::order(order)))
                }
                _ => orders.push((
                    side.clone(),
                    vec![format!("{unit} {}", words::order(order))],
                )),
            },
            LogEvent::PostureChanged { .. } | LogEvent::ContactsCleared => {}
        }
    }
    flush_detection(&mut s, &mut rolls, &mut seen);
    s
}

fn flush_detection(s: &mut String, rolls: &mut usize, seen: &mut Vec<String>) {
    if *rolls == 0 {
        return;
    }
    let _ = writeln!(
        s,
        "  detect {} roll(s), {} contact(s){}",
        rolls,
        seen.len(),
        if seen.is_empty() { "" } else { ":" }
    );
    for x in seen.drain(..) {
        let _ = writeln!(s, "         {x}");
    }
    *rolls = 0;
}
