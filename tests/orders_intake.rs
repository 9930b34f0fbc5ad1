//! Each forged or misdirected orders file is refused with a clear message and exit 1, and leaves the
//! save untouched; a good one gets a receipt.

mod common;
use common::*;
use std::path::Path;

struct Fixture {
    _tmp: tempfile::TempDir,
    g: std::path::PathBuf,
    game: String,
    a: String,
    b: String,
    ua: String,
    za: String,
    ub: String,
}

fn fixture() -> Fixture {
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("game");
    new_game(&g, 31337);
    let s = sides();
    let va = view(&g, &s[0]);
    let vb = view(&g, &s[1]);
    let (ua, za) = some_move(&va);
    let ub = vb.own[0].id.clone();
    Fixture {
        game: va.game.clone(),
        a: s[0].clone(),
        b: s[1].clone(),
        ua,
        za,
        ub,
        g,
        _tmp: tmp,
    }
}

impl Fixture {
    fn key(&self, side: &str) -> String {
        self.g
            .join("keys")
            .join(format!("{side}.key"))
            .to_string_lossy()
            .into()
    }
    fn gs(&self) -> String {
        self.g.to_string_lossy().into()
    }
    /// Writes an orders file and signs it with `signer`'s key (if any).
    fn file(
        &self,
        name: &str,
        game: &str,
        side: &str,
        turn: u32,
        orders: &[(&str, &str)],
        signer: Option<&str>,
    ) -> String {
        let p = self.g.parent().unwrap().join(name);
        std::fs::write(&p, orders_ron(game, side, turn, orders)).unwrap();
        let ps = p.to_string_lossy().to_string();
        if let Some(s) = signer {
            // Sign as the tool would, whatever key the forger holds.
            let key = whitecell::game::store::intake::SideKey::parse(
                &std::fs::read_to_string(self.key(s)).unwrap(),
            )
            .unwrap();
            let text = std::fs::read_to_string(&p).unwrap();
            let mut f = whitecell::orders::parse_orders(Path::new(&ps), &text).unwrap();
            f.signature = Some(whitecell::game::store::intake::sign(&f, &key.key));
            std::fs::write(&p, whitecell::game::store::intake::to_ron(&f)).unwrap();
        }
        ps
    }
    fn mv(&self) -> String {
        format!("Move(\"{}\")", self.za)
    }
}

#[test]
fn forged_and_misdirected_orders_are_refused() {
    let f = fixture();
    let gs = f.gs();
    let mv = f.mv();
    let before = std::fs::read(f.g.join("game.save")).unwrap();
    let good = [(f.ua.as_str(), mv.as_str())];

    let p = f.file(
        "other-game.ron",
        "some-other-game",
        &f.a,
        1,
        &good,
        Some(&f.a),
    );
    fails(
        wc(&["orders", "submit", &p, &gs]),
        1,
        "for game `some-other-game`",
    );
    let p = f.file("later.ron", &f.game, &f.a, 2, &good, Some(&f.a));
    fails(
        wc(&["orders", "submit", &p, &gs]),
        1,
        "for turn 2, but orders are due for turn 1",
    );
    let p = f.file("unsigned.ron", &f.game, &f.a, 1, &good, None);
    fails(wc(&["orders", "submit", &p, &gs]), 1, "not signed");
    // Side b's key signing orders that claim to be side a's.
    let p = f.file("forged.ron", &f.game, &f.a, 1, &good, Some(&f.b));
    fails(
        wc(&["orders", "submit", &p, &gs]),
        1,
        "signature does not match",
    );
    // Side a's key used to hand in orders written as side b's.
    let p = f.file("misdirected.ron", &f.game, &f.b, 1, &[], None);
    fails(
        wc(&["orders", "submit", &p, &gs, "--key", &f.key(&f.a)]),
        1,
        &format!("this key is side `{}`'s", f.a),
    );
    // Signed, then changed.
    let p = f.file("tampered.ron", &f.game, &f.a, 1, &good, Some(&f.a));
    let t = std::fs::read_to_string(&p)
        .unwrap()
        .replace("Move(", "Patrol(");
    std::fs::write(&p, t).unwrap();
    fails(
        wc(&["orders", "submit", &p, &gs]),
        1,
        "signature does not match",
    );
    // Properly signed by side a, but ordering one of side b's units.
    let p = f.file(
        "theirs.ron",
        &f.game,
        &f.a,
        1,
        &[(f.ub.as_str(), "Hold")],
        Some(&f.a),
    );
    fails(
        wc(&["orders", "submit", &p, &gs]),
        1,
        &format!("unit `{}` is not one of `{}`'s units", f.ub, f.a),
    );
    fails(
        wc(&["orders", "check", &p, "--game", &gs]),
        1,
        "a side may only order its own units",
    );
    let p = f.file(
        "ghost.ron",
        &f.game,
        &f.a,
        1,
        &[("no_such_unit", "Hold")],
        Some(&f.a),
    );
    fails(
        wc(&["orders", "submit", &p, &gs]),
        1,
        "unit `no_such_unit` is not one of",
    );
    // Malformed: the message names the line and column.
    let p = f.g.parent().unwrap().join("broken.ron");
    std::fs::write(&p, format!("(\n  game: \"{}\",\n  side: \"{}\",\n  turn: 1,\n  orders: [ (unit: \"{}\", order: Teleport(\"x\")) ],\n)\n", f.game, f.a, f.ua)).unwrap();
    let e = fails(
        wc(&["orders", "submit", &p.to_string_lossy(), &gs]),
        1,
        "broken.ron:5:",
    );
    assert!(e.contains("Teleport"), "{e}");
    // A key file from another game.
    let tmp2 = tempfile::tempdir().unwrap();
    new_game(&tmp2.path().join("g2"), 5);
    let other_key = tmp2
        .path()
        .join("g2")
        .join("keys")
        .join(format!("{}.key", f.a));
    let p = f.file("plain.ron", &f.game, &f.a, 1, &good, None);
    fails(
        wc(&[
            "orders",
            "submit",
            &p,
            &gs,
            "--key",
            &other_key.to_string_lossy(),
        ]),
        1,
        "this key is for game",
    );
    fails(
        wc(&["play", &gs, "--key", &other_key.to_string_lossy()]),
        1,
        "this key is for game",
    );

    assert_eq!(
        std::fs::read(f.g.join("game.save")).unwrap(),
        before,
        "no refused file changed the save"
    );
    let st = ok(wc(&["status", &gs]));
    assert!(
        st.lines()
            .any(|l| l.trim_start().starts_with(&format!("{} ", f.a)) && l.contains(" waiting")),
        "{st}"
    );

    // The same orders, signed with the right key, are accepted with a receipt.
    let p = f.file("good.ron", &f.game, &f.a, 1, &good, Some(&f.a));
    let o = ok(wc(&["orders", "submit", &p, &gs]));
    assert!(o.contains("receipt "), "{o}");
    let receipt = o.split_whitespace().last().unwrap();
    assert_eq!(receipt.len(), 64);
    assert!(ok(wc(&["status", &gs])).contains(receipt));
    // A replay of the same file after the turn is played is refused: wrong turn.
    ok(wc(&["adjudicate", &gs]));
    fails(
        wc(&["orders", "submit", &p, &gs]),
        1,
        "that turn has been played",
    );
}

#[test]
fn illegal_but_well_formed_orders_are_explained() {
    let f = fixture();
    // Move a unit to a zone beyond reach: `check` refuses, explaining why.
    let v = view(&f.g, &f.a);
    let far = v.scenario.zones.iter().map(|z| z.id.clone()).find(|z| {
        let o = wc(&[
            "orders",
            "check",
            &f.file(
                "far.ron",
                &f.game,
                &f.a,
                1,
                &[(f.ua.as_str(), &format!("Move(\"{z}\")"))],
                None,
            ),
            "--game",
            &f.gs(),
        ]);
        !o.status.success()
    });
    let z = far.expect("some zone is out of reach");
    let p = f.file(
        "far.ron",
        &f.game,
        &f.a,
        1,
        &[(f.ua.as_str(), &format!("Move(\"{z}\")"))],
        Some(&f.a),
    );
    let e = fails(
        wc(&["orders", "check", &p, "--game", &f.gs()]),
        1,
        "the unit will hold",
    );
    assert!(e.contains(&f.ua), "{e}");
    // Submitting still records them (the engine rejects the order at adjudication, with its reason).
    let o = ok(wc(&["orders", "submit", &p, &f.gs()]));
    assert!(o.contains("warning:"), "{o}");
    let adj = ok(wc(&["adjudicate", &f.gs()]));
    assert!(adj.contains(&format!("reject {} {}", f.a, f.ua)), "{adj}");
    let v = view(&f.g, &f.a);
    assert!(
        v.last_turn
            .iter()
            .any(|r| r.what == "rejected" && r.unit.as_deref() == Some(f.ua.as_str())),
        "the team's view explains the rejection"
    );
}

#[test]
fn an_older_file_does_not_silently_replace_orders_already_in() {
    let f = fixture();
    let hold = "Hold".to_string();
    let mv = format!("Move(\"{}\")", f.za);
    let v1 = f.file("v1.ron", &f.game, &f.a, 1, &[(&f.ua, &hold)], Some(&f.a));
    let v2 = f.file("v2.ron", &f.game, &f.a, 1, &[(&f.ua, &mv)], Some(&f.a));
    ok(wc(&["orders", "submit", &v2, &f.gs()]));
    let before = std::fs::read(f.g.join("game.save")).unwrap();
    fails(wc(&["orders", "submit", &v1, &f.gs()]), 1, "are already in");
    assert_eq!(
        std::fs::read(f.g.join("game.save")).unwrap(),
        before,
        "the refused file changed nothing"
    );
    // Handing the same file in again is harmless; replacing takes --replace.
    ok(wc(&["orders", "submit", &v2, &f.gs()]));
    let o = ok(wc(&["orders", "submit", &v1, &f.gs(), "--replace"]));
    assert!(o.contains("accepted 1 order(s)"), "{o}");
    let st = ok(wc(&["status", &f.gs()]));
    let v1_receipt = o.split_whitespace().last().unwrap().to_string();
    assert!(st.contains(&v1_receipt), "{st}");
}
