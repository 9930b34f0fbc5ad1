//! Rendering views for people: the results of a side's last turn (from the log, filtered to what
//! concerns that side) and the whole view as text.

use super::view::{Report, View};
use crate::game::score::{Score, lines};
use crate::log::LogEvent;
use crate::model::Compiled;
use crate::report::text::width;
use crate::report::words;
use crate::scenario::Relation;
use std::fmt::Write;

/// What of the last turn's events `me` is told: its orders accepted or rejected with the reason,
/// its losses, the engagements it fought (odds column, roll and result, never the other side's
/// units), and the scenario events announced to everyone — except those that bring on or take off
/// units `me` may not know of (`hidden(event id)`), which only their owners are told.
pub fn last_turn(
    c: &Compiled,
    events: &[LogEvent],
    me: &str,
    hidden: &dyn Fn(&str) -> bool,
) -> Vec<Report> {
    let mine = |unit: &str| {
        c.unit(unit)
            .is_some_and(|u| c.side_name(c.units[u.index()].side) == me)
    };
    // An order for a unit that is not `me`'s gets one answer, whether the unit exists or whose it
    // is (as the orders intake answers): the log's reason would name another side's unit's owner.
    let not_mine = format!("is not one of `{me}`'s units: a side may only order its own units");
    let told_of = |unit: &str, reason: &str| -> String {
        if unit.is_empty() || mine(unit) {
            reason.to_string()
        } else {
            format!("unit `{unit}` {not_mine}")
        }
    };
    let mut out = Vec::new();
    // The white cell's action whose changes the events that follow carry, if any: a change it
    // makes to the side's units reaches the side as the white cell's, with its reason.
    let mut amended: Option<&str> = None;
    for e in events {
        if let LogEvent::Umpire { reason, .. } = e {
            amended = Some(reason);
        } else if matches!(e, LogEvent::TurnStarted { .. } | LogEvent::TurnEnded { .. }) {
            amended = None;
        }
        // The reason's public part: what comes before a `//` (a note the white cell keeps).
        let by_white_cell = |r: Report| match (amended, &r.unit) {
            (Some(why), Some(_)) => {
                let public = why.split("//").next().unwrap_or_default().trim();
                Report {
                    text: if public.is_empty() {
                        format!("{} (the white cell's amendment)", r.text)
                    } else {
                        format!("{} (the white cell's amendment: {public})", r.text)
                    },
                    ..r
                }
            }
            _ => r,
        };
        let r = match e {
            LogEvent::OrderAccepted { side, unit, order } if side == me => Report {
                what: "accepted".into(),
                unit: Some(unit.clone()),
                text: format!("{unit}: {} accepted", words::order(order)),
            },
            LogEvent::OrderRejected {
                side,
                unit,
                order,
                reason,
            } if side == me => Report {
                what: "rejected".into(),
                unit: Some(unit.clone()).filter(|u| !u.is_empty()),
                text: format!(
                    "{unit}: {} rejected, the unit held: {}",
                    words::plain(order),
                    told_of(unit, &crate::orders::rejection::as_told(reason))
                ),
            },
            LogEvent::StepsLost {
                unit,
                side,
                steps,
                strength,
                ..
            } if side == me => Report {
                what: "loss".into(),
                unit: Some(unit.clone()),
                text: format!("{unit} lost {}, {strength} left", words::steps(*steps)),
            },
            LogEvent::UnitRemoved { unit, .. } if mine(unit) => Report {
                what: "loss".into(),
                unit: Some(unit.clone()),
                text: format!("{unit} is off the map"),
            },
            LogEvent::Moved {
                unit,
                to,
                stopped_by_contact: true,
                ..
            } if mine(unit) => Report {
                what: "move".into(),
                unit: Some(unit.clone()),
                // Only the fact: what stopped it is in the side's detections if it saw them.
                text: format!("{unit} stopped in {to}, short of where it was ordered"),
            },
            LogEvent::Retreated { unit, from, to } if mine(unit) => Report {
                what: "retreat".into(),
                unit: Some(unit.clone()),
                text: format!("{unit} fell back from {from} to {to}"),
            },
            LogEvent::ReadinessChanged {
                unit,
                from,
                to,
                reason,
            } if mine(unit) => Report {
                what: "readiness".into(),
                unit: Some(unit.clone()),
                text: format!(
                    "{unit}: {} -> {} ({reason})",
                    words::readiness(*from),
                    words::readiness(*to)
                ),
            },
            LogEvent::ControlChanged { zone, from, to, .. } => Report {
                what: "control".into(),
                unit: None,
                text: format!(
                    "{zone}: {} -> {}",
                    from.as_deref().unwrap_or("nobody"),
                    to.as_deref().unwrap_or("nobody")
                ),
            },
            LogEvent::RelationChanged { a, b, from, to, .. } if a == me || b == me => Report {
                what: "relation".into(),
                unit: None,
                text: format!(
                    "{a}-{b}: {} -> {}",
                    words::relation(*from),
                    words::relation(*to)
                ),
            },
            LogEvent::Engagement {
                zone,
                attacker,
                defender,
                odds,
                roll,
                result,
            } if attacker == me || defender == me => Report {
                what: "fight".into(),
                unit: None,
                text: format!(
                    "{attacker} engaged {defender} in {zone}: column {}, d6 = {roll}: {}",
                    odds.column,
                    words::result(*result)
                ),
            },
            LogEvent::NoContact {
                zone,
                attacker,
                defender,
                reason,
            } if attacker == me => Report {
                what: "fight".into(),
                unit: None,
                text: format!("no engagement of {defender} in {zone}: {reason}"),
            },
            LogEvent::EventFired {
                event, name, text, ..
            } if !hidden(event) => Report {
                what: "event".into(),
                unit: None,
                text: format!("{name}: {text}"),
            },
            _ => continue,
        };
        out.push(by_white_cell(r));
    }
    out
}

/// A side's objectives, its score if the game ended now, and the sudden-death rules, as text.
pub fn aims(score: &Score, sudden_death: &[String]) -> String {
    let mut s = String::from("Your objectives, and your score if the game ended now\n");
    s.push_str(&lines(score, "  "));
    if !sudden_death.is_empty() {
        let _ = writeln!(
            s,
            "Sudden death (every side knows these; checked every turn)"
        );
        for x in sudden_death {
            s.push_str(&crate::report::describe::hang(x, "  ", "    ", 100));
        }
    }
    s
}

/// The view as text for the team.
pub fn text(v: &View) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{} — view of side {}", v.scenario.meta.title, v.side);
    let _ = writeln!(
        s,
        "game {} · turn {} played · orders due for turn {} ({})",
        v.game, v.turn, v.next_turn, v.next_label
    );
    let _ = writeln!(s, "seed commitment: {}", v.seed_commitment);
    if let Some(o) = &v.outcome {
        let _ = writeln!(s, "GAME OVER: {o}");
    }
    if let Some(b) = v
        .scenario
        .sides
        .iter()
        .find(|x| x.id == v.side)
        .map(|x| &x.briefing)
        && !b.is_empty()
    {
        let _ = writeln!(s, "briefing: {b}");
    }
    let _ = writeln!(s, "\nRelations");
    for (o, r) in &v.relations {
        let _ = writeln!(s, "  {o}: {}", words::relation(*r));
    }
    let w = width(
        v.own
            .iter()
            .chain(&v.allied)
            .map(|u| u.id.as_str())
            .chain(v.detected.iter().map(|u| u.id.as_str()))
            .chain(v.last_seen.iter().map(|u| u.id.as_str())),
    );
    let wz = width(v.control.iter().map(|(z, _)| z.as_str()));
    let units = |s: &mut String, title: &str, us: &[super::view::UnitView]| {
        let _ = writeln!(s, "\n{title}");
        if us.is_empty() {
            let _ = writeln!(s, "  (none)");
        }
        let wk = width(us.iter().map(|u| u.kind.as_str()));
        for u in us {
            let _ = writeln!(
                s,
                "  {:<w$}  {:<wk$}  in {:<wz$}  strength {}  {}, posture {}",
                u.id,
                u.kind,
                u.zone,
                u.strength,
                words::readiness(u.readiness),
                words::posture(u.posture)
            );
        }
    };
    units(&mut s, "Your units", &v.own);
    if !v.allied.is_empty() {
        units(&mut s, "Allied units", &v.allied);
    }
    let wk = width(v.detected.iter().map(|u| u.kind.as_str()));
    let ws = width(v.detected.iter().map(|u| u.side.as_str()));
    for (title, rel) in [
        ("Hostile units detected this turn", Relation::Hostile),
        (
            "Neutral units detected this turn (not at war with you)",
            Relation::Neutral,
        ),
    ] {
        let these: Vec<_> = v.detected.iter().filter(|u| u.relation == rel).collect();
        if these.is_empty() && rel == Relation::Neutral {
            continue;
        }
        let _ = writeln!(s, "\n{title}");
        if these.is_empty() {
            let _ = writeln!(s, "  (none)");
        }
        for u in these {
            let _ = writeln!(
                s,
                "  {:<w$}  {:<wk$}  {:<ws$}  in {:<wz$}  strength {}  (readiness and posture unknown)",
                u.id, u.kind, u.side, u.zone, u.strength
            );
        }
    }
    if !v.last_seen.is_empty() {
        let _ = writeln!(s, "\nLast seen (not detected this turn)");
        let who =
            |u: &super::view::LastSeen| format!("{} ({})", u.side, words::relation(u.relation));
        let ww = v.last_seen.iter().map(|u| who(u).chars().count()).max();
        let wt = v.last_seen.iter().map(|u| u.turn.to_string().len()).max();
        let (ww, wt) = (ww.unwrap_or(0), wt.unwrap_or(0));
        for u in &v.last_seen {
            let _ = writeln!(
                s,
                "  {:<w$}  {:<ww$}  in {:<wz$}  on turn {:<wt$}  strength {}",
                u.id,
                who(u),
                u.zone,
                u.turn,
                u.strength
            );
        }
    }
    let _ = writeln!(s, "\nZone control");
    for (z, o) in &v.control {
        let _ = writeln!(s, "  {:<wz$}  {}", z, o.as_deref().unwrap_or("-"));
    }
    if !v.tracks.is_empty() {
        let _ = writeln!(s, "\nTracks");
        let wt = width(v.tracks.iter().map(|t| t.id.as_str()));
        for t in &v.tracks {
            let band = t
                .band
                .as_deref()
                .map(|b| format!(" ({b})"))
                .unwrap_or_default();
            let _ = writeln!(
                s,
                "  {:<wt$}  {} [{}..{}]{band}",
                t.id, t.value, t.min, t.max
            );
        }
    }
    s.push('\n');
    s.push_str(&aims(&v.score, &v.sudden_death));
    if !v.messages.is_empty() {
        let _ = writeln!(s, "\nMessages");
        for m in &v.messages {
            let _ = writeln!(s, "  turn {} from {}: {}", m.turn, m.from, m.text);
        }
    }
    if !v.last_turn.is_empty() {
        let _ = writeln!(s, "\nLast turn");
        for r in &v.last_turn {
            let _ = writeln!(s, "  {}", r.text);
        }
    }
    s
}
