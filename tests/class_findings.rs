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
