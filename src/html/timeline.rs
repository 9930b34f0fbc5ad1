//! The white cell's timeline of one turn, from its events: each side's orders (one line per
//! side), rejected orders with the reason, signals, detection contacts (one line per observing
//! side), every engagement with its totals, odds column, shifts, roll and result, losses, control,
//! relations, tracks and thresholds, scenario events with their cause, messages, the umpire's
//! injects and amendments with the reason, rollbacks, and the end of the game — and the movement
//! arrows and engagement markers the map draws for the turn.

use super::model::{Arrow, Entry, Fight, Kind};
use crate::log::LogEvent;
use crate::model::Compiled;
use crate::report::text::odds_line;
use crate::report::words;

/// What one turn's events put on the map and the timeline.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Turn {
    /// Timeline entries, in log order.
    pub entries: Vec<Entry>,
    /// Movement arrows.
    pub moves: Vec<Arrow>,
    /// Engagement markers.
    pub fights: Vec<Fight>,
}

/// Lines that run together: consecutive events of one kind and side make one entry.
pub(super) fn push_joined(
    out: &mut Vec<Entry>,
    kind: Kind,
    side: Option<usize>,
    head: &str,
    item: String,
) {
    match out.last_mut() {
        Some(e) if e.kind == kind && e.side == side && e.text.starts_with(head) => {
            e.text.push_str("; ");
            e.text.push_str(&item);
        }
        _ => out.push(Entry::new(kind, side, format!("{head}{item}"))),
    }
}

/// An engagement's working in words. With `full`, the combat totals (the white cell's report);
/// without, only what the sides are told: the column, terrain shifts, the roll and the result.
pub fn fight_text(e: &LogEvent, full: bool) -> Option<String> {
    let LogEvent::Engagement {
        zone,
        attacker,
        defender,
        odds,
        roll,
        result,
    } = e
    else {
        return None;
    };
    let working = if full {
        odds_line(odds)
    } else {
        let shifts: String = odds
            .shifts
            .iter()
            .map(|(n, v)| format!(", {n} {v:+} column(s)"))
            .collect();
        format!("column {}{shifts}", odds.column)
    };
    Some(format!(
        "{attacker} engaged {defender} in {zone}: {working}; d6 = {roll}: {}",
        words::result(*result)
    ))
}

/// The turn's entries, arrows and markers from its events.
pub fn turn(c: &Compiled, events: &[LogEvent]) -> Turn {
    let side = |id: &str| super::scene::side_index(c, id);
    let zone = |id: &str| super::scene::zone_index(c, id);
    let owner = |unit: &str| c.unit(unit).map(|u| c.units[u.index()].side.index());
    let mut t = Turn::default();
    let out = &mut t.entries;
    for e in events {
        match e {
            LogEvent::TurnStarted { .. }
            | LogEvent::TurnEnded { .. }
            | LogEvent::ContactsCleared
            | LogEvent::PostureChanged { .. } => {}
            LogEvent::OrderAccepted {
                side: s,
                unit,
                order,
            } => push_joined(
                out,
                Kind::Orders,
                side(s),
                &format!("{s}: "),
                format!("{unit} {}", words::order(order)),
            ),
            LogEvent::OrderRejected {
                side: s,
                unit,
                order,
                reason,
            } => out.push(Entry::new(
                Kind::Rejected,
                side(s),
                format!(
                    "{s}: {unit} {} rejected, the unit held: {reason}",
                    words::plain(order)
                ),
            )),
            LogEvent::SignalSent { from, to, kind } => out.push(Entry::new(
                Kind::Signal,
                side(from),
                format!("{from} signals {to}: {}", words::signal(*kind)),
            )),
            LogEvent::ShowOfForce {
                side: s,
                unit,
                zone,
            } => out.push(Entry::new(
                Kind::Signal,
                side(s),
                format!("{s} shows force with {unit} in {zone}"),
            )),
            LogEvent::Moved {
                unit,
                from,
                to,
                path,
                stopped_by_contact,
            } => {
                let who = owner(unit);
                if path.is_empty() {
                    push_joined(
                        out,
                        Kind::Move,
                        who,
                        "",
                        format!(
                            "{unit} stays in {from} (met hostile units crossing the other way)"
                        ),
                    );
                    continue;
                }
                if *stopped_by_contact {
                    push_joined(
                        out,
                        Kind::Move,
                        who,
                        "",
                        format!("{unit} stopped in {to} on meeting hostile units"),
                    );
                }
                let zones: Option<Vec<usize>> =
                    std::iter::once(from).chain(path).map(|z| zone(z)).collect();
                if let (Some(s), Some(p)) = (who, zones) {
                    arrow(&mut t.moves, s, p, unit, false);
                }
            }
            LogEvent::Retreated { unit, from, to } => {
                let who = owner(unit);
                out.push(Entry::new(
                    Kind::Move,
                    who,
                    format!("{unit} fell back from {from} to {to}"),
                ));
                if let (Some(s), Some(a), Some(b)) = (who, zone(from), zone(to)) {
                    arrow(&mut t.moves, s, vec![a, b], unit, true);
                }
            }
            LogEvent::DetectionRoll {
                side: s,
                unit,
                zone: z,
                detected: true,
                ..
            } => push_joined(
                out,
                Kind::Contact,
                side(s),
                &format!("{s} detected "),
                format!("{unit} in {z}"),
            ),
            LogEvent::DetectionRoll { .. } => {}
            LogEvent::Engagement {
                zone: z,
                attacker,
                defender,
                ..
            } => {
                let text = fight_text(e, true).unwrap_or_default();
                if let (Some(zi), Some(a), Some(d)) = (zone(z), side(attacker), side(defender)) {
                    t.fights.push(Fight {
                        zone: zi,
                        attacker: a,
                        defender: d,
                        text: text.clone(),
                    });
                }
                out.push(Entry::new(Kind::Fight, side(attacker), text));
            }
            LogEvent::NoContact {
                zone: z,
                attacker,
                defender,
                reason,
            } => out.push(Entry::new(
                Kind::Fight,
                side(attacker),
                format!("{attacker}: no engagement of {defender} in {z}: {reason}"),
            )),
            LogEvent::StepsLost {
                unit,
                side: s,
                steps: 0,
                strength,
                cause,
            } => out.push(Entry::new(
                Kind::Loss,
                side(s),
                format!("{unit} is now strength {strength} ({cause})"),
            )),
            LogEvent::StepsLost {
                unit,
                side: s,
                steps,
                strength,
                cause,
            } => out.push(Entry::new(
                Kind::Loss,
                side(s),
                format!(
                    "{unit} loses {}, {strength} left ({cause})",
                    words::steps(*steps)
                ),
            )),
            LogEvent::UnitRemoved { unit, cause } => out.push(Entry::new(
                Kind::Loss,
                owner(unit),
                format!("{unit} is off the map: {cause}"),
            )),
            LogEvent::UnitAdded {
                unit,
                zone: z,
                cause,
            } => out.push(Entry::new(
                Kind::Move,
                owner(unit),
                format!("{unit} arrives in {z} ({cause})"),
            )),
            LogEvent::ReadinessChanged {
                unit,
                from,
                to,
                reason,
            } => push_joined(
                out,
                Kind::Readiness,
                owner(unit),
                "",
                format!(
                    "{unit} {} → {} ({reason})",
                    words::readiness(*from),
                    words::readiness(*to)
                ),
            ),
            LogEvent::ControlChanged {
                zone: z,
                from,
                to,
                cause,
            } => out.push(Entry::new(
                Kind::Control,
                to.as_deref().and_then(side),
                format!(
                    "{z}: {} → {} ({cause})",
                    from.as_deref().unwrap_or("nobody"),
                    to.as_deref().unwrap_or("nobody")
                ),
            )),
            LogEvent::TrackChanged {
                track,
                from,
                to,
                cause,
            } => out.push(Entry::new(
                Kind::Track,
                None,
                format!("{track} {from} → {to} ({cause})"),
            )),
            LogEvent::ThresholdReached { track, at, label } => out.push(Entry::new(
                Kind::Track,
                None,
                format!("{track} reaches {at}: {label}"),
            )),
            LogEvent::RelationChanged {
                a,
                b,
                from,
                to,
                cause,
            } => out.push(Entry::new(
                Kind::Relation,
                None,
                format!(
                    "{a}–{b}: {} → {} ({cause})",
                    words::relation(*from),
                    words::relation(*to)
                ),
            )),
            LogEvent::EventFired {
                name, text, cause, ..
            } => out.push(Entry::new(
                Kind::Event,
                None,
                format!("{name} ({cause}): {text}"),
            )),
            LogEvent::MessageSent { to, from, text } => out.push(Entry::new(
                Kind::Message,
                side(from),
                format!("{from} → {}: {text}", to.join(", ")),
            )),
            LogEvent::Umpire { action, reason } => {
                let kind = if action.starts_with("rollback") {
                    Kind::Rollback
                } else {
                    Kind::Umpire
                };
                out.push(Entry::new(
                    kind,
                    None,
                    format!("{action} — reason: {reason}"),
                ));
            }
            LogEvent::GameEnded { outcome } => {
                out.push(Entry::new(Kind::End, None, outcome.summary()))
            }
        }
    }
    t
}

/// Adds `unit` to the arrow of `side` along `path`, or starts one.
fn arrow(moves: &mut Vec<Arrow>, side: usize, path: Vec<usize>, unit: &str, retreat: bool) {
    match moves
        .iter_mut()
        .find(|a| a.side == side && a.path == path && a.retreat == retreat)
    {
        Some(a) => a.units.push(unit.to_string()),
        None => moves.push(Arrow {
            side,
            path,
            units: vec![unit.to_string()],
            retreat,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consecutive_orders_of_a_side_make_one_line() {
        let mut out = Vec::new();
        push_joined(&mut out, Kind::Orders, Some(0), "a: ", "u1 Hold".into());
        push_joined(&mut out, Kind::Orders, Some(0), "a: ", "u2 Hold".into());
        push_joined(&mut out, Kind::Orders, Some(1), "b: ", "u3 Hold".into());
        push_joined(&mut out, Kind::Orders, Some(0), "a: ", "u4 Hold".into());
        let texts: Vec<&str> = out.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts, ["a: u1 Hold; u2 Hold", "b: u3 Hold", "a: u4 Hold"]);
    }
}
