//! The side filter: one side's report holds only what that side was allowed to know, by the very
//! rule its views follow — each frame is built from the side's view at the end of that turn
//! ([`crate::game::views::build::build`]: its own and allied units, the enemy units it detected, last-known
//! positions, control, public tracks, its messages, its score), and each timeline entry from the
//! events its view reports to it ([`crate::game::views::build::results`], asked one event at a time so the
//! engagement markers keep their zone). Nothing here decides afresh what a side may see, so the
//! report and the views cannot drift apart: never an undetected unit, another side's orders or a
//! white-cell-only track.

use super::model::{Arrow, Counter, Entry, Fight, Frame, Hotwash, Kind, Known, TrackInfo};
use super::replay::Slice;
use super::scene::{side_index, zone_index};
use super::timeline::{fight_text, push_joined};
use crate::game::views::build;
use crate::game::views::view::{Header, View};
use crate::log::LogEvent;
use crate::model::{Compiled, SideId};
use crate::report::words;
use crate::scenario::Relation;

/// `side`'s report of a game: `log` cut into `slices`.
pub fn report(
    c: &Compiled,
    game: &str,
    log: &[LogEvent],
    slices: &[Slice],
    side: SideId,
) -> Hotwash {
    // The view is sealed with an empty key: the seal is never shown, and no key is ever read.
    let h = Header {
        game,
        commitment: "",
        key: "",
    };
    let views: Vec<View> = slices
        .iter()
        .map(|s| build::build(c, &s.state, &log[..s.range.end], side, &h))
        .collect();
    let last = views.last();
    let seen: Vec<&str> = last
        .map(|v| v.tracks.iter().map(|t| t.id.as_str()).collect())
        .unwrap_or_default();
    let tracks = super::scene::tracks(c, &|id| seen.contains(&id));
    let frames = slices
        .iter()
        .zip(&views)
        .enumerate()
        .map(|(k, (s, v))| {
            let prev = k.checked_sub(1).map(|p| &views[p]);
            frame(c, s, &log[s.range.clone()], v, prev, side, &tracks)
        })
        .collect();
    Hotwash {
        title: c.scenario.meta.title.clone(),
        game: game.to_string(),
        reader: Some(c.side_name(side).to_string()),
        sides: super::scene::sides(c),
        zones: super::scene::zones(c),
        tracks,
        frames,
        outcome: last.and_then(|v| v.outcome.clone()),
        scores: last.map(|v| vec![v.score.clone()]).unwrap_or_default(),
        sources: super::umpire::sources(c),
        umpire_note: String::new(),
        forks: Vec::new(),
    }
}

/// The counters of a view: own and allied units in full, detected ones, last-known positions.
fn counters(c: &Compiled, v: &View) -> Vec<Counter> {
    // (id, name, side, type id, zone, strength, detail, how known): what each list tells.
    type Seen<'a> = (
        &'a str,
        &'a str,
        &'a str,
        Option<&'a str>,
        &'a str,
        u8,
        Option<String>,
        Known,
    );
    let full = v.own.iter().chain(&v.allied).map(|u| -> Seen<'_> {
        let detail = super::umpire::detail(u.readiness, u.posture);
        (
            &u.id,
            &u.name,
            &u.side,
            Some(&u.kind),
            &u.zone,
            u.strength,
            Some(detail),
            Known::Full,
        )
    });
    let detected = v.detected.iter().map(|u| -> Seen<'_> {
        (
            &u.id,
            &u.name,
            &u.side,
            Some(&u.kind),
            &u.zone,
            u.strength,
            None,
            Known::Detected,
        )
    });
    // A last sighting tells neither the unit's name nor its type.
    let last = v.last_seen.iter().map(|u| -> Seen<'_> {
        (
            &u.id,
            &u.id,
            &u.side,
            None,
            &u.zone,
            u.strength,
            None,
            Known::LastSeen(u.turn),
        )
    });
    full.chain(detected)
        .chain(last)
        .filter_map(|(id, name, side, kind, zone, strength, detail, known)| {
            let k = kind.and_then(|t| c.kinds.iter().find(|k| k.id == t));
            Some(Counter {
                id: id.to_string(),
                name: name.to_string(),
                side: side_index(c, side)?,
                kind: k.map_or_else(
                    || kind.unwrap_or("unknown type").to_string(),
                    |k| k.name.clone(),
                ),
                domain: k.map(|k| k.domain),
                zone: zone_index(c, zone)?,
                strength,
                detail,
                known,
            })
        })
        .collect()
}

/// One turn as `side` saw it: its view `v` at the end of the turn, `prev` at the end of the one
/// before, and what it was told of the turn's `events`.
fn frame(
    c: &Compiled,
    s: &Slice,
    events: &[LogEvent],
    v: &View,
    prev: Option<&View>,
    side: SideId,
    tracks: &[TrackInfo],
) -> Frame {
    let me = side.index();
    let friend = |x: usize| {
        x == me
            || v.relations
                .iter()
                .any(|(o, r)| *r == Relation::Allied && side_index(c, o) == Some(x))
    };
    let counters = counters(c, v);
    let mut strength: Vec<Option<u32>> = (0..c.side_count())
        .map(|x| friend(x).then_some(0))
        .collect();
    for u in counters.iter().filter(|u| u.known == Known::Full) {
        if let Some(Some(n)) = strength.get_mut(u.side) {
            *n += u32::from(u.strength);
        }
    }
    let values: Vec<i32> = tracks
        .iter()
        .map(|t| {
            v.tracks
                .iter()
                .find(|x| x.id == t.id)
                .map_or(t.min, |x| x.value)
        })
        .collect();
    let mut entries = Vec::new();
    let mut fights = Vec::new();
    for e in events {
        let told = build::results(c, &s.state, std::slice::from_ref(e), side);
        if told.is_empty() {
            continue;
        }
        match e {
            LogEvent::OrderAccepted { unit, order, .. } => push_joined(
                &mut entries,
                Kind::Orders,
                Some(me),
                &format!("{}: ", c.side_name(side)),
                format!("{unit} {}", words::order(order)),
            ),
            LogEvent::Engagement {
                zone,
                attacker,
                defender,
                ..
            } => {
                let text = fight_text(e, false).unwrap_or_default();
                let (a, d) = (side_index(c, attacker), side_index(c, defender));
                if let (Some(z), Some(a), Some(d)) = (zone_index(c, zone), a, d) {
                    fights.push(Fight {
                        zone: z,
                        attacker: a,
                        defender: d,
                        text: text.clone(),
                    });
                }
                entries.push(Entry::new(Kind::Fight, a, text));
            }
            _ => {
                for r in told {
                    let who = r
                        .unit
                        .as_deref()
                        .and_then(|u| c.unit(u))
                        .map(|u| c.units[u.index()].side.index());
                    entries.push(Entry::new(kind(&r.what), who, r.text));
                }
            }
        }
    }
    if !v.detected.is_empty() {
        let seen: Vec<String> = v
            .detected
            .iter()
            .map(|u| {
                format!(
                    "{} ({}) in {}, strength {}",
                    u.id, u.side, u.zone, u.strength
                )
            })
            .collect();
        entries.push(Entry::new(
            Kind::Contact,
            Some(me),
            format!("{} detected {}", c.side_name(side), seen.join("; ")),
        ));
    }
    for (t, now) in tracks.iter().zip(&values) {
        let was = prev
            .and_then(|p| p.tracks.iter().find(|x| x.id == t.id))
            .map(|x| x.value);
        if let Some(was) = was.filter(|w| w != now) {
            entries.push(Entry::new(
                Kind::Track,
                None,
                format!("{} {was} → {now}", t.id),
            ));
        }
    }
    for m in v.messages.iter().filter(|m| m.turn == s.turn) {
        entries.push(Entry::new(
            Kind::Message,
            side_index(c, &m.from),
            format!("{} → {}: {}", m.from, c.side_name(side), m.text),
        ));
    }
    if let Some(o) = &v.outcome
        && prev.is_none_or(|p| p.outcome.is_none())
    {
        entries.push(Entry::new(Kind::End, None, o.clone()));
    }
    Frame {
        turn: s.turn,
        label: super::umpire::label(c, s.turn),
        control: v
            .control
            .iter()
            .map(|(_, o)| o.as_deref().and_then(|o| side_index(c, o)))
            .collect(),
        moves: prev.map(|p| moves(c, p, v)).unwrap_or_default(),
        counters,
        fights,
        entries,
        tracks: values,
        strength,
    }
}

/// The timeline kind of a view's report.
fn kind(what: &str) -> Kind {
    match what {
        "accepted" => Kind::Orders,
        "rejected" => Kind::Rejected,
        "loss" => Kind::Loss,
        "move" | "retreat" => Kind::Move,
        "readiness" => Kind::Readiness,
        "control" => Kind::Control,
        "relation" => Kind::Relation,
        "fight" => Kind::Fight,
        _ => Kind::Event,
    }
}

/// The moves of the side's own and allied units between two of its views.
fn moves(c: &Compiled, before: &View, after: &View) -> Vec<Arrow> {
    let mut out: Vec<Arrow> = Vec::new();
    for u in after.own.iter().chain(&after.allied) {
        let Some(was) = before
            .own
            .iter()
            .chain(&before.allied)
            .find(|b| b.id == u.id)
        else {
            continue;
        };
        if was.zone == u.zone {
            continue;
        }
        let (Some(s), Some(a), Some(b)) = (
            side_index(c, &u.side),
            zone_index(c, &was.zone),
            zone_index(c, &u.zone),
        ) else {
            continue;
        };
        match out.iter_mut().find(|x| x.side == s && x.path == [a, b]) {
            Some(x) => x.units.push(u.id.clone()),
            None => out.push(Arrow {
                side: s,
                path: vec![a, b],
                units: vec![u.id.clone()],
                retreat: false,
            }),
        }
    }
    out
}
