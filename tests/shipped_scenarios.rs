//! Every shipped scenario goes through the real loader, compiles, plays one game to an outcome, and
//! passes `whitecell validate` and `whitecell describe` from the command line.

use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;
use whitecell::dice::Dice;
use whitecell::model::Compiled;
use whitecell::policy::PolicySpec;
use whitecell::sim::Engine;
use whitecell::sim::autoplay::play_to_end;

fn shipped() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("scenarios folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    out.sort();
    out
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_whitecell"))
}

#[test]
fn every_shipped_scenario_loads_and_plays_to_an_outcome() {
    let files = shipped();
    assert!(
        files.len() >= 2,
        "expected the tutorial and eastern-med-2018: {files:?}"
    );
    for f in files {
        let loaded = whitecell::scenario::load_file(&f)
            .unwrap_or_else(|r| panic!("{} must load:\n{r}", f.display()));
        let c = Arc::new(Compiled::new(&loaded).expect("compiles"));
        let policies: Vec<PolicySpec> = c
            .scenario
            .sides
            .iter()
            .map(|s| PolicySpec::parse(s.policy.as_deref().unwrap_or("random")).expect("policy"))
            .collect();
        let mut e = Engine::new(c.clone(), Dice::seeded(7));
        play_to_end(&mut e, &policies, |_| {});
        assert!(e.outcome().is_some(), "{}: no outcome", f.display());
    }
}

#[test]
fn cli_validates_and_describes_every_shipped_scenario() {
    let files = shipped();
    let out = bin().arg("validate").args(&files).output().expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for f in &files {
        let out = bin().arg("describe").arg(f).output().expect("run");
        assert_eq!(out.status.code(), Some(0), "describe {}", f.display());
        let text = String::from_utf8_lossy(&out.stdout);
        for heading in ["Sides", "Zones", "Units at the start", "Tracks", "Victory"] {
            assert!(text.contains(heading), "{}: no `{heading}`", f.display());
        }
    }
}

#[test]
fn describe_names_the_sides_when_given_an_unknown_one() {
    let f = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios/eastern-med-2018.ron");
    let out = bin()
        .args(["describe", "--side", "rusia"])
        .arg(&f)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("did you mean `russia`?"), "{err}");
    assert!(err.contains("armed_groups"), "{err}");
    let ok = bin()
        .args(["describe", "--side", "syria"])
        .arg(&f)
        .output()
        .expect("run");
    assert_eq!(ok.status.code(), Some(0));
    let text = String::from_utf8_lossy(&ok.stdout);
    assert!(text.contains("Your briefing: Syrian government"), "{text}");
}
