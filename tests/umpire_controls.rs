//! The white cell's controls refuse bad input without touching the save, a finished game reveals its
//! seed so the class can check the commitment, and a broken view file is explained.

mod common;
use common::*;

#[test]
fn a_finished_game_reveals_a_seed_that_matches_the_commitment() {
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("g");
    let gs = g.to_string_lossy().to_string();
    new_game(&g, 8_675_309);
    let commitment = view(&g, &sides()[0]).seed_commitment;
    assert!(
        !ok(wc(&["status", &gs])).contains("8675309"),
        "the seed stays secret during play"
    );
    for _ in 0..40 {
        if ok(wc(&["status", &gs])).contains("GAME OVER") {
            break;
        }
        ok(wc(&["adjudicate", &gs, "--missing", "policy"]));
    }
    let st = ok(wc(&["status", &gs]));
    let words: Vec<&str> = st.split_whitespace().collect();
    let at = words
        .iter()
        .rposition(|w| *w == "seed")
        .expect("the seed is revealed");
    assert_eq!(words[at + 1], "8675309");
    let salt = words[at + 3];
    assert_eq!(
        whitecell::game::store::crypto::seed_commitment(8_675_309, salt),
        commitment
    );
    fails(wc(&["adjudicate", &gs]), 1, "the game is over");
    let key = g.join("keys").join(format!("{}.key", sides()[0]));
    fails(
        wc_in(
            &["play", &gs, "--key", &key.to_string_lossy()],
            Some("quit\n"),
        ),
        1,
        "the game is over",
    );
    assert!(ok(wc(&["replay", &gs])).contains("every hash matches"));
}

#[test]
fn bad_umpire_input_is_refused_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("g");
    let gs = g.to_string_lossy().to_string();
    new_game(&g, 3);
    let c = whitecell::cli::load(&scenario()).unwrap();
    let u = c.units.iter().find(|u| u.initial).unwrap();
    let kind = &c.kinds[u.kind.index()];
    let before = std::fs::read(g.join("game.save")).unwrap();
    fails(
        wc(&[
            "amend",
            &gs,
            "--unit",
            &u.id,
            "--strength",
            "2",
            "--reason",
            " ",
        ]),
        1,
        "needs a reason",
    );
    fails(
        wc(&[
            "amend",
            &gs,
            "--unit",
            &u.id,
            "--strength",
            "2",
            "--zone",
            c.zone_name(u.zone),
            "--reason",
            "x",
        ]),
        1,
        "one change per amend",
    );
    let typo = format!("{}x", u.id);
    fails(
        wc(&[
            "amend",
            &gs,
            "--unit",
            &typo,
            "--strength",
            "2",
            "--reason",
            "x",
        ]),
        1,
        &format!("did you mean `{}`", u.id),
    );
    fails(
        wc(&["amend", &gs, "--reason", "x"]),
        1,
        "say what to change",
    );
    if let Some(t) = c.tracks.first() {
        let v = (t.max + 1).to_string();
        fails(
            wc(&[
                "amend", &gs, "--track", &t.id, "--value", &v, "--reason", "x",
            ]),
            1,
            "is outside",
        );
    }
    if let Some(z) = c.zones.iter().find(|z| !kind.can_enter(z.kind)) {
        fails(
            wc(&[
                "amend", &gs, "--unit", &u.id, "--zone", &z.id, "--reason", "x",
            ]),
            1,
            "cannot be in",
        );
    }
    fails(
        wc(&[
            "amend",
            &gs,
            "--relation",
            "blue",
            "--to",
            "hostile",
            "--reason",
            "x",
        ]),
        1,
        "write two sides as A,B",
    );
    fails(
        wc(&["inject", &gs, "no_such_event", "--reason", "x"]),
        1,
        "no event `no_such_event`",
    );
    fails(
        wc(&["rollback", &gs, "--to-turn", "3"]),
        1,
        "only 0 turn(s) have been played",
    );
    fails(
        wc(&["rollback", &gs, "--to-turn", "0"]),
        1,
        "nothing to roll back",
    );
    fails(
        wc(&["view", &gs, "--side", "purple"]),
        1,
        "no side `purple`",
    );
    assert_eq!(std::fs::read(g.join("game.save")).unwrap(), before);

    // A once-only event cannot be injected twice.
    if let Some(e) = c
        .events
        .iter()
        .find(|e| e.once && matches!(e.when, whitecell::model::compiled::When::Manual))
    {
        ok(wc(&["inject", &gs, &e.id, "--reason", "first"]));
        fails(
            wc(&["inject", &gs, &e.id, "--reason", "again"]),
            1,
            "fires only once",
        );
        // And a rollback to the start undoes it; the replay still matches.
        ok(wc(&[
            "rollback",
            &gs,
            "--to-turn",
            "0",
            "--reason",
            "start over",
        ]));
        ok(wc(&["inject", &gs, &e.id, "--reason", "first, again"]));
        assert!(ok(wc(&["replay", &gs])).contains("every hash matches"));
    }
}

#[test]
fn play_resumes_handed_in_orders_and_a_broken_view_is_explained() {
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("g");
    let gs = g.to_string_lossy().to_string();
    new_game(&g, 11);
    let a = &sides()[0];
    let key = g
        .join("keys")
        .join(format!("{a}.key"))
        .to_string_lossy()
        .to_string();
    let (u, z) = some_move(&view(&g, a));
    ok(wc_in(
        &["play", &gs, "--key", &key],
        Some(&format!("move {u} {z}\nsubmit\n")),
    ));
    let o = ok(wc_in(&["play", &gs, "--key", &key], Some("show\nquit\n")));
    assert!(
        o.contains("already handed in 1 order(s)") && o.contains(&format!("{u}  Move({z})")),
        "{o}"
    );
    let bad = tmp.path().join("view.json");
    std::fs::write(&bad, "{\"not\": \"a view\"}").unwrap();
    fails(
        wc_in(
            &["play", &bad.to_string_lossy(), "--key", &key],
            Some("quit\n"),
        ),
        1,
        "is not a whitecell view file",
    );
    let mut v: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(g.join("views").join(format!("{a}.json"))).unwrap(),
    )
    .unwrap();
    v["ruleset"]["crt"] = serde_json::json!([]);
    std::fs::write(&bad, v.to_string()).unwrap();
    // An edited view no longer matches its seal: refused before anything is planned on it.
    fails(
        wc_in(
            &["play", &bad.to_string_lossy(), "--key", &key],
            Some("quit\n"),
        ),
        1,
        "does not match its seal",
    );
}

#[test]
fn a_team_at_the_prompt_does_not_block_or_undo_the_white_cell() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("g");
    let gs = g.to_string_lossy().to_string();
    new_game(&g, 21);
    let s = sides();
    let (a, b) = (&s[0], &s[1]);
    let key_a = g.join("keys").join(format!("{a}.key"));
    let (ua, za) = some_move(&view(&g, a));
    // Team a opens the prompt at the instructor's machine and thinks...
    let mut child = Command::new(env!("CARGO_BIN_EXE_whitecell"))
        .args(["play", &gs, "--key", &key_a.to_string_lossy()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "units").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    // ...while team b's file is handed in.
    let vb = view(&g, b);
    let (ub, zb) = some_move(&vb);
    let file = tmp.path().join("b.ron");
    std::fs::write(
        &file,
        orders_ron(&vb.game, b, 1, &[(&ub, &format!("Move(\"{zb}\")"))]),
    )
    .unwrap();
    let key_b = g.join("keys").join(format!("{b}.key"));
    ok(wc(&[
        "orders",
        "submit",
        &file.to_string_lossy(),
        &gs,
        "--key",
        &key_b.to_string_lossy(),
    ]));
    // Team a submits afterwards: b's orders survive.
    writeln!(stdin, "move {ua} {za}\nsubmit\nquit").unwrap();
    drop(stdin);
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let st = ok(wc(&["status", &gs]));
    for s in [a, b] {
        assert!(
            st.lines()
                .any(|l| l.trim_start().starts_with(s.as_str()) && l.contains("received")),
            "{s}'s orders are in: {st}"
        );
    }
    // A lock file left behind by a command that crashed does not block: the lock is the OS's, and
    // it went with the process.
    std::fs::write(g.join("game.lock"), "4294967294").unwrap();
    ok(wc(&["adjudicate", &gs, "--missing", "hold"]));
    // While another process holds the lock, a command that changes the game waits, then says so.
    let held = std::fs::OpenOptions::new()
        .write(true)
        .open(g.join("game.lock"))
        .unwrap();
    held.lock().unwrap();
    fails(
        wc(&["adjudicate", &gs, "--missing", "hold"]),
        2,
        "another whitecell command is working on this game",
    );
    // Reading the game needs no lock.
    ok(wc(&["status", &gs]));
    drop(held);
}

#[test]
fn an_ended_game_is_reopened_by_rollback_only_on_purpose() {
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("g");
    let gs = g.to_string_lossy().to_string();
    new_game(&g, 5);
    for _ in 0..40 {
        if ok(wc(&["status", &gs])).contains("GAME OVER") {
            break;
        }
        ok(wc(&["adjudicate", &gs, "--missing", "policy"]));
    }
    assert!(ok(wc(&["status", &gs])).contains("seed can now be revealed"));
    fails(
        wc(&["rollback", &gs, "--to-turn", "0", "--reason", "again"]),
        1,
        "--reopen",
    );
    ok(wc(&[
        "rollback",
        &gs,
        "--to-turn",
        "0",
        "--reason",
        "again",
        "--reopen",
    ]));
    assert!(!ok(wc(&["status", &gs])).contains("GAME OVER"));
}
