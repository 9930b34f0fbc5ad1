//! Writing a scenario (issue 21): the built-in default ruleset, the author's messages, `init`,
//! `lint` and the map preview, each checked as an author meets it.

mod common;

use common::{fails, ok, root, wc};
use std::path::Path;
use whitecell::scenario::builtin::DEFAULT_RULESET;
use whitecell::scenario::{RulesetRef, load_file};

/// The tutorial's text with its `ruleset` line replaced by `with` (empty: left out).
fn tutorial_with_ruleset(with: &str) -> String {
    let text = std::fs::read_to_string(root().join("scenarios/tutorial.ron")).expect("tutorial");
    let line = "    ruleset: File(\"rulesets/default.ron\"),\n";
    assert!(
        text.contains(line),
        "the tutorial names the default ruleset file"
    );
    text.replace(line, with)
}

#[test]
fn the_built_in_ruleset_is_byte_for_byte_the_shipped_file() {
    let file = std::fs::read_to_string(root().join("scenarios/rulesets/default.ron"))
        .expect("the shipped default ruleset");
    assert_eq!(
        DEFAULT_RULESET, file,
        "the embedded ruleset must be scenarios/rulesets/default.ron"
    );
}

#[test]
fn a_scenario_alone_in_a_folder_gets_the_built_in_ruleset() {
    // A new scenario next to no `rulesets/` folder, naming no ruleset: it loads, with the same
    // ruleset as the tutorial that names the shipped file.
    let dir = tempfile::tempdir().expect("temp dir");
    let shipped = load_file(&root().join("scenarios/tutorial.ron")).expect("the tutorial loads");
    for (name, line) in [
        ("left_out.ron", String::new()),
        ("named.ron", "    ruleset: Default,\n".to_string()),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, tutorial_with_ruleset(&line)).expect("write");
        let l = load_file(&path).unwrap_or_else(|r| panic!("{name} should load:\n{r}"));
        assert_eq!(l.scenario.ruleset, RulesetRef::Default, "{name}");
        assert_eq!(
            l.ruleset, shipped.ruleset,
            "{name}: the built-in is the shipped one"
        );
        // The binary alone checks it, plays it, and makes a game of it that reopens.
        ok(wc(&["validate", &path.to_string_lossy()]));
        ok(wc(&[
            "run",
            &path.to_string_lossy(),
            "--seed",
            "3",
            "--quiet",
        ]));
        let game = dir.path().join(format!("game-{name}"));
        ok(wc(&[
            "new",
            &path.to_string_lossy(),
            &game.to_string_lossy(),
            "--seed",
            "5",
        ]));
        ok(wc(&["status", &game.to_string_lossy()]));
    }
}

#[test]
fn a_missing_ruleset_file_says_where_it_was_looked_for() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("mine.ron");
    std::fs::write(
        &path,
        tutorial_with_ruleset("    ruleset: File(\"rulesets/mine.ron\"),\n"),
    )
    .expect("write");
    let e = fails(
        wc(&["validate", &path.to_string_lossy()]),
        1,
        "rulesets/mine.ron",
    );
    let folder = dir.path().display().to_string();
    assert!(e.contains(&format!("in the folder {folder}")), "{e}");
    assert!(e.contains("leave `ruleset` out"), "{e}");
}

#[test]
fn an_absolute_ruleset_path_is_refused_saying_why_even_when_the_file_exists() {
    let dir = tempfile::tempdir().expect("temp dir");
    let abs = root().join("scenarios/rulesets/default.ron");
    assert!(Path::new(&abs).is_absolute() && abs.exists());
    let path = dir.path().join("abs.ron");
    let line = format!("    ruleset: File({:?}),\n", abs.to_string_lossy());
    std::fs::write(&path, tutorial_with_ruleset(&line)).expect("write");
    let e = fails(wc(&["validate", &path.to_string_lossy()]), 1, "is absolute");
    assert!(!e.contains("cannot read"), "{e}");
}

#[test]
fn init_writes_a_commented_scenario_that_validates_and_plays_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("My Crisis.ron");
    let p = path.to_string_lossy().to_string();
    let said = ok(wc(&["init", &p]));
    assert!(said.contains("whitecell validate"), "{said}");
    let text = std::fs::read_to_string(&path).expect("written");
    // Every section opens with a line saying what it is for.
    for section in [
        "format:",
        "meta:",
        "turns:",
        "sides:",
        "relations:",
        "zones:",
        "unit_types:",
        "units:",
        "tracks:",
        "escalation:",
        "events:",
        "victory:",
    ] {
        let at = text.find(&format!("    {section}")).expect(section);
        let before = text[..at].trim_end().lines().last().unwrap_or("");
        assert!(
            before.trim_start().starts_with("//"),
            "`{section}` has no comment: {before}"
        );
    }
    assert!(
        text.contains("id: \"my_crisis\""),
        "the id comes from the file name"
    );
    let l = load_file(&path).unwrap_or_else(|r| panic!("the template loads:\n{r}"));
    assert_eq!(l.scenario.sides.len(), 2);
    assert!(l.scenario.zones.iter().all(|z| z.layout.is_some()));
    assert_eq!(l.scenario.ruleset, RulesetRef::Default);
    ok(wc(&["validate", &p]));
    ok(wc(&["run", &p, "--seed", "1", "--quiet"]));
    // Never overwritten: the file is left as it was.
    std::fs::write(&path, "edited").expect("edit");
    fails(wc(&["init", &p]), 1, "never overwrites");
    assert_eq!(std::fs::read_to_string(&path).expect("kept"), "edited");
    let txt = dir.path().join("x.txt");
    fails(wc(&["init", &txt.to_string_lossy()]), 1, "ends in `.ron`");
    assert!(!txt.exists());
}
