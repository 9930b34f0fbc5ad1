//! Batch robustness on a disk that fills (issue 11): a batch writing its shards into a small tmpfs
//! that runs out of space mid-shard ends with a clear error (exit 2) and leaves no torn part, no
//! temporary file and no manifest claiming rows that are not in its part; finished shards stay as
//! they were; once there is space again, the same command plays on from the chunks it kept (in
//! its work folder) and skips the finished shard.
//!
//! Needs to mount a tmpfs (root, as in CI): elsewhere it is skipped with a note, unless
//! `WHITECELL_REQUIRE_TOOLS` is set (CI), where it fails instead. The tmpfs is unmounted whatever
//! happens.

#![allow(clippy::print_stdout, clippy::print_stderr)]

mod common;

use common::{err, out, wc};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A mounted tmpfs, unmounted when dropped (also when the test fails).
struct Mount(PathBuf);

impl Mount {
    fn new(at: &Path, size: &str) -> Result<Mount, String> {
        fs::create_dir_all(at).map_err(|e| e.to_string())?;
        let o = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .output()
            .map_err(|e| format!("cannot run mount: {e}"))?;
        if !o.status.success() {
            return Err(String::from_utf8_lossy(&o.stderr).trim().to_string());
        }
        Ok(Mount(at.to_path_buf()))
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// Fills the disk holding `file` up, then gives back `free` bytes.
fn fill_leaving(file: &Path, free: u64) {
    let mut f = fs::File::create(file).expect("filler");
    let chunk = vec![0u8; 4096];
    while f.write_all(&chunk).is_ok() {}
    let _ = f.flush();
    let len = f.metadata().expect("filler size").len();
    f.set_len(len.saturating_sub(free))
        .expect("shrink the filler");
    f.sync_all().expect("sync the filler");
}

/// Rows in a CSV part (its lines but the header).
fn rows(part: &Path) -> u64 {
    let text = fs::read_to_string(part).expect("part");
    assert!(text.ends_with('\n'), "{}: a torn last line", part.display());
    text.lines().count() as u64 - 1
}

/// Every manifest in `dir` claims exactly the rows its part holds; no temporary file is left.
fn consistent(dir: &Path) {
    for e in fs::read_dir(dir).expect("out folder") {
        let p = e.expect("entry").path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        assert!(!name.contains(".tmp-"), "a temporary file is left: {name}");
        if let Some(stem) = name
            .strip_prefix('_')
            .and_then(|n| n.strip_suffix(".manifest.json"))
        {
            let m: serde_json::Value =
                serde_json::from_str(&fs::read_to_string(&p).expect("manifest")).expect("json");
            let part = dir.join(format!("{stem}.csv"));
            assert!(part.is_file(), "{name} without its part");
            assert_eq!(
                m["rows"].as_u64(),
                Some(rows(&part)),
                "{name}: rows claimed"
            );
        }
    }
}

#[test]
fn a_disk_that_fills_mid_batch_leaves_no_torn_part_and_a_rerun_resumes() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let at = tmp.path().join("small-disk");
    let _mount = match Mount::new(&at, "256k") {
        Ok(m) => m,
        Err(why) => {
            assert!(
                std::env::var_os("WHITECELL_REQUIRE_TOOLS").is_none(),
                "cannot mount a tmpfs ({why}), and WHITECELL_REQUIRE_TOOLS is set"
            );
            eprintln!("skipping: cannot mount a tmpfs (needs root: {why})");
            return;
        }
    };
    let scenario = common::root().join("scenarios/tutorial.ron");
    let outdir = at.join("out");
    let batch = |shard: &str| {
        wc(&[
            "batch",
            &scenario.to_string_lossy(),
            "--runs",
            "600",
            "--format",
            "csv",
            "--shard",
            shard,
            "--threads",
            "2",
            "-q",
            "--out",
            &outdir.to_string_lossy(),
        ])
    };
    // Shard 0 of 2 (300 rows, about 23 kB) finishes while there is room.
    let o = batch("0/2");
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let part0 = outdir.join("part-00000-of-00002.csv");
    let manifest0 = outdir.join("_part-00000-of-00002.manifest.json");
    let (kept_part, kept_manifest) = (fs::read(&part0).unwrap(), fs::read(&manifest0).unwrap());
    let part1 = outdir.join("part-00001-of-00002.csv");
    let manifest1 = outdir.join("_part-00001-of-00002.manifest.json");

    // Shard 1 with less and less room: from none to about the part's size.
    let filler = at.join("filler");
    let mut refused = 0;
    // At 24 kB the part fits and its manifest does not.
    for free in [0u64, 4096, 8192, 16384, 24576, 65536] {
        let _ = fs::remove_file(&part1);
        let _ = fs::remove_file(&manifest1);
        fill_leaving(&filler, free);
        let o = batch("1/2");
        println!(
            "{free} bytes free: exit {:?}, part {}, manifest {}",
            o.status.code(),
            part1.exists(),
            manifest1.exists()
        );
        match o.status.code() {
            Some(0) => {}
            Some(2) => {
                refused += 1;
                let e = err(&o);
                assert!(e.contains("No space left"), "free {free}: the error:\n{e}");
                assert!(e.contains("disk is full"), "free {free}: what to do:\n{e}");
                assert!(
                    !manifest1.exists(),
                    "free {free}: a manifest after a failure"
                );
                assert!(!part1.exists(), "free {free}: a part without its manifest");
            }
            other => panic!("free {free}: exit {other:?}\n{}\n{}", out(&o), err(&o)),
        }
        consistent(&outdir);
        assert_eq!(
            fs::read(&part0).unwrap(),
            kept_part,
            "shard 0's part changed"
        );
        assert_eq!(
            fs::read(&manifest0).unwrap(),
            kept_manifest,
            "shard 0's manifest changed"
        );
    }
    assert!(
        refused >= 2,
        "the disk should have been full for some runs: {refused}"
    );

    // Room again: the same command plays shard 1, and shard 0 is not played again.
    fs::remove_file(&filler).expect("free the disk");
    let o = batch("1/2");
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(rows(&part1), 300);
    let o = batch("0/2");
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("already complete"), "{}", out(&o));
    consistent(&outdir);
}
