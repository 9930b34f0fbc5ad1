//! Rule tests: the tiny scenario `scenarios/tests/rules.ron`, given orders and scripted dice, must
//! produce exactly the expected events. Each test names the rule it pins.

mod common;

use common::*;
use whitecell::log::LogEvent;
use whitecell::model::Outcome;
use whitecell::scenario::{CombatResult, Readiness, Relation};
use whitecell::sim::StepError;

const NEVER: &[u8] = &[1; 200]; // detection faces that never detect in this scenario

fn rejected<'a>(events: &'a [LogEvent], unit: &str) -> Vec<&'a str> {
    events
        .iter()
        .filter_map(|e| match e {
            LogEvent::OrderRejected {
                unit: u, reason, ..
            } if u == unit => Some(reason.as_str()),
            _ => None,
        })
        .collect()
}

fn engagement(events: &[LogEvent]) -> &LogEvent {
    events
        .iter()
        .find(|e| matches!(e, LogEvent::Engagement { .. }))
        .expect("an engagement")
}

#[test]
fn movement_takes_the_shortest_path_and_stops_on_entering_a_hostile_zone() {
    let mut e = engine(rules_scenario(&[]), NEVER, &[]);
    let ev = turn(&mut e, &[("bt", "Move(\"d\")")], &[]);
    let moved = ev.iter().find_map(|x| match x {
        LogEvent::Moved {
            unit,
            to,
            path,
            stopped_by_contact,
            ..
        } if unit == "bt" => Some((to, path, *stopped_by_contact)),
        _ => None,
    });
    assert_eq!(
        moved,
        Some((
            &"c".to_string(),
            &vec!["b".to_string(), "c".to_string()],
            true
        )),
        "{}",
        summary(&ev)
    );
}

#[test]
fn hostile_units_crossing_one_border_in_opposite_directions_meet_and_stay() {
    let mut e = engine(rules_scenario(&[]), NEVER, &[]);
    let ev = turn(&mut e, &[("bi", "Move(\"c\")")], &[("ri", "Move(\"b\")")]);
    for (unit, zone) in [("bi", "b"), ("ri", "c")] {
        assert!(
            ev.iter().any(
                |x| matches!(x, LogEvent::Moved { unit: u, to, path, stopped_by_contact: true, .. }
                if u == unit && to == zone && path.is_empty())
            ),
            "{}",
            summary(&ev)
        );
    }
    let st = e.state();
    let at = |id: &str| {
        st.units
            .iter()
            .find(|u| e.compiled().unit_name(u.id) == id)
            .map(|u| e.compiled().zone_name(u.zone).to_string())
    };
    assert_eq!(
        (at("bi").as_deref(), at("ri").as_deref()),
        (Some("b"), Some("c"))
    );
    assert!(summary(&ev).contains("bi: stays in b (met hostile units crossing the other way)"));
}

#[test]
fn illegal_orders_are_rejected_with_reasons_and_the_unit_holds() {
    let mut e = engine(rules_scenario(&[]), NEVER, &[]);
    let ev = turn(
        &mut e,
        &[
            ("bi", "Move(\"d\")"),
            ("bt", "Move(\"s\")"),
            ("bt", "Engage(\"c\", \"blue\")"),
            ("ri", "Hold"),
            ("zz", "Hold"),
            ("bt", "Move(\"nowhere\")"),
        ],
        &[],
    );
    assert!(
        rejected(&ev, "bi")[0].contains("cannot be reached within the movement allowance of 1"),
        "{}",
        summary(&ev)
    );
    let bt = rejected(&ev, "bt");
    assert!(
        bt.iter().any(|r| r.contains("cannot enter `s` (Sea)")),
        "{bt:?}"
    );
    assert!(
        bt.iter().any(|r| r.contains("cannot engage itself")),
        "{bt:?}"
    );
    assert!(bt.iter().any(|r| r.contains("no zone `nowhere`")), "{bt:?}");
    assert!(rejected(&ev, "ri")[0].contains("belongs to `red`"));
    assert!(rejected(&ev, "zz")[0].contains("no unit `zz`"));
    assert_eq!(
        count(&ev, |x| matches!(x, LogEvent::Moved { .. })),
        0,
        "rejected units hold"
    );

    let mut e = engine(rules_scenario(&[]), NEVER, &[]);
    let ev = turn(
        &mut e,
        &[
            ("bt", "Hold"),
            ("bt", "Move(\"b\")"),
            ("bi", "Withdraw(\"c\")"),
        ],
        &[("ri", "Resupply"), ("rt", "ShowOfForce(\"c\")")],
    );
    assert!(rejected(&ev, "bt")[0].contains("already has an order"));
    assert!(rejected(&ev, "bi")[0].contains("hostile units are there"));
    assert!(rejected(&ev, "ri")[0].contains("resupply needs a zone"));
    assert!(
        rejected(&ev, "rt")[0].contains("show of force must be in the unit's zone or next to it")
    );
}

#[test]
fn a_withdrawal_never_passes_through_hostile_units() {
    let mut e = engine(rules_scenario(&[]), NEVER, &[]);
    let ev = turn(&mut e, &[("bt", "Withdraw(\"d\")")], &[]);
    assert!(
        rejected(&ev, "bt")[0]
            .contains("every way there within the allowance passes hostile units")
    );
}

#[test]
fn engagement_works_the_odds_column_from_totals_posture_and_terrain() {
    // Blue detects ri (6), red sees nothing (1, 1); the combat die is 6.
    let mut e = engine(rules_scenario(&[]), &[6, 1, 1, 1, 1, 1], &[6]);
    let ev = turn(&mut e, &[("bt", "Engage(\"c\", \"red\")")], &[]);
    let LogEvent::Engagement {
        odds, roll, result, ..
    } = engagement(&ev)
    else {
        unreachable!()
    };
    // bt: attack 4 +1 Aggressive, 4 steps = 20; ri: defence 3, 3 steps = 9; 20:9 is 2:1, Urban -2 -> 1:1.
    assert_eq!((odds.attack_total, odds.defence_total), (20, 9));
    assert_eq!(
        odds.attack[0].modifiers,
        vec![("posture Aggressive".to_string(), 1)]
    );
    assert_eq!(
        (odds.base_column.as_str(), odds.column.as_str()),
        ("2:1", "1:1")
    );
    assert_eq!(odds.shifts, vec![("terrain Urban".to_string(), -2)]);
    assert_eq!((*roll, *result), (6, CombatResult::DefenderLoses(1)));
    golden("engagement_turn", &summary(&ev));
}

#[test]
fn a_retreat_goes_to_a_free_neighbour_and_the_zone_changes_hands() {
    let mut e = engine(rules_scenario(&[]), &[6, 1, 1, 1, 1, 1], &[5]);
    let ev = turn(&mut e, &[("bt", "Engage(\"c\", \"red\")")], &[]);
    let LogEvent::Engagement { result, .. } = engagement(&ev) else {
        unreachable!()
    };
    assert_eq!(*result, CombatResult::DefenderRetreats);
    assert!(
        ev.contains(&LogEvent::Retreated {
            unit: "ri".into(),
            from: "c".into(),
            to: "d".into()
        }),
        "{}",
        summary(&ev)
    );
    assert!(ev.iter().any(|x| matches!(x, LogEvent::ControlChanged { zone, to: Some(s), .. } if zone == "c" && s == "blue")));
    // The conditional event `taken` (blue controls c) fires in the same turn and moves `pressure`.
    assert!(ev.iter().any(|x| matches!(x, LogEvent::EventFired { event, cause, .. } if event == "taken" && cause == "condition")));
    assert!(ev.iter().any(
        |x| matches!(x, LogEvent::TrackChanged { track, from: 0, to: 2, .. } if track == "pressure")
    ));
}

#[test]
fn a_defender_with_nowhere_to_retreat_loses_a_step_instead() {
    let extra = "        (id: \"bd\", name: \"Blue detachment\", side: \"blue\", type: \"inf\", zone: \"d\", strength: 1, source: \"test\"),\n    ],\n    tracks:";
    let mut e = engine(
        rules_scenario(&[("    ],\n    tracks:", extra)]),
        &[6, 1, 1, 1, 1, 1],
        &[5],
    );
    let ev = turn(&mut e, &[("bt", "Engage(\"c\", \"red\")")], &[]);
    assert_eq!(count(&ev, |x| matches!(x, LogEvent::Retreated { .. })), 0);
    assert!(
        ev.iter().any(
            |x| matches!(x, LogEvent::StepsLost { unit, steps: 1, strength: 2, cause, .. }
        if unit == "ri" && cause.contains("could not retreat"))
        ),
        "{}",
        summary(&ev)
    );
}

#[test]
fn engaging_a_neutral_side_makes_it_hostile_and_raises_tension_to_a_threshold() {
    let c = rules_scenario(&[("relation: Hostile", "relation: Neutral")]);
    let mut e = engine(c, &[6, 1, 1, 1, 1, 1], &[2]);
    let ev = turn(&mut e, &[("bt", "Engage(\"c\", \"red\")")], &[]);
    assert!(ev.iter().any(|x| matches!(
        x,
        LogEvent::RelationChanged {
            from: Relation::Neutral,
            to: Relation::Hostile,
            ..
        }
    )));
    let tension: Vec<(i32, i32)> = ev
        .iter()
        .filter_map(|x| match x {
            LogEvent::TrackChanged {
                track, from, to, ..
            } if track == "tension" => Some((*from, *to)),
            _ => None,
        })
        .collect();
    assert_eq!(
        tension,
        vec![(0, 3)],
        "only the neutral-engagement escalation applies"
    );
    assert!(
        ev.iter()
            .any(|x| matches!(x, LogEvent::ThresholdReached { at: 3, .. }))
    );
    assert!(
        ev.iter()
            .any(|x| matches!(x, LogEvent::EventFired { event, .. } if event == "alarm"))
    );
    assert!(
        ev.iter().any(
            |x| matches!(x, LogEvent::MessageSent { text, .. } if text.contains("crisis level"))
        )
    );
}

#[test]
fn patrols_react_to_detected_hostile_units_in_their_zone() {
    // Red's roll for bt in c is the 3rd detection roll (blue's roll for ri comes first).
    let mut e = engine(rules_scenario(&[]), &[1, 1, 6, 1, 1, 1], &[3]);
    let ev = turn(&mut e, &[("bt", "Move(\"c\")")], &[("ri", "Patrol(\"c\")")]);
    let LogEvent::Engagement {
        attacker,
        defender,
        odds,
        ..
    } = engagement(&ev)
    else {
        unreachable!()
    };
    assert_eq!(
        (attacker.as_str(), defender.as_str()),
        ("red", "blue"),
        "{}",
        summary(&ev)
    );
    // ri attack 2 x 3 = 6 against bt defence 2 x 4 = 8: 1:2, Urban -2 clamps to the leftmost 1:3.
    assert_eq!(
        (odds.attack_total, odds.defence_total, odds.column.as_str()),
        (6, 8, "1:3")
    );
}

#[test]
fn supply_readiness_attrition_resupply_and_scheduled_reinforcements() {
    let extra = "        (id: \"bd\", name: \"Blue detachment\", side: \"blue\", type: \"inf\", zone: \"d\", strength: 1, source: \"test\"),\n    ],\n    tracks:";
    let worn = (
        "type: \"tank\", zone: \"a\", strength: 4,",
        "type: \"tank\", zone: \"a\", strength: 4, readiness: Worn,",
    );
    let mut e = engine(
        rules_scenario(&[("    ],\n    tracks:", extra), worn]),
        NEVER,
        &[],
    );
    let t1 = turn(&mut e, &[("bt", "Resupply")], &[]);
    let ready = |ev: &[LogEvent], u: &str| {
        ev.iter().find_map(|x| match x {
            LogEvent::ReadinessChanged {
                unit, to, reason, ..
            } if unit == u => Some((*to, reason.clone())),
            _ => None,
        })
    };
    assert_eq!(
        ready(&t1, "bt"),
        Some((Readiness::Fresh, "resupplied".into()))
    );
    // bd in d is cut off: c is red's (ri holds it alone) and e is red's supply zone.
    assert_eq!(
        ready(&t1, "bd"),
        Some((Readiness::Worn, "out of supply".into())),
        "{}",
        summary(&t1)
    );
    let t2 = turn(&mut e, &[], &[]);
    assert_eq!(
        ready(&t2, "bd"),
        Some((Readiness::Spent, "out of supply".into()))
    );
    assert!(t2.contains(&LogEvent::UnitAdded {
        unit: "rr".into(),
        zone: "e".into(),
        cause: "event late".into()
    }));
    let t3 = turn(&mut e, &[], &[]);
    assert!(t3.iter().any(|x| matches!(x, LogEvent::StepsLost { unit, strength: 0, cause, .. } if unit == "bd" && cause.starts_with("attrition"))));
    assert!(
        t3.iter()
            .any(|x| matches!(x, LogEvent::UnitRemoved { unit, .. } if unit == "bd"))
    );
    assert!(
        e.state()
            .units
            .iter()
            .all(|u| e.compiled().unit_name(u.id) != "bd")
    );
}

#[test]
fn signals_move_the_escalation_track_and_reach_the_other_side() {
    let mut e = engine(
        rules_scenario(&[("start: 0, thresholds", "start: 5, thresholds")]),
        NEVER,
        &[],
    );
    give_with_signals(&mut e, "blue", &[], "(to: \"red\", kind: Hotline)");
    give_with_signals(
        &mut e,
        "red",
        &[],
        "(to: \"red\", kind: Warn), (to: \"blue\", kind: Warn), (to: \"blue\", kind: Warn)",
    );
    let ev = e.step_turn().unwrap().to_vec();
    let changes: Vec<(i32, i32)> = ev
        .iter()
        .filter_map(|x| match x {
            LogEvent::TrackChanged {
                track, from, to, ..
            } if track == "tension" => Some((*from, *to)),
            _ => None,
        })
        .collect();
    assert_eq!(changes, vec![(5, 3), (3, 4)], "{}", summary(&ev));
    let refused = rejected(&ev, "");
    assert!(refused[0].contains("cannot signal itself"), "{refused:?}");
    assert!(
        refused[1].contains("at most one signal a turn"),
        "{refused:?}"
    );
    assert!(ev.iter().any(|x| matches!(x, LogEvent::MessageSent { to, from, .. } if to == &["red".to_string()] && from == "blue")));
}

#[test]
fn maximum_tension_is_sudden_death_for_every_side_and_ends_the_game() {
    let c = rules_scenario(&[("start: 0, thresholds", "start: 9, thresholds")]);
    let mut e = engine(c, &[6, 1, 1, 1, 1, 1], &[3]);
    let ev = turn(&mut e, &[("bt", "Engage(\"c\", \"red\")")], &[]);
    let outcome = ev.iter().find_map(|x| match x {
        LogEvent::GameEnded { outcome } => Some(outcome.clone()),
        _ => None,
    });
    assert_eq!(
        outcome,
        Some(Outcome::SuddenDeath {
            id: "war".into(),
            winner: None,
            text: "War.".into()
        })
    );
    assert_eq!(e.step_turn().err(), Some(StepError::GameOver));
}

#[test]
fn at_the_last_turn_points_decide_zones_held_plus_objectives() {
    let mut e = engine(rules_scenario(&[]), NEVER, &[]);
    for _ in 0..3 {
        turn(&mut e, &[], &[]);
    }
    // Red's ri holds c alone: value 2 plus the objective "Hold C" 2.
    let expected = Outcome::Points {
        winner: Some("red".into()),
        scores: vec![("blue".into(), 0), ("red".into(), 4)],
    };
    assert_eq!(e.outcome(), Some(expected));
}
