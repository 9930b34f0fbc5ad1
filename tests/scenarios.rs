//! Every shipped data file goes through the real loader: each scenario under `scenarios/` must
//! load, and each `*_fail.ron` must be rejected with the messages its `// expect:` lines name, every
//! one with a line and a column.

mod common;

use std::path::{Path, PathBuf};
use whitecell::scenario::load_file;

fn ron_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable") {
        let p = entry.expect("entry").path();
        if p.is_dir() {
            // Rulesets are loaded through the scenarios that name them.
            if p.file_name().is_some_and(|n| n != "rulesets") {
                ron_files(&p, out);
            }
        } else if p.extension().is_some_and(|e| e == "ron") {
            out.push(p);
        }
    }
    out.sort();
}

fn all() -> Vec<PathBuf> {
    let mut v = Vec::new();
    ron_files(&common::root().join("scenarios"), &mut v);
    v
}

#[test]
fn every_shipped_scenario_loads() {
    let files: Vec<PathBuf> = all()
        .into_iter()
        .filter(|p| !p.to_string_lossy().ends_with("_fail.ron"))
        .collect();
    assert!(files.iter().any(|p| p.ends_with("scenarios/tutorial.ron")));
    for f in files {
        if let Err(r) = load_file(&f) {
            panic!("{} should load:\n{r}", f.display());
        }
    }
}

#[test]
fn every_fail_scenario_is_rejected_with_its_expected_messages() {
    let fails: Vec<PathBuf> = all()
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with("_fail.ron"))
        .collect();
    assert!(
        fails.len() >= 20,
        "expected a _fail scenario per check, found {}",
        fails.len()
    );
    for f in fails {
        let text = std::fs::read_to_string(&f).unwrap();
        let expects: Vec<&str> = text
            .lines()
            .filter_map(|l| l.strip_prefix("// expect: "))
            .collect();
        assert!(
            !expects.is_empty(),
            "{} has no `// expect:` line",
            f.display()
        );
        let report = match load_file(&f) {
            Ok(_) => panic!("{} should be rejected", f.display()),
            Err(r) => r,
        };
        let shown = report.to_string();
        for e in &expects {
            assert!(
                shown.contains(e),
                "{}: expected `{e}` in:\n{shown}",
                f.display()
            );
        }
        for d in &report.diagnostics {
            assert!(
                d.pos.is_some(),
                "{}: a message without line and column: {d}",
                f.display()
            );
            assert!(
                d.line_text.is_some(),
                "{}: a message without its source line: {d}",
                f.display()
            );
        }
    }
}

#[test]
fn three_problems_in_one_file_give_three_messages_in_one_run() {
    let f = common::root().join("scenarios/tests/fail/three_problems_fail.ron");
    let report = load_file(&f).expect_err("rejected");
    assert_eq!(report.diagnostics.len(), 3, "{report}");
    let lines: Vec<u32> = report
        .diagnostics
        .iter()
        .map(|d| d.pos.unwrap().line)
        .collect();
    assert_eq!(lines, vec![21, 22, 22]);
}
