//! Regression tests for what issues 10 and 11 found in the game folder, each failing before its
//! fix: a missing save with its backup present, rollback's account of what it discarded, a panic
//! shown raw, a token appended to the save header, stale views after a stopped command; and the
//! promise that games made before the crypto and key-file changes still open and verify.

mod common;
use common::*;
use std::path::Path;
use std::process::Command;
use whitecell::game::store::save::{Entry, Save};

fn played(dir: &Path) -> String {
    new_game(dir, 31);
    let gs = dir.to_string_lossy().to_string();
    ok(wc(&["adjudicate", &gs, "--missing", "policy"]));
    gs
}

/// Hands in `side`'s orders (its first unit holds) for the coming turn; returns the receipt.
fn hand_in(dir: &Path, side: &str) -> String {
    let v = view(dir, side);
    let p = dir
        .parent()
        .unwrap()
        .join(format!("{side}-{}.ron", v.next_turn));
    std::fs::write(
        &p,
        orders_ron(&v.game, side, v.next_turn, &[(&v.own[0].id, "Hold")]),
    )
    .unwrap();
    let key = dir.join("keys").join(format!("{side}.key"));
    let o = ok(wc(&[
        "orders",
        "submit",
        &p.to_string_lossy(),
        &dir.to_string_lossy(),
        "--key",
        &key.to_string_lossy(),
    ]));
    o.split("receipt ").nth(1).unwrap().trim().to_string()
}

#[test]
fn a_missing_save_with_its_backup_present_names_the_backup_and_the_way_back() {
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("g");
    let gs = played(&g);
    std::fs::remove_file(g.join("game.save")).unwrap();
    for cmd in ["status", "adjudicate", "replay"] {
        let e = fails(wc(&[cmd, &gs]), 1, "game.save.bak");
        assert!(e.contains("reads correctly") && e.contains("cp "), "{e}");
        assert!(
            !e.contains("Create one with"),
            "not told to start over: {e}"
        );
    }
    let bak = g.join("game.save.bak").to_string_lossy().to_string();
    let save = g.join("game.save").to_string_lossy().to_string();
    assert!(
        Command::new("cp")
            .args([&bak, &save])
            .status()
            .unwrap()
            .success()
    );
    assert!(ok(wc(&["status", &gs])).contains("turns played: 0"));
}

#[test]
fn rollback_says_which_orders_and_umpire_actions_it_discarded() {
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("g");
    let gs = played(&g);
    let side = &sides()[0];
    let receipt = hand_in(&g, side);
    let track = whitecell::cli::load(&scenario()).unwrap().tracks[0]
        .id
        .clone();
    ok(wc(&[
        "amend", &gs, "--track", &track, "--value", "2", "--reason", "a storm",
    ]));
    let rb = ok(wc(&["rollback", &gs, "--to-turn", "1", "--reason", "redo"]));
    assert!(
        rb.contains(&format!("{side}'s orders for turn 2")) && rb.contains(&receipt[..16]),
        "names the side's orders: {rb}"
    );
    assert!(
        rb.contains(&format!("umpire action `amend track {track}")) && rb.contains("a storm"),
        "names the umpire action: {rb}"
    );
    assert!(
        g.join("rolled-back-1.jsonl").is_file(),
        "the amendment had events"
    );
    // Orders alone have no events: no empty rolled-back file.
    hand_in(&g, side);
    let rb = ok(wc(&[
        "rollback",
        &gs,
        "--to-turn",
        "1",
        "--reason",
        "again",
    ]));
    assert!(rb.contains(&format!("{side}'s orders for turn 2")), "{rb}");
    assert!(rb.contains("no rolled-back file was written"), "{rb}");
    assert!(!g.join("rolled-back-2.jsonl").exists());
    // The discarded orders are kept in the save, marked.
    let s = Save::read(&g).unwrap();
    let kept = s
        .journal
        .iter()
        .filter(|r| r.discarded.is_some() && matches!(r.entry, Entry::Orders { .. }))
        .count();
    assert_eq!(kept, 2);
    assert!(ok(wc(&["replay", &gs])).contains("every hash matches"));
}

#[test]
fn a_rolled_back_file_lost_after_the_save_was_written_is_rebuilt_exactly() {
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("g");
    let gs = played(&g);
    ok(wc(&["adjudicate", &gs, "--missing", "policy"]));
    let before = std::fs::read_to_string(g.join("log.jsonl")).unwrap();
    ok(wc(&["rollback", &gs, "--to-turn", "1", "--reason", "redo"]));
    let after = std::fs::read_to_string(g.join("log.jsonl")).unwrap();
    // The discarded events: the old log past what the new one keeps (its last line is the note).
    let kept = after.lines().count() - 1;
    let want: String = before
        .lines()
        .skip(kept)
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(
        std::fs::read_to_string(g.join("rolled-back-1.jsonl")).unwrap(),
        want
    );
    std::fs::remove_file(g.join("rolled-back-1.jsonl")).unwrap();
    let e = err(&wc(&["status", &gs]));
    assert!(e.contains("rolled-back-1.jsonl (was missing)"), "{e}");
    assert_eq!(
        std::fs::read_to_string(g.join("rolled-back-1.jsonl")).unwrap(),
        want
    );
}

#[test]
fn a_stale_view_is_never_handed_out_without_a_word() {
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("g");
    let gs = played(&g);
    let side = &sides()[0];
    let old = std::fs::read(g.join("views").join(format!("{side}.json"))).unwrap();
    ok(wc(&["adjudicate", &gs, "--missing", "policy"]));
    // As a command killed after writing the save but before the views would leave it.
    std::fs::write(g.join("views").join(format!("{side}.json")), &old).unwrap();
    std::fs::write(g.join(".log.jsonl.tmp-4194304"), b"half").unwrap();
    let o = wc(&["view", &gs, "--side", side]);
    let e = err(&o);
    assert!(o.status.success(), "{e}");
    assert!(
        e.contains(&format!("the views of {side} (of turn 1)")) && e.contains("at turn 2"),
        "{e}"
    );
    assert!(e.contains("removed 1 temporary file(s)"), "{e}");
    assert_eq!(view(&g, side).turn, 2);
    assert!(!g.join(".log.jsonl.tmp-4194304").exists());
    // Nothing to repair the next time: no word.
    let o = wc(&["status", &gs]);
    assert!(!err(&o).contains("note:"), "{}", err(&o));
}

#[test]
fn a_token_appended_to_the_save_header_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("g");
    let gs = played(&g);
    let text = std::fs::read_to_string(g.join("game.save")).unwrap();
    let (head, body) = text.split_once('\n').unwrap();
    for extra in [" x", " ", " format=1", " sha256=00", "\r"] {
        std::fs::write(g.join("game.save"), format!("{head}{extra}\n{body}")).unwrap();
        let e = fails(wc(&["status", &gs]), 1, "header line is damaged");
        assert!(e.contains("game.save.bak"), "{e}");
    }
}

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for sub in ["", "views", "keys"] {
        let d = dir.join(sub);
        let mut names: Vec<_> = std::fs::read_dir(&d).unwrap().flatten().collect();
        names.sort_by_key(|e| e.file_name());
        for e in names {
            // The lock file says who holds the game (and held it last): not the game's data.
            if e.path().is_file() && e.file_name() != "game.lock" {
                out.push((
                    format!("{sub}/{}", e.file_name().to_string_lossy()),
                    std::fs::read(e.path()).unwrap(),
                ));
            }
        }
    }
    out
}

fn forced_panic(point: &str, args: &[&str], backtrace: bool) -> std::process::Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_whitecell"));
    c.args(args).env("WHITECELL_TEST_PANIC", point);
    if backtrace {
        c.env("RUST_BACKTRACE", "1");
    } else {
        c.env_remove("RUST_BACKTRACE");
    }
    c.output().unwrap()
}

#[test]
fn a_bug_prints_one_line_exits_2_and_leaves_the_folder_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("g");
    let gs = played(&g);
    let side = sides()[0].clone();
    let before = snapshot(&g);
    let track = whitecell::cli::load(&scenario()).unwrap().tracks[0]
        .id
        .clone();
    let cases: Vec<(&str, Vec<&str>)> = vec![
        ("adjudicate", vec!["adjudicate", &gs]),
        (
            "umpire",
            vec![
                "amend", &gs, "--track", &track, "--value", "1", "--reason", "r",
            ],
        ),
        (
            "rollback",
            vec!["rollback", &gs, "--to-turn", "0", "--reason", "r"],
        ),
        ("open", vec!["view", &gs, "--side", &side]),
    ];
    for (point, args) in &cases {
        let o = forced_panic(point, args, false);
        let e = err(&o);
        assert_eq!(o.status.code(), Some(2), "{e}");
        assert_eq!(e.lines().count(), 1, "one line: {e}");
        assert!(
            e.contains(&format!("`whitecell {}` stopped on a bug", args[0]))
                && e.contains("Please report it")
                && e.contains("No game folder was changed"),
            "{e}"
        );
        assert!(!e.contains("panicked at"), "no raw panic: {e}");
        assert!(out(&o).is_empty());
        assert!(snapshot(&g) == before, "{point}: the folder is untouched");
    }
    // Whoever fixes the bug can ask for the backtrace.
    let o = forced_panic("adjudicate", &["adjudicate", &gs], true);
    assert!(err(&o).lines().count() > 1, "{}", err(&o));
    ok(wc(&["adjudicate", &gs]));
}

/// A game made before the switch to the hmac crate and before key files had a check line, under
/// rules revision 1: its save decodes, its recorded orders' signatures and receipts verify, its
/// key files read, and it opens, replays (its hashes checked in revision 1's encoding) and
/// rebuilds its rolled-back file exactly as the old code wrote it.
#[test]
fn a_game_made_before_these_changes_still_opens_and_verifies() {
    let fixture = root().join("tests/fixtures/legacy-game");
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("g");
    for rel in [
        "game.save",
        "rolled-back-1.jsonl",
        "usa-turn2-signed.ron",
        "keys/usa.key",
        "keys/russia.key",
        "keys/syria.key",
        "keys/iran.key",
        "keys/armed_groups.key",
        "keys/turkey.key",
    ] {
        std::fs::create_dir_all(g.join(rel).parent().unwrap()).unwrap();
        std::fs::copy(fixture.join(rel), g.join(rel)).unwrap();
    }
    let save = Save::read(&g).expect("a format-1 save from before decodes");
    let mut signed = 0;
    for r in &save.journal {
        if let Entry::Orders { file, receipt } = &r.entry {
            let k = &save.keys[&file.side];
            whitecell::game::store::intake::check_signature(file, k)
                .expect("its signature verifies");
            assert_eq!(*receipt, whitecell::game::store::intake::receipt(file));
            signed += 1;
        }
    }
    assert_eq!(signed, 2);
    for side in sides() {
        let k = whitecell::game::store::keyfile::read(&g.join("keys").join(format!("{side}.key")))
            .expect("an old key file reads");
        assert_eq!(k.key, save.keys[&side]);
    }
    let key = whitecell::game::store::keyfile::read(&g.join("keys/usa.key")).unwrap();
    let text = std::fs::read_to_string(g.join("usa-turn2-signed.ron")).unwrap();
    let f = whitecell::orders::parse_orders(Path::new("usa-turn2-signed.ron"), &text).unwrap();
    whitecell::game::store::intake::check_signature(&f, &key.key).expect("the team's signed file");
    assert_eq!(
        whitecell::rules_of(&save.engine),
        Some(1),
        "the fixture is a rules.1 game"
    );
    {
        let want = std::fs::read(g.join("rolled-back-1.jsonl")).unwrap();
        std::fs::remove_file(g.join("rolled-back-1.jsonl")).unwrap();
        let o = wc(&["replay", &g.to_string_lossy()]);
        // Replay repairs what it verified, and says so.
        assert!(err(&o).contains("rolled-back-1.jsonl"), "{}", err(&o));
        assert!(ok(o).contains("every hash matches"));
        assert_eq!(std::fs::read(g.join("rolled-back-1.jsonl")).unwrap(), want);
    }
}
