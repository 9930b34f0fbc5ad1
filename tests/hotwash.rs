//! The hotwash's after-action reports, checked in a real browser: a real game of the shipped
//! scenario (several turns, an inject, an amendment, a rollback) is reported, rendered in headless
//! Chromium, screenshotted, and checked from the rendered DOM — no console errors, every zone and
//! unit of the selected turn drawn, the slider changing what is drawn, charts with their points.
//! Each side's report is searched for any unit the side never detected and for the white cell's
//! track. Without Chromium the browser checks skip, saying so; the rest always run.

mod common;
use common::browser::{self, selftest};
use common::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use whitecell::log::LogEvent;

/// The game every test here reports on, played once: the shipped eastern Mediterranean scenario,
/// seed 11, to its end (a sudden death on turn 8), with an inject, an amendment and a rollback.
fn game() -> &'static Path {
    static GAME: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    GAME.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let g = tmp.path().join("class");
        let gs = g.to_string_lossy().to_string();
        new_game(&g, 11);
        let adjudicate = || ok(wc(&["adjudicate", &gs, "--missing", "policy", "--yes"]));
        adjudicate();
        adjudicate();
        ok(wc(&[
            "inject",
            &gs,
            "chemical_allegation",
            "--reason",
            "the class asked what happens if the allegation surfaces",
        ]));
        adjudicate();
        adjudicate();
        ok(wc(&[
            "amend",
            &gs,
            "--unit",
            "ru_cruiser",
            "--strength",
            "1",
            "--reason",
            "the Russian team's order was misread",
        ]));
        adjudicate();
        adjudicate();
        ok(wc(&[
            "rollback",
            &gs,
            "--to-turn",
            "5",
            "--reason",
            "replay day 6 with the corrected orders",
        ]));
        for _ in 0..12 {
            if ok(wc(&["status", &gs])).contains("GAME OVER") {
                break;
            }
            adjudicate();
        }
        (tmp, g)
    })
    .1
    .as_path()
}

/// Writes a report of the game with `args` to `name` in a fresh folder; returns its path.
fn report(dir: &Path, name: &str, args: &[&str]) -> PathBuf {
    let out = dir.join(name);
    let g = game().to_string_lossy().to_string();
    let o = out.to_string_lossy().to_string();
    let mut all = vec!["report", g.as_str(), "--out", o.as_str()];
    all.extend_from_slice(args);
    let printed = ok(wc(&all));
    assert_eq!(printed.lines().count(), 1, "one line: {printed}");
    assert!(printed.contains(&o), "the line names the file: {printed}");
    out
}

/// The game's log, as the folder's `log.jsonl` holds it.
fn log() -> Vec<LogEvent> {
    std::fs::read_to_string(game().join("log.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Each turn's units (`id@zone:strength`) and zones (`id=controller`), by re-adjudicating the save
/// turn by turn through the fork's replay — another path than the report's.
fn expected() -> Vec<(BTreeSet<String>, BTreeSet<String>)> {
    let save = whitecell::game::store::save::Save::read(game()).unwrap();
    let (c, rec) = whitecell::game::umpire::recorded::recorded(&save).unwrap();
    (0..=rec.turns.len() as u32)
        .map(|k| {
            let st = whitecell::batch::fork::replay(&c, &rec, k).unwrap().state();
            let units = st
                .units
                .iter()
                .map(|u| {
                    format!(
                        "{}@{}:{}",
                        c.unit_name(u.id),
                        c.zone_name(u.zone),
                        u.strength
                    )
                })
                .collect();
            let zones = c
                .zones
                .iter()
                .zip(&st.control)
                .map(|(z, o)| format!("{}={}", z.id, o.map_or("", |s| c.side_name(s))))
                .collect();
            (units, zones)
        })
        .collect()
}

fn strings(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not a list: {v}"))
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_game_has_what_the_report_must_show() {
    let log = log();
    let umpire: Vec<&str> = log
        .iter()
        .filter_map(|e| match e {
            LogEvent::Umpire { action, .. } => Some(action.as_str()),
            _ => None,
        })
        .collect();
    assert!(umpire.iter().any(|a| a.starts_with("inject")), "{umpire:?}");
    assert!(umpire.iter().any(|a| a.starts_with("amend")), "{umpire:?}");
    assert!(
        umpire.iter().any(|a| a.starts_with("rollback")),
        "{umpire:?}"
    );
    let turns = count(&log, |e| matches!(e, LogEvent::TurnStarted { .. }));
    assert!(turns >= 6, "several turns: {turns}");
    assert!(count(&log, |e| matches!(e, LogEvent::Engagement { .. })) > 0);
}

#[test]
fn the_white_cells_report_renders_and_its_slider_redraws_the_map() {
    let tmp = tempfile::tempdir().unwrap();
    let page = report(tmp.path(), "aar.html", &[]);
    let html = std::fs::read_to_string(&page).unwrap();
    for banned in ["http://", "https://", "<link", "@import", "src=\""] {
        assert!(
            !html.contains(banned),
            "the page fetches nothing: found `{banned}`"
        );
    }
    let Some(chromium) = browser::find("the white cell's report in a browser") else {
        return;
    };
    let want = expected();
    let last = want.len() - 1;
    // A turn to move to whose map differs from the last turn's.
    let to = (1..last)
        .rev()
        .find(|&k| want[k].0 != want[last].0)
        .expect("some turn's map differs from the last");
    let run = chromium.dom(&page, &format!("selftest={to}"));
    let t = selftest(&run.stdout);
    browser::no_errors(&t);
    assert!(!run.stderr.contains("Uncaught"), "{}", run.stderr);

    let before = &t["before"];
    assert_eq!(before["turn"], last, "the report opens on the last turn");
    assert_eq!(
        before["visible_maps"],
        serde_json::json!([last]),
        "one map shows"
    );
    assert_eq!(
        strings(&before["drawn"]["units"]),
        want[last].0,
        "every unit of the last turn"
    );
    assert_eq!(
        strings(&before["drawn"]["zones"]),
        want[last].1,
        "every zone, with its controller"
    );

    let after = &t["after_slider"];
    assert_eq!(after["turn"], to);
    assert_eq!(after["slider"], to);
    assert_eq!(after["visible_maps"], serde_json::json!([to]));
    assert_eq!(
        strings(&after["drawn"]["units"]),
        want[to].0,
        "every unit of turn {to}"
    );
    assert_eq!(strings(&after["drawn"]["zones"]), want[to].1);
    assert_ne!(
        after["drawn"]["units"], before["drawn"]["units"],
        "moving the slider redraws the map"
    );
    assert_ne!(
        after["cursor"], before["cursor"],
        "the charts' cursor follows the slider"
    );
    assert_eq!(t["after_key"]["turn"], to + 1, "→ shows the next turn");
    assert_eq!(
        t["after_click"]["turn"], t["clicked"],
        "clicking an entry selects its turn"
    );

    let charts = t["charts"].as_array().unwrap();
    let frames = (last + 1) as u64;
    let strength = charts
        .iter()
        .find(|c| c["label"] == "strength per side over turns")
        .expect("a strength chart");
    assert_eq!(
        strength["points"].as_u64(),
        Some(frames * sides().len() as u64),
        "a point per side and turn"
    );
    for track in ["Tension over turns", "International pressure over turns"] {
        let c = charts
            .iter()
            .find(|c| c["label"] == track)
            .unwrap_or_else(|| panic!("{track}"));
        assert_eq!(
            c["points"].as_u64(),
            Some(frames),
            "{track}: a point per turn"
        );
    }
    browser::nothing_clipped(&t);
    browser::nothing_cut(&t);
    browser::no_line_hidden(&t);
    for kind in ["k-umpire", "k-rollback", "k-fight", "k-orders", "k-contact"] {
        assert!(
            run.stdout.contains(kind),
            "the timeline has `{kind}` entries"
        );
    }

    browser::shoot(&chromium, &page, "turn=6", "hotwash-game.png");
    browser::shoot(&chromium, &page, "section=charts", "hotwash-charts.png");
}

/// Printed (A4 landscape, as the print style sheet asks), the report gives each turn one page
/// of its own — its map and its whole timeline — and the charts start on the next.
#[test]
fn the_printed_report_gives_each_turn_one_page() {
    let Some(chromium) = browser::find("the printed report") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let page = report(tmp.path(), "aar.html", &[]);
    let pdf = tmp.path().join("aar.pdf");
    chromium.run(
        &page,
        "",
        &[
            &format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer",
            "--generate-pdf-document-outline",
        ],
    );
    let outline = browser::pdf_outline(&std::fs::read(&pdf).expect("a PDF was printed"));
    let turns: Vec<usize> = outline
        .iter()
        .enumerate()
        .filter(|(_, (t, _))| t == "Start" || t.starts_with("Turn "))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(
        turns.len(),
        expected().len(),
        "a heading per turn: {outline:?}"
    );
    for w in turns.windows(2) {
        assert_eq!(
            outline[w[1]].1,
            outline[w[0]].1 + 1,
            "`{}` takes one page: the next turn starts on the page after it: {outline:?}",
            outline[w[0]].0
        );
    }
    let last = *turns.last().unwrap();
    let after = &outline[last + 1];
    assert_eq!(
        after.1,
        outline[last].1 + 1,
        "the last turn takes one page, `{}` starts the next: {outline:?}",
        after.0
    );
}

/// The units `side` knew of at some point: its own, its allies' (at any time) and those it
/// detected, from the log.
fn known_to(c: &whitecell::model::Compiled, log: &[LogEvent], side: &str) -> BTreeSet<String> {
    let me = c.side(side).unwrap();
    let mut friends: BTreeSet<String> = c
        .side_ids()
        .filter(|&s| c.relations.get(me, s) == whitecell::scenario::Relation::Allied)
        .map(|s| c.side_name(s).to_string())
        .collect();
    friends.insert(side.to_string());
    let mut seen = BTreeSet::new();
    for e in log {
        match e {
            LogEvent::RelationChanged { a, b, to, .. }
                if *to == whitecell::scenario::Relation::Allied =>
            {
                if a == side {
                    friends.insert(b.clone());
                }
                if b == side {
                    friends.insert(a.clone());
                }
            }
            LogEvent::DetectionRoll {
                side: s,
                unit,
                detected: true,
                ..
            } if s == side => {
                seen.insert(unit.clone());
            }
            _ => {}
        }
    }
    c.units
        .iter()
        .filter(|u| friends.contains(c.side_name(u.side)) || seen.contains(&u.id))
        .map(|u| u.id.clone())
        .collect()
}

/// Whether `word` occurs in `text` as a whole identifier.
fn has_word(text: &str, word: &str) -> bool {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(ident) && !after.is_some_and(ident)
    })
}

#[test]
fn each_sides_report_holds_only_what_that_side_could_know() {
    let tmp = tempfile::tempdir().unwrap();
    let c = whitecell::cli::load(&scenario()).unwrap();
    let log = log();
    let private: Vec<_> = c.tracks.iter().filter(|t| !t.public).collect();
    assert!(
        !private.is_empty(),
        "the scenario has a white-cell track to hide"
    );
    let white = std::fs::read_to_string(report(tmp.path(), "all.html", &[])).unwrap();
    for t in &private {
        assert!(
            white.contains(&t.name),
            "the white cell's report shows {}",
            t.id
        );
    }
    let mut hidden_somewhere = 0;
    for side in sides() {
        let html = std::fs::read_to_string(report(
            tmp.path(),
            &format!("{side}.html"),
            &["--side", &side],
        ))
        .unwrap();
        let known = known_to(&c, &log, &side);
        for u in c.units.iter().filter(|u| !known.contains(&u.id)) {
            hidden_somewhere += 1;
            assert!(
                !has_word(&html, &u.id),
                "{side}'s report names {}, which {side} never detected",
                u.id
            );
            assert!(
                !html.contains(&u.name),
                "{side}'s report names {} ({}), which {side} never detected",
                u.name,
                u.id
            );
        }
        for t in &private {
            assert!(
                !has_word(&html, &t.id),
                "{side}'s report names the white cell's track {}",
                t.id
            );
            assert!(
                !html.contains(&t.name),
                "{side}'s report names the white cell's track {}",
                t.name
            );
        }
        for e in &log {
            if let LogEvent::OrderAccepted {
                side: s,
                unit,
                order,
            } = e
                && *s != side
            {
                let words = format!("{unit} {}", whitecell::report::words::order(order));
                assert!(
                    !html.contains(&words),
                    "{side}'s report shows {s}'s order `{words}`"
                );
            }
        }
        assert!(
            !html.contains(&c.scenario.meta.umpire_note),
            "{side}'s report holds the umpire's note"
        );
    }
    assert!(
        hidden_somewhere > 0,
        "some side never detected some unit: the check checks something"
    );
}

#[test]
fn a_sides_report_renders_in_a_browser() {
    let Some(chromium) = browser::find("a side's report in a browser") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let page = report(tmp.path(), "usa.html", &["--side", "usa"]);
    let t = selftest(&chromium.dom(&page, "selftest").stdout);
    browser::no_errors(&t);
    browser::nothing_clipped(&t);
    let units = strings(&t["before"]["drawn"]["units"]);
    assert!(
        units.iter().any(|u| u.starts_with("us_")),
        "its own units are drawn: {units:?}"
    );
    browser::shoot(&chromium, &page, "turn=6", "hotwash-side.png");
}

#[test]
fn forks_show_their_distribution_with_the_actual_outcome_marked() {
    let tmp = tempfile::tempdir().unwrap();
    let g = game().to_string_lossy().to_string();
    let forks = tmp.path().join("forks.json");
    let f = forks.to_string_lossy().to_string();
    let printed = ok(wc(&[
        "fork",
        &g,
        "--from-turn",
        "4",
        "--runs",
        "24",
        "--out",
        &f,
    ]));
    assert!(printed.contains("forks written to"), "{printed}");
    let page = report(tmp.path(), "forks.html", &["--fork", &f]);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("Forks from the end of turn 4"));
    // A fork file of another game is refused, naming both.
    let mut other: Value = serde_json::from_str(&std::fs::read_to_string(&forks).unwrap()).unwrap();
    other["game"] = Value::String("another-game".into());
    let bad = tmp.path().join("other.json");
    std::fs::write(&bad, other.to_string()).unwrap();
    let out = tmp.path().join("x.html").to_string_lossy().to_string();
    fails(
        wc(&[
            "report",
            &g,
            "--out",
            &out,
            "--fork",
            &bad.to_string_lossy(),
        ]),
        1,
        "another-game",
    );
    std::fs::write(&bad, "{ not json").unwrap();
    fails(
        wc(&[
            "report",
            &g,
            "--out",
            &out,
            "--fork",
            &bad.to_string_lossy(),
        ]),
        1,
        "not a whitecell fork results file",
    );
    assert!(!Path::new(&out).exists(), "a refused report writes nothing");
    let Some(chromium) = browser::find("forks in a browser") else {
        return;
    };
    let t = selftest(&chromium.dom(&page, "selftest").stdout);
    browser::no_errors(&t);
    browser::nothing_clipped(&t);
    let winners = browser::chart(&t, "who won the forks");
    assert_eq!(
        winners["bars"].as_u64(),
        Some(sides().len() as u64 + 1),
        "a bar per side and one for no winner"
    );
    assert_eq!(winners["marked"], 1, "the actual outcome is marked");
}

#[test]
fn bad_report_requests_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("r.html").to_string_lossy().to_string();
    let g = game().to_string_lossy().to_string();
    fails(
        wc(&["report", &g, "--out", &out, "--side", "nato"]),
        1,
        "no side `nato`",
    );
    let none = tmp.path().join("nothing").to_string_lossy().to_string();
    fails(wc(&["report", &none, "--out", &out]), 1, "game.save");
    fails(
        wc(&["report", "--batch", &none, "--out", &out]),
        1,
        "cannot read the results folder",
    );
    fails(wc(&["report", "--out", &out]), 2, "GAME_DIR");
    assert!(!Path::new(&out).exists());
}

/// Plays a tutorial batch into `out`: `extra` flags after the common ones.
fn batch(out: &Path, extra: &[&str]) {
    let s = root()
        .join("scenarios/tutorial.ron")
        .to_string_lossy()
        .to_string();
    let o = out.to_string_lossy().to_string();
    let mut args = vec![
        "batch",
        s.as_str(),
        "--out",
        o.as_str(),
        "-q",
        "--threads",
        "1",
    ];
    args.extend_from_slice(extra);
    ok(wc(&args));
}

#[test]
fn a_swept_batch_reports_a_bar_per_side_and_sweep_point() {
    let tmp = tempfile::tempdir().unwrap();
    let res = tmp.path().join("sweep");
    // Two shards, one of each format would be two batches: both Parquet.
    for shard in ["0/2", "1/2"] {
        batch(
            &res,
            &[
                "--runs",
                "30",
                "--master-seed",
                "7",
                "--sweep",
                "tracks.tension.start=0,2,4",
                "--shard",
                shard,
            ],
        );
    }
    let page = tmp.path().join("batch.html");
    let p = page.to_string_lossy().to_string();
    let printed = ok(wc(&[
        "report",
        "--batch",
        &res.to_string_lossy(),
        "--out",
        &p,
    ]));
    assert_eq!(printed.lines().count(), 1);
    assert!(
        printed.contains("90 game(s)") && printed.contains(&p),
        "{printed}"
    );
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("seed derivation") && html.contains("part-00001-of-00002.parquet"));
    // Each sweep point's endings are also read in words, with share and count, however narrow
    // a segment of the stacked bar is.
    let keys: Vec<&str> = html
        .split(r#"<div class="legend endings">"#)
        .skip(1)
        .map(|k| &k[..k.find("</div>").unwrap()])
        .collect();
    assert_eq!(keys.len(), 3, "a key of endings per sweep point");
    let counted: u64 = keys
        .iter()
        .flat_map(|k| k.split("</b> (").skip(1))
        .map(|x| x[..x.find(' ').unwrap()].parse::<u64>().unwrap())
        .sum();
    assert_eq!(counted, 90, "every game's ending is counted once");
    let Some(chromium) = browser::find("the batch report in a browser") else {
        return;
    };
    let t = selftest(&chromium.dom(&page, "selftest").stdout);
    browser::no_errors(&t);
    browser::nothing_clipped(&t);
    let wins = browser::chart(&t, "win rate per side and sweep point");
    let c = whitecell::cli::load(&root().join("scenarios/tutorial.ron")).unwrap();
    // The report names sides by the scenario's names when it finds the file; here the batch was
    // given an absolute path, so it does.
    let want: BTreeSet<String> = ["0", "2", "4"]
        .iter()
        .flat_map(|v| {
            c.scenario
                .sides
                .iter()
                .map(move |s| format!("{v}|{}", s.name))
        })
        .collect();
    let got = strings(&wins["side_bars"]);
    assert_eq!(got, want, "one bar per side and sweep point");
    assert_eq!(
        wins["side_bars"].as_array().unwrap().len(),
        want.len(),
        "and no more"
    );
    // A projector gets the large type, from the button or the address.
    let dom = chromium.dom(&page, "large").stdout;
    assert!(dom.contains(r#"id="large""#), "a large-type switch");
    assert!(
        dom.contains(r#"<body class="batch large""#),
        "`#large` sets the large type"
    );
    browser::shoot(&chromium, &page, "", "hotwash-batch.png");
}

#[test]
fn a_folder_holding_two_batches_is_refused_naming_both() {
    let tmp = tempfile::tempdir().unwrap();
    let res = tmp.path().join("mixed");
    let other = tmp.path().join("other");
    batch(
        &res,
        &["--runs", "4", "--master-seed", "1", "--format", "csv"],
    );
    // `batch` refuses to write a second batch into a folder: one copied in by hand is refused
    // by the report.
    batch(
        &other,
        &[
            "--runs",
            "4",
            "--master-seed",
            "2",
            "--format",
            "csv",
            "--shard",
            "0/2",
        ],
    );
    for f in [
        "part-00000-of-00002.csv",
        "_part-00000-of-00002.manifest.json",
    ] {
        std::fs::copy(other.join(f), res.join(f)).unwrap();
    }
    let out = tmp.path().join("b.html").to_string_lossy().to_string();
    let e = fails(
        wc(&["report", "--batch", &res.to_string_lossy(), "--out", &out]),
        1,
        "2 different batches",
    );
    assert!(
        e.contains("master seed 1") && e.contains("master seed 2"),
        "{e}"
    );
    assert!(
        e.contains("part-00000-of-00001.csv") && e.contains("part-00000-of-00002.csv"),
        "{e}"
    );
    assert!(!Path::new(&out).exists());
}

/// Six sides, five lines: when two sides keep the same strength all game (here every side holds
/// for two turns), one line lay exactly under the other. Every line now shows somewhere.
#[test]
fn no_line_of_a_chart_hides_another() {
    let Some(chromium) = browser::find("no line of a chart hides another") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("g");
    let gs = g.to_string_lossy().to_string();
    new_game(&g, 3);
    ok(wc(&["adjudicate", &gs, "--missing", "hold"]));
    ok(wc(&["adjudicate", &gs, "--missing", "hold"]));
    let page = tmp.path().join("aar.html");
    ok(wc(&["report", &gs, "--out", &page.to_string_lossy()]));
    let t = selftest(&chromium.dom(&page, "selftest").stdout);
    browser::no_errors(&t);
    let strength = browser::chart(&t, "strength per side over turns");
    assert_eq!(strength["points"].as_u64(), Some(3 * sides().len() as u64));
    browser::no_line_hidden(&t);
}

/// Large type on a projector showed the map's width only: al-Tanf, Qatar and the Gulf fell below
/// the fold. At 1920 x 1080 and 1280 x 800 the whole map is now in sight below the turn bar, and
/// no box cuts its text.
#[test]
fn large_type_shows_the_whole_map_on_a_projector() {
    let Some(chromium) = browser::find("large type on a projector") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let page = report(tmp.path(), "aar.html", &[]);
    for size in [(1920, 1080), (1280, 800)] {
        let t = selftest(&chromium.dom_at(&page, "large&selftest", size).stdout);
        browser::no_errors(&t);
        browser::whole_map_in_sight(&t, &format!("{size:?}"));
        browser::nothing_cut(&t);
        let png = tmp.path().join(format!("large-{}x{}.png", size.0, size.1));
        chromium.screenshot_at(&page, "large", &png, size);
        assert_eq!(browser::png_size(&png), size);
    }
}

/// The batch report cut a stacked bar's label at both ends ("udden death (open_clash) 36.0…"):
/// a label that does not fit its segment now shows its share alone, or nothing.
#[test]
fn the_batch_report_cuts_no_label() {
    let Some(chromium) = browser::find("the batch report's labels") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let res = tmp.path().join("med");
    let s = root().join(SCENARIO).to_string_lossy().to_string();
    let o = res.to_string_lossy().to_string();
    ok(wc(&[
        "batch",
        &s,
        "--out",
        &o,
        "-q",
        "--threads",
        "1",
        "--runs",
        "40",
    ]));
    let page = tmp.path().join("batch.html");
    ok(wc(&[
        "report",
        "--batch",
        &o,
        "--out",
        &page.to_string_lossy(),
    ]));
    for size in [(1600, 1000), (1280, 800)] {
        for hash in ["selftest", "large&selftest"] {
            let t = selftest(&chromium.dom_at(&page, hash, size).stdout);
            browser::no_errors(&t);
            browser::nothing_clipped(&t);
            browser::nothing_cut(&t);
        }
    }
}

/// The map's legend said "last seen, on turn 3" beside a sample counter marked T3, while the map
/// showed T4: the legend now names no turn of its own.
#[test]
fn the_legend_names_no_turn_of_its_own() {
    let tmp = tempfile::tempdir().unwrap();
    let page = report(tmp.path(), "usa.html", &["--side", "usa"]);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("last seen on turn n (Tn on the counter)"));
    assert!(!html.contains("last seen, on turn 3"));
}
