//! The command line as a user meets it: exit codes, messages, and `run` giving the same game for
//! the same seed.

mod common;

use std::process::{Command, Output};

fn whitecell(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_whitecell"))
        .args(args)
        .current_dir(common::root())
        .output()
        .expect("runs")
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn final_hash(stdout: &str) -> String {
    stdout
        .lines()
        .find_map(|l| l.strip_prefix("final state hash: "))
        .expect("a final hash")
        .to_string()
}

#[test]
fn validate_accepts_good_files_and_rejects_bad_ones_with_exit_1() {
    let ok = whitecell(&["validate", "scenarios/tutorial.ron"]);
    assert_eq!(ok.status.code(), Some(0), "{:?}", text(&ok));
    let bad = whitecell(&[
        "validate",
        "scenarios/tests/fail/three_problems_fail.ron",
        "scenarios/tutorial.ron",
    ]);
    let (out, err) = text(&bad);
    assert_eq!(bad.status.code(), Some(1));
    assert!(out.contains("ok: scenarios/tutorial.ron"), "{out}");
    assert_eq!(
        err.matches("error: scenarios/tests/fail/three_problems_fail.ron:")
            .count(),
        3,
        "{err}"
    );
    assert!(
        err.contains(":21:63: units[0].zoen: unknown field `zoen`; did you mean `zone`?"),
        "{err}"
    );
    assert!(err.contains("3 problems found"));
    assert!(!err.contains("panicked"));
}

#[test]
fn missing_files_and_bad_arguments_get_clear_messages() {
    let o = whitecell(&["validate", "no/such/file.ron"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o)
            .1
            .contains("no/such/file.ron: cannot read the file")
    );
    let o = whitecell(&[
        "run",
        "scenarios/tutorial.ron",
        "--seed",
        "1",
        "--policy",
        "green=hold",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o)
            .1
            .contains("no side `green`; the sides are: blue, red"),
        "{:?}",
        text(&o)
    );
    let o = whitecell(&[
        "run",
        "scenarios/tutorial.ron",
        "--seed",
        "1",
        "--policy",
        "red=agressive",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o).1.contains("unknown policy `agressive`"),
        "{:?}",
        text(&o)
    );
    let o = whitecell(&["run", "scenarios/tutorial.ron", "--seed", "minus one"]);
    assert_eq!(o.status.code(), Some(2));
    let o = whitecell(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn run_prints_turns_and_the_same_seed_gives_the_same_hash() {
    let a = whitecell(&["run", "scenarios/tutorial.ron", "--seed", "7"]);
    let (out, err) = text(&a);
    assert_eq!(a.status.code(), Some(0), "{err}");
    assert!(out.contains("== Turn 1: Day 1 =="), "{out}");
    assert!(out.contains("end of turn 1: state hash "));
    assert!(out.contains("outcome: "));
    let b = whitecell(&["run", "scenarios/tutorial.ron", "--seed", "7"]);
    assert_eq!(final_hash(&out), final_hash(&text(&b).0));
    assert_eq!(
        out,
        text(&b).0,
        "the whole account repeats, not just the hash"
    );
    let c = whitecell(&["run", "scenarios/tutorial.ron", "--seed", "8"]);
    assert_ne!(final_hash(&out), final_hash(&text(&c).0));
}

#[test]
fn run_writes_every_event_as_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("game.jsonl");
    let o = whitecell(&[
        "run",
        "scenarios/tutorial.ron",
        "--seed",
        "3",
        "--quiet",
        "--log",
        log.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let body = std::fs::read_to_string(&log).unwrap();
    let events: Vec<serde_json::Value> = body
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert!(events.iter().all(|e| e["type"].is_string()));
    assert_eq!(events[0]["type"], "TurnStarted");
    assert!(
        events
            .iter()
            .any(|e| e["type"] == "DetectionRoll" && e["roll"].is_u64())
    );
    assert_eq!(events.last().unwrap()["type"], "TurnEnded");
    let last_hash = events.last().unwrap()["hash"].as_str().unwrap().to_string();
    assert_eq!(last_hash, final_hash(&text(&o).0));
    // No temporary file is left beside the log.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}
