//! Findings of issue 11 ("Proof, not hope") about input and messages, each a plain test that
//! failed before its fix: the research guide's seed formula, a byte-order mark, control characters echoed
//! raw, doubled prefixes in `batch` messages, and decoding errors told apart by kind rather than by
//! wording. (The bad-input corpus, `tests/bad_inputs.rs`, holds the messages themselves.)

mod common;

use common::{err, root, wc};
use sha2::{Digest, Sha256};
use whitecell::scenario::de::{DeErrorKind, from_node};

/// One SplitMix64 output, as the research guide writes it.
fn step(mut s: u64) -> u64 {
    s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = s;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[test]
fn a_rows_seed_is_the_readmes_formula() {
    let t = tempfile::tempdir().expect("tempdir");
    let scenario = root().join("scenarios/tutorial.ron");
    let o = wc(&[
        "batch",
        &scenario.to_string_lossy(),
        "--runs",
        "4",
        "--master-seed",
        "7",
        "--sweep",
        "tracks.tension.start=1,3",
        "--format",
        "csv",
        "-q",
        "--out",
        &t.path().to_string_lossy(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    // The research guide says where k comes from; this test computes it the way the guide says.
    let readme = std::fs::read_to_string(root().join("docs/research.md")).expect("research guide");
    assert!(
        readme.contains("k    = the first 8 bytes of the manifest's `scenario_hash` (big-endian u64): SHA-256 over the scenario\n       file's bytes, one 0x00 byte, then the bytes of the ruleset file it names"),
        "the research guide's seed formula changed: change this test with it"
    );
    // k: the first 8 bytes, big-endian, of SHA-256 over the scenario file, one 0x00 byte and the
    // ruleset file it names — the manifest's `scenario_hash`.
    let mut h = Sha256::new();
    h.update(std::fs::read(&scenario).expect("scenario"));
    h.update([0u8]);
    h.update(std::fs::read(root().join("scenarios/rulesets/default.ron")).expect("ruleset"));
    let digest = h.finalize();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(t.path().join("_part-00000-of-00001.manifest.json"))
            .expect("manifest"),
    )
    .expect("json");
    assert_eq!(
        manifest["key"]["scenario_hash"].as_str(),
        Some(hex.as_str())
    );
    let k = u64::from_be_bytes(digest[..8].try_into().expect("8 bytes"));
    let csv = std::fs::read_to_string(t.path().join("part-00000-of-00001.csv")).expect("part");
    let mut lines = csv.lines();
    let head: Vec<&str> = lines.next().expect("header").split(',').collect();
    let col = |name: &str| head.iter().position(|c| *c == name).expect("column");
    let (rep, seed) = (col("replicate"), col("seed"));
    let mut n = 0;
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        let replicate: u64 = cells[rep].parse().expect("replicate");
        // A batch seed is the step's output shifted right by one: below 2^63 (issue 18).
        let expected = step(step(7 ^ k) ^ replicate) >> 1;
        assert_eq!(cells[seed], expected.to_string(), "row {line}");
        n += 1;
    }
    assert_eq!(n, 8, "two sweep points of four runs");
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let t = tempfile::tempdir().expect("tempdir");
    let dir = t.path();
    std::fs::create_dir_all(dir.join("rulesets")).expect("folder");
    std::fs::copy(
        root().join("scenarios/rulesets/default.ron"),
        dir.join("rulesets/default.ron"),
    )
    .expect("ruleset");
    let text = std::fs::read_to_string(root().join("scenarios/tutorial.ron")).expect("tutorial");
    let f = dir.join("bom.ron");
    std::fs::write(&f, format!("\u{feff}{text}")).expect("write");
    let o = wc(&["validate", &f.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
}

#[test]
fn control_characters_in_messages_are_escaped() {
    let scenario = root().join("scenarios/tutorial.ron");
    let o = wc(&[
        "describe",
        &scenario.to_string_lossy(),
        "--side",
        "bl\u{1b}[2Jue\u{7}",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    let e = err(&o);
    assert!(!e.contains('\u{1b}') && !e.contains('\u{7}'), "raw: {e:?}");
    assert!(e.contains("bl\\u{1b}[2Jue\\u{7}"), "{e}");
}

#[test]
fn batch_messages_name_each_flag_once() {
    let t = tempfile::tempdir().expect("tempdir");
    let scenario = root().join("scenarios/tutorial.ron");
    let s = scenario.to_string_lossy().to_string();
    let out = t.path().to_string_lossy().to_string();
    let cases: [(&[&str], &str); 4] = [
        (
            &["--policy", "blue=nonsense"],
            "error: --policy `blue=nonsense`: unknown policy",
        ),
        (
            &["--sweep", "tracks.tension.start=1,"],
            "error: --sweep `tracks.tension.start=1,`: a value is empty",
        ),
        (
            &["--sweep", "tracks.tension.start=a,2"],
            "error: --sweep tracks.tension.start=a: `tracks.tension.start` is a number",
        ),
        (
            &["--sweep", "units.b_frigates.strength=3,11"],
            "error: --sweep units.b_frigates.strength=11: the edited scenario is not valid",
        ),
    ];
    for (flags, expected) in cases {
        let mut args = vec!["batch", &s, "--runs", "2", "-q", "--out", &out];
        args.extend_from_slice(flags);
        let o = wc(&args);
        assert_eq!(o.status.code(), Some(1), "{flags:?}: {}", err(&o));
        let e = err(&o);
        assert!(e.starts_with(expected), "{flags:?}:\n{e}");
        for doubled in [
            "error: error:",
            "--sweep --sweep",
            "--set --set",
            "--policy --policy",
        ] {
            assert!(!e.contains(doubled), "{flags:?}: `{doubled}` in\n{e}");
        }
    }
    // A `--set` is still named as one.
    let o = wc(&[
        "run",
        &s,
        "--seed",
        "1",
        "--set",
        "units.b_frigates.strength=11",
    ]);
    assert!(
        err(&o).starts_with("error: --set units.b_frigates.strength=11: the edited scenario"),
        "{}",
        err(&o)
    );
}

#[test]
fn decoding_errors_have_a_kind() {
    use whitecell::orders::file::SignalText;
    let kind = |text: &str| {
        let node = whitecell::scenario::tree::parse(text).expect("parses");
        from_node::<SignalText>(&node, "signals[0]")
            .expect_err("refused")
            .kind
    };
    assert_eq!(
        kind(r#"(to: "a", kind: Warn, loud: true)"#),
        DeErrorKind::UnknownField
    );
    assert_eq!(
        kind(r#"(to: "a", to: "b", kind: Warn)"#),
        DeErrorKind::Repeated
    );
    assert_eq!(kind(r#"(to: "a")"#), DeErrorKind::MissingField);
    assert_eq!(kind(r#"(to: 3, kind: Warn)"#), DeErrorKind::BadValue);
    assert_eq!(
        kind(r#"(to: "a", kind: Shout)"#),
        DeErrorKind::UnknownVariant
    );
}

#[test]
fn a_bad_save_is_rejected_input_for_every_command() {
    // One rule (README, Commands): a damaged save is exit 1 from every command that opens the game.
    let t = tempfile::tempdir().expect("tempdir");
    let g = t.path().join("g");
    common::new_game(&g, 3);
    let save = g.join("game.save");
    let mut bytes = std::fs::read(&save).expect("save");
    bytes.extend_from_slice(b"junk\n");
    std::fs::write(&save, &bytes).expect("damage the save");
    let gs = g.to_string_lossy().to_string();
    let html = t.path().join("a.html").to_string_lossy().to_string();
    let commands: [&[&str]; 11] = [
        &["status", &gs],
        &["replay", &gs],
        &["adjudicate", &gs, "--yes"],
        &["view", &gs, "--umpire"],
        &["view", &gs, "--side", "usa"],
        &["account", &gs],
        &["fork", &gs, "--from-turn", "0", "--runs", "2"],
        &["report", &gs, "--out", &html],
        &["inject", &gs, "chemical_allegation", "--reason", "test"],
        &[
            "amend", &gs, "--track", "tension", "--value", "4", "--reason", "test",
        ],
        &["rollback", &gs, "--to-turn", "0", "--reason", "test"],
    ];
    for args in commands {
        let o = wc(args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", err(&o));
        assert!(err(&o).contains("game.save"), "{args:?}: {}", err(&o));
    }
    assert_eq!(
        std::fs::read(&save).expect("save"),
        bytes,
        "the save is left as it was"
    );
}

#[test]
fn orders_sign_and_submit_show_each_problem_at_its_line() {
    let t = tempfile::tempdir().expect("tempdir");
    let g = t.path().join("g");
    common::new_game(&g, 5);
    let id = common::view(&g, "usa").game;
    let f = t.path().join("orders.ron");
    let text = common::orders_ron(
        &id,
        "usa",
        1,
        &[("us_ross", "Hold"), ("us_rosss", "Move(\"west_med\")")],
    );
    std::fs::write(&f, text).expect("write");
    let (fs, gs) = (f.to_string_lossy(), g.to_string_lossy());
    let key = g.join("keys/usa.key").to_string_lossy().to_string();
    for args in [
        vec!["orders", "sign", &fs, "--key", &key],
        vec!["orders", "submit", &fs, &gs, "--key", &key],
    ] {
        let o = wc(&args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", err(&o));
        let e = err(&o);
        assert!(
            e.contains(&format!("{fs}:7:5: orders[1]: unit `us_rosss`")),
            "{args:?}:\n{e}"
        );
        assert!(e.contains(" 7 |     (unit: \"us_rosss\""), "{args:?}:\n{e}");
    }
}
