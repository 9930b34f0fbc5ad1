//! The loader refuses capability-style fields (a range, a coordinate, a weapon count) with a message
//! that says whitecell does not model such data, at the field's line and column; `validate` exits 1.

use std::path::{Path, PathBuf};
use std::process::Command;
use whitecell::scenario::load::load_str;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn tutorial() -> String {
    std::fs::read_to_string(root().join("scenarios/tutorial.ron")).expect("tutorial scenario")
}

/// The tutorial with a capability field added after the first occurrence of `anchor`.
fn with_field(text: &str, anchor: &str, field: &str) -> String {
    let at = text.find(anchor).expect("anchor in the tutorial") + anchor.len();
    format!("{}{field}{}", &text[..at], &text[at..])
}

/// Line and column (from 1, in characters) of the first occurrence of `needle`.
fn line_col(text: &str, needle: &str) -> (u32, u32) {
    let at = text.find(needle).expect("needle");
    let before = &text[..at];
    let line = before.matches('\n').count() as u32 + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1;
    (line, col)
}

fn load(text: &str) -> Result<(), whitecell::scenario::Report> {
    let path = root().join("scenarios/forbidden_fail.ron");
    load_str(&path, text, &|p: &Path| std::fs::read_to_string(p)).map(|_| ())
}

const SAYS_WHY: &str = "whitecell models abstract units only";

#[test]
fn the_tutorial_itself_loads() {
    assert!(load(&tutorial()).is_ok());
}

#[test]
fn each_capability_field_is_refused_with_why_at_its_line_and_column() {
    let t = tutorial();
    let cases = [
        (
            "(id: \"frigate\", name: \"Frigate group\", ",
            "range_km: 1500, ",
            "range_km",
            "a range",
        ),
        (
            "(id: \"blue_port\", name: \"Blue Port\", ",
            "lat: 35, ",
            "lat",
            "a geographic coordinate",
        ),
        (
            "(id: \"west_sea\", name: \"West Sea\", ",
            "lon: 36, ",
            "lon",
            "a geographic coordinate",
        ),
        (
            "(id: \"b_frigates\", name: \"Blue frigate group\", ",
            "missiles: 28, ",
            "missiles",
            "a weapon load",
        ),
    ];
    for (anchor, field, name, what) in cases {
        let text = with_field(&t, anchor, field);
        let report = load(&text).expect_err(&format!("`{name}` must be refused"));
        let (line, col) = line_col(&text, field);
        let d = report
            .diagnostics
            .iter()
            .find(|d| d.message.contains(&format!("`{name}`")))
            .unwrap_or_else(|| panic!("no diagnostic names `{name}`: {report}"));
        assert!(d.message.contains(SAYS_WHY), "{}", d.message);
        assert!(d.message.contains(what), "{}", d.message);
        let pos = d.pos.expect("a position");
        assert_eq!((pos.line, pos.col), (line, col), "position of `{name}`");
        let shown = report.to_string();
        assert!(
            shown.contains(&format!("forbidden_fail.ron:{line}:{col}")),
            "{shown}"
        );
        // Explained once, not also as a bare unknown field.
        assert!(!shown.contains("unknown field"), "{shown}");
    }
}

#[test]
fn all_of_them_at_once_are_all_reported() {
    let mut text = tutorial();
    text = with_field(
        &text,
        "(id: \"frigate\", name: \"Frigate group\", ",
        "range_km: 1500, ",
    );
    text = with_field(
        &text,
        "(id: \"blue_port\", name: \"Blue Port\", ",
        "lat: 35, lon: 36, ",
    );
    text = with_field(
        &text,
        "(id: \"b_frigates\", name: \"Blue frigate group\", ",
        "missiles: 28, ",
    );
    let report = load(&text).expect_err("refused");
    let refused = report
        .diagnostics
        .iter()
        .filter(|d| d.message.contains(SAYS_WHY))
        .count();
    assert_eq!(refused, 4, "{report}");
}

#[test]
fn cli_validate_exits_1_and_names_the_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("rulesets")).expect("mkdir");
    std::fs::copy(
        root().join("scenarios/rulesets/default.ron"),
        dir.path().join("rulesets/default.ron"),
    )
    .expect("copy ruleset");
    let text = with_field(
        &tutorial(),
        "(id: \"b_frigates\", name: \"Blue frigate group\", ",
        "missiles: 28, ",
    );
    let file = dir.path().join("bad.ron");
    std::fs::write(&file, &text).expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_whitecell"))
        .arg("validate")
        .arg(&file)
        .output()
        .expect("run whitecell");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    let (line, col) = line_col(&text, "missiles: 28");
    assert!(err.contains(&format!("bad.ron:{line}:{col}")), "{err}");
    assert!(err.contains(SAYS_WHY), "{err}");
    assert!(err.contains("missiles: 28"), "the line is shown: {err}");
}
