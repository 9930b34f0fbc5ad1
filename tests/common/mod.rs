//! Helpers shared by the classroom integration tests: run the built binary, read views.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The scenario the classroom tests play. Switching the whole suite to another scenario (e.g.
/// `scenarios/eastern-med-2018.ron`) is this one line: the tests read ids from the views.
pub const SCENARIO: &str = "scenarios/tutorial.ron";

/// The scenario's path from the crate root.
pub fn scenario() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(SCENARIO)
}

/// Runs `whitecell ARGS`.
pub fn wc(args: &[&str]) -> Output {
    wc_in(args, None)
}

/// Runs `whitecell ARGS` with `stdin` piped in.
pub fn wc_in(args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_whitecell"));
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("the binary runs");
    {
        let mut i = child.stdin.take().expect("stdin");
        if let Some(s) = stdin {
            // A command that refuses its arguments exits before reading: a closed pipe is fine.
            let _ = i.write_all(s.as_bytes());
        }
    }
    child.wait_with_output().expect("the binary finishes")
}

/// Stdout as text.
pub fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Stderr as text.
pub fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Asserts success and returns stdout.
pub fn ok(o: Output) -> String {
    assert!(
        o.status.success(),
        "expected success, got {:?}\nstdout:\n{}\nstderr:\n{}",
        o.status.code(),
        out(&o),
        err(&o)
    );
    out(&o)
}

/// Asserts exit code `code` and that stderr mentions `needle`; returns stderr.
pub fn fails(o: Output, code: i32, needle: &str) -> String {
    let e = err(&o);
    assert_eq!(
        o.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{e}",
        out(&o)
    );
    assert!(e.contains(needle), "stderr should mention `{needle}`:\n{e}");
    e
}

/// Creates a game in `dir` with `seed`.
pub fn new_game(dir: &Path, seed: u64) {
    ok(wc(&[
        "new",
        &scenario().to_string_lossy(),
        &dir.to_string_lossy(),
        "--seed",
        &seed.to_string(),
    ]));
}

/// A side's view file, parsed.
pub fn view(dir: &Path, side: &str) -> whitecell::game::view::View {
    let text =
        std::fs::read_to_string(dir.join("views").join(format!("{side}.json"))).expect("view file");
    serde_json::from_str(&text).expect("view parses")
}

/// The sides, from the scenario.
pub fn sides() -> Vec<String> {
    let l = whitecell::scenario::load_file(&scenario()).expect("scenario loads");
    l.scenario.sides.iter().map(|s| s.id.clone()).collect()
}

/// The first legal `Move` of a side's first unit that has one, from its view: (unit, zone).
pub fn some_move(v: &whitecell::game::view::View) -> (String, String) {
    use whitecell::orders::{Command, legal::legal_orders};
    let p = whitecell::game::redact::Picture::from_view(v).expect("view compiles");
    let b = p.board();
    for u in p.state.units.iter().filter(|u| u.side == p.side) {
        for cmd in legal_orders(&b, p.side, u, &|_, _| false) {
            if let Command::Move(z) = cmd {
                return (
                    p.c.unit_name(u.id).to_string(),
                    p.c.zone_name(z).to_string(),
                );
            }
        }
    }
    panic!("side {} has no unit that can move", v.side);
}

/// An orders file's RON text.
pub fn orders_ron(game: &str, side: &str, turn: u32, orders: &[(&str, &str)]) -> String {
    let mut s =
        format!("(\n  game: \"{game}\",\n  side: \"{side}\",\n  turn: {turn},\n  orders: [\n");
    for (u, o) in orders {
        s.push_str(&format!("    (unit: \"{u}\", order: {o}),\n"));
    }
    s.push_str("  ],\n)\n");
    s
}
