//! Research results you can trust (issue 18), end to end through the binary: typed rows with
//! explicit `none`s, conflicting flags refused before play, sharding only when asked for, one folder
//! one batch, provenance inside the Parquet parts, `merge`, and resuming an interrupted shard.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use whitecell::batch::table::Cell;

const SCENARIO: &str = "scenarios/tutorial.ron";

fn cmd() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_whitecell"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("SLURM_ARRAY_TASK_ID")
        .env_remove("SLURM_ARRAY_TASK_COUNT")
        .env_remove("SLURM_ARRAY_TASK_MIN")
        .env_remove("JOB_COMPLETION_INDEX");
    c
}

fn whitecell(args: &[&str]) -> Output {
    cmd().args(args).output().expect("the binary runs")
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

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// A batch over a typed sweep, aggressive red: games with and without a winner and a war.
fn batch(out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "batch",
        SCENARIO,
        "--runs",
        "12",
        "--master-seed",
        "7",
        "--policy",
        "red=aggressive:min_odds=0",
        "--sweep",
        "tracks.tension.start=3,9,10",
        "--out",
        s(out),
        "-q",
    ];
    args.extend_from_slice(extra);
    whitecell(&args)
}

fn files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn csv_table(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(path).expect("csv");
    let names = r
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    let rows = r
        .records()
        .map(|x| x.expect("record").iter().map(String::from).collect())
        .collect();
    (names, rows)
}

fn parquet_rows(path: &Path) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    whitecell::batch::parquet::read(path, &mut |c| {
        rows.push(c);
        Ok(())
    })
    .expect("parquet reads");
    rows
}

#[test]
fn rows_are_typed_and_no_winner_is_an_explicit_none() {
    let t = tempfile::tempdir().expect("tempdir");
    let (c, p) = (t.path().join("c"), t.path().join("p"));
    assert!(batch(&c, &["--format", "csv"]).status.success());
    assert!(batch(&p, &["--format", "parquet"]).status.success());
    let (names, rows) = csv_table(&c.join("part-00000-of-00001.csv"));
    let col = |n: &str| names.iter().position(|x| x == n).expect(n);
    let (winner, sd, status, seed) = (
        col("winner"),
        col("sudden_death"),
        col("status"),
        col("seed"),
    );
    assert_eq!(rows.len(), 36);
    for r in &rows {
        assert_eq!(r[status], "ok");
        // Every finished game has a winner and a sudden death cell: a side id or `none`, so that
        // avg((winner = 'blue')::INT) counts every game.
        assert!(!r[winner].is_empty() && !r[sd].is_empty(), "{r:?}");
        // Seeds are below 2^63: every reader takes them as 64-bit integers.
        assert!(r[seed].parse::<i64>().is_ok(), "{}", r[seed]);
    }
    assert!(
        rows.iter().any(|r| r[winner] == "none"),
        "some game has no winner"
    );
    assert!(rows.iter().any(|r| r[sd] == "none"));
    // The swept value is an integer column: 3, 9, 10 sort as numbers.
    let pq = parquet_rows(&p.join("part-00000-of-00001.parquet"));
    let at = col("param_tracks_tension_start");
    let values: Vec<&Cell> = pq.iter().map(|r| &r[at]).collect();
    assert_eq!(values[0], &Cell::I64(3));
    assert_eq!(values[35], &Cell::I64(10));
    assert!(matches!(pq[0][col("seed")], Cell::I64(_)));
    assert!(matches!(pq[0][col("points_blue")], Cell::I32(_)));
    assert!(
        matches!(pq[0][col("control_strait")], Cell::Text(_)),
        "{names:?}"
    );
    // The error of a game that did not fail does not exist: a null, not text.
    assert_eq!(pq[0][col("error")], Cell::Null);
    // The schema lists every column with its type and meaning.
    let schema = ok(&[
        "batch",
        SCENARIO,
        "--runs",
        "1",
        "--sweep",
        "tracks.tension.start=3,9,10",
        "--schema",
    ]);
    let v: serde_json::Value = serde_json::from_str(&schema).expect("json");
    let cols = v["games"].as_array().expect("a list");
    assert_eq!(cols.len(), names.len());
    let param = cols
        .iter()
        .find(|c| c["name"] == "param_tracks_tension_start")
        .expect("param column");
    assert_eq!(param["type"], "i64");
}

#[test]
fn conflicting_flags_are_refused_before_anything_plays() {
    let t = tempfile::tempdir().expect("tempdir");
    let out = t.path().join("never");
    for (flags, says) in [
        (
            vec![
                "--policy",
                "red=hold",
                "--sweep",
                "sides.red.policy=random,aggressive",
            ],
            "both choose the policy of `red`",
        ),
        (
            vec!["--policy", "red=hold", "--set", "sides.red.policy=random"],
            "both choose the policy of `red`",
        ),
        (
            vec![
                "--set",
                "tracks.tension.start=2",
                "--sweep",
                "tracks.tension.start=1,5",
            ],
            "given twice",
        ),
        (
            vec![
                "--sweep",
                "tracks.tension.start=2,3",
                "--sweep",
                "tracks.tension.start=1,5",
            ],
            "given twice",
        ),
    ] {
        let mut args = vec!["batch", SCENARIO, "--runs", "3", "--out", s(&out)];
        args.extend(flags.iter().copied());
        let o = whitecell(&args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{flags:?}: {err}");
        assert!(err.contains(says), "{flags:?}: {err}");
        assert!(!out.exists(), "{flags:?}: nothing may be written");
    }
}

#[test]
fn an_array_task_plays_every_run_unless_asked_to_shard() {
    let t = tempfile::tempdir().expect("tempdir");
    let o = cmd()
        .args(["batch", SCENARIO, "--runs", "9", "--format", "csv", "--out"])
        .arg(t.path().join("all"))
        .env("SLURM_ARRAY_TASK_ID", "1")
        .env("SLURM_ARRAY_TASK_COUNT", "3")
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--shard auto"));
    let (_, rows) = csv_table(&t.path().join("all/part-00000-of-00001.csv"));
    assert_eq!(rows.len(), 9, "every run");
    let o = cmd()
        .args([
            "batch", SCENARIO, "--runs", "9", "--format", "csv", "-q", "--shard", "auto", "--out",
        ])
        .arg(t.path().join("auto"))
        .env("SLURM_ARRAY_TASK_ID", "1")
        .env("SLURM_ARRAY_TASK_COUNT", "3")
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (_, rows) = csv_table(&t.path().join("auto/part-00001-of-00003.csv"));
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0][0], "3");
    let o = whitecell(&[
        "batch",
        SCENARIO,
        "--runs",
        "9",
        "--shard",
        "auto",
        "--out",
        s(&t.path().join("x")),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no array index"));
}

#[test]
fn one_folder_holds_one_batch() {
    let t = tempfile::tempdir().expect("tempdir");
    let dir = t.path().join("four");
    for i in 0..4 {
        let shard = format!("{i}/4");
        let o = batch(&dir, &["--shard", &shard]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    // Nothing but the parts: folder readers read rows only.
    assert!(
        files(&dir).iter().all(|f| f.ends_with(".parquet")),
        "{:?}",
        files(&dir)
    );
    let before: Vec<(String, std::time::SystemTime)> = files(&dir)
        .into_iter()
        .map(|f| {
            let m = std::fs::metadata(dir.join(&f))
                .and_then(|m| m.modified())
                .expect("mtime");
            (f, m)
        })
        .collect();
    for extra in [
        vec![],                                           // unsharded
        vec!["--shard", "0/4", "--set", "turns.count=5"], // another set
        vec!["--shard", "0/4", "--format", "csv"],        // another format, same shard
        vec!["--shard", "1/2"],                           // another shard count
    ] {
        let o = batch(&dir, &extra);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{extra:?}: {err}");
        assert!(
            err.contains("another batch") && err.contains("--out"),
            "{extra:?}: {err}"
        );
    }
    let after: Vec<(String, std::time::SystemTime)> = files(&dir)
        .into_iter()
        .map(|f| {
            let m = std::fs::metadata(dir.join(&f))
                .and_then(|m| m.modified())
                .expect("mtime");
            (f, m)
        })
        .collect();
    assert_eq!(before, after, "no file of the batch was touched");
    // The report still reads the folder.
    let html = t.path().join("r.html");
    ok(&["report", "--batch", s(&dir), "--out", s(&html)]);
}

#[test]
fn parquet_parts_carry_their_provenance() {
    let t = tempfile::tempdir().expect("tempdir");
    assert!(batch(t.path(), &[]).status.success());
    let text =
        whitecell::batch::parquet::manifest_text(&t.path().join("part-00000-of-00001.parquet"))
            .expect("reads")
            .expect("a manifest in the key-value metadata");
    let m: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(m["key"]["master_seed"], 7);
    assert_eq!(m["rows"], 36);
    assert_eq!(m["complete"], true);
    // Stopped after the part was put in place but before its work folder went: the next run
    // finds the shard complete and removes the folder, so folder readers see the parts only.
    let work = t.path().join(".part-00000-of-00001.work");
    std::fs::create_dir_all(&work).expect("mkdir");
    std::fs::write(work.join("manifest.json"), &text).expect("write");
    let o = batch(t.path(), &[]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("already complete"));
    assert!(!work.exists(), "the leftover work folder is removed");
    assert!(
        m["command"]
            .as_array()
            .is_some_and(|c| c.iter().any(|a| a == "--sweep"))
    );
    assert!(m["started"].as_str().is_some_and(|s| s.ends_with('Z')));
    assert!(m["finished"].as_str().is_some_and(|s| s.len() == 20));
    assert!(
        m["key"]["policies"][0]["red"]
            .as_str()
            .is_some_and(|p| p.starts_with("aggressive:min_odds=0"))
    );
}

fn run_rows(path: &Path) -> Vec<Vec<Cell>> {
    parquet_rows(path)
}

#[test]
fn merge_writes_one_verified_file_equal_to_an_unsharded_run() {
    let t = tempfile::tempdir().expect("tempdir");
    let (one, three) = (t.path().join("one"), t.path().join("three"));
    assert!(batch(&one, &[]).status.success());
    for i in [2, 0] {
        assert!(
            batch(&three, &["--shard", &format!("{i}/3")])
                .status
                .success()
        );
    }
    let merged = t.path().join("merged.parquet");
    let o = whitecell(&["merge", s(&three), "--out", s(&merged)]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("1/3") && err.contains("missing"), "{err}");
    assert!(!merged.exists());
    assert!(batch(&three, &["--shard", "1/3"]).status.success());
    let said = ok(&["merge", s(&three), "--out", s(&merged)]);
    assert!(said.contains("36 rows"), "{said}");
    let whole = run_rows(&one.join("part-00000-of-00001.parquet"));
    assert_eq!(
        run_rows(&merged),
        whole,
        "merged shards equal one unsharded run"
    );
    let m: serde_json::Value = serde_json::from_str(
        &whitecell::batch::parquet::manifest_text(&merged)
            .expect("reads")
            .expect("manifest"),
    )
    .expect("json");
    assert_eq!(m["rows"], 36);
    assert_eq!(m["key"]["master_seed"], 7);
    // A CSV batch merges to the same rows.
    let csv = t.path().join("csv");
    assert!(
        batch(&csv, &["--format", "csv", "--shard", "0/2"])
            .status
            .success()
    );
    assert!(
        batch(&csv, &["--format", "csv", "--shard", "1/2"])
            .status
            .success()
    );
    let merged_csv = t.path().join("from-csv.parquet");
    ok(&["merge", s(&csv), "--out", s(&merged_csv)]);
    assert_eq!(run_rows(&merged_csv), whole);
    // report --batch takes the merged file.
    let html = t.path().join("merged.html");
    ok(&["report", "--batch", s(&merged), "--out", s(&html)]);
    // A stranger's file in the folder is refused.
    std::fs::write(three.join("part-00009-of-00010.parquet"), b"not parquet").expect("write");
    let o = whitecell(&["merge", s(&three), "--out", s(&t.path().join("m2.parquet"))]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("part-00009-of-00010.parquet"));
}

fn work_chunks(dir: &Path) -> usize {
    let w: PathBuf = dir.join(".part-00000-of-00001.work");
    std::fs::read_dir(&w).map_or(0, |rd| {
        rd.filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with("chunk-"))
            .count()
    })
}

#[test]
fn a_killed_shard_resumes_from_its_last_chunk_without_duplicates() {
    let t = tempfile::tempdir().expect("tempdir");
    let (whole, cut) = (t.path().join("whole"), t.path().join("cut"));
    let args = |out: &Path| -> Vec<String> {
        [
            "batch",
            SCENARIO,
            "--runs",
            "2000",
            "--threads",
            "1",
            "--format",
            "csv",
            "-q",
            "--chunk-rows",
            "25",
            "--out",
        ]
        .iter()
        .map(|x| x.to_string())
        .chain([s(out).to_string()])
        .collect()
    };
    assert!(
        cmd()
            .args(args(&whole))
            .output()
            .expect("runs")
            .status
            .success()
    );
    let mut child = cmd().args(args(&cut)).spawn().expect("spawns");
    let start = std::time::Instant::now();
    while work_chunks(&cut) < 2 {
        assert!(start.elapsed().as_secs() < 120, "no chunk was written");
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().expect("kill -9");
    let _ = child.wait();
    let kept = work_chunks(&cut);
    // A temporary file left by the killed process is removed, never read.
    let work = cut.join(".part-00000-of-00001.work");
    if work.is_dir() {
        std::fs::write(
            work.join(".chunk-000000000000-000000000025.csv.tmp-99999"),
            b"junk",
        )
        .expect("write");
    }
    let o = cmd().args(args(&cut)).output().expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(kept >= 2, "the shard was killed after {kept} chunk(s)");
    assert!(said.contains("resumed"), "{said}");
    assert_eq!(
        std::fs::read_to_string(cut.join("part-00000-of-00001.csv")).expect("part"),
        std::fs::read_to_string(whole.join("part-00000-of-00001.csv")).expect("part")
    );
    assert_eq!(
        files(&cut),
        [
            "_part-00000-of-00001.manifest.json",
            "part-00000-of-00001.csv"
        ]
    );
}

#[test]
fn history_has_a_row_per_game_and_turn_that_ends_as_the_game_row() {
    let t = tempfile::tempdir().expect("tempdir");
    let (games, hist) = (t.path().join("games"), t.path().join("history"));
    let o = batch(&games, &["--history", s(&hist), "--shard", "0/2"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        batch(&games, &["--history", s(&hist), "--shard", "1/2"])
            .status
            .success()
    );
    assert!(
        files(&hist).iter().all(|f| f.ends_with(".parquet")),
        "{:?}",
        files(&hist)
    );
    let (gm, hm) = (t.path().join("g.parquet"), t.path().join("h.parquet"));
    ok(&["merge", s(&games), "--out", s(&gm)]);
    ok(&["merge", s(&hist), "--out", s(&hm)]);
    let names = whitecell::batch::parquet::names(&gm).expect("names");
    let hnames = whitecell::batch::parquet::names(&hm).expect("names");
    let g = |n: &str| names.iter().position(|x| x == n).expect(n);
    let h = |n: &str| hnames.iter().position(|x| x == n).expect(n);
    let game_rows = run_rows(&gm);
    let hist_rows = run_rows(&hm);
    assert_eq!(game_rows.len(), 36);
    for row in &game_rows {
        let run = row[0].int().expect("run");
        let turns: Vec<&Vec<Cell>> = hist_rows
            .iter()
            .filter(|r| r[0].int() == Some(run))
            .collect();
        assert_eq!(
            turns.len() as i64,
            row[g("turns")].int().expect("turns"),
            "run {run}"
        );
        let nums: Vec<i64> = turns.iter().map(|r| r[1].int().expect("turn")).collect();
        assert_eq!(nums, (1..=turns.len() as i64).collect::<Vec<_>>());
        let last = turns.last().expect("a turn");
        for c in ["track_tension", "points_blue", "points_red"] {
            assert_eq!(last[h(c)], row[g(c)], "run {run} {c}");
        }
        let fought: i64 = turns
            .iter()
            .map(|r| r[h("engagements")].int().expect("n"))
            .sum();
        assert_eq!(fought, row[g("engagements")].int().expect("n"), "run {run}");
    }
    // A batch with history is another batch than one without.
    let o = batch(&games, &["--shard", "0/2"]);
    assert_eq!(o.status.code(), Some(1));
    // And the report refuses the history table, naming the one it reads.
    let o = whitecell(&[
        "report",
        "--batch",
        s(&hist),
        "--out",
        s(&t.path().join("x.html")),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("history table"));
}

/// Shard 0/2 of a 40-run tutorial batch into `out` (with `extra` flags), through the binary.
fn shard_0_of_2(out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["batch", SCENARIO, "--runs", "40", "--shard", "0/2", "-q"];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["--out", s(out)]);
    whitecell(&args)
}

/// Two processes on one shard (an array index given twice, a job requeued while the first still
/// runs): the second is refused before it touches a file, naming the first, and the first's
/// shard is left to it. Before, the second wrote the chunks the first was writing, and one of
/// them failed half-way with "No such file or directory" when the other finished.
#[test]
fn a_second_process_on_a_shard_being_played_is_refused_naming_the_first() {
    use whitecell::batch::claim::{Attempt, try_claim};
    let t = tempfile::tempdir().expect("tempdir");
    let (out, alone) = (t.path().join("out"), t.path().join("alone"));
    // The first process, here: it has claimed shard 0/2 and is playing it.
    let work = out.join(".part-00000-of-00002.work");
    std::fs::create_dir_all(&work).expect("work folder");
    let Attempt::Held(first) = try_claim(&work).expect("claim") else {
        panic!("the shard is not free");
    };
    let o = shard_0_of_2(&out, &[]);
    let e = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{e}");
    assert!(
        e.contains("shard 0/2 of this batch is being played")
            && e.contains(&format!("process {}", std::process::id())),
        "{e}"
    );
    assert_eq!(files(&out), [".part-00000-of-00002.work"]);
    // Once the first is gone, the same command plays the shard.
    drop(first);
    assert!(shard_0_of_2(&out, &[]).status.success());
    assert!(shard_0_of_2(&alone, &[]).status.success());
    let part = "part-00000-of-00002.parquet";
    assert_eq!(run_rows(&out.join(part)), run_rows(&alone.join(part)));
    assert!(!work.exists());
}

/// A CSV shard stopped after its part was renamed into place and before its manifest was written
/// is completed by the next run of the command, as a shard stopped at any other moment is (the
/// claim once took that part for one another process had finished, and refused to go on).
#[test]
fn a_csv_shard_stopped_before_its_manifest_is_completed() {
    let t = tempfile::tempdir().expect("tempdir");
    let (out, alone) = (t.path().join("out"), t.path().join("alone"));
    let csv = ["--format", "csv"];
    assert!(shard_0_of_2(&alone, &csv).status.success());
    assert!(shard_0_of_2(&out, &csv).status.success());
    // Back to the moment between the part's rename and the manifest's write: the work folder
    // with its manifest not yet complete, the part in place, no manifest beside it.
    let manifest = out.join("_part-00000-of-00002.manifest.json");
    let mut m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&manifest).expect("manifest")).expect("json");
    m["complete"] = serde_json::Value::Bool(false);
    let work = out.join(".part-00000-of-00002.work");
    std::fs::create_dir_all(&work).expect("work folder");
    std::fs::write(work.join("manifest.json"), m.to_string()).expect("write");
    std::fs::remove_file(&manifest).expect("remove");
    let o = shard_0_of_2(&out, &csv);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        files(&out),
        [
            "_part-00000-of-00002.manifest.json",
            "part-00000-of-00002.csv"
        ]
    );
    let part = "part-00000-of-00002.csv";
    assert_eq!(
        std::fs::read_to_string(out.join(part)).expect("part"),
        std::fs::read_to_string(alone.join(part)).expect("part")
    );
}
