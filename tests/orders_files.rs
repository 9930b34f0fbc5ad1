//! A team's orders file through `orders check` and `orders sign` on the shipped scenario: a file
//! that is not UTF-8 is rejected input with its place; a file ordering another side's units is
//! refused before it is signed; a view file is only trusted with the side's key.

mod common;
use common::*;

fn setup(tmp: &std::path::Path) -> (std::path::PathBuf, String) {
    let g = tmp.join("game");
    new_game(&g, 31);
    let game_id = view(&g, "usa").game;
    (g, game_id)
}

#[test]
fn an_orders_file_that_is_not_utf8_is_rejected_with_its_place() {
    let tmp = tempfile::tempdir().unwrap();
    let (g, id) = setup(tmp.path());
    let f = tmp.path().join("orders.ron");
    let mut bytes = orders_ron(&id, "usa", 1, &[("us_ross", "Move(\"west_med\")")]).into_bytes();
    // A Latin-1 "é" in a comment on line 2, as an old editor would save it.
    let at = bytes.iter().position(|&b| b == b'\n').unwrap() + 1;
    bytes.splice(at..at, b"// ordre donn\xe9\n".iter().copied());
    std::fs::write(&f, &bytes).unwrap();
    let fs = f.to_string_lossy().to_string();
    let gs = g.to_string_lossy().to_string();
    for args in [
        vec!["orders", "check", &fs, "--game", &gs],
        vec!["orders", "submit", &fs, &gs],
    ] {
        let e = fails(wc(&args), 1, "is not UTF-8 text");
        assert!(e.contains(&format!("{fs}:2:14: byte 0xe9")), "{e}");
        assert!(e.contains("an orders file is RON text in UTF-8"), "{e}");
        assert!(!e.contains("stream did not contain"), "{e}");
    }
}

#[test]
fn sign_refuses_a_file_that_orders_another_sides_units() {
    let tmp = tempfile::tempdir().unwrap();
    let (g, id) = setup(tmp.path());
    let f = tmp.path().join("orders.ron");
    let text = orders_ron(
        &id,
        "usa",
        1,
        &[
            ("us_ross", "Move(\"west_med\")"),
            ("ru_cruiser", "Move(\"west_med\")"),
        ],
    );
    std::fs::write(&f, &text).unwrap();
    let fs = f.to_string_lossy().to_string();
    let k = g.join("keys/usa.key").to_string_lossy().to_string();
    let e = fails(wc(&["orders", "sign", &fs, "--key", &k]), 1, "ru_cruiser");
    assert!(e.contains("not one of `usa`'s units"), "{e}");
    assert_eq!(
        std::fs::read_to_string(&f).unwrap(),
        text,
        "nothing is signed"
    );
    // Its own units only: signed, against the game folder the key is in.
    std::fs::write(
        &f,
        orders_ron(&id, "usa", 1, &[("us_ross", "Move(\"west_med\")")]),
    )
    .unwrap();
    ok(wc(&["orders", "sign", &fs, "--key", &k]));
    assert!(std::fs::read_to_string(&f).unwrap().contains("signature"));
}

#[test]
fn on_a_laptop_sign_and_check_use_the_view_beside_the_key() {
    let tmp = tempfile::tempdir().unwrap();
    let (g, id) = setup(tmp.path());
    let laptop = tmp.path().join("laptop");
    std::fs::create_dir_all(&laptop).unwrap();
    let kf = laptop.join("usa.key");
    std::fs::copy(g.join("keys/usa.key"), &kf).unwrap();
    let f = laptop.join("orders.ron");
    std::fs::write(
        &f,
        orders_ron(&id, "usa", 1, &[("us_ross", "Move(\"west_med\")")]),
    )
    .unwrap();
    let (fs, ks) = (
        f.to_string_lossy().to_string(),
        kf.to_string_lossy().to_string(),
    );
    // No view beside the key yet: sign says what it needs.
    fails(wc(&["orders", "sign", &fs, "--key", &ks]), 1, "--game");
    let vf = laptop.join("usa.json");
    std::fs::copy(g.join("views/usa.json"), &vf).unwrap();
    ok(wc(&["orders", "sign", &fs, "--key", &ks]));
    // Checking against a view file needs the key that proves it.
    let vs = vf.to_string_lossy().to_string();
    fails(
        wc(&["orders", "check", &fs, "--game", &vs]),
        1,
        "give your side's key too",
    );
    ok(wc(&["orders", "check", &fs, "--game", &vs, "--key", &ks]));
    // Another side's view with this key is refused by name.
    let other = laptop.join("russia.json");
    std::fs::copy(g.join("views/russia.json"), &other).unwrap();
    fails(
        wc(&[
            "orders",
            "check",
            &fs,
            "--game",
            &other.to_string_lossy(),
            "--key",
            &ks,
        ]),
        1,
        "is side `russia`'s view, but your key is side `usa`'s",
    );
}
