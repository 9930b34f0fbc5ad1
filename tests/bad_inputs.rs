//! The bad-input corpus (issue 11): broken scenarios (`tests/bad_inputs/scenarios/*.ron`, run
//! through the real loader) and broken orders files (`tests/bad_inputs/orders/*.ron`, run through
//! `whitecell orders check` against a real game of `scenarios/eastern-med-2018.ron`), each with the
//! message it must get checked in beside it as `NAME.expected`. Every problem must name the file,
//! line and column, and show the line; every problem past the syntax also names its field path.
//!
//! A change of wording shows up here as a diff: `UPDATE_SNAPSHOTS=1 cargo test --test bad_inputs`
//! rewrites the `.expected` files, to be reviewed and committed on purpose.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The corpus files of one folder, sorted.
fn corpus(dir: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(common::root().join(dir))
        .expect("corpus folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    v.sort();
    v
}

/// Compares `actual` with the snapshot beside `case` (or writes it, under `UPDATE_SNAPSHOTS`);
/// returns a description of the difference.
fn snapshot(case: &Path, actual: &str) -> Option<String> {
    let path = case.with_extension("expected");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).expect("write the snapshot");
        return None;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected == actual {
        return None;
    }
    Some(format!(
        "{}: the message differs from {} (UPDATE_SNAPSHOTS=1 rewrites it)\n--- expected\n{expected}\n--- actual\n{actual}",
        case.display(),
        path.display()
    ))
}

/// The path of a corpus file as messages show it: relative to the package root.
fn relative(case: &Path) -> PathBuf {
    case.strip_prefix(common::root())
        .expect("under the root")
        .to_path_buf()
}

#[test]
fn every_broken_scenario_gets_its_expected_message() {
    let cases = corpus("tests/bad_inputs/scenarios");
    assert!(
        cases.len() >= 50,
        "50 broken scenarios at least: {}",
        cases.len()
    );
    let mut failures = Vec::new();
    for case in &cases {
        // Loaded by its relative path (the test runs in the package root), as a user names it.
        let rel = relative(case);
        let report = match whitecell::scenario::load_file(&rel) {
            Ok(_) => {
                failures.push(format!("{}: loaded, but it is broken", rel.display()));
                continue;
            }
            Err(r) => r,
        };
        for d in &report.diagnostics {
            if d.pos.is_none() || d.line_text.is_none() {
                failures.push(format!(
                    "{}: a problem without its place:\n{d}",
                    rel.display()
                ));
            }
            if d.path.is_none() && !d.message.starts_with("syntax:") {
                failures.push(format!(
                    "{}: a problem without its field path:\n{d}",
                    rel.display()
                ));
            }
        }
        failures.extend(snapshot(case, &format!("{report}\n")));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_broken_orders_file_gets_its_expected_message() {
    let cases = corpus("tests/bad_inputs/orders");
    assert!(
        cases.len() >= 30,
        "30 broken orders files at least: {}",
        cases.len()
    );
    let tmp = tempfile::tempdir().expect("tempdir");
    let game = tmp.path().join("game");
    common::new_game(&game, 1);
    let id = common::view(&game, "usa").game;
    // Each file is written with the game's id in place of `GAME`, under the same relative path,
    // and checked from there: the messages name it as the corpus does.
    let dir = tmp.path().join("tests/bad_inputs/orders");
    std::fs::create_dir_all(&dir).expect("folder");
    let mut failures = Vec::new();
    for case in &cases {
        let rel = relative(case);
        let text = std::fs::read_to_string(case).expect("corpus file");
        std::fs::write(tmp.path().join(&rel), text.replace("GAME", &id)).expect("write");
        let o = Command::new(env!("CARGO_BIN_EXE_whitecell"))
            .current_dir(tmp.path())
            .args(["orders", "check"])
            .arg(&rel)
            .arg("--game")
            .arg(&game)
            .output()
            .expect("the binary runs");
        let stderr = String::from_utf8_lossy(&o.stderr)
            .replace(&id, "GAME")
            .replace(&tmp.path().to_string_lossy().to_string(), "TMP");
        if o.status.code() != Some(1) {
            failures.push(format!(
                "{}: exit {:?}, not 1 (rejected input):\n{stderr}",
                rel.display(),
                o.status.code()
            ));
        }
        let name = rel.to_string_lossy().to_string();
        for block in stderr.split("\n\n").filter(|b| b.starts_with("error: ")) {
            let placed = block
                .strip_prefix(&format!("error: {name}:"))
                .and_then(|r| r.split(':').next())
                .is_some_and(|line| line.parse::<u32>().is_ok());
            if !placed || !block.contains("\n ") || !block.contains(" | ") {
                failures.push(format!("{name}: a problem without its place:\n{block}"));
            }
        }
        failures.extend(snapshot(
            case,
            &format!("exit {:?}\n{stderr}", o.status.code()),
        ));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
