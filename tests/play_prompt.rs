//! The `play` prompt as a class found it, on the shipped eastern-med-2018 scenario with scripted
//! (piped) input: each finding of issue 10 is a test here, and so are the warnings that teach, the
//! odds before an order, and honest unknowns about units a team only detected.

mod common;
use common::*;
use std::path::{Path, PathBuf};

/// A new game of the shipped scenario; returns (folder, folder as text).
fn game(tmp: &Path, seed: u64) -> (PathBuf, String) {
    let g = tmp.join("game");
    new_game(&g, seed);
    let gs = g.to_string_lossy().to_string();
    (g, gs)
}

fn key(g: &Path, side: &str) -> String {
    g.join("keys")
        .join(format!("{side}.key"))
        .to_string_lossy()
        .to_string()
}

/// `play` for the United States at the instructor's machine, on `script`.
fn play_usa(g: &Path, script: &str, extra: &[&str]) -> String {
    let gs = g.to_string_lossy().to_string();
    let k = key(g, "usa");
    let mut args = vec!["play", gs.as_str(), "--key", k.as_str()];
    args.extend(extra);
    ok(wc_in(&args, Some(script)))
}

#[test]
fn show_unit_zone_gives_the_show_of_force_and_show_alone_lists() {
    let tmp = tempfile::tempdir().unwrap();
    let (g, _) = game(tmp.path(), 1);
    let o = play_usa(&g, "show us_ross east_med\nshow\norders\nquit\ny\n", &[]);
    assert!(o.contains("ok: us_ross ShowOfForce(east_med)"), "{o}");
    assert_eq!(
        o.matches("  us_ross  ShowOfForce(east_med)").count(),
        2,
        "`show` alone and `orders` list the order: {o}"
    );
    assert!(!o.contains("no orders yet"), "{o}");
}

#[test]
fn undo_after_a_replacing_order_brings_the_replaced_order_back() {
    let tmp = tempfile::tempdir().unwrap();
    let (g, _) = game(tmp.path(), 2);
    let o = play_usa(
        &g,
        "move us_ross west_med\nmove us_ross latakia_coast\nundo\nsubmit\norders\n",
        &[],
    );
    // What was handed in is the restored order (read from the save, whatever the screen said).
    let save = whitecell::game::store::save::Save::read(&g).unwrap();
    let handed: Vec<String> = save
        .journal
        .iter()
        .filter_map(|r| match &r.entry {
            whitecell::game::store::save::Entry::Orders { file, .. } if file.side == "usa" => Some(
                file.orders
                    .iter()
                    .map(|o| format!("{} {}", o.unit, o.order))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            _ => None,
        })
        .collect();
    assert_eq!(handed, ["us_ross Move(\"west_med\")"], "{o}");
    assert!(o.contains("(replaces Move(west_med))"), "{o}");
    assert!(
        o.contains("us_ross has its earlier order again: Move(west_med)"),
        "{o}"
    );
    assert!(o.contains("  us_ross  Move(west_med)"), "{o}");
}

#[test]
fn an_unclosed_bracket_an_extra_word_and_an_unknown_command_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let (g, _) = game(tmp.path(), 3);
    let o = play_usa(
        &g,
        "order us_tanf Move(syrian_desert\nmove us_ross west_med east_med\nclear\norders\n",
        &[],
    );
    assert!(o.contains("a `(` is not closed"), "{o}");
    assert!(o.contains("`east_med` is one word too many"), "{o}");
    assert!(
        o.contains("unknown command `clear`") && o.contains("type `help`"),
        "{o}"
    );
    assert!(!o.contains("no order `clear`"), "{o}");
    assert!(o.contains("no orders yet"), "nothing was taken: {o}");
}

#[test]
fn help_examples_use_the_sides_own_ids() {
    let tmp = tempfile::tempdir().unwrap();
    let (g, _) = game(tmp.path(), 4);
    let o = play_usa(&g, "help\n", &[]);
    for tutorial in ["b_inf", "b_frig", "b_air", "town", "strait", " red"] {
        assert!(!o.contains(tutorial), "help shows `{tutorial}`: {o}");
    }
    let c = whitecell::cli::load(&scenario()).unwrap();
    let usa = c.side("usa").unwrap();
    let mine = c
        .units
        .iter()
        .filter(|u| u.initial && u.side == usa)
        .find(|u| o.contains(&format!("move {} ", u.id)))
        .expect("a move example with a US unit");
    assert!(o.contains(&format!("legal {}", mine.id)), "{o}");
}

#[test]
fn quit_with_orders_not_submitted_asks_first() {
    let tmp = tempfile::tempdir().unwrap();
    let (g, _) = game(tmp.path(), 5);
    let o = play_usa(&g, "move us_ross west_med\nquit\nn\norders\nquit\ny\n", &[]);
    assert!(
        o.contains("1 order(s) not submitted: quit and lose them? [y/N]"),
        "{o}"
    );
    assert!(o.contains("staying"), "{o}");
    assert!(o.contains("  us_ross  Move(west_med)"), "kept: {o}");
    // After a submit nothing is lost: quit does not ask.
    let o = play_usa(&g, "move us_ross west_med\nsubmit\nquit\n", &[]);
    assert!(!o.contains("quit and lose them"), "{o}");
}

#[test]
fn engaging_a_neutral_side_warns_with_the_track_change_and_asks() {
    let tmp = tempfile::tempdir().unwrap();
    let (g, _) = game(tmp.path(), 6);
    let o = play_usa(
        &g,
        "engage us_ross east_med russia\nn\norders\nengage us_ross east_med russia\ny\norders\nquit\ny\n",
        &[],
    );
    assert!(
        o.contains("warning: you are not at war with russia: engaging them turns the relation neutral -> hostile and moves Tension by +3"),
        "{o}"
    );
    // Tension starts at 3; the engagement would take it to 6, the Crisis threshold.
    assert!(
        o.contains("from 3 to 6, crossing 6 (Crisis)"),
        "the threshold and the change: {o}"
    );
    assert!(o.contains("give it anyway? [y/N]"), "{o}");
    assert!(o.contains("not given: us_ross"), "{o}");
    assert!(o.contains("no orders yet"), "declined means not given: {o}");
    assert!(o.contains("ok: us_ross Engage(east_med, russia)"), "{o}");
    // --yes confirms for scripts, still showing the warning.
    let o = play_usa(&g, "engage us_ross east_med russia\norders\n", &["--yes"]);
    assert!(o.contains("warning: you are not at war with russia"), "{o}");
    assert!(o.contains("(--yes: going ahead)"), "{o}");
    assert!(o.contains("  us_ross  Engage(east_med, russia)"), "{o}");
}

#[test]
fn leaving_a_valuable_zone_and_going_out_of_supply_warn() {
    let tmp = tempfile::tempdir().unwrap();
    let (g, gs) = game(tmp.path(), 7);
    let o = play_usa(&g, "move us_tanf_garrison syrian_desert\nn\n", &[]);
    assert!(
        o.contains(
            "us_tanf_garrison leaves al_tanf (value 2, held by you) with none of your ground units"
        ),
        "{o}"
    );
    // Idlib is held by the armed groups, hostile to the United States: no supply reaches it.
    ok(wc(&[
        "amend",
        &gs,
        "--unit",
        "us_b1b",
        "--zone",
        "central_syria",
        "--reason",
        "set up the test",
    ]));
    let o = play_usa(&g, "move us_b1b idlib\nn\n", &[]);
    assert!(o.contains("us_b1b would be out of supply in idlib"), "{o}");
    // A plain move raises no warning.
    let o = play_usa(&g, "move us_ross west_med\nquit\ny\n", &[]);
    assert!(!o.contains("warning:"), "{o}");
}

/// Adjudicates, everyone holding, until the United States detects a Russian unit; returns its id.
fn russian_contact(gs: &str, g: &Path) -> String {
    for _ in 0..6 {
        ok(wc(&["adjudicate", gs, "--missing", "hold"]));
        if let Some(x) = view(g, "usa").detected.iter().find(|x| x.side == "russia") {
            return x.id.clone();
        }
    }
    panic!("the United States detects no Russian unit in six turns");
}

#[test]
fn units_and_odds_show_what_the_side_cannot_see_as_unknown() {
    let tmp = tempfile::tempdir().unwrap();
    let (g, gs) = game(tmp.path(), 8);
    let ru = russian_contact(&gs, &g);
    let v = view(&g, "usa");
    let zone = v.detected.iter().find(|x| x.id == ru).unwrap().zone.clone();
    // The team's laptop: its view file and its key.
    let laptop = tmp.path().join("laptop");
    std::fs::create_dir_all(&laptop).unwrap();
    let vf = laptop.join("usa.json");
    std::fs::copy(g.join("views/usa.json"), &vf).unwrap();
    let kf = laptop.join("usa.key");
    std::fs::copy(g.join("keys/usa.key"), &kf).unwrap();
    for src in [vf.to_string_lossy().to_string(), gs.clone()] {
        let o = ok(wc_in(
            &["play", &src, "--key", &kf.to_string_lossy()],
            Some(&format!("units\nodds {zone} russia\n")),
        ));
        let line = o
            .lines()
            .find(|l| l.contains(&format!("  {ru}  ")) && l.contains("strength"))
            .unwrap_or_else(|| panic!("{ru} is listed: {o}"));
        assert!(
            line.contains("readiness and posture unknown") && line.contains("(neutral)"),
            "{line}"
        );
        assert!(!line.contains("Fresh") && !line.contains("fresh"), "{line}");
        // Own units show theirs.
        assert!(
            o.lines()
                .any(|l| l.contains("us_ross") && l.contains("posture")),
            "{o}"
        );
        // The odds name every unit's share, say what they assumed, read results as words.
        assert!(o.contains("odds in"), "{o}");
        assert!(o.contains("  attack:  us_"), "{o}");
        assert!(o.contains(&format!("  defence: {ru} (")), "{o}");
        assert!(
            o.contains("assumed: your units aggressive")
                && o.contains("you cannot see their readiness or posture"),
            "{o}"
        );
        assert!(!o.contains("as now)"), "{o}");
        assert!(o.contains("d6 -> 1: "), "{o}");
        // Modifiers read as units are listed, not as the log's enum names.
        assert!(o.contains("+1 posture aggressive"), "{o}");
        for raw in [
            "AttackerLoses",
            "DefenderLoses",
            "NoEffect",
            "Exchange(",
            "posture Aggressive",
            "readiness Worn",
            "readiness Spent",
        ] {
            assert!(!o.contains(raw), "`{raw}` in {o}");
        }
    }
}

#[test]
fn odds_work_without_an_order_and_for_named_units() {
    let tmp = tempfile::tempdir().unwrap();
    let (g, gs) = game(tmp.path(), 9);
    let ru = russian_contact(&gs, &g);
    let zone = view(&g, "usa")
        .detected
        .iter()
        .find(|x| x.id == ru)
        .unwrap()
        .zone
        .clone();
    let o = play_usa(
        &g,
        &format!("odds {zone} russia\nodds {zone} russia us_ross\norders\nquit\n"),
        &[],
    );
    assert!(
        o.contains("with every unit of yours that could engage there this turn"),
        "{o}"
    );
    assert!(o.contains("with the units you named"), "{o}");
    assert!(o.contains("no orders yet"), "odds give no order: {o}");
}

#[test]
fn a_missing_out_folder_is_named_before_the_session_starts() {
    let tmp = tempfile::tempdir().unwrap();
    let (g, _) = game(tmp.path(), 10);
    let vf = g.join("views/usa.json").to_string_lossy().to_string();
    let missing = tmp.path().join("no-such-folder").join("orders.ron");
    let e = fails(
        wc_in(
            &[
                "play",
                &vf,
                "--key",
                &key(&g, "usa"),
                "--out",
                &missing.to_string_lossy(),
            ],
            Some("submit\n"),
        ),
        1,
        "does not exist",
    );
    assert!(
        e.contains(&tmp.path().join("no-such-folder").display().to_string()),
        "the folder is named: {e}"
    );
}

#[test]
fn a_second_signal_is_refused_and_signals_read_as_words() {
    let tmp = tempfile::tempdir().unwrap();
    let (g, _) = game(tmp.path(), 11);
    let o = play_usa(
        &g,
        "signal russia hotline\nsignal syria warn\norders\nquit\ny\n",
        &[],
    );
    assert!(o.contains("ok: signal hotline to russia"), "{o}");
    assert!(o.contains("at most one signal a turn"), "{o}");
    assert!(o.contains("  signal hotline to russia"), "{o}");
}
