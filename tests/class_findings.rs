//! Regression tests for what issue 20 found when a class (and an attacker) tried whitecell: no
//! probing for hidden units through the texts a side reads, limits on what a team hands in, fair
//! locking, repairs announced. Each failed before its fix.

mod common;
use common::*;
use std::path::Path;

/// Writes `side`'s orders file for the coming turn and returns its path.
fn orders_file(dir: &Path, side: &str, orders: &[(&str, &str)]) -> String {
    let v = view(dir, side);
    let p = dir
        .parent()
        .unwrap()
        .join(format!("{side}-{}.ron", v.next_turn));
    std::fs::write(&p, orders_ron(&v.game, side, v.next_turn, orders)).unwrap();
    p.to_string_lossy().to_string()
}

fn key(dir: &Path, side: &str) -> String {
    dir.join("keys")
        .join(format!("{side}.key"))
        .to_string_lossy()
        .to_string()
}

/// Russia withdraws an air unit into the Turkish border zone, where armed groups it has never
/// detected stand: the order is refused, and nothing Russia reads says hostile units are there.
#[test]
fn a_refused_withdrawal_does_not_reveal_undetected_units() {
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("g");
    new_game(&g, 5);
    let gs = g.to_string_lossy().to_string();
    let before = view(&g, "russia");
    assert!(
        before.detected.iter().all(|u| u.zone != "turkish_border"),
        "the test needs the armed groups there undetected"
    );
    let f = orders_file(
        &g,
        "russia",
        &[("ru_combat_air", "Withdraw(\"turkish_border\")")],
    );
    ok(wc(&[
        "orders",
        "submit",
        &f,
        &gs,
        "--key",
        &key(&g, "russia"),
    ]));
    ok(wc(&["adjudicate", &gs, "--missing", "hold"]));
    // The umpire's account names the cause: the order was refused for it.
    let umpire = ok(wc(&["account", &gs]));
    assert!(umpire.contains("hostile units are there"), "{umpire}");
    let after = view(&g, "russia");
    let knows = after.detected.iter().any(|u| u.zone == "turkish_border");
    let told = [
        ok(wc(&["account", &gs, "--side", "russia"])),
        std::fs::read_to_string(g.join("views/russia.txt")).unwrap(),
        std::fs::read_to_string(g.join("views/russia.json")).unwrap(),
        {
            let html = tmp.path().join("ru.html");
            ok(wc(&[
                "report",
                &gs,
                "--side",
                "russia",
                "--out",
                &html.to_string_lossy(),
            ]));
            std::fs::read_to_string(html).unwrap()
        },
    ];
    for t in &told {
        if !knows {
            assert!(!t.contains("hostile units are there"), "{t}");
            assert!(!t.contains("passes hostile units"), "{t}");
        }
        assert!(t.contains("cannot withdraw to `turkish_border`"), "{t}");
    }
}

/// `orders check` refused two orders for one unit, but `sign` and `submit` took them (a warning):
/// 2,000 `Hold`s for one unit went into the save for good. Now all three refuse the file.
#[test]
fn one_order_per_unit_is_refused_by_check_sign_and_submit() {
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("g");
    new_game(&g, 7);
    let gs = g.to_string_lossy().to_string();
    let v = view(&g, "usa");
    let unit = v.own[0].id.clone();
    let many: Vec<(&str, &str)> = (0..2000).map(|_| (unit.as_str(), "Hold")).collect();
    let f = orders_file(&g, "usa", &many);
    let k = key(&g, "usa");
    let save = std::fs::read(g.join("game.save")).unwrap();
    let e = fails(
        wc(&["orders", "check", &f, "--game", &gs]),
        1,
        "already has an order",
    );
    assert!(e.contains("and 1979 more problems not listed"), "{e}");
    assert!(e.contains("1999 problems found"), "{e}");
    fails(
        wc(&["orders", "sign", &f, "--key", &k, "--game", &gs]),
        1,
        "already has an order",
    );
    assert!(!std::fs::read_to_string(&f).unwrap().contains("signature"));
    let e = fails(
        wc(&["orders", "submit", &f, &gs, "--key", &k]),
        1,
        "already has an order",
    );
    // Capped: the first problems listed, the rest counted.
    assert!(e.len() < 8_000, "{} bytes of errors", e.len());
    assert_eq!(std::fs::read(g.join("game.save")).unwrap(), save);
    // Two signals are one too many, likewise.
    let text = orders_ron(&v.game, "usa", v.next_turn, &[(&unit, "Hold")]).replace(
        "  ],\n)",
        "  ],\n  signals: [(to: \"russia\", kind: Warn), (to: \"russia\", kind: Hotline)],\n)",
    );
    std::fs::write(&f, text).unwrap();
    fails(
        wc(&["orders", "submit", &f, &gs, "--key", &k]),
        1,
        "at most one signal",
    );
    assert_eq!(std::fs::read(g.join("game.save")).unwrap(), save);
}

/// An orders file past the size limit is refused before it is parsed (a 50 MB file with a bad
/// signature took 22 s and 1.68 GB to refuse); thousands of problems are counted, not listed.
#[test]
fn huge_orders_files_are_refused_unread_and_problem_lists_are_capped() {
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("g");
    new_game(&g, 8);
    let gs = g.to_string_lossy().to_string();
    let k = key(&g, "usa");
    let v = view(&g, "usa");
    let unit = v.own[0].id.clone();
    let huge: Vec<(&str, &str)> = (0..60_000).map(|_| (unit.as_str(), "Hold")).collect();
    let f = orders_file(&g, "usa", &huge);
    assert!(std::fs::metadata(&f).unwrap().len() > 2 * 1024 * 1024);
    for args in [
        vec!["orders", "check", &f, "--game", &gs],
        vec!["orders", "sign", &f, "--key", &k, "--game", &gs],
        vec!["orders", "submit", &f, &gs],
    ] {
        let e = fails(wc(&args), 1, "refused unread");
        assert!(e.len() < 1_000, "{e}");
    }
    // 5,000 orders for units that are not the side's: every one counted, 20 listed.
    let names: Vec<String> = (0..5000).map(|i| format!("ghost_{i}")).collect();
    let ghosts: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "Hold")).collect();
    let f = orders_file(&g, "usa", &ghosts);
    for args in [
        vec!["orders", "check", &f, "--game", &gs],
        vec!["orders", "submit", &f, &gs, "--key", &k],
    ] {
        let e = fails(wc(&args), 1, "5000 problems found");
        assert!(e.contains("and 4980 more problems not listed"), "{e}");
        assert_eq!(e.matches("is not one of `usa`'s units").count(), 20);
    }
}

/// The lock is taken after the file is checked: while another command holds the game, a bad file
/// is refused at once for what is wrong with it (it used to wait, then fail with exit 2).
#[test]
fn a_bad_file_is_refused_without_waiting_for_the_lock() {
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("g");
    new_game(&g, 9);
    let gs = g.to_string_lossy().to_string();
    let f = orders_file(&g, "usa", &[("ghost", "Hold")]);
    let held = whitecell::game::store::lock::Lock::take(&g).unwrap();
    fails(
        wc(&["orders", "submit", &f, &gs, "--key", &key(&g, "usa")]),
        1,
        "ghost",
    );
    drop(held);
}

/// The same signed file handed in twice without `--replace` was recorded each time. Now the
/// second is recognised: the original receipt, nothing new in the save.
#[test]
fn the_same_file_handed_in_twice_is_recognised() {
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("g");
    new_game(&g, 10);
    let gs = g.to_string_lossy().to_string();
    let v = view(&g, "usa");
    let f = orders_file(&g, "usa", &[(&v.own[0].id, "Hold")]);
    let k = key(&g, "usa");
    ok(wc(&["orders", "sign", &f, "--key", &k, "--game", &gs]));
    let first = ok(wc(&["orders", "submit", &f, &gs]));
    let receipt = first.split("receipt ").nth(1).unwrap().trim().to_string();
    let save = std::fs::read(g.join("game.save")).unwrap();
    for replace in [false, true] {
        let mut args = vec!["orders", "submit", &f, &gs];
        if replace {
            args.push("--replace");
        }
        let again = ok(wc(&args));
        assert!(again.contains("already in, unchanged"), "{again}");
        assert!(again.contains(&receipt), "{again}");
        assert_eq!(std::fs::read(g.join("game.save")).unwrap(), save);
    }
}

/// Two `adjudicate`s at once both succeeded: the second waited silently for the lock, then played
/// the next turn with no team's orders. Now a waiting command says for whom it waits, and the
/// second refuses, changing nothing.
#[test]
fn a_waiting_adjudicate_says_so_and_does_not_play_the_next_turn() {
    use std::io::{BufRead, BufReader, Read};
    use std::process::{Command, Stdio};
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("g");
    new_game(&g, 11);
    let gs = g.to_string_lossy().to_string();
    whitecell::game::store::lock::on_wait("amend", |_| {});
    let held = whitecell::game::store::lock::Lock::take(&g).unwrap();
    let mut runs = Vec::new();
    for _ in 0..2 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_whitecell"))
            .args(["adjudicate", &gs, "--missing", "hold"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut err = BufReader::new(child.stderr.take().unwrap());
        let mut line = String::new();
        err.read_line(&mut line).unwrap();
        assert!(line.contains("waiting for `whitecell amend`"), "{line}");
        assert!(
            line.contains(&format!("process {}", std::process::id())),
            "{line}"
        );
        runs.push((child, err));
    }
    drop(held);
    let mut codes = Vec::new();
    for (child, mut err) in runs {
        let o = child.wait_with_output().unwrap();
        let mut rest = String::new();
        err.read_to_string(&mut rest).unwrap();
        codes.push((o.status.code(), rest));
    }
    codes.sort_by_key(|c| c.0);
    assert_eq!(codes[0].0, Some(0), "{codes:?}");
    assert_eq!(codes[1].0, Some(1), "{codes:?}");
    assert!(
        codes[1].1.contains("turn 1 was played by another command"),
        "{codes:?}"
    );
    assert!(ok(wc(&["status", &gs])).contains("turns played: 1"));
}

/// After `cp game.save.bak game.save`, `view --umpire` and `account` rewrote the views with no
/// word, and `replay` left them stale; its refusal of an edited turn hash named neither the save
/// nor the backup.
#[test]
fn every_repair_is_announced_and_replay_names_the_save_and_its_backup() {
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("g");
    new_game(&g, 12);
    let gs = g.to_string_lossy().to_string();
    ok(wc(&["adjudicate", &gs, "--missing", "hold"]));
    ok(wc(&["adjudicate", &gs, "--missing", "hold"]));
    let cmds: [&[&str]; 3] = [
        &["view", &gs, "--umpire"],
        &["account", &gs],
        &["replay", &gs],
    ];
    for cmd in cmds {
        // Back one action: the views still show turn 2.
        std::fs::copy(g.join("game.save.bak"), g.join("game.save")).unwrap();
        assert_eq!(view(&g, "usa").turn, 2);
        let o = wc(cmd);
        assert!(o.status.success(), "{cmd:?}: {}", err(&o));
        assert!(
            err(&o).contains("note: "),
            "{cmd:?} says nothing: {}",
            err(&o)
        );
        assert_eq!(view(&g, "usa").turn, 1, "{cmd:?} left the view stale");
        // Forward again for the next command.
        ok(wc(&["adjudicate", &gs, "--missing", "hold"]));
    }
    // A turn's hash edited (the checksum made to match): refused, naming the save and the backup.
    let mut save = whitecell::game::store::save::Save::read(&g).unwrap();
    for r in &mut save.journal {
        if let whitecell::game::store::save::Entry::Turn { hash, .. } = &mut r.entry {
            *hash = "0".repeat(hash.len());
        }
    }
    save.write(&g).unwrap();
    let e = fails(wc(&["replay", &gs]), 1, "game.save");
    assert!(e.contains("game.save.bak"), "{e}");
}

/// `orders check` stopped at the first kind of problem ("1 problem found"), without the "did you
/// mean" and the escalation warning that `play` gives; an order for a destroyed unit read "is not
/// one of usa's units".
#[test]
fn orders_check_lists_every_problem_with_suggestions_and_the_prompts_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("g");
    new_game(&g, 13);
    let gs = g.to_string_lossy().to_string();
    let k = key(&g, "usa");
    let f = orders_file(
        &g,
        "usa",
        &[
            ("us_ross", "Engage(\"east_med\", \"russia\")"),
            ("us_sullivans", "Move(\"wset_med\")"),
            ("us_tanf_garrison", "Move(\"east_med\")"),
            ("us_b1b", "Move(\"west_med\")"),
        ],
    );
    let view_file = g.join("views/usa.json").to_string_lossy().to_string();
    for game in [gs.as_str(), view_file.as_str()] {
        let o = wc(&["orders", "check", &f, "--game", game, "--key", &k]);
        let e = fails(o.clone(), 1, "3 problems found");
        assert!(e.contains("did you mean `west_med`?"), "{e}");
        assert!(e.contains("cannot enter `east_med`"), "{e}");
        assert!(e.contains("cannot be reached"), "{e}");
        let warned = out(&o);
        assert!(
            warned.contains("warning: orders[0]:") && warned.contains("not at war with russia"),
            "{warned}"
        );
    }
    // A destroyed unit is named as such, from the game folder and from the view.
    ok(wc(&[
        "amend",
        &gs,
        "--unit",
        "us_ross",
        "--strength",
        "0",
        "--reason",
        "lost",
    ]));
    let f = orders_file(&g, "usa", &[("us_ross", "Hold")]);
    for game in [gs.as_str(), view_file.as_str()] {
        let e = fails(
            wc(&["orders", "check", &f, "--game", game, "--key", &k]),
            1,
            "off the map (destroyed)",
        );
        assert!(!e.contains("is not one of"), "{e}");
    }
}

/// `account --turn N --side usa` told less than the team's view (no contacts, messages or public
/// track changes); an objective the side cannot judge read "unknown to you, 0 of 2" and the total
/// left its points out; an umpire amendment reached the team as a loss with no cause.
#[test]
fn a_sides_account_tells_what_its_view_told() {
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("g");
    new_game(&g, 3);
    let gs = g.to_string_lossy().to_string();
    for _ in 0..3 {
        ok(wc(&["adjudicate", &gs, "--missing", "policy", "--yes"]));
    }
    let v = view(&g, "usa");
    let told = ok(wc(&["account", &gs, "--turn", "3", "--side", "usa"]));
    assert!(!v.detected.is_empty(), "the test needs contacts");
    for d in &v.detected {
        assert!(
            told.contains(&format!("contact: {} ({}) in {}", d.id, d.side, d.zone)),
            "{}: {told}",
            d.id
        );
    }
    let messages: Vec<_> = v.messages.iter().filter(|m| m.turn == 3).collect();
    assert!(!messages.is_empty(), "the test needs a message");
    for m in messages {
        assert!(told.contains(&m.text), "{}: {told}", m.text);
    }
    assert!(told.contains("track tension: "), "{told}");
    // Detection lines show the posture modifier apart from the type's factor.
    let umpire: String = (1..=3)
        .map(|n| ok(wc(&["account", &gs, "--turn", &n.to_string()])))
        .collect();
    assert!(
        umpire
            .lines()
            .any(|l| l.contains(" sees ") && l.contains(" posture - stealth")),
        "{umpire}"
    );
    // Russia cannot judge whether the US struck Syrian forces: shown as such, points at stake.
    let ru = std::fs::read_to_string(g.join("views/russia.txt")).unwrap();
    assert!(!ru.contains("unknown to you"), "{ru}");
    assert!(
        ru.contains("cannot be judged from your view: 2 point(s) at stake")
            && ru.contains("and up to 2 more from objectives your view cannot judge"),
        "{ru}"
    );
    // An amendment reaches the team as the white cell's, with the public part of its reason.
    ok(wc(&[
        "amend",
        &gs,
        "--unit",
        "us_tanf_garrison",
        "--strength",
        "1",
        "--reason",
        "a storm closed the road // the US team misread the rules",
    ]));
    let told = ok(wc(&["account", &gs, "--turn", "3", "--side", "usa"]));
    assert!(
        told.contains("us_tanf_garrison lost")
            && told.contains("(the white cell's amendment: a storm closed the road)"),
        "{told}"
    );
    assert!(!told.contains("misread"), "{told}");
    let v = view(&g, "usa");
    assert!(
        v.last_turn.iter().any(|r| r
            .text
            .contains("the white cell's amendment: a storm closed the road")),
        "{:?}",
        v.last_turn
    );
}

/// Scenario syntax errors far from their cause: a duplicated `victory: (` was reported at the
/// top of the file ("this `(` is never closed"), a deleted final `)` hundreds of lines away.
/// The indentation now tells where a bracket was left open.
#[test]
fn an_unclosed_bracket_is_reported_where_it_was_left_open() {
    let tmp = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(scenario()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim() == "victory: (")
        .expect("the scenario has a victory section");
    let mut twice = lines.clone();
    twice.insert(at, lines[at]);
    let f = tmp.path().join("twice.ron");
    std::fs::write(&f, twice.join("\n") + "\n").unwrap();
    let e = fails(wc(&["validate", &f.to_string_lossy()]), 1, "never closed");
    let line = at + 1;
    assert!(
        e.contains(&format!("twice.ron:{line}:"))
            || e.contains(&format!("twice.ron:{}:", line + 1)),
        "reported near line {line}: {e}"
    );
    // The final `)` deleted: reported at the end of the file, naming the bracket's line.
    let last = lines.iter().rposition(|l| l.trim() == ")").unwrap();
    let mut cut = lines.clone();
    cut.remove(last);
    let f = tmp.path().join("cut.ron");
    std::fs::write(&f, cut.join("\n") + "\n").unwrap();
    let e = fails(wc(&["validate", &f.to_string_lossy()]), 1, "never closed");
    assert!(
        e.contains(&format!("cut.ron:{last}:")),
        "reported at line {last}: {e}"
    );
    let opener = lines
        .iter()
        .position(|l| l.starts_with("Scenario("))
        .unwrap()
        + 1;
    assert!(e.contains(&format!("on line {opener}")), "{e}");
}

/// Swapping a side's id with a zone's gave 34 problems and no hint of the swap.
#[test]
fn swapped_ids_are_named_as_swapped() {
    let tmp = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(scenario()).unwrap();
    let swapped = text
        .replacen("(id: \"usa\",", "(id: \"SWAP\",", 1)
        .replacen("(id: \"al_tanf\",", "(id: \"usa\",", 1)
        .replacen("(id: \"SWAP\",", "(id: \"al_tanf\",", 1);
    assert_ne!(swapped, text);
    let f = tmp.path().join("swapped.ron");
    std::fs::write(&f, swapped).unwrap();
    let e = fails(wc(&["validate", &f.to_string_lossy()]), 1, "look swapped");
    assert!(
        e.contains("the ids `al_tanf` (side, here) and `usa` (zone"),
        "{e}"
    );
    assert_eq!(e.matches("look swapped").count(), 1, "{e}");
}
