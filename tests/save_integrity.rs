//! A corrupted (bit flipped), truncated, newer-version or missing save is refused with a message
//! saying what is wrong and what to do, nothing overwrites the good backup, and the previous good
//! save still loads.

mod common;
use common::*;
use std::path::Path;

fn played_game(dir: &Path) -> String {
    new_game(dir, 777);
    let gs = dir.to_string_lossy().to_string();
    ok(wc(&["adjudicate", &gs, "--missing", "policy"]));
    ok(wc(&["adjudicate", &gs, "--missing", "policy"]));
    gs
}

fn restore(dir: &Path) {
    std::fs::copy(dir.join("game.save.bak"), dir.join("game.save")).unwrap();
}

#[test]
fn a_flipped_bit_is_refused_and_the_backup_loads() {
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("g");
    let gs = played_game(&g);
    let bak = std::fs::read(g.join("game.save.bak")).unwrap();
    let mut bytes = std::fs::read(g.join("game.save")).unwrap();
    let at = bytes.len() / 2;
    bytes[at] ^= 0x04;
    std::fs::write(g.join("game.save"), &bytes).unwrap();
    for cmd in ["status", "adjudicate", "replay"] {
        // A bad save is rejected input: exit 1 from every command (it was 2 from some).
        let e = fails(wc(&[cmd, &gs]), 1, "is corrupted");
        assert!(
            e.contains("game.save.bak") && e.contains("cp "),
            "says what to do: {e}"
        );
    }
    fails(wc(&["view", &gs, "--side", &sides()[0]]), 1, "is corrupted");
    assert_eq!(
        std::fs::read(g.join("game.save.bak")).unwrap(),
        bak,
        "the good backup is untouched"
    );
    restore(&g);
    let st = ok(wc(&["status", &gs]));
    assert!(
        st.contains("turns played: 1"),
        "the previous good save loads, one turn back: {st}"
    );
    ok(wc(&["replay", &gs]));
    ok(wc(&["adjudicate", &gs]));
}

#[test]
fn a_truncated_save_is_refused_and_the_backup_loads() {
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("g");
    let gs = played_game(&g);
    let bytes = std::fs::read(g.join("game.save")).unwrap();
    for cut in [bytes.len() - 10, bytes.len() / 3, 40, 0] {
        std::fs::write(g.join("game.save"), &bytes[..cut]).unwrap();
        let o = wc(&["status", &gs]);
        assert_eq!(o.status.code(), Some(1));
        let e = err(&o);
        assert!(
            e.contains("corrupted") || e.contains("not a whitecell save"),
            "{e}"
        );
        assert!(e.contains("game.save.bak"), "{e}");
    }
    restore(&g);
    assert!(ok(wc(&["status", &gs])).contains("turns played: 1"));
}

#[test]
fn a_newer_format_is_refused_with_the_remedy() {
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("g");
    let gs = played_game(&g);
    let text = std::fs::read_to_string(g.join("game.save")).unwrap();
    std::fs::write(
        g.join("game.save"),
        text.replacen("format=1", "format=9", 1),
    )
    .unwrap();
    let e = fails(
        wc(&["status", &gs]),
        1,
        "save format 9, newer than this whitecell",
    );
    assert!(e.contains("install a newer whitecell"), "{e}");
}

#[test]
fn a_missing_save_or_a_reused_folder_is_explained() {
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("nothing-here");
    fails(
        wc(&["status", &g.to_string_lossy()]),
        1,
        "is this a game folder?",
    );
    let g = tmp.path().join("g");
    new_game(&g, 1);
    let o = wc(&["new", &scenario().to_string_lossy(), &g.to_string_lossy()]);
    fails(o, 1, "already holds a game");
}

#[test]
fn every_write_keeps_the_previous_save_and_leaves_no_temp_files() {
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("g");
    let gs = played_game(&g);
    let before = std::fs::read(g.join("game.save")).unwrap();
    ok(wc(&["adjudicate", &gs]));
    assert_eq!(std::fs::read(g.join("game.save.bak")).unwrap(), before);
    let stray: Vec<_> = std::fs::read_dir(&g)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(stray.is_empty());
    // Every save decodes, and its header checksum covers the body.
    let s = whitecell::game::store::save::Save::read(&g).unwrap();
    assert_eq!(s.journal.len(), 3);
    assert_eq!(
        s.encode().unwrap(),
        std::fs::read(g.join("game.save")).unwrap()
    );
}
