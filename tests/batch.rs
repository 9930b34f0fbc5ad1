//! `whitecell batch` end to end: rows do not depend on threads or shards, every row replays alone
//! with `whitecell run`, bad input is refused before anything runs, Parquet reads back as the CSV
//! rows, and a finished shard is not played again.

use std::path::Path;
use std::process::{Command, Output};

const SCENARIO: &str = "scenarios/tutorial.ron";

fn whitecell(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_whitecell"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("SLURM_ARRAY_TASK_ID")
        .env_remove("SLURM_ARRAY_TASK_COUNT")
        .env_remove("JOB_COMPLETION_INDEX")
        .output()
        .expect("the binary runs")
}

fn ok(args: &[&str]) -> String {
    let o = whitecell(args);
    assert!(
        o.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A small sweep: 2 points x 15 runs, mixed policies.
fn batch(out: &Path, extra: &[&str]) -> String {
    let mut args = vec![
        "batch",
        SCENARIO,
        "--runs",
        "15",
        "--master-seed",
        "42",
        "--policy",
        "blue=cautious",
        "--policy",
        "red=aggressive:min_odds=1",
        "--sweep",
        "tracks.tension.start=1,5",
        "--out",
        out.to_str().expect("utf-8 temp path"),
        "-q",
    ];
    args.extend_from_slice(extra);
    ok(&args)
}

fn csv_rows(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).expect("part written");
    text.lines().map(String::from).collect()
}

#[test]
fn rows_are_the_same_for_any_threads_and_shards() {
    let t = tempfile::tempdir().expect("tempdir");
    let one = t.path().join("one");
    let two = t.path().join("two");
    let sharded = t.path().join("sharded");
    batch(&one, &["--threads", "1", "--format", "csv"]);
    batch(&two, &["--threads", "2", "--format", "csv"]);
    let a = csv_rows(&one.join("part-00000-of-00001.csv"));
    assert_eq!(a.len(), 31, "a header and 30 rows");
    assert_eq!(a, csv_rows(&two.join("part-00000-of-00001.csv")));
    let mut merged = Vec::new();
    for i in 0..3 {
        let shard = format!("{i}/3");
        batch(
            &sharded,
            &["--threads", "2", "--format", "csv", "--shard", &shard],
        );
        let part = csv_rows(&sharded.join(format!("part-0000{i}-of-00003.csv")));
        assert_eq!(part[0], a[0], "every part has the header");
        if i == 0 {
            merged.push(part[0].clone());
        }
        merged.extend(part.into_iter().skip(1));
    }
    assert_eq!(merged, a);
    // The whole range is covered exactly once, and both sweep values appear.
    let runs: Vec<&str> = a[1..]
        .iter()
        .map(|l| l.split(',').next().unwrap_or(""))
        .collect();
    let want: Vec<String> = (0..30).map(|i| i.to_string()).collect();
    assert_eq!(runs, want);
    assert!(a[1..].iter().all(|l| l.contains(",ok,")), "no failed game");
}

#[test]
fn every_row_replays_alone_with_run() {
    let t = tempfile::tempdir().expect("tempdir");
    batch(t.path(), &["--format", "csv"]);
    let rows = csv_rows(&t.path().join("part-00000-of-00001.csv"));
    let header: Vec<&str> = rows[0].split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).expect(name);
    let (seed, tension, hash) = (
        col("seed"),
        col("param_tracks_tension_start"),
        col("state_hash"),
    );
    // Every third row, so both sweep points and many seeds are covered.
    for line in rows[1..].iter().step_by(3) {
        let f: Vec<&str> = line.split(',').collect();
        let set = format!("tracks.tension.start={}", f[tension]);
        let out = ok(&[
            "run",
            SCENARIO,
            "--seed",
            f[seed],
            "--policy",
            "blue=cautious",
            "--policy",
            "red=aggressive:min_odds=1",
            "--set",
            &set,
            "-q",
        ]);
        assert!(
            out.contains(&format!("final state hash: {}", f[hash])),
            "row {line} did not replay: {out}"
        );
    }
}

#[test]
fn bad_input_is_refused_before_any_run() {
    let t = tempfile::tempdir().expect("tempdir");
    let out = t.path().join("never");
    let dir = out.to_str().expect("utf-8");
    for (flag, value, says) in [
        (
            "--set",
            "units.b_frigates.strenght=3",
            "did you mean `strength`",
        ),
        (
            "--set",
            "unit.b_frigates.strength=3",
            "did you mean `units`",
        ),
        ("--set", "units.b_frigates.strength=12", "out of range"),
        (
            "--sweep",
            "tracks.tension.start=1,x",
            "is a number, but `x` is text",
        ),
        ("--sweep", "tracks.tension.start=1,99", "outside 0..=10"),
        (
            "--policy",
            "blue=aggressive:min_od=2",
            "unknown parameter `min_od`",
        ),
        (
            "--policy",
            "blue=cautious:high=lots",
            "expected a whole number",
        ),
        ("--shard", "3/3", "out of range"),
    ] {
        let o = whitecell(&["batch", SCENARIO, "--runs", "5", "--out", dir, flag, value]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{flag} {value}: {err}");
        assert!(err.contains(says), "{flag} {value}: {err}");
        assert!(!out.exists(), "{flag} {value}: nothing may be written");
    }
}

#[test]
fn parquet_reads_back_as_the_csv_rows() {
    let t = tempfile::tempdir().expect("tempdir");
    batch(&t.path().join("c"), &["--format", "csv"]);
    batch(&t.path().join("p"), &["--format", "parquet"]);
    let csv = csv_rows(&t.path().join("c/part-00000-of-00001.csv"));
    let pq = t.path().join("p/part-00000-of-00001.parquet");
    let names = whitecell::batch::parquet::names(&pq).expect("parquet reads");
    assert_eq!(names.join(","), csv[0]);
    let mut back = Vec::new();
    whitecell::batch::parquet::read(&pq, &mut |cells| {
        back.push(
            cells
                .iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join(","),
        );
        Ok(())
    })
    .expect("parquet reads");
    assert_eq!(back, csv[1..].to_vec());
}

#[test]
fn a_finished_shard_is_not_redone_and_another_batch_is_refused() {
    let t = tempfile::tempdir().expect("tempdir");
    batch(t.path(), &["--format", "csv"]);
    let part = t.path().join("part-00000-of-00001.csv");
    let manifest = t.path().join("_part-00000-of-00001.manifest.json");
    let m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&manifest).expect("manifest")).expect("json");
    assert_eq!(m["rows"], 30);
    assert_eq!(m["key"]["engine_version"], whitecell::VERSION);
    assert!(
        m["key"]["seed_derivation"]
            .as_str()
            .is_some_and(|s| s.contains("SplitMix64"))
    );
    let before = std::fs::metadata(&part)
        .and_then(|m| m.modified())
        .expect("mtime");
    let again = batch(t.path(), &["--format", "csv"]);
    assert!(again.contains("already complete"), "{again}");
    let after = std::fs::metadata(&part)
        .and_then(|m| m.modified())
        .expect("mtime");
    assert_eq!(before, after);
    let dir = t.path().to_str().expect("utf-8");
    let o = whitecell(&[
        "batch", SCENARIO, "--runs", "15", "--out", dir, "--format", "csv", "-q",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("another batch"));
    // A part without its manifest is nobody's: it is refused, never overwritten.
    std::fs::remove_file(&manifest).expect("rm");
    let o = whitecell(&[
        "batch",
        SCENARIO,
        "--runs",
        "15",
        "--master-seed",
        "42",
        "--policy",
        "blue=cautious",
        "--policy",
        "red=aggressive:min_odds=1",
        "--sweep",
        "tracks.tension.start=1,5",
        "--out",
        dir,
        "--format",
        "csv",
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("without its manifest"));
    assert_eq!(
        std::fs::metadata(&part)
            .and_then(|m| m.modified())
            .expect("mtime"),
        before
    );
}

#[test]
fn the_shard_comes_from_the_scheduler() {
    let t = tempfile::tempdir().expect("tempdir");
    let o = Command::new(env!("CARGO_BIN_EXE_whitecell"))
        .args([
            "batch", SCENARIO, "--runs", "6", "--format", "csv", "-q", "--shard", "auto", "--out",
        ])
        .arg(t.path())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("SLURM_ARRAY_TASK_ID", "1")
        .env("SLURM_ARRAY_TASK_COUNT", "2")
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rows = csv_rows(&t.path().join("part-00001-of-00002.csv"));
    assert_eq!(rows.len(), 4);
    assert!(rows[1].starts_with("3,3,"), "{}", rows[1]);
}

#[test]
fn a_failing_game_is_recorded_and_the_batch_goes_on() {
    use whitecell::batch::{Plan, exec, table};
    use whitecell::policy::PolicySpec;
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(SCENARIO);
    let loaded = whitecell::scenario::load_file(&path).expect("loads");
    let policies =
        |_: &whitecell::model::Compiled| Ok(vec![PolicySpec::Random, PolicySpec::Random]);
    let mut plan = Plan::new(&loaded, 0, 4, Vec::new(), Vec::new(), &policies).expect("plan");
    let mut clean = Vec::new();
    exec::run_range(&plan, 0..4, 1, &mut |r| {
        clean.push(r.result);
        Ok(())
    })
    .expect("runs");
    // A policy for a side the scenario does not have makes every game of a first point fail.
    let mut broken = plan.points[0].clone();
    broken
        .policies
        .push(PolicySpec::parse("aggressive").expect("policy"));
    plan.points.insert(0, broken);
    let quiet = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let worker = std::thread::current()
            .name()
            .is_some_and(|n| n.starts_with(exec::WORKER));
        if !worker {
            quiet(info);
        }
    }));
    let mut rows = Vec::new();
    exec::run_range(&plan, 0..8, 2, &mut |r| {
        rows.push(r);
        Ok(())
    })
    .expect("the batch completes");
    let status: Vec<bool> = rows.iter().map(|r| r.result.is_ok()).collect();
    assert_eq!(status, [false, false, false, false, true, true, true, true]);
    // After a failure the worker builds a new engine: the next games are as in a clean batch.
    let after: Vec<_> = rows[4..].iter().map(|r| r.result.clone()).collect();
    assert_eq!(after, clean);
    let cols = table::columns(&plan);
    let cells = table::cells(&plan, &cols, &rows[1]);
    assert_eq!(cells[3].to_string(), "failed");
    assert!(
        cells[4].to_string().contains("the engine failed"),
        "{}",
        cells[4]
    );
}

#[test]
fn the_last_shard_prints_the_summary_of_the_whole_batch() {
    let t = tempfile::tempdir().expect("tempdir");
    let args = |out: &Path, shard: &str| {
        let mut v: Vec<String> = [
            "batch",
            SCENARIO,
            "--runs",
            "10",
            "--sweep",
            "tracks.tension.start=1,5",
            "--format",
            "parquet",
            "--out",
        ]
        .map(String::from)
        .to_vec();
        v.push(out.to_string_lossy().into_owned());
        v.extend(["--shard".to_string(), shard.to_string()]);
        v
    };
    let run = |v: Vec<String>| ok(&v.iter().map(String::as_str).collect::<Vec<_>>());
    let whole = run(args(&t.path().join("one"), "0/1"));
    let start = whole.find("== tracks").expect("summary");
    let end = whole.find("replay a row").expect("hint");
    let expected = &whole[start..end];
    let dir = t.path().join("three");
    let first = run(args(&dir, "0/3"));
    assert!(!first.contains("all 3 shards"), "{first}");
    run(args(&dir, "2/3"));
    let last = run(args(&dir, "1/3"));
    let at = last
        .find("all 3 shards of this batch are complete")
        .expect(&last);
    assert!(last[at..].ends_with(expected), "{last}\n---\n{expected}");
}

#[test]
fn an_edit_round_trips_the_scenario_exactly() {
    use whitecell::batch::Edit;
    use whitecell::batch::edit::load_edited;
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(SCENARIO);
    let loaded = whitecell::scenario::load_file(&path).expect("loads");
    let same = Edit::parse("turns.count=6").expect("edit");
    let edited = load_edited(&loaded, &[same]).expect("valid");
    assert_eq!(edited.scenario, loaded.scenario);
    assert_eq!(edited.ruleset, loaded.ruleset);
    let policy = Edit::parse("sides.red.policy=cautious:high=6").expect("edit");
    let edited = load_edited(&loaded, &[policy]).expect("valid");
    assert_eq!(
        edited.scenario.sides[1].policy.as_deref(),
        Some("cautious:high=6")
    );
    let bad = Edit::parse("sides.red.policy=cautios").expect("edit");
    let e = load_edited(&loaded, &[bad]).expect_err("unknown policy");
    assert!(e.contains("did you mean `cautious`"), "{e}");
}
