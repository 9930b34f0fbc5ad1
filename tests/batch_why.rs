//! A batch that says why (issue 21, item 5): the rows hold each objective met or not at the end
//! (`objective_<side>_<k>`), the manifest every sudden death, and the text summary and the HTML
//! report show per side each objective's success rate and the score margin, the final control of
//! each zone, draws on points apart from sudden deaths in which every side loses and apart from
//! those that name a winner, and every ending the scenario defines, even at 0%.
//!
//! The scenario, `tests/fixtures/why.ron`, is played by random bots: over the batch's 100 games
//! some are won on points, some drawn on points, some end in `war` (every side loses) and none in
//! `collapse` (North's sudden-death win, out of reach). Each figure is checked against the rows
//! themselves, read from the CSV part.

mod common;
use common::browser::{self, selftest};
use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const WHY: &str = "tests/fixtures/why.ron";

fn why() -> String {
    root().join(WHY).to_string_lossy().into_owned()
}

/// Plays the test scenario into `out` (as CSV unless `extra` says `--format`); returns what
/// `batch` printed.
fn batch(out: &Path, extra: &[&str]) -> String {
    let s = why();
    let o = out.to_string_lossy().to_string();
    let mut args = vec!["batch", s.as_str(), "--out", o.as_str(), "--threads", "1"];
    if !extra.contains(&"--format") {
        args.extend(["--format", "csv"]);
    }
    args.extend_from_slice(extra);
    ok(wc(&args))
}

/// The rows of a CSV part, each a map from column to cell.
fn rows(part: &Path) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(part).expect("a CSV part");
    let head: Vec<String> = r
        .headers()
        .expect("a header")
        .iter()
        .map(String::from)
        .collect();
    r.records()
        .map(|rec| {
            head.iter()
                .cloned()
                .zip(rec.expect("a record").iter().map(String::from))
                .collect()
        })
        .collect()
}

fn part(dir: &Path, shard: &str) -> PathBuf {
    dir.join(format!("part-{shard}.csv"))
}

#[test]
fn each_objective_has_a_column_that_adds_up_to_the_points() {
    let t = tempfile::tempdir().unwrap();
    let res = t.path().join("res");
    batch(&res, &["--runs", "100", "-q"]);
    let c = whitecell::cli::load(&root().join(WHY)).unwrap();
    let rows = rows(&part(&res, "00000-of-00001"));
    assert_eq!(rows.len(), 100);
    let mut met = 0;
    for r in &rows {
        for side in &c.scenario.sides {
            // The scoring: the value of each zone the side holds plus each objective it meets.
            let zones: u32 = c
                .scenario
                .zones
                .iter()
                .filter(|z| r[&format!("control_{}", z.id)] == side.id)
                .map(|z| u32::from(z.value))
                .sum();
            let objs = &c.scenario.victory.objectives[&side.id];
            let mut points = zones;
            for (k, o) in objs.iter().enumerate() {
                let cell = &r[&format!("objective_{}_{k}", side.id)];
                assert!(cell == "true" || cell == "false", "{cell}");
                if cell == "true" {
                    points += o.points;
                    met += 1;
                }
            }
            assert_eq!(
                r[&format!("points_{}", side.id)],
                points.to_string(),
                "run {}: {}'s points are its zones and objectives",
                r["run"],
                side.id
            );
        }
    }
    assert!(met > 0, "some objective is met in some game");
    // The schema names each, with its type and the objective's name.
    let schema = ok(wc(&[
        "batch",
        &why(),
        "--runs",
        "1",
        "--schema",
        "--out",
        &t.path().join("s").to_string_lossy(),
    ]));
    let v: serde_json::Value = serde_json::from_str(&schema[schema.find('{').unwrap()..]).unwrap();
    let col = v["games"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "objective_north_0")
        .expect("an objective column");
    assert_eq!(col["type"], "bool");
    assert!(
        col["meaning"]
            .as_str()
            .unwrap()
            .contains("Hold the market town"),
        "{col}"
    );
    // The manifest names every sudden death and who wins it, the one never reached too.
    let m = std::fs::read_to_string(res.join("_part-00000-of-00001.manifest.json")).unwrap();
    let m: serde_json::Value = serde_json::from_str(&m).unwrap();
    assert_eq!(
        m["sudden_deaths"],
        serde_json::json!([
            {"id": "war", "winner": null},
            {"id": "collapse", "winner": "north"}
        ])
    );
    assert_eq!(m["objectives"].as_array().unwrap().len(), 4);
}

/// Rewrites a CSV part and its manifest as a whitecell from before the `objective_` columns
/// wrote them.
fn as_before(dir: &Path, shard: &str) {
    let p = part(dir, shard);
    let rows = rows(&p);
    let keep = |c: &str| !c.starts_with("objective_");
    let mut w = csv::Writer::from_path(&p).unwrap();
    let head: Vec<String> = {
        let text =
            std::fs::read_to_string(dir.join(format!("_part-{shard}.manifest.json"))).unwrap();
        let m: serde_json::Value = serde_json::from_str(&text).unwrap();
        m["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap().to_string())
            .filter(|c| keep(c))
            .collect()
    };
    w.write_record(&head).unwrap();
    for r in &rows {
        w.write_record(head.iter().map(|h| r[h].as_str())).unwrap();
    }
    w.flush().unwrap();
    let mpath = dir.join(format!("_part-{shard}.manifest.json"));
    let mut m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&mpath).unwrap()).unwrap();
    let cols: Vec<serde_json::Value> = m["columns"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| keep(c["name"].as_str().unwrap()))
        .cloned()
        .collect();
    m["columns"] = serde_json::Value::Array(cols);
    let o = m.as_object_mut().unwrap();
    o.remove("objectives");
    o.remove("sudden_deaths");
    std::fs::write(&mpath, serde_json::to_string_pretty(&m).unwrap()).unwrap();
}

/// A batch begun by a whitecell without the `objective_` columns and played on by this one
/// would mix two tables in one folder: refused before anything plays, naming the columns; a
/// merge or a report of such a mix is refused the same way. A whole batch from before is read as
/// it is.
#[test]
fn a_batch_begun_before_the_objective_columns_is_not_mixed_with_new_rows() {
    let t = tempfile::tempdir().unwrap();
    let res = t.path().join("res");
    batch(&res, &["--runs", "20", "-q", "--shard", "0/2"]);
    as_before(&res, "00000-of-00002");
    let s = why();
    let o = res.to_string_lossy().to_string();
    let args = [
        "batch",
        &s,
        "--out",
        &o,
        "--threads",
        "1",
        "--format",
        "csv",
        "--runs",
        "20",
        "-q",
        "--shard",
        "1/2",
    ];
    let e = fails(wc(&args), 1, "rows have other columns");
    assert!(
        e.contains("it lacks the column(s) `objective_north_0`, `objective_north_1`"),
        "{e}"
    );
    assert!(e.contains("part-00000-of-00002.csv"), "{e}");
    assert!(!part(&res, "00001-of-00002").exists(), "nothing was played");
    // The same shard played by this whitecell elsewhere and copied in: merge and report refuse.
    let other = t.path().join("other");
    batch(&other, &["--runs", "20", "-q", "--shard", "1/2"]);
    for f in [
        "part-00001-of-00002.csv",
        "_part-00001-of-00002.manifest.json",
    ] {
        std::fs::copy(other.join(f), res.join(f)).unwrap();
    }
    let merged = t.path().join("m.parquet").to_string_lossy().to_string();
    let e = fails(
        wc(&["merge", &o, "--out", &merged]),
        1,
        "its columns are not those of",
    );
    assert!(e.contains("`objective_north_0`"), "{e}");
    let page = t.path().join("r.html").to_string_lossy().to_string();
    let e = fails(
        wc(&["report", "--batch", &o, "--out", &page]),
        1,
        "its columns differ",
    );
    assert!(e.contains("`objective_north_0`"), "{e}");
    // An interrupted shard of the old whitecell is not resumed with rows of other columns.
    let work = t.path().join("work");
    batch(&work, &["--runs", "20", "-q"]);
    as_before(&work, "00000-of-00001");
    let w = work.join(".part-00000-of-00001.work");
    std::fs::create_dir(&w).unwrap();
    let mut m: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(work.join("_part-00000-of-00001.manifest.json")).unwrap(),
    )
    .unwrap();
    m["complete"] = false.into();
    m["rows"] = 0.into();
    std::fs::write(w.join("manifest.json"), m.to_string()).unwrap();
    std::fs::remove_file(work.join("_part-00000-of-00001.manifest.json")).unwrap();
    std::fs::remove_file(part(&work, "00000-of-00001")).unwrap();
    let wo = work.to_string_lossy().to_string();
    let args = [
        "batch",
        &s,
        "--out",
        &wo,
        "--threads",
        "1",
        "--format",
        "csv",
        "--runs",
        "20",
        "-q",
    ];
    fails(wc(&args), 1, "rows have other columns");
    // A whole batch from before merges and reports as it is.
    let whole = t.path().join("whole");
    batch(&whole, &["--runs", "20", "-q"]);
    as_before(&whole, "00000-of-00001");
    let wh = whole.to_string_lossy().to_string();
    ok(wc(&["merge", &wh, "--out", &merged]));
    ok(wc(&["report", "--batch", &merged, "--out", &page]));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        html.contains("written before the rows held each objective")
            && html.contains("written before its manifest named the scenario's endings"),
        "the report says what a batch from before lacks"
    );
}

fn pct(k: usize, n: usize) -> String {
    format!("{:.1}%", 100.0 * k as f64 / n.max(1) as f64)
}

/// The line of `text` that starts (after its indent) with `start`.
fn line<'a>(text: &'a str, start: &str) -> &'a str {
    text.lines()
        .find(|l| l.trim_start().starts_with(start))
        .unwrap_or_else(|| panic!("no line starting `{start}` in:\n{text}"))
}

/// The summary `batch` prints said who won, never why: "no winner" lumped draws with wars in
/// which every side lost, an ending no game reached was not listed, and nothing told how often
/// each objective was met, by how much games were won, or who held each zone at the end.
#[test]
fn the_summary_says_why() {
    let t = tempfile::tempdir().unwrap();
    let res = t.path().join("res");
    let text = batch(&res, &["--runs", "100"]);
    let rows = rows(&part(&res, "00000-of-00001"));
    let n = rows.len();
    let count =
        |f: &dyn Fn(&BTreeMap<String, String>) -> bool| rows.iter().filter(|r| f(r)).count();
    let on_points = |r: &BTreeMap<String, String>| r["outcome"] == "points";
    let draws = count(&|r| on_points(r) && r["winner"] == "none");
    let wars = count(&|r| r["sudden_death"] == "war");
    assert!(
        draws > 0 && wars > 0,
        "the scenario gives both: {draws} {wars}"
    );
    assert_eq!(count(&|r| r["sudden_death"] == "collapse"), 0);
    // Draws on points apart from sudden deaths in which every side lost; no lump "no winner".
    assert!(!text.contains("no winner"), "{text}");
    let l = line(&text, "draw on points ");
    assert!(l.contains(&format!(" {draws} (")), "{l}");
    let l = line(&text, "every side lost");
    assert!(l.contains(&format!(" {wars} (")), "{l}");
    // Every ending the scenario defines, the one never reached too, and who each names.
    let won = count(&|r| on_points(r) && r["winner"] != "none");
    let by = |side: &str| count(&|r| on_points(r) && r["winner"] == side);
    assert_eq!(
        line(&text, "won on points"),
        format!(
            "    won on points {won} ({}): north {}, south {}",
            pct(won, n),
            by("north"),
            by("south")
        )
    );
    assert_eq!(
        line(&text, "sudden death (war)"),
        format!(
            "    sudden death (war) {wars} ({}): every side loses",
            pct(wars, n)
        )
    );
    assert_eq!(
        line(&text, "sudden death (collapse)"),
        "    sudden death (collapse) 0 (0.0%): north wins"
    );
    // Each objective's success rate over the games that ended on points.
    let p = count(&on_points);
    assert!(text.contains(&format!(
        "objectives met at the end ({p} game(s) on points)"
    )));
    for (side, k, name) in [
        ("north", 0, "Hold the market town"),
        ("south", 1, "Lose no steps"),
    ] {
        let met = count(&|r| on_points(r) && r[&format!("objective_{side}_{k}")] == "true");
        let l = line(&text, &format!("{side}[{k}]"));
        assert!(
            l.ends_with(&format!("{} ({met}) {name}", pct(met, p))),
            "{l}"
        );
    }
    // The score margin: own points minus the other side's, over the games on points.
    let margins: Vec<i64> = rows
        .iter()
        .filter(|r| on_points(r))
        .map(|r| {
            r["points_north"].parse::<i64>().unwrap() - r["points_south"].parse::<i64>().unwrap()
        })
        .collect();
    let mean = margins.iter().sum::<i64>() as f64 / p as f64;
    let ahead = margins.iter().filter(|m| **m > 0).count();
    let l = line(&text, "north        mean");
    assert!(l.contains(&format!("mean {mean:+.2},")), "{l}");
    assert!(l.contains(&format!("ahead {}", pct(ahead, p))), "{l}");
    let lead: i64 = margins.iter().filter(|m| **m != 0).map(|m| m.abs()).sum();
    let l = line(&text, "the winner");
    assert!(
        l.contains(&format!("mean {:+.2}", lead as f64 / won as f64)),
        "{l}"
    );
    // Final control of each zone, over every game.
    for zone in ["market_town", "south_plain"] {
        let held = |s: &str| count(&|r| r[&format!("control_{zone}")] == s);
        assert_eq!(
            line(&text, zone),
            format!(
                "    {zone:<13}  north {}, south {}, nobody {}",
                pct(held("north"), n),
                pct(held("south"), n),
                pct(held("none"), n)
            )
        );
    }
}

/// The element of `dom` (an opening tag holding `attr`) up to its closing `</tr>` or `</span>`.
fn element<'a>(dom: &'a str, attr: &str, close: &str) -> &'a str {
    let at = dom
        .find(attr)
        .unwrap_or_else(|| panic!("no element with {attr} in the page"));
    let rest = &dom[at..];
    &rest[..rest.find(close).expect("its end")]
}

/// `report --batch` told who won, never why: "no winner" lumped draws with wars in which every
/// side lost, an ending no game reached was not listed, and there were no objective success
/// rates, score margins or final control per zone. Rendered in headless Chromium at 1280 x 800,
/// read back from its DOM, each figure equal to the rows'.
#[test]
fn the_batch_report_says_why() {
    let t = tempfile::tempdir().unwrap();
    let res = t.path().join("res");
    batch(&res, &["--runs", "100", "-q"]);
    let rows = rows(&part(&res, "00000-of-00001"));
    let on_points = |r: &BTreeMap<String, String>| r["outcome"] == "points";
    let page = t.path().join("batch.html");
    ok(wc(&[
        "report",
        "--batch",
        &res.to_string_lossy(),
        "--out",
        &page.to_string_lossy(),
    ]));
    // The same batch as Parquet reports the same figures (its booleans read back as such).
    let pq = t.path().join("pq");
    batch(&pq, &["--runs", "100", "-q", "--format", "parquet"]);
    let pq_page = t.path().join("pq.html");
    ok(wc(&[
        "report",
        "--batch",
        &pq.to_string_lossy(),
        "--out",
        &pq_page.to_string_lossy(),
    ]));
    check_why(&std::fs::read_to_string(&pq_page).unwrap(), &rows);
    let Some(chromium) = browser::find("the batch report that says why") else {
        // Without a browser the page's own markup is still checked.
        check_why(&std::fs::read_to_string(&page).unwrap(), &rows);
        return;
    };
    let dom = chromium.dom_at(&page, "selftest", (1280, 800)).stdout;
    let st = selftest(&dom);
    browser::no_errors(&st);
    browser::nothing_clipped(&st);
    browser::nothing_cut(&st);
    // The win chart: a bar per side, one for draws on points and one for every side lost.
    let wins = browser::chart(&st, "win rate per side and sweep point");
    assert_eq!(wins["bars"].as_u64(), Some(4), "{wins}");
    // A histogram of each side's score margin.
    for side in ["North", "South"] {
        let c = browser::chart(&st, &format!("score margin of {side}"));
        let distinct = {
            let mut m: Vec<i64> = rows
                .iter()
                .filter(|r| on_points(r))
                .map(|r| {
                    let (a, b) = (
                        r["points_north"].parse::<i64>().unwrap(),
                        r["points_south"].parse::<i64>().unwrap(),
                    );
                    if side == "North" { a - b } else { b - a }
                })
                .collect();
            m.sort_unstable();
            m.dedup();
            m.len()
        };
        assert_eq!(c["bars"].as_u64(), Some(distinct as u64), "{c}");
    }
    check_why(&dom, &rows);
    let png = t.path().join("why-1280x800.png");
    chromium.screenshot_at(&page, "", &png, (1280, 800));
    assert_eq!(browser::png_size(&png), (1280, 800));
    browser::keep(&png, "hotwash-batch-why.png");
}

/// The figures the page must show, from the rows.
fn check_why(dom: &str, rows: &[BTreeMap<String, String>]) {
    let n = rows.len();
    let count =
        |f: &dyn Fn(&BTreeMap<String, String>) -> bool| rows.iter().filter(|r| f(r)).count();
    let on_points = |r: &BTreeMap<String, String>| r["outcome"] == "points";
    let p = count(&on_points);
    let draws = count(&|r| on_points(r) && r["winner"] == "none");
    let wars = count(&|r| r["sudden_death"] == "war");
    assert!(
        !dom.contains(">no winner<"),
        "no lump of games without a winner"
    );
    // Every ending the scenario defines, each with its share, count and meaning; the one never
    // reached too.
    let ending = |label: &str| element(dom, &format!(r#"data-ending="{label}""#), "</span></span>");
    let e = ending("draw on points");
    assert!(
        e.contains(&format!("<b>{}</b> ({draws} game(s))", pct(draws, n))),
        "{e}"
    );
    let e = ending("sudden death (war)");
    assert!(
        e.contains(&format!(
            "<b>{}</b> ({wars} game(s)) — every side loses",
            pct(wars, n)
        )),
        "{e}"
    );
    let e = ending("sudden death (collapse)");
    assert!(e.contains("<b>0.0%</b> (0 game(s)) — North wins"), "{e}");
    assert!(
        dom.contains(r#"class="ending never" data-ending="sudden death (collapse)""#),
        "an ending no game reached is marked so"
    );
    // The wins table: draws on points and every side lost apart.
    assert!(dom.contains("<th>draw on points</th><th>every side lost</th>"));
    // Each objective's success rate over the games on points.
    for (side, k) in [("north", 0), ("north", 1), ("south", 0), ("south", 1)] {
        let met = count(&|r| on_points(r) && r[&format!("objective_{side}_{k}")] == "true");
        let row = element(dom, &format!(r#"data-objective="{side}[{k}]""#), "</tr>");
        assert!(
            row.contains(&format!(
                "<b>{}</b> <small>({met} of {p})</small>",
                pct(met, p)
            )),
            "{row}"
        );
    }
    // The margin: North's mean over the games on points.
    let margins: Vec<i64> = rows
        .iter()
        .filter(|r| on_points(r))
        .map(|r| {
            r["points_north"].parse::<i64>().unwrap() - r["points_south"].parse::<i64>().unwrap()
        })
        .collect();
    let mean = margins.iter().sum::<i64>() as f64 / p as f64;
    let section = element(dom, r#"id="margins""#, "</table>");
    assert!(section.contains(&format!("<b>{mean:+.2}</b>")), "{section}");
    assert!(
        section.contains(&format!("<b>{:+.2}</b>", -mean)),
        "{section}"
    );
    // Final control of every zone: each side's share and nobody's.
    for zone in [
        "north_capital",
        "north_hills",
        "market_town",
        "bay",
        "south_plain",
        "south_port",
    ] {
        let row = element(dom, &format!(r#"data-zone="{zone}""#), "</tr>");
        // Each side (or nobody) that held it, with its share; one that never did is not named.
        let words: Vec<String> = [("north", "North"), ("south", "South"), ("none", "nobody")]
            .iter()
            .filter_map(|(id, name)| {
                let k = count(&|r| r[&format!("control_{zone}")] == *id);
                (k > 0).then(|| format!("{name} {}", pct(k, n)))
            })
            .collect();
        let words = format!("<small>{}</small>", words.join(" · "));
        assert!(row.contains(&words), "{zone}: {words}\n{row}");
    }
}
