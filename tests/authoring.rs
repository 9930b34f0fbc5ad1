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

/// The `init` template with `edits` made, written to `dir/name`.
fn edited_template(dir: &Path, name: &str, edits: &[(&str, &str)]) -> std::path::PathBuf {
    let path = dir.join(name);
    let mut text = whitecell::scenario::template::text("draft");
    for (from, to) in edits {
        assert!(text.contains(from), "the template has no `{from}`");
        text = text.replacen(from, to, 1);
    }
    std::fs::write(&path, text).expect("write");
    path
}

#[test]
fn lint_finds_what_validates_but_is_probably_a_mistake() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = edited_template(
        dir.path(),
        "draft.ron",
        &[
            // Two zones at one map position.
            ("layout: (3, 3)", "layout: (2, 4)"),
            // A link drawn straight through a zone: North Capital (0, 0) to the Bay (0, 2) passes
            // the North Hills at (0, 1).
            ("layout: (1, 1)", "layout: (0, 1)"),
            ("layout: (1, 3)", "layout: (0, 2)"),
            // A Manual event nothing fires.
            (
                "(at: 4, label: \"Crisis\", event: \"mediation\")",
                "(at: 4, label: \"Crisis\")",
            ),
            // A threshold aimed at a turn-scheduled event.
            (
                "(at: 8, label: \"War\")",
                "(at: 8, label: \"War\", event: \"reserves\")",
            ),
            // An objective always true at the end of a 6-turn game.
            (
                "(name: \"Keep the peace\", points: 1, when: TrackAtMost(\"tension\", 3)),",
                "(name: \"Keep the peace\", points: 1, when: TrackAtMost(\"tension\", 3)),\n                (name: \"Endure\", points: 1, when: TurnAtLeast(6)),",
            ),
            // A land route to the key town for one side only: South's armour cannot enter towns.
            (
                "stealth: 1, enters: [Coast, Land, Urban, Rough]",
                "stealth: 1, enters: [Coast, Land]",
            ),
            // Capability-style figures in free text.
            (
                "zone: \"south_port\", strength: 2, source: \"Invented for the exercise.\"",
                "zone: \"south_port\", strength: 2, source: \"A 30-knot flotilla with a 40 km radar range.\"",
            ),
            (
                "(id: \"bay\", name: \"The Bay\", kind: Sea,",
                "(id: \"bay\", name: \"The Bay\", kind: Sea, note: \"Patrolled by 30-knot boats with a 40 km radar range.\",",
            ),
        ],
    );
    let p = path.to_string_lossy().to_string();
    ok(wc(&["validate", &p]));
    let o = ok(wc(&["lint", &p, "--games", "40"]));
    for (code, place) in [
        ("same-position", "zones[5].layout"),
        ("link-through-zone", "zones[0].neighbours[1]"),
        ("unfired-event", "events[0].trigger"),
        ("threshold-on-scheduled", "tracks[0].thresholds[2].event"),
        ("objective-always", "victory.objectives[\"north\"][2].when"),
        ("capability-figure", "units[3].source"),
        ("capability-figure", "zones[3].note"),
        ("one-side-reach", "zones[2].value"),
    ] {
        assert!(
            o.lines()
                .any(|l| l.starts_with(&format!("warning[{code}]:")) && l.contains(place)),
            "no `{code}` warning at {place} in:\n{o}"
        );
    }
    // The figures are quoted, and the honest wording stays unflagged.
    assert!(o.contains("\"30 knot\""), "{o}");
    assert!(o.contains("if nobody moves (every side `hold`)"), "{o}");
    assert!(o.contains("played 40 games"), "{o}");
    // A scenario that does not load is rejected input, with the loader's report.
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "Scenario(format: 1)").expect("write");
    fails(wc(&["lint", &broken.to_string_lossy()]), 1, "is missing");
    // Warnings are not errors, unless asked.
    fails(
        wc(&["lint", &p, "--games", "0", "--deny-warnings"]),
        1,
        "--deny-warnings",
    );
    // Explained in the template, the war the bots never reach is shown as explained.
    assert!(o.contains("explained[ending-never-reached]"), "{o}");
    // The template itself lints clean, by play too: its one warning is explained in it.
    let clean = edited_template(dir.path(), "clean.ron", &[]);
    let o = ok(wc(&["lint", &clean.to_string_lossy(), "--deny-warnings"]));
    assert!(
        o.contains("no warnings (1 explained in the scenario)"),
        "{o}"
    );
}

#[test]
fn lint_by_play_finds_a_side_that_never_wins_and_a_zone_never_entered() {
    let dir = tempfile::tempdir().expect("temp dir");
    // South holds still and its armour cannot leave its plain: it never wins, and nobody ever
    // goes to the North Hills' far side.
    let path = edited_template(
        dir.path(),
        "lopsided.ron",
        &[
            (
                "// lint: ending-never-reached war:",
                "// (no longer explained)",
            ),
            ("policy: \"aggressive\"", "policy: \"hold\""),
            ("policy: \"cautious\"", "policy: \"hold\""),
            (
                "(id: \"n_infantry\", name: \"North infantry\", side: \"north\", type: \"infantry\", zone: \"north_hills\"",
                "(id: \"n_infantry\", name: \"North infantry\", side: \"north\", type: \"infantry\", zone: \"market_town\"",
            ),
        ],
    );
    let o = ok(wc(&["lint", &path.to_string_lossy(), "--games", "20"]));
    assert!(o.contains("warning[side-never-wins]"), "{o}");
    assert!(o.contains("`south` never won"), "{o}");
    assert!(o.contains("warning[zone-never-entered]"), "{o}");
    assert!(o.contains("warning[nobody-moves-wins]"), "{o}");
    for code in [
        "ending-never-reached",
        "event-never-fired",
        "objective-never-met",
        "objective-always-met",
    ] {
        assert!(o.contains(&format!("warning[{code}]")), "{code}:\n{o}");
    }
}

#[test]
fn the_shipped_scenarios_lint_clean_or_explain_each_warning() {
    for s in ["scenarios/tutorial.ron", "scenarios/eastern-med-2018.ron"] {
        let o = ok(wc(&[
            "lint",
            &root().join(s).to_string_lossy(),
            "--deny-warnings",
        ]));
        assert!(!o.contains("warning["), "{s}:\n{o}");
        // What scenarios/README.md says lint prints for it.
        let guide = std::fs::read_to_string(root().join("scenarios/README.md")).expect("guide");
        for line in o
            .lines()
            .filter(|l| l.starts_with("played ") || l.starts_with("if nobody"))
        {
            assert!(guide.contains(line), "the guide should show `{line}`");
        }
    }
}

/// The map of turn 0 in a page: from its `<svg class="map` with `data-turn="0"` to the legend.
fn start_map(page: &str) -> &str {
    let at = page
        .find("<svg class=\"map current\" data-turn=\"0\"")
        .or_else(|| page.find("<svg class=\"map\" data-turn=\"0\""))
        .expect("a map of turn 0");
    let end = page[at..]
        .find("<div class=\"legend\"")
        .expect("the legend")
        + at;
    &page[at..end]
}

#[test]
fn describe_map_writes_the_reports_map_of_turn_0_without_a_game() {
    let dir = tempfile::tempdir().expect("temp dir");
    let scenario = root().join("scenarios/eastern-med-2018.ron");
    let s = scenario.to_string_lossy().to_string();
    let preview = dir.path().join("map.html");
    let said = ok(wc(&["describe", &s, "--map", &preview.to_string_lossy()]));
    assert!(said.contains("wrote the map at the start"), "{said}");
    let page = std::fs::read_to_string(&preview).expect("the preview");
    // One self-contained file: nothing fetched.
    assert!(page.starts_with("<!DOCTYPE html>"));
    for outside in ["src=\"http", "href=\"http", "<link ", "@import"] {
        assert!(!page.contains(outside), "fetches `{outside}`");
    }
    // Every zone, every unit on the map at the start, and the controllers' colours.
    let l = load_file(&scenario).expect("loads");
    for z in &l.scenario.zones {
        assert!(
            page.contains(&z.name.replace('&', "&amp;")) || page.contains(&z.id),
            "zone {}",
            z.id
        );
    }
    for u in &l.scenario.units {
        assert!(
            page.contains(&u.name.replace('&', "&amp;")),
            "unit {}",
            u.id
        );
    }
    // The same drawing as the after-action report's map of the start: a game with no turn played,
    // reported, shows the very same map.
    let game = dir.path().join("game");
    ok(wc(&["new", &s, &game.to_string_lossy(), "--seed", "9"]));
    let report = dir.path().join("report.html");
    ok(wc(&[
        "report",
        &game.to_string_lossy(),
        "--out",
        &report.to_string_lossy(),
    ]));
    let report = std::fs::read_to_string(&report).expect("the report");
    assert_eq!(start_map(&page), start_map(&report));
    // A side's summary and the white cell's map do not mix.
    let o = wc(&["describe", &s, "--side", "usa", "--map", "x.html"]);
    assert_eq!(o.status.code(), Some(2), "clap refuses the pair");
}

/// The guide's author's path: its `sh` block of commands and its `ron` block of the edit.
fn authors_path() -> (Vec<String>, String) {
    let guide = std::fs::read_to_string(root().join("scenarios/README.md")).expect("guide");
    let start = guide
        .find("## An author's path")
        .expect("the author's path section");
    let end = guide[start + 3..]
        .find("\n## ")
        .map_or(guide.len(), |e| e + start + 3);
    let section = &guide[start..end];
    let block = |fence: &str| -> String {
        let at = section
            .find(fence)
            .unwrap_or_else(|| panic!("no {fence} block"));
        let body = &section[at + fence.len()..];
        let close = body.find("```").expect("the block closes");
        body[..close].to_string()
    };
    let commands = block("```sh\n")
        .lines()
        .map(|l| l.split(" #").next().unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    let edit = block("```ron\n")
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("\n");
    (commands, edit)
}

/// The lines of the guide's excerpt of the worked example's batch summary (its `text` block).
fn summary_excerpt() -> Vec<String> {
    let guide = std::fs::read_to_string(root().join("scenarios/README.md")).expect("guide");
    let start = guide.find("## An author's path").expect("the section");
    let at = guide[start..].find("```text\n").expect("the excerpt") + start + 8;
    let body = &guide[at..];
    let lines: Vec<String> = body[..body.find("```").expect("closes")]
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    assert!(lines.len() >= 5, "{lines:?}");
    lines
}

#[test]
fn the_guides_authors_path_works_end_to_end() {
    let (commands, edit) = authors_path();
    let excerpt = summary_excerpt();
    let dir = tempfile::tempdir().expect("temp dir");
    let names: Vec<&str> = commands
        .iter()
        .map(|c| c.split_whitespace().nth(1).unwrap_or(""))
        .collect();
    assert_eq!(
        names,
        ["init", "validate", "lint", "describe", "batch", "report"],
        "the guide's path: {commands:?}"
    );
    for (i, cmd) in commands.iter().enumerate() {
        let words: Vec<&str> = cmd.split_whitespace().collect();
        assert_eq!(words[0], "whitecell", "{cmd}");
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_whitecell"))
            .args(&words[1..])
            .current_dir(dir.path())
            .output()
            .expect("the binary runs");
        assert_eq!(
            o.status.code(),
            Some(0),
            "`{cmd}` exits 0 as the guide says:\n{}\n{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        if names[i] == "batch" {
            // The guide's excerpt of the summary is what the batch printed.
            let printed = String::from_utf8_lossy(&o.stdout);
            for line in &excerpt {
                assert!(
                    printed.lines().any(|l| l.trim() == line),
                    "the guide shows `{line}`; the batch printed:\n{printed}"
                );
            }
        }
        if i == 0 {
            // The edit the guide makes after `init`: its line added to `units`.
            let file = dir.path().join(words[2]);
            let text = std::fs::read_to_string(&file).expect("init wrote it");
            let text = text.replacen(
                "    units: [\n",
                &format!("    units: [\n        {edit}\n"),
                1,
            );
            assert!(text.contains("s_infantry"), "the edit went in");
            std::fs::write(&file, text).expect("edit");
        }
    }
    let scenario = load_file(&dir.path().join("my-crisis.ron")).expect("the edited scenario");
    assert!(scenario.scenario.units.iter().any(|u| u.id == "s_infantry"));
    let map = std::fs::read_to_string(dir.path().join("map.html")).expect("the map");
    assert!(map.contains("South infantry"), "the map shows the new unit");
    assert!(dir.path().join("results").is_dir());
    let report = std::fs::read_to_string(dir.path().join("batch.html")).expect("the report");
    assert!(report.contains("<!DOCTYPE html>"));
}

#[test]
fn the_guide_fills_the_gaps_authors_met() {
    let guide = std::fs::read_to_string(root().join("scenarios/README.md")).expect("guide");
    for (what, needle) in [
        ("the built-in ruleset", "built into whitecell"),
        (
            "the folder a ruleset path is searched in",
            "relative to the scenario's folder",
        ),
        ("every bot", "`aggressive`"),
        ("every bot", "`cautious`"),
        ("the bots' parameters", "min_odds"),
        ("who plays a silent side", "`missing`"),
        ("which units take control", "Other domains"),
        (
            "amphibious units in sea zones",
            "`Amphibious` unit\n  alone in a `Sea` zone",
        ),
        ("unarmed units", "`attack: 0`"),
        (
            "batch, not a shell loop",
            "whitecell batch scenarios/my-game.ron",
        ),
    ] {
        assert!(
            guide.contains(needle),
            "the guide should cover {what} (`{needle}`)"
        );
    }
    assert!(
        !guide.contains("for n in $(seq"),
        "batch replaces the shell loop"
    );
}
