//! Common random numbers across versions of a scenario (issue 21, finding "before/after comparisons
//! use different dice"): by default a batch's seeds come from the master seed *and* the scenario's
//! hash, so even a cosmetic edit changes every seed; `--common-seeds` leaves the scenario out, so two
//! versions play the same dice, and the manifest says which derivation a batch used.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn whitecell(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_whitecell"))
        .args(args)
        .env_remove("SLURM_ARRAY_TASK_ID")
        .env_remove("JOB_COMPLETION_INDEX")
        .output()
        .expect("whitecell runs")
}

/// The tutorial in `dir`, with its ruleset beside it; `extra` is appended (a comment: the same
/// game in other bytes, as after a cosmetic edit).
fn version(dir: &Path, extra: &str) -> PathBuf {
    std::fs::create_dir_all(dir.join("rulesets")).unwrap();
    std::fs::copy(
        root().join("scenarios/rulesets/default.ron"),
        dir.join("rulesets/default.ron"),
    )
    .unwrap();
    let text = std::fs::read_to_string(root().join("scenarios/tutorial.ron")).unwrap();
    let p = dir.join("tutorial.ron");
    std::fs::write(&p, format!("{text}{extra}")).unwrap();
    p
}

/// (seed, state_hash) of every row of a CSV batch folder's one part.
fn rows(out: &Path) -> Vec<(u64, String)> {
    let part = std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "csv"))
        .expect("a CSV part");
    let mut r = csv::Reader::from_path(part).unwrap();
    let h = r.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|c| c == n).expect(n);
    let (s, x) = (col("seed"), col("state_hash"));
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            (rec[s].parse().unwrap(), rec[x].to_string())
        })
        .collect()
}

fn batch(scenario: &Path, out: &Path, common: bool) -> Output {
    let mut args = vec![
        "batch",
        scenario.to_str().unwrap(),
        "--runs",
        "12",
        "--master-seed",
        "5",
        "--format",
        "csv",
        "-q",
        "--out",
        out.to_str().unwrap(),
    ];
    if common {
        args.push("--common-seeds");
    }
    whitecell(&args)
}

#[test]
fn two_versions_of_a_scenario_play_the_same_dice_with_common_seeds() {
    let t = tempfile::tempdir().unwrap();
    let before = version(&t.path().join("before"), "");
    let after = version(&t.path().join("after"), "\n// a cosmetic edit\n");
    let run = |s: &Path, name: &str, common: bool| {
        let out = t.path().join(name);
        let o = batch(s, &out, common);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        rows(&out)
    };
    // By default the scenario's bytes are part of every seed: the edit changes the dice.
    let (b, a) = (run(&before, "b", false), run(&after, "a", false));
    assert!(b.iter().zip(&a).all(|(x, y)| x.0 != y.0), "{b:?}\n{a:?}");
    // With common seeds, the same seeds and (the game being the same) the same games.
    let (bc, ac) = (run(&before, "bc", true), run(&after, "ac", true));
    assert_eq!(bc, ac);
    assert_ne!(bc, b);
    // A row still plays again alone from its seed.
    let (seed, hash) = &ac[3];
    let o = whitecell(&[
        "run",
        after.to_str().unwrap(),
        "--seed",
        &seed.to_string(),
        "--quiet",
    ]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains(&format!("final state hash: {hash}")), "{out}");
    // The manifest says which derivation the batch used.
    let manifest = std::fs::read_dir(t.path().join("ac"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("manifest"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .or_else(|| {
            let dir = t.path().join("ac/_manifests");
            std::fs::read_dir(dir).ok()?.find_map(|e| {
                let p = e.ok()?.path();
                std::fs::read_to_string(p).ok()
            })
        })
        .expect("a manifest");
    assert!(manifest.contains("common random numbers"), "{manifest}");
}

#[test]
fn a_common_seeds_batch_and_a_default_one_never_share_a_folder() {
    let t = tempfile::tempdir().unwrap();
    let s = version(&t.path().join("s"), "");
    let out = t.path().join("out");
    assert_eq!(batch(&s, &out, true).status.code(), Some(0));
    let o = batch(&s, &out, false);
    assert_eq!(o.status.code(), Some(1), "mixing derivations is refused");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("common seeds"),
        "the refusal names the batch the folder holds: {err}"
    );
}
