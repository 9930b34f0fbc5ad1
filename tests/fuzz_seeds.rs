//! The fuzz targets' seeds through the fuzz targets' own code (`fuzz/harness.rs`), on stable, in
//! `cargo test`: every shipped scenario, real orders file, real save and README `--set`/`--sweep`
//! value in `fuzz/seeds/` goes through the loader, the intake, the save loader and the batch
//! planner without a panic. The fuzzing itself (nightly, cargo-fuzz) is `fuzz/run.sh`.

#[path = "../fuzz/harness.rs"]
#[allow(dead_code)]
mod harness;

use std::path::Path;

/// What a fuzz target does with one input.
type Target = fn(&[u8]);

fn each_seed(target: &str, run: Target) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/seeds")
        .join(target);
    let mut n = 0;
    for e in std::fs::read_dir(&dir).expect("the seeds folder") {
        let p = e.expect("a seed").path();
        run(&std::fs::read(&p).expect("a readable seed"));
        n += 1;
    }
    assert!(n > 0, "no seeds in {}", dir.display());
}

#[test]
fn scenario_seeds() {
    each_seed("scenario", harness::scenario);
}

#[test]
fn orders_seeds() {
    each_seed("orders", harness::orders);
}

#[test]
fn save_seeds() {
    each_seed("save", harness::save);
}

#[test]
fn set_seeds() {
    each_seed("set", harness::set);
}

/// Every input fuzzing found a problem with (`tests/fixtures/fuzz/TARGET/`), through its target.
#[test]
fn past_findings() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let targets: [(&str, Target); 4] = [
        ("scenario", harness::scenario),
        ("orders", harness::orders),
        ("save", harness::save),
        ("set", harness::set),
    ];
    for (target, run) in targets {
        let Ok(files) = std::fs::read_dir(dir.join(target)) else {
            continue;
        };
        for e in files {
            run(&std::fs::read(e.expect("a finding").path()).expect("a readable finding"));
        }
    }
}
