//! `whitecell fork GAME_DIR --from-turn N --runs K` through the binary, on classroom games of the
//! scenario the classroom tests play: the report says where the actual outcome falls, is the same
//! every time and on any thread count, forking from the last turn reproduces the actual game, only
//! the live line of play counts after a rollback, and bad input gets a clear message.

mod common;
use common::*;
use std::path::Path;

/// Adjudicates until the game is over (sides with no orders played by their scenario policy);
/// returns the turns adjudicated.
fn play_out(gs: &str) -> u32 {
    for n in 0..40 {
        let o = wc(&["adjudicate", gs, "--missing", "policy"]);
        if !o.status.success() {
            fails(o, 1, "the game is over");
            return n;
        }
    }
    panic!("the game did not end in 40 turns");
}

/// A finished classroom game: one team hands in a signed orders file for turn 1, the rest is
/// played by the scenario's policies. Returns the folder (as text) and the turns played.
fn finished_game(dir: &Path, seed: u64) -> (String, u32) {
    let g = dir.join("game");
    let gs = g.to_string_lossy().to_string();
    new_game(&g, seed);
    let a = &sides()[0];
    let v = view(&g, a);
    let (unit, zone) = some_move(&v);
    let file = dir.join("orders.ron");
    let mv = format!("Move(\"{zone}\")");
    std::fs::write(&file, orders_ron(&v.game, a, 1, &[(&unit, &mv)])).unwrap();
    let key = g.join("keys").join(format!("{a}.key"));
    let fs = file.to_string_lossy().to_string();
    ok(wc(&[
        "orders",
        "sign",
        &fs,
        "--key",
        &key.to_string_lossy(),
    ]));
    ok(wc(&["orders", "submit", &fs, &gs]));
    let turns = play_out(&gs);
    assert!(turns >= 2, "the game should last a few turns, not {turns}");
    (gs, turns)
}

fn fork(gs: &str, from: u32, runs: u32, extra: &[&str]) -> std::process::Output {
    let (f, r) = (from.to_string(), runs.to_string());
    let mut args = vec!["fork", gs, "--from-turn", &f, "--runs", &r];
    args.extend_from_slice(extra);
    wc(&args)
}

/// The winner `status` announces, or `no winner`.
fn actual_winner(gs: &str) -> String {
    let st = ok(wc(&["status", gs]));
    let line = st
        .lines()
        .find(|l| l.starts_with("GAME OVER"))
        .unwrap_or_else(|| panic!("the game is over: {st}"));
    let words: Vec<&str> = line.split_whitespace().collect();
    match words.iter().position(|w| *w == "wins" || *w == "wins.") {
        Some(i) if i > 0 => words[i - 1].to_string(),
        _ => "no winner".to_string(),
    }
}

#[test]
fn the_report_says_where_the_actual_outcome_falls_and_is_reproducible() {
    let tmp = tempfile::tempdir().unwrap();
    let (gs, turns) = finished_game(tmp.path(), 4_242);
    let from = turns / 2;
    let r = ok(fork(&gs, from, 30, &[]));
    assert!(r.contains(&format!("{turns} turn(s) played, ended")), "{r}");
    assert!(r.contains(&format!("30 forks from turn {from}")), "{r}");
    let winner = actual_winner(&gs);
    let actual = r
        .lines()
        .find(|l| l.starts_with("actual: "))
        .unwrap_or_else(|| panic!("the actual outcome is named: {r}"));
    assert!(
        actual.starts_with(&format!("actual: {winner} (")),
        "{actual}"
    );
    assert!(actual.contains("of 30 forks"), "{actual}");
    assert!(actual.contains("had the same winner"), "{actual}");
    for s in sides() {
        assert!(
            r.contains(&format!("steps lost by {s}: actual at the ")),
            "{s}: {r}"
        );
    }
    assert!(r.contains("final tension: actual at the "), "{r}");
    assert!(r.contains("reading: "), "{r}");
    // The same command gives the same report, on any thread count.
    assert_eq!(r, ok(fork(&gs, from, 30, &[])));
    let one = ok(fork(&gs, from, 30, &["--threads", "1"]));
    let two = ok(fork(&gs, from, 30, &["--threads", "2"]));
    assert_eq!(one, two);
    assert_eq!(r, one);
    // Other dice give other forks from the same position.
    let other = ok(fork(&gs, from, 30, &["--master-seed", "17"]));
    let forks = |s: &str| s.lines().skip(3).collect::<Vec<_>>().join("\n");
    assert_ne!(forks(&r), forks(&other));
    let hash_line = |s: &str| s.lines().nth(2).unwrap_or_default().to_string();
    assert_eq!(hash_line(&r), hash_line(&other));
    // From the start is allowed too.
    let start = ok(fork(
        &gs,
        0,
        20,
        &["--policy", &format!("{}=hold", sides()[0])],
    ));
    assert!(start.contains("20 forks from turn 0"), "{start}");
    assert!(start.contains(&format!("{}=hold", sides()[0])), "{start}");
}

#[test]
fn forking_from_the_last_turn_gives_the_actual_outcome_in_every_run() {
    let tmp = tempfile::tempdir().unwrap();
    let (gs, turns) = finished_game(tmp.path(), 77);
    let r = ok(fork(&gs, turns, 20, &[]));
    assert!(
        r.contains("20 of 20 forks (100.0%") && r.contains("the same winner, 20 the same ending"),
        "{r}"
    );
    // Every fork ends where the game did: the actual values sit in the middle of identical ones.
    let ranked: Vec<&str> = r.lines().filter(|l| l.contains("percentile")).collect();
    assert!(!ranked.is_empty(), "{r}");
    for l in ranked {
        assert!(l.contains("at the 50th percentile"), "{l}");
    }
    assert!(r.contains("largely settled"), "{r}");
}

#[test]
fn only_the_live_line_of_play_counts_after_a_rollback() {
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("game");
    let gs = g.to_string_lossy().to_string();
    new_game(&g, 5);
    // An umpire action before turn 1 is part of the game too.
    ok(wc(&["inject", &gs, "us_options", "--reason", "start hot"]));
    for _ in 0..3 {
        ok(wc(&["adjudicate", &gs, "--missing", "policy"]));
    }
    let before = ok(wc(&["fork", &gs, "--from-turn", "3", "--runs", "2"]));
    assert!(before.contains("3 turn(s) played, not ended"), "{before}");
    assert!(
        before.contains("the game has not ended: no actual outcome to compare"),
        "{before}"
    );
    ok(wc(&["rollback", &gs, "--to-turn", "1", "--reason", "redo"]));
    let after = play_out(&gs) + 1;
    let replay = ok(wc(&["replay", &gs]));
    let live_hash = |turn: u32| {
        replay
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("turn {turn} ")))
            .and_then(|l| l.split_whitespace().last())
            .unwrap_or_else(|| panic!("turn {turn} in the replay: {replay}"))
            .to_string()
    };
    for turn in [0u32, 2, after] {
        let r = ok(fork(&gs, turn, 3, &[]));
        assert!(r.contains(&format!("{after} turn(s) played, ended")), "{r}");
        if turn > 0 {
            let h = live_hash(turn);
            assert!(r.contains(&format!("(state hash {h})")), "turn {turn}: {r}");
        }
    }
    // The library's reading of the folder ends where opening the game does.
    let save = whitecell::game::store::save::Save::read(&g).expect("the save reads");
    let (c, rec) = whitecell::game::umpire::recorded::recorded(&save).expect("the save converts");
    assert_eq!(rec.turns.len() as u32, after);
    assert!(!rec.start.is_empty(), "the inject before turn 1 is kept");
    let played = whitecell::batch::fork::actual(&c, &rec)
        .expect("replays")
        .expect("ended");
    let mut opened = whitecell::game::Game::from_save(&g, save).expect("opens");
    assert_eq!(played.hash, opened.engine.state_hash());
    let end = ok(fork(&gs, after, 5, &[]));
    assert!(end.contains("5 of 5 forks (100.0%"), "{end}");
    fails(
        fork(&gs, after + 1, 5, &[]),
        1,
        &format!("has played {after} turn(s)"),
    );
}

#[test]
fn bad_input_gets_a_clear_message() {
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("game");
    let gs = g.to_string_lossy().to_string();
    new_game(&g, 9);
    ok(wc(&["adjudicate", &gs, "--missing", "policy"]));
    let e = fails(fork(&gs, 2, 5, &[]), 1, "--from-turn 2");
    assert!(
        e.contains("has played 1 turn(s); fork from 0 (the start) to 1"),
        "{e}"
    );
    fails(fork(&gs, 1, 0, &[]), 1, "--runs 0");
    fails(fork(&gs, 1, 5, &["--threads", "0"]), 1, "--threads");
    fails(
        fork(&gs, 1, 5, &["--policy", "nobody=hold"]),
        1,
        "no side `nobody`",
    );
    fails(
        fork(&gs, 1, 5, &["--policy", &format!("{}=bogus", sides()[0])]),
        1,
        "unknown policy `bogus`",
    );
    let not_a_game = tmp.path().to_string_lossy().to_string();
    fails(fork(&not_a_game, 1, 5, &[]), 1, "is this a game folder?");
    // A changed byte in the save.
    let save = g.join("game.save");
    let mut bytes = std::fs::read(&save).unwrap();
    let at = bytes.len() / 2;
    bytes[at] = if bytes[at] == b'1' { b'2' } else { b'1' };
    std::fs::write(&save, bytes).unwrap();
    fails(fork(&gs, 1, 5, &[]), 1, "is corrupted");
}

#[test]
fn a_fork_that_fails_is_reported_with_its_seed_and_the_others_are_played() {
    let dir = tempfile::tempdir().unwrap();
    let (gs, turns) = finished_game(dir.path(), 23);
    let from = (turns / 2).to_string();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_whitecell"))
        .args([
            "fork",
            &gs,
            "--from-turn",
            &from,
            "--runs",
            "12",
            "--threads",
            "2",
        ])
        .env("WHITECELL_TEST_PANIC", "fork:3")
        .output()
        .expect("the binary runs");
    let out = String::from_utf8_lossy(&o.stdout);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        o.status.success(),
        "exit {:?}\n{out}\n{err}",
        o.status.code()
    );
    assert!(out.contains("\n11 forks from turn"), "{out}");
    assert!(
        !err.contains("panicked"),
        "a raw panic reached the user:\n{err}"
    );
    assert!(
        out.contains("fork 3 (seed ") && out.contains("failed inside the engine and is left out"),
        "{out}"
    );
    // The eleven others are the same forks as without the failure.
    let whole = ok(fork(&gs, turns / 2, 12, &["--threads", "1"]));
    assert!(whole.contains("\n12 forks from turn"), "{whole}");
}
