//! The batch progress bar (indicatif): drawn on a terminal with the count, rate and time left,
//! absent when stderr is not a terminal. The terminal is a pseudo-terminal from util-linux
//! `script`; without it the first half is skipped with a note (a failure under
//! `WHITECELL_REQUIRE_TOOLS`).

#![allow(clippy::print_stderr)]

use std::process::Command;

fn args(out: &std::path::Path) -> String {
    format!(
        "{} batch {}/scenarios/tutorial.ron --runs 2000 --threads 1 --out {}",
        env!("CARGO_BIN_EXE_whitecell"),
        env!("CARGO_MANIFEST_DIR"),
        out.display()
    )
}

#[test]
fn the_progress_bar_shows_on_a_terminal_only() {
    let t = tempfile::tempdir().expect("tempdir");
    let piped = Command::new("sh")
        .args(["-c", &args(&t.path().join("piped"))])
        .output()
        .expect("runs");
    assert!(piped.status.success());
    let err = String::from_utf8_lossy(&piped.stderr);
    assert!(!err.contains("left"), "a bar off a terminal: {err}");
    let have_script = Command::new("sh")
        .args(["-c", "command -v script"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !have_script {
        assert!(
            std::env::var_os("WHITECELL_REQUIRE_TOOLS").is_none(),
            "util-linux `script` is missing, and WHITECELL_REQUIRE_TOOLS is set"
        );
        eprintln!("skipping the terminal half: util-linux `script` is missing");
        return;
    }
    let tty = Command::new("script")
        .args(["-qfec", &args(&t.path().join("tty")), "/dev/null"])
        .output()
        .expect("script runs");
    assert!(tty.status.success());
    let shown = String::from_utf8_lossy(&tty.stdout);
    assert!(
        shown.contains("/2000 games") && shown.contains("/s") && shown.contains("left"),
        "no bar on a terminal: {shown}"
    );
}
