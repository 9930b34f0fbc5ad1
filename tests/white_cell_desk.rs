//! The white cell's desk on the shipped scenario: the umpire's view of the ground truth, past
//! accounts reprinted whole or as one side was told them, how the points add up at game over, who
//! plays the silent sides (and the scenario's `missing` default), and a warning before a bot fires
//! on a side it is not at war with. Also: turn accounts read as words, results read once.

mod common;
use common::*;
use std::path::{Path, PathBuf};

fn game(tmp: &Path, seed: u64) -> (PathBuf, String) {
    let g = tmp.join("game");
    new_game(&g, seed);
    let gs = g.to_string_lossy().to_string();
    (g, gs)
}

#[test]
fn the_umpires_view_holds_every_unit_track_and_handed_in_order() {
    let tmp = tempfile::tempdir().unwrap();
    let (g, gs) = game(tmp.path(), 41);
    let k = g.join("keys/usa.key").to_string_lossy().to_string();
    ok(wc_in(
        &["play", &gs, "--key", &k],
        Some("move us_ross west_med\nsubmit\n"),
    ));
    let u = ok(wc(&["view", &gs, "--umpire"]));
    let c = whitecell::cli::load(&scenario()).unwrap();
    for d in c.units.iter().filter(|d| d.initial) {
        assert!(
            u.contains(&format!("    {} ", d.id)),
            "{} missing: {u}",
            d.id
        );
    }
    assert!(
        u.lines()
            .any(|l| l.contains("alarm") && l.contains("[white cell only]")),
        "the private track: {u}"
    );
    assert!(u.contains("usa (receipt "), "{u}");
    assert!(u.contains("us_ross  Move(west_med)"), "{u}");
    assert!(
        u.contains("russia: nothing yet; if silent, played by `hold`"),
        "{u}"
    );
    assert!(u.contains("Scores if the game ended now"), "{u}");
    // No side's view has the private track.
    for s in sides() {
        let t = std::fs::read_to_string(g.join("views").join(format!("{s}.txt"))).unwrap();
        assert!(!t.contains("alarm"), "{s}'s view shows the private track");
    }
    // --umpire and --side are one or the other.
    assert_eq!(
        wc(&["view", &gs, "--umpire", "--side", "usa"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn account_reprints_a_past_turn_whole_or_as_one_side_was_told() {
    let tmp = tempfile::tempdir().unwrap();
    let (_, gs) = game(tmp.path(), 42);
    let first = ok(wc(&["adjudicate", &gs, "--missing", "policy"]));
    ok(wc(&["adjudicate", &gs, "--missing", "policy"]));
    let again = ok(wc(&["account", &gs, "--turn", "1"]));
    let summary = first
        .lines()
        .filter(|l| !l.starts_with("note:") && !l.starts_with("saved;"))
        .map(|l| format!("{l}\n"))
        .collect::<String>();
    assert_eq!(again, summary, "the reprint is the account as printed");
    // Results in words, each order once.
    for raw in [
        "AttackerLoses",
        "DefenderLoses",
        "NoEffect",
        "Fresh ->",
        "\"(",
    ] {
        assert!(!again.contains(raw), "`{raw}` in {again}");
    }
    let usa = ok(wc(&["account", &gs, "--turn", "1", "--side", "usa"]));
    assert!(
        usa.starts_with("turn 1 (1 Sep) as usa was told it:"),
        "{usa}"
    );
    let c = whitecell::cli::load(&scenario()).unwrap();
    for l in usa.lines().skip(1) {
        if let Some((unit, rest)) = l.trim().split_once(": ")
            && rest.ends_with(" accepted")
        {
            let id = c.unit(unit).expect("a unit");
            assert_eq!(c.side_name(c.units[id.index()].side), "usa", "{l}");
            assert_eq!(rest.matches("accepted").count(), 1, "{l}");
            assert!(!rest.contains('"'), "{l}");
        }
    }
    assert!(usa.contains(" accepted"), "{usa}");
    fails(wc(&["account", &gs, "--turn", "3"]), 1, "turns 1 to 2");
}

#[test]
fn at_game_over_the_account_says_how_the_points_add_up() {
    let tmp = tempfile::tempdir().unwrap();
    let (_, gs) = game(tmp.path(), 43);
    let mut last = String::new();
    for _ in 0..12 {
        last = ok(wc(&["adjudicate", &gs, "--missing", "hold"]));
        if last.contains("GAME OVER") {
            break;
        }
    }
    assert!(last.contains("GAME OVER"), "{last}");
    assert!(last.contains("How the points add up:"), "{last}");
    for s in sides() {
        assert!(last.contains(&format!("  {s} — ")), "{s}: {last}");
    }
    assert!(
        last.contains("objective \"") && last.contains(": met, "),
        "{last}"
    );
    assert!(last.contains("total: "), "{last}");
    // The winner's total in the breakdown is the one the outcome names.
    let outcome = last
        .lines()
        .find(|l| l.contains("GAME OVER"))
        .unwrap()
        .to_string();
    for s in sides() {
        let line = last
            .lines()
            .find(|l| l.starts_with(&format!("  {s} — ")))
            .unwrap();
        let pts = line.split(" — ").nth(1).unwrap().split(' ').next().unwrap();
        assert!(
            outcome.contains(&format!("{s} {pts}")),
            "{s} has {pts} in the breakdown: {outcome}"
        );
    }
    let acc = ok(wc(&["account", &gs]));
    assert!(acc.contains("How the points add up:"), "{acc}");
}

#[test]
fn status_names_who_plays_each_silent_side() {
    let tmp = tempfile::tempdir().unwrap();
    let (_, gs) = game(tmp.path(), 44);
    let st = ok(wc(&["status", &gs]));
    let russia = st
        .lines()
        .find(|l| l.trim_start().starts_with("russia "))
        .unwrap();
    assert!(
        russia.contains("if silent: its units hold")
            && russia.contains("--missing policy: bot `random`"),
        "{russia}"
    );
    let turkey = st
        .lines()
        .find(|l| l.trim_start().starts_with("turkey "))
        .unwrap();
    assert!(turkey.contains("bot `hold`"), "{turkey}");
}

/// The shipped scenario with Russia played by the `aggressive` bot when silent, copied beside its
/// ruleset so the relative path resolves.
fn russia_aggressive(tmp: &Path) -> PathBuf {
    let text = std::fs::read_to_string(scenario()).unwrap();
    let from =
        "(id: \"russia\", name: \"Russian Federation\", colour: \"#c83232\", policy: \"random\",";
    assert!(text.contains(from), "the scenario's russia side");
    let text = text.replace(
        from,
        "(id: \"russia\", name: \"Russian Federation\", colour: \"#c83232\", policy: \"aggressive\", missing: Policy,",
    );
    let dir = tmp.join("scen");
    std::fs::create_dir_all(dir.join("rulesets")).unwrap();
    std::fs::copy(
        root().join("scenarios/rulesets/default.ron"),
        dir.join("rulesets/default.ron"),
    )
    .unwrap();
    let p = dir.join("eastern-med-aggressive.ron");
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn the_scenario_sets_who_plays_a_silent_side_and_a_bot_attack_on_a_neutral_is_warned() {
    let tmp = tempfile::tempdir().unwrap();
    let s = russia_aggressive(tmp.path());
    let g = tmp.path().join("g");
    let gs = g.to_string_lossy().to_string();
    ok(wc(&["new", &s.to_string_lossy(), &gs, "--seed", "45"]));
    let st = ok(wc(&["status", &gs]));
    let russia = st.lines().find(|l| l.contains("russia ")).unwrap();
    assert!(
        russia.contains("its bot `aggressive` plays it (the scenario's `missing` for this side)"),
        "{russia}"
    );
    let mut warned = None;
    for _ in 0..8 {
        let adj = ok(wc(&["adjudicate", &gs]));
        assert!(
            adj.contains("note: russia sent no orders; played by policy `aggressive`")
                && adj.contains("note: usa sent no orders; played by policy `hold`"),
            "{adj}"
        );
        if adj.contains("warning: the `aggressive` bot playing russia is about to engage") {
            warned = Some(adj);
            break;
        }
        if adj.contains("GAME OVER") {
            break;
        }
    }
    let adj = warned.expect("the aggressive bot engages a neutral side within eight turns");
    let w = adj
        .lines()
        .find(|l| l.starts_with("warning: the `aggressive` bot"))
        .unwrap();
    assert!(
        w.contains("though russia is not at war with them") && w.contains("Tension moves +3"),
        "{w}"
    );
    // The warning comes before the account, and the account shows what followed.
    assert!(adj.find("warning:").unwrap() < adj.find("== Turn").unwrap());
    // --missing overrides the scenario for every side.
    let st = ok(wc(&["status", &gs]));
    if !st.contains("GAME OVER") {
        let adj = ok(wc(&["adjudicate", &gs, "--missing", "hold"]));
        assert!(
            adj.contains("note: russia sent no orders; played by policy `hold`"),
            "{adj}"
        );
    }
}

/// The position of `what` in `line`, in characters.
fn column(line: &str, what: &str) -> usize {
    line[..line
        .find(what)
        .unwrap_or_else(|| panic!("`{what}` in {line}"))]
        .chars()
        .count()
}

/// Lists a person reads line up: `new`'s files to hand out, the prompt's `zones` and `describe`'s
/// sides are sized to the longest side id (`armed_groups`), not a guess at it.
#[test]
fn lists_are_sized_to_the_longest_id() {
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("game");
    let gs = g.to_string_lossy().to_string();
    let s = scenario().to_string_lossy().to_string();
    let o = ok(wc(&["new", &s, &gs, "--seed", "5"]));
    let lines: Vec<&str> = o.lines().filter(|l| l.contains(".key")).collect();
    assert_eq!(lines.len(), sides().len(), "{o}");
    let at: Vec<usize> = lines.iter().map(|l| column(l, &gs)).collect();
    assert!(at.iter().all(|&a| a == at[0]), "the paths line up: {o}");
    assert!(lines.iter().all(|l| !l.contains("_groups/")), "{o}");

    let k = g.join("keys/usa.key").to_string_lossy().to_string();
    let o = ok(wc_in(&["play", &gs, "--key", &k], Some("zones\n")));
    // In a pipe the prompt is written before the first line of the answer.
    let zones: Vec<&str> = o
        .lines()
        .filter(|l| l.contains(" control "))
        .map(|l| l.strip_prefix("usa turn 1> ").unwrap_or(l))
        .collect();
    assert!(zones.len() > 5, "{o}");
    let arrows: Vec<usize> = zones.iter().map(|l| column(l, "->")).collect();
    assert!(
        arrows.iter().all(|&a| a == arrows[0]),
        "the neighbours line up: {o}"
    );
    assert!(zones.iter().all(|l| !l.contains("armed_groups->")), "{o}");

    let o = ok(wc(&["describe", &s]));
    let c = whitecell::cli::load(&scenario()).unwrap();
    let names: Vec<usize> = c
        .scenario
        .sides
        .iter()
        .map(|side| {
            let line = o
                .lines()
                .find(|l| l.starts_with(&format!("  {} ", side.id)))
                .unwrap_or_else(|| panic!("{} in {o}", side.id));
            column(line, &side.name)
        })
        .collect();
    assert!(
        names.iter().all(|&n| n == names[0]),
        "the names line up: {o}"
    );
}

/// The lines of `text`'s section headed `title` (up to the next empty line).
fn section<'a>(text: &'a str, title: &str) -> Vec<&'a str> {
    text.lines()
        .skip_while(|l| !l.starts_with(title))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter(|l| !l.contains("(none)"))
        .collect()
}

/// A view's lists of the other sides' units line up too: detected units (hostile and neutral,
/// whose side ids differ in length) by side, zone and strength; last sightings by zone and turn.
#[test]
fn a_views_lists_of_other_sides_units_line_up() {
    let tmp = tempfile::tempdir().unwrap();
    let (g, gs) = game(tmp.path(), 42);
    let (mut detected, mut last) = (false, false);
    for _ in 0..8 {
        if ok(wc(&["status", &gs])).contains("GAME OVER") {
            break;
        }
        ok(wc(&["adjudicate", &gs, "--missing", "policy", "--yes"]));
        let text = std::fs::read_to_string(g.join("views/usa.txt")).unwrap();
        let mut seen: Vec<&str> = section(&text, "Hostile units detected");
        seen.extend(section(&text, "Neutral units detected"));
        let sides: std::collections::BTreeSet<usize> = seen
            .iter()
            .map(|l| l.split_whitespace().nth(2).unwrap().len())
            .collect();
        if seen.len() > 1 && sides.len() > 1 {
            detected = true;
            for what in [" in ", "strength "] {
                let at: Vec<usize> = seen.iter().map(|l| column(l, what)).collect();
                assert!(at.iter().all(|&a| a == at[0]), "`{what}` lines up:\n{text}");
            }
        }
        let gone = section(&text, "Last seen");
        if gone.len() > 1 {
            last = true;
            for what in [" in ", " on turn ", "strength "] {
                let at: Vec<usize> = gone.iter().map(|l| column(l, what)).collect();
                assert!(at.iter().all(|&a| a == at[0]), "`{what}` lines up:\n{text}");
            }
        }
    }
    assert!(
        detected && last,
        "the game gave the United States contacts of two sides and two last sightings"
    );
}
