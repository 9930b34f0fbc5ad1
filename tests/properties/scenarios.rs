//! Generated scenarios for the property tests: a [`Recipe`] of small numbers (what proptest draws
//! and shrinks) is built into a [`Scenario`] — a connected zone graph with adjacency listed both
//! ways, two to four sides with relations, unit types, units, units that events bring on, scripted
//! events, a tension track with thresholds, objectives, sudden death and its rules — then checked
//! by the real validator and compiled by the real compiler ([`compile`]), or written as RON and put
//! through the whole loader ([`load_text`]). A recipe the validator refuses is a bug in this
//! generator, never a case to skip: both panic with the validator's report.

pub use super::recipe::*;
pub use super::rulesets::{default_ruleset, rules};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use whitecell::model::Compiled;
use whitecell::scenario::*;

pub const KINDS: [ZoneKind; 6] = [
    ZoneKind::Sea,
    ZoneKind::Coast,
    ZoneKind::Land,
    ZoneKind::Urban,
    ZoneKind::Rough,
    ZoneKind::Airbase,
];
pub const DOMAINS: [Domain; 5] = [
    Domain::Surface,
    Domain::Subsurface,
    Domain::Air,
    Domain::Ground,
    Domain::Amphibious,
];
pub const RELATIONS: [Relation; 3] = [Relation::Allied, Relation::Neutral, Relation::Hostile];
pub const READINESS: [Readiness; 3] = [Readiness::Fresh, Readiness::Worn, Readiness::Spent];
pub const POSTURES: [Posture; 4] = [
    Posture::Normal,
    Posture::Defensive,
    Posture::Patrol,
    Posture::Aggressive,
];

pub fn pick<T: Clone>(all: &[T], k: u8) -> T {
    all[usize::from(k) % all.len()].clone()
}

fn zid(i: usize) -> String {
    format!("z{i}")
}

fn sid(i: usize) -> String {
    format!("s{i}")
}

/// A unit's id; its name is the id with `-name` after it, so a view can be searched for either.
pub fn uid(i: usize) -> String {
    format!("u{i}")
}

/// The scenario a recipe describes.
pub fn build(r: &Recipe) -> Scenario {
    let nz = r.zones.len();
    let ns = r.sides.len();
    let side_or_none = |k: u8| (usize::from(k) < ns).then(|| sid(usize::from(k)));
    let mut adj = vec![std::collections::BTreeSet::new(); nz];
    let mut link = |a: usize, b: usize| {
        if a != b {
            adj[a].insert(b);
            adj[b].insert(a);
        }
    };
    for (i, z) in r.zones.iter().enumerate().skip(1) {
        link(i, usize::from(z.parent) % i);
    }
    for (i, z) in r.zones.iter().enumerate() {
        if let Some(e) = z.extra {
            link(i, usize::from(e) % nz);
        }
    }
    let kind = |i: usize| KINDS[usize::from(r.zones[i].kind) % 6];
    let zones: Vec<Zone> = r
        .zones
        .iter()
        .enumerate()
        .map(|(i, z)| Zone {
            id: zid(i),
            name: format!("Zone {i}"),
            kind: kind(i),
            neighbours: adj[i].iter().map(|&n| zid(n)).collect(),
            value: z.value.saturating_sub(2),
            controller: side_or_none(z.controller),
            supply: side_or_none(z.supply),
            layout: (i % 2 == 0).then_some((i as i32, -(i as i32))),
            note: String::new(),
        })
        .collect();
    let sides: Vec<Side> = r
        .sides
        .iter()
        .enumerate()
        .map(|(i, p)| Side {
            id: sid(i),
            name: format!("Side {i}"),
            colour: format!("#{:02x}40{:02x}", i * 60, 255 - i * 60),
            briefing: String::new(),
            policy: p.map(|k| pick(whitecell::policy::NAMES, k).to_string()),
            missing: None,
        })
        .collect();
    let mut rel = BTreeMap::new();
    for &(a, b, k) in &r.relations {
        let (a, b) = (usize::from(a) % ns, usize::from(b) % ns);
        if a != b {
            rel.insert((a.min(b), a.max(b)), RELATIONS[usize::from(k) % 3]);
        }
    }
    let relations = rel
        .into_iter()
        .map(|((a, b), relation)| RelationDef {
            between: (sid(a), sid(b)),
            relation,
        })
        .collect();
    // Every type may enter the kind of at least one zone of the map.
    let unit_types: Vec<UnitType> = r
        .types
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mask = t.enters | (1 << (r.zones[i % nz].kind % 6));
            UnitType {
                id: format!("t{i}"),
                name: format!("Type {i}"),
                domain: pick(&DOMAINS, t.domain),
                movement: t.movement,
                attack: t.factors[0],
                defence: t.factors[1],
                detection: t.factors[2],
                stealth: t.factors[3],
                enters: (0..6)
                    .filter(|b| mask & (1 << b) != 0)
                    .map(|b| KINDS[b])
                    .collect(),
                note: "abstract play values".into(),
            }
        })
        .collect();
    let unit = |i: usize, u: &UnitR| {
        let ty = usize::from(u.ty) % unit_types.len();
        let t = &unit_types[ty];
        let start = usize::from(u.zone) % nz;
        let zone = (0..nz)
            .map(|k| (start + k) % nz)
            .find(|&z| t.enters.contains(&kind(z)))
            .expect("every type enters some zone");
        Unit {
            id: uid(i),
            name: format!("{}-name", uid(i)),
            side: sid(usize::from(u.side) % ns),
            unit_type: t.id.clone(),
            zone: zid(zone),
            strength: u.strength,
            readiness: pick(&READINESS, u.readiness),
            posture: pick(&POSTURES, u.posture),
            source: "generated for the property tests".into(),
        }
    };
    let units: Vec<Unit> = r
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| unit(i, u))
        .collect();
    let added: Vec<Unit> = r
        .added
        .iter()
        .enumerate()
        .map(|(k, u)| unit(r.units.len() + k, u))
        .collect();
    let all_units = units.len() + if r.events.is_empty() { 0 } else { added.len() };
    let ne = r.events.len();
    let turns = u32::from(r.turns);
    let cond = |c: &CondR| -> Condition {
        let side = |k: u8| sid(usize::from(k) % ns);
        let v = i32::from(c.v % 11);
        let basic = |kind: u8| match kind {
            0 => Condition::TrackAtLeast("tension".into(), v),
            1 => Condition::TrackAtMost("tension".into(), v),
            2 => Condition::Controls(side(c.a), zid(usize::from(c.b) % nz)),
            3 => Condition::TurnAtLeast(1 + u32::from(c.v) % 30),
            4 => Condition::RelationIs(side(c.a), side(c.b), RELATIONS[usize::from(c.v) % 3]),
            5 => Condition::StepsLostAtLeast(side(c.a), u32::from(c.v % 8)),
            _ if ne > 0 => Condition::Fired(format!("e{}", usize::from(c.a) % ne)),
            _ => Condition::TurnAtLeast(2),
        };
        match c.kind {
            7 => Condition::Not(Box::new(basic(c.b % 7))),
            8 => Condition::Any(vec![basic(c.a % 7), basic(c.b % 7)]),
            k => basic(k),
        }
    };
    let mut events: Vec<Event> = r
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let effects = e
                .effects
                .iter()
                .filter_map(|fx| {
                    let side = |k: u8| sid(usize::from(k) % ns);
                    Some(match fx.kind {
                        0 => Effect::AdjustTrack("tension".into(), i32::from(fx.v)),
                        1 => Effect::SetTrack("tension".into(), i32::from(fx.v) + 5),
                        2 if ns > 1 => {
                            let a = usize::from(fx.a) % ns;
                            let b = (a + 1 + usize::from(fx.b) % (ns - 1)) % ns;
                            Effect::SetRelation(
                                sid(a),
                                sid(b),
                                RELATIONS[fx.v.unsigned_abs() as usize % 3],
                            )
                        }
                        3 => Effect::RemoveUnit(uid(usize::from(fx.a) % all_units)),
                        4 => Effect::SetControl(
                            zid(usize::from(fx.a) % nz),
                            side_or_none(fx.b % (ns as u8 + 1)),
                        ),
                        5 => Effect::Message(
                            vec![side(fx.a), side(fx.b)],
                            "A message from the scenario.".into(),
                        ),
                        _ => return None,
                    })
                })
                .collect();
            Event {
                id: format!("e{i}"),
                name: format!("Event {i}"),
                trigger: match e.trigger {
                    0 => Trigger::AtTurn(1 + u32::from(e.at) % turns),
                    1 => Trigger::When(cond(&e.cond)),
                    _ => Trigger::Manual,
                },
                text: "Something happens.".into(),
                effects,
                once: e.once,
            }
        })
        .collect();
    // Each unit that an event brings on is brought on by exactly one effect.
    if !events.is_empty() {
        for (k, u) in added.into_iter().enumerate() {
            let n = events.len();
            events[k % n].effects.push(Effect::AddUnit(u));
        }
    }
    // One threshold at a value and one objective per side and zone: a repeat is a scenario
    // error (points counted twice), not a scenario.
    let mut ats = std::collections::BTreeSet::new();
    let thresholds = r
        .thresholds
        .iter()
        .filter(|(at, _)| ats.insert(*at))
        .enumerate()
        .map(|(k, &(at, ev))| Threshold {
            at: i32::from(at),
            label: format!("Band {k}"),
            event: ev
                .filter(|_| ne > 0)
                .map(|e| format!("e{}", usize::from(e) % ne)),
        })
        .collect();
    let escalation = r.escalation.map(|x| Escalation {
        track: "tension".into(),
        engage_neutral: i32::from(x[0]),
        engagement: i32::from(x[1]),
        show_of_force: i32::from(x[2]),
        warn: i32::from(x[3]),
        deescalate: i32::from(x[4]),
        hotline: i32::from(x[5]),
    });
    let mut objectives: BTreeMap<String, Vec<Objective>> = BTreeMap::new();
    for &(s, z, points) in &r.objectives {
        let side = sid(usize::from(s) % ns);
        let zone = zid(usize::from(z) % nz);
        let list = objectives.entry(side.clone()).or_default();
        if list.iter().any(|o| o.name == format!("Hold {zone}")) {
            continue;
        }
        list.push(Objective {
            name: format!("Hold {zone}"),
            points: u32::from(points),
            when: Condition::Controls(side, zone),
        });
    }
    let sudden_death = r
        .sudden_death
        .iter()
        .map(|&(at, w)| SuddenDeath {
            id: "war".into(),
            when: Condition::TrackAtLeast("tension".into(), i32::from(at)),
            winner: (usize::from(w) < ns).then(|| sid(usize::from(w))),
            text: "Tension reached its limit.".into(),
        })
        .collect();
    Scenario {
        format: FORMAT,
        meta: Meta {
            id: "generated".into(),
            title: "A generated scenario".into(),
            summary: String::new(),
            sources: Vec::new(),
            umpire_note: String::new(),
        },
        ruleset: RulesetRef::Inline(match &r.rules {
            Some(x) => rules(x),
            None => default_ruleset().clone(),
        }),
        turns: Turns {
            count: turns,
            label: "Turn {n}".into(),
        },
        sides,
        relations,
        zones,
        unit_types,
        units,
        tracks: vec![Track {
            id: "tension".into(),
            name: "Tension".into(),
            min: 0,
            max: 10,
            start: i32::from(r.tension),
            public: true,
            thresholds,
        }],
        escalation,
        events,
        victory: Victory {
            objectives,
            sudden_death,
        },
    }
}

/// A scenario as a file's text.
pub fn to_text(s: &Scenario) -> String {
    ron::ser::to_string_pretty(s, ron::ser::PrettyConfig::default()).expect("a scenario serialises")
}

/// The recipe's scenario, checked by the real validator and compiled by the real compiler (the
/// loader's semantic checks, without writing and parsing text: [`load_text`] does that too).
/// Panics if the validator refuses it: the generator is wrong.
pub fn compile(r: &Recipe) -> Arc<Compiled> {
    let s = build(r);
    let partial = load::Partial {
        format: Some(s.format),
        meta: Some(s.meta.clone()),
        ruleset: Some(s.ruleset.clone()),
        turns: Some(s.turns.clone()),
        sides: s.sides.clone(),
        relations: s.relations.clone(),
        zones: s.zones.clone(),
        unit_types: s.unit_types.clone(),
        units: s.units.iter().cloned().enumerate().collect(),
        tracks: s.tracks.iter().cloned().enumerate().collect(),
        escalation: s.escalation.clone(),
        events: s.events.iter().cloned().enumerate().collect(),
        victory: Some(s.victory.clone()),
        ..Default::default()
    };
    let RulesetRef::Inline(rules) = &s.ruleset else {
        unreachable!("generated rules are inline")
    };
    let rules = rules.clone();
    let mut problems = validate::check(&partial, Some(&rules));
    problems.extend(validate::check_ruleset(&rules));
    assert!(
        problems.is_empty(),
        "generator bug: the validator refuses a generated scenario: {problems:?}\n{}",
        to_text(&s)
    );
    let c =
        Compiled::from_parts(s, rules, "generated".into()).expect("a validated scenario compiles");
    Arc::new(c)
}

/// The recipe's scenario as text, loaded and validated by the real loader and compiled. Panics if
/// the validator refuses it (the generator is wrong) or the loader reads back another scenario.
pub fn load_text(r: &Recipe) -> (String, Arc<Compiled>) {
    let s = build(r);
    let text = to_text(&s);
    let no_files = |_: &Path| Err(std::io::Error::other("a generated scenario names no file"));
    let loaded =
        load::load_str(Path::new("generated.ron"), &text, &no_files).unwrap_or_else(|rep| {
            panic!("generator bug: the validator refuses a generated scenario:\n{rep}\n{text}")
        });
    assert_eq!(
        loaded.scenario, s,
        "the loader reads back the scenario written"
    );
    let c = Compiled::new(&loaded).expect("a validated scenario compiles");
    (text, Arc::new(c))
}
