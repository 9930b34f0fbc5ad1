//! Generated scenarios of any size, for benchmarks and property tests: a square grid of zones,
//! four sides in two hostile pairs, units spread over the grid by a fixed hash. The same arguments
//! always give the same scenario.

use super::schema::*;
use crate::dice::splitmix64;
use std::collections::BTreeMap;

/// A scenario with `units` units (at least 4) on a grid of about `units / 8` zones, using `ruleset`.
pub fn generated(units: usize, ruleset: Ruleset) -> Scenario {
    let units = units.max(4);
    let side = ((units / 8).max(9) as f64).sqrt().ceil() as usize;
    let id = |x: usize, y: usize| format!("z{x}_{y}");
    let mut zones = Vec::new();
    for y in 0..side {
        for x in 0..side {
            let mut neighbours = Vec::new();
            if x > 0 {
                neighbours.push(id(x - 1, y));
            }
            if x + 1 < side {
                neighbours.push(id(x + 1, y));
            }
            if y > 0 {
                neighbours.push(id(x, y - 1));
            }
            if y + 1 < side {
                neighbours.push(id(x, y + 1));
            }
            let kind = match (x * 7 + y * 3) % 10 {
                0 => ZoneKind::Urban,
                1 | 2 => ZoneKind::Rough,
                _ => ZoneKind::Land,
            };
            let corner = [(0, 0), (side - 1, side - 1), (0, side - 1), (side - 1, 0)]
                .iter()
                .position(|c| *c == (x, y));
            zones.push(Zone {
                id: id(x, y),
                name: format!("Zone {x},{y}"),
                kind,
                neighbours,
                value: u8::from(kind == ZoneKind::Urban),
                controller: corner.map(|i| format!("s{i}")),
                supply: corner.map(|i| format!("s{i}")),
                layout: Some((x as i32, y as i32)),
                note: String::new(),
            });
        }
    }
    let sides: Vec<Side> = (0..4)
        .map(|i| Side {
            id: format!("s{i}"),
            name: format!("Side {i}"),
            colour: "#808080".into(),
            briefing: String::new(),
            policy: None,
            missing: None,
        })
        .collect();
    let relations = vec![
        RelationDef {
            between: ("s0".into(), "s1".into()),
            relation: Relation::Hostile,
        },
        RelationDef {
            between: ("s2".into(), "s3".into()),
            relation: Relation::Hostile,
        },
    ];
    let ty = |id: &str, movement, attack, defence, detection, stealth| UnitType {
        id: id.into(),
        name: id.into(),
        domain: Domain::Ground,
        movement,
        attack,
        defence,
        detection,
        stealth,
        enters: vec![ZoneKind::Land, ZoneKind::Urban, ZoneKind::Rough],
        note: String::new(),
    };
    let unit_types = vec![
        ty("inf", 1, 2, 3, 2, 2),
        ty("tank", 2, 4, 2, 3, 1),
        ty("recon", 3, 1, 1, 5, 3),
    ];
    let mut state = 0x5EED_u64;
    let list = (0..units)
        .map(|i| {
            let r = splitmix64(&mut state);
            Unit {
                id: format!("u{i}"),
                name: format!("Unit {i}"),
                side: format!("s{}", i % 4),
                unit_type: unit_types[(r % 3) as usize].id.clone(),
                zone: zones[((r >> 8) % zones.len() as u64) as usize].id.clone(),
                strength: 1 + ((r >> 40) % 5) as u8,
                readiness: Readiness::Fresh,
                posture: Posture::Normal,
                source: "generated".into(),
            }
        })
        .collect();
    Scenario {
        format: FORMAT,
        meta: Meta {
            id: format!("generated-{units}"),
            title: format!("Generated, {units} units"),
            summary: String::new(),
            sources: Vec::new(),
            umpire_note: String::new(),
        },
        ruleset: RulesetRef::Inline(ruleset),
        turns: Turns {
            count: 12,
            label: "Turn {n}".into(),
        },
        sides,
        relations,
        zones,
        unit_types,
        units: list,
        tracks: vec![Track {
            id: "tension".into(),
            name: "Tension".into(),
            min: 0,
            max: 1000,
            start: 0,
            public: true,
            thresholds: Vec::new(),
        }],
        escalation: Some(Escalation {
            track: "tension".into(),
            engage_neutral: 3,
            engagement: 1,
            show_of_force: 1,
            warn: 1,
            deescalate: -1,
            hotline: -2,
        }),
        events: Vec::new(),
        victory: Victory {
            objectives: BTreeMap::new(),
            sudden_death: Vec::new(),
        },
    }
}
