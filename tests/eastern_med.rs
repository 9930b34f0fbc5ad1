//! The Eastern Mediterranean 2018 scenario checked against its source report: every force the report
//! names is there with an attributed `source` note, the report's counts stay visible, the relations
//! at the start are the report's, a side's summary leaks nothing, and the game is a game (it always
//! ends, and not always the same way).

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
use whitecell::dice::Dice;
use whitecell::model::Compiled;
use whitecell::policy::PolicySpec;
use whitecell::report::describe::{Audience, describe};
use whitecell::scenario::{Relation, Trigger};
use whitecell::sim::Engine;
use whitecell::sim::autoplay::play_to_end;

fn path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios/eastern-med-2018.ron")
}

fn compiled() -> Compiled {
    let loaded = match whitecell::scenario::load_file(&path()) {
        Ok(l) => l,
        Err(r) => panic!("the scenario must load:\n{r}"),
    };
    Compiled::new(&loaded).expect("compiles")
}

/// (unit id, side, phrases its source note must contain): each force the issue lists.
const FORCES: &[(&str, &str, &[&str])] = &[
    ("ru_cruiser", "russia", &["Marshal Ustinov", "26 vessels"]),
    ("ru_frigates", "russia", &["three", "newest frigates"]),
    ("ru_amphibious", "russia", &["major amphibious ships"]),
    ("ru_fast_craft", "russia", &["fast attack craft"]),
    (
        "ru_submarines",
        "russia",
        &["2 submarines", "two submarines"],
    ),
    (
        "ru_combat_air",
        "russia",
        &["combat aircraft", "34 aircraft"],
    ),
    ("ru_bombers", "russia", &["Tu-160", "34 aircraft"]),
    ("ru_patrol_air", "russia", &["Tu-142", "34 aircraft"]),
    (
        "ru_naval_infantry",
        "russia",
        &["Latakia", "helicopters", "armoured vehicles"],
    ),
    ("us_ross", "usa", &["USS Ross", "Mediterranean"]),
    ("us_sullivans", "usa", &["The Sullivans", "Persian Gulf"]),
    ("us_b1b", "usa", &["B-1B", "Qatar"]),
    ("us_tanf_garrison", "usa", &["al-Tanf"]),
    ("us_marines", "usa", &["100 US Marines", "Task & Purpose"]),
    ("sy_idlib_force", "syria", &["Syrian government", "Idlib"]),
    ("ag_idlib", "armed_groups", &["Idlib"]),
    (
        "tr_border",
        "turkey",
        &["Turkey", "no Turkish forces or strength"],
    ),
    ("ir_force", "iran", &["Iran", "no Iranian forces, strength"]),
];

#[test]
fn every_reported_force_is_present_with_an_attributed_note() {
    let c = compiled();
    for (id, side, phrases) in FORCES {
        let u = c
            .unit(id)
            .map(|u| &c.units[u.index()])
            .unwrap_or_else(|| panic!("no unit `{id}`"));
        assert_eq!(c.side_name(u.side), *side, "side of {id}");
        assert!(!u.source.trim().is_empty(), "{id} has no source note");
        for p in *phrases {
            assert!(u.source.contains(p), "{id}: note lacks `{p}`: {}", u.source);
        }
    }
    // Figures the report does not give are called play values, in every note.
    for u in &c.units {
        assert!(u.source.contains("play value"), "{}: {}", u.id, u.source);
    }
    // The Marines and Iran arrive by event, not at the start.
    for id in ["us_marines", "ir_force"] {
        let u = &c.units[c.unit(id).expect(id).index()];
        assert!(!u.initial, "{id} should be added by an event");
    }
}

#[test]
fn the_reports_counts_are_visible_and_no_weapon_count_is_a_factor() {
    let c = compiled();
    let notes: String = c.units.iter().map(|u| u.source.as_str()).collect();
    for count in [
        "26 vessels",
        "2 submarines",
        "34 aircraft",
        "100 US Marines",
    ] {
        assert!(notes.contains(count), "no note keeps `{count}`");
    }
    // The destroyer's weapon load is mentioned as not modelled, and nowhere given as a number.
    let ross = &c.units[c.unit("us_ross").expect("us_ross").index()];
    assert!(
        ross.source.contains("does not model weapon"),
        "{}",
        ross.source
    );
    assert!(!notes.contains("28"), "a weapon count crept into a note");
}

#[test]
fn zones_relations_tracks_and_sudden_death_follow_the_issue() {
    let c = compiled();
    for z in [
        "east_med",
        "latakia_coast",
        "idlib",
        "aleppo",
        "al_tanf",
        "persian_gulf",
        "qatar_airbase",
    ] {
        assert!(c.zone(z).is_some(), "no zone `{z}`");
    }
    let s = |id: &str| c.side(id).unwrap_or_else(|| panic!("no side `{id}`"));
    let r = &c.relations;
    assert_eq!(r.get(s("russia"), s("syria")), Relation::Allied);
    assert_eq!(r.get(s("russia"), s("iran")), Relation::Allied);
    assert_eq!(r.get(s("syria"), s("iran")), Relation::Allied);
    assert_eq!(r.get(s("usa"), s("russia")), Relation::Neutral);
    assert_eq!(r.get(s("usa"), s("syria")), Relation::Neutral);
    assert_eq!(r.get(s("usa"), s("armed_groups")), Relation::Hostile);
    for other in ["russia", "syria", "iran", "usa", "armed_groups"] {
        assert_eq!(
            r.get(s("turkey"), s(other)),
            Relation::Neutral,
            "turkey-{other}"
        );
    }
    let tension = &c.tracks[c.track("tension").expect("tension").index()];
    assert!(c.track("pressure").is_some());
    let death = &c.scenario.victory.sudden_death;
    assert!(
        death.iter().any(|d| d.winner.is_none()
            && d.when
                == whitecell::scenario::Condition::TrackAtLeast("tension".into(), tension.max)),
        "maximum tension must end the game with every side losing"
    );
    for side in &c.scenario.sides {
        assert!(!side.briefing.is_empty(), "{} has no briefing", side.id);
        assert!(
            c.scenario.victory.objectives.contains_key(&side.id),
            "{} has no objectives",
            side.id
        );
    }
}

#[test]
fn the_events_the_issue_lists_are_there_and_attributed() {
    let c = compiled();
    let ev = |id: &str| {
        c.scenario
            .events
            .iter()
            .find(|e| e.id == id)
            .unwrap_or_else(|| panic!("no event `{id}`"))
    };
    let end = ev("exercise_ends");
    assert_eq!(end.trigger, Trigger::AtTurn(8));
    assert_eq!(c.turn_label(8), "8 Sep");
    let chem = ev("chemical_allegation");
    for who in [
        "Russian Defence Ministry",
        "Pentagon",
        "does not say whether",
    ] {
        assert!(chem.text.contains(who), "allegation lacks `{who}`");
    }
    assert!(ev("tanf_warning").text.contains("CNN"));
    assert!(ev("marines_arrive").text.contains("Task & Purpose"));
    let umpire = &c.scenario.meta.umpire_note;
    for loaded in ["terrorists' last stronghold", "false flag", "Sputnik"] {
        assert!(umpire.contains(loaded), "umpire note lacks `{loaded}`");
    }
}

#[test]
fn a_sides_summary_shows_only_what_it_knows() {
    let c = compiled();
    // Compared with whitespace collapsed: the summary wraps long notes.
    let flat = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let usa = flat(&describe(&c, Audience::Side(c.side("usa").expect("usa"))));
    let russia = flat(&describe(
        &c,
        Audience::Side(c.side("russia").expect("russia")),
    ));
    let all = flat(&describe(&c, Audience::Umpire));
    let note = flat(&c.scenario.meta.umpire_note);
    let ids = |side: &str| -> Vec<String> {
        c.units
            .iter()
            .filter(|u| c.side_name(u.side) == side)
            .map(|u| u.id.clone())
            .collect()
    };
    // The umpire sees everything, including the note and the hidden track.
    assert!(all.contains(&note));
    assert!(all.contains("alarm"));
    for u in &c.units {
        assert!(all.contains(&u.id), "umpire summary lacks {}", u.id);
    }
    // The US sees its own units at the start, nobody else's.
    for id in ids("usa").iter().filter(|id| *id != "us_marines") {
        assert!(usa.contains(id.as_str()), "usa summary lacks its own {id}");
    }
    for other in ["russia", "syria", "iran", "armed_groups", "turkey"] {
        for id in ids(other) {
            assert!(!usa.contains(&id), "usa summary leaks {other}'s {id}");
        }
    }
    assert!(!usa.contains("us_marines"), "a later arrival leaks");
    // Russia sees its allies' units but not the US's, nor other briefings or the white cell's note.
    assert!(russia.contains("sy_idlib_force") && russia.contains("ru_cruiser"));
    assert!(!russia.contains("us_ross") && !russia.contains("ag_idlib"));
    for (s, text) in [("usa", &usa), ("russia", &russia)] {
        assert!(!text.contains(&note[..60]), "{s} sees the umpire note");
        assert!(!text.contains("alarm"), "{s} sees the white cell's track");
        assert!(
            !text.contains("Events (white cell only)"),
            "{s} sees the events"
        );
        for side in &c.scenario.sides {
            let mine = side.id == s;
            assert_eq!(
                text.contains(&flat(&side.briefing)),
                mine,
                "{s} and {}'s briefing",
                side.id
            );
        }
    }
}

#[test]
fn the_game_always_ends_and_not_always_the_same_way() {
    let c = Arc::new(compiled());
    let policies: Vec<PolicySpec> = c
        .scenario
        .sides
        .iter()
        .map(|s| PolicySpec::parse(s.policy.as_deref().unwrap_or("random")).expect("policy"))
        .collect();
    let mut engine = Engine::new(c.clone(), Dice::seeded(0));
    let mut outcomes = BTreeSet::new();
    let mut sudden = 0;
    for seed in 1..=40u64 {
        engine.reset(c.clone(), Dice::seeded(seed));
        play_to_end(&mut engine, &policies, |_| {});
        let o = engine
            .outcome()
            .unwrap_or_else(|| panic!("seed {seed}: no outcome"));
        assert!(engine.turn() <= c.turns, "seed {seed}: played past the end");
        if matches!(o, whitecell::model::Outcome::SuddenDeath { .. }) {
            sudden += 1;
        }
        outcomes.insert(o.winner().unwrap_or("nobody").to_string());
    }
    assert!(
        sudden > 0 && sudden < 40,
        "{sudden} of 40 ended in sudden death"
    );
    assert!(
        outcomes.len() >= 3,
        "too few distinct results: {outcomes:?}"
    );
}
