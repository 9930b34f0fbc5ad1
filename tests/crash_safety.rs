//! Crash safety: `whitecell orders submit`, `adjudicate`, `amend` and `rollback` are SIGKILLed at
//! seeded, reproducible moments, 200 times in all (`WHITECELL_CRASH_KILLS=N` for more,
//! `WHITECELL_CRASH_SEED=S` for another plan). After each kill the folder must hold the save of
//! the step before the command or of the step after it — exactly, with a valid checksum — it must
//! replay, no orders handed in may be lost, and opening it must bring every view, the log and the
//! rolled-back files back to what that save gives, with no temporary file left and a word to the
//! instructor when something was repaired.
//!
//! Where the kills land: each command is run once uninterrupted, which gives the folder after it,
//! the number of file steps it takes (the `WHITECELL_TEST_STOP_AT` hook counts them) and how long
//! it lives. Half the kills stop the command at a chosen file step (it waits there for the
//! SIGKILL), so every stage of every write is hit whatever the machine's speed; the other half
//! SIGKILL it at a chosen moment of its measured life, as a power cut or `kill -9` would.

// The tally is printed for whoever runs it with --nocapture.
#![allow(clippy::print_stderr)]

mod common;
use common::*;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use whitecell::game::Game;
use whitecell::game::store::save::{Entry, Save};

/// A folder's files, by path relative to it (the lock file aside).
type Snapshot = BTreeMap<String, Vec<u8>>;

fn snapshot(dir: &Path) -> Snapshot {
    fn walk(root: &Path, d: &Path, out: &mut Snapshot) {
        for e in std::fs::read_dir(d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                if rel != "game.lock" {
                    out.insert(rel, std::fs::read(&p).unwrap());
                }
            }
        }
    }
    let mut out = Snapshot::new();
    walk(dir, dir, &mut out);
    out
}

fn restore(s: &Snapshot, dir: &Path) {
    for (rel, bytes) in s {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, bytes).unwrap();
    }
}

/// One command of the script, with the folder before and after it.
struct Step {
    args: Vec<String>,
    before: Snapshot,
    after: Snapshot,
    /// File steps it takes, uninterrupted.
    steps: u64,
    /// How long it lived, uninterrupted.
    life: Duration,
    /// Receipts of every orders file handed in before it, and by it.
    receipts_before: Vec<String>,
    receipts_after: Vec<String>,
}

fn run_counting(args: &[String]) -> (std::process::Output, u64, Duration) {
    let t = Instant::now();
    let o = Command::new(env!("CARGO_BIN_EXE_whitecell"))
        .args(args)
        .env("WHITECELL_TEST_STOP_AT", "0")
        .output()
        .unwrap();
    let life = t.elapsed();
    let steps = err(&o)
        .lines()
        .filter(|l| l.starts_with("whitecell-test: step "))
        .count() as u64;
    (o, steps, life)
}

fn receipt_of(stdout: &str) -> String {
    stdout
        .split("receipt ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .expect("a receipt")
        .to_string()
}

/// Plays the script once in `dir`, recording each command's folder before and after.
fn script(base: &Path) -> Vec<Step> {
    let dir = base.join("g");
    new_game(&dir, 4242);
    let gs = dir.to_string_lossy().to_string();
    ok(wc(&["adjudicate", &gs, "--missing", "policy"]));
    let sides = sides();
    let game = Save::read(&dir).unwrap().game;
    let (a, b) = (&sides[0], &sides[1]);
    let n = std::cell::Cell::new(0);
    let orders = |side: &str, turn: u32| -> Vec<String> {
        let v = view(&dir, side);
        let unit = v.own[0].id.clone();
        n.set(n.get() + 1);
        let p = base.join(format!("{side}-{turn}-{}.ron", n.get()));
        std::fs::write(&p, orders_ron(&game, side, turn, &[(&unit, "Hold")])).unwrap();
        let key = dir.join("keys").join(format!("{side}.key"));
        [
            "orders",
            "submit",
            &p.to_string_lossy(),
            &gs,
            "--key",
            &key.to_string_lossy(),
        ]
        .map(String::from)
        .to_vec()
    };
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let track = whitecell::cli::load(&scenario()).unwrap().tracks[0]
        .id
        .clone();
    let plan: Vec<Box<dyn Fn() -> Vec<String>>> = vec![
        Box::new(|| orders(a, 2)),
        Box::new(|| orders(b, 2)),
        Box::new(|| s(&["adjudicate", &gs, "--missing", "hold"])),
        Box::new(|| {
            s(&[
                "amend",
                &gs,
                "--track",
                &track,
                "--value",
                "1",
                "--reason",
                "crash test",
            ])
        }),
        Box::new(|| orders(a, 3)),
        Box::new(|| s(&["rollback", &gs, "--to-turn", "1", "--reason", "crash test"])),
        Box::new(|| orders(b, 2)),
        Box::new(|| s(&["adjudicate", &gs, "--missing", "policy"])),
        Box::new(|| orders(a, 3)),
        Box::new(|| s(&["rollback", &gs, "--to-turn", "2", "--reason", "orders only"])),
    ];
    let mut receipts = Vec::new();
    let mut done = Vec::new();
    for make in plan {
        let before = snapshot(&dir);
        let receipts_before = receipts.clone();
        let args = make();
        let (o, steps, life) = run_counting(&args);
        assert!(o.status.success(), "{args:?} runs: {}", err(&o));
        if args[0] == "orders" {
            receipts.push(receipt_of(&out(&o)));
        }
        done.push(Step {
            args,
            before,
            after: snapshot(&dir),
            steps,
            life,
            receipts_before,
            receipts_after: receipts.clone(),
        });
    }
    done
}

/// Where a kill lands: a file step, or a moment of the command's life.
#[derive(Debug, Clone, Copy)]
enum At {
    Step(u64),
    Moment(Duration),
}

/// Runs `args` in `dir` (paths in `args` are rewritten from `from` to `dir`) and SIGKILLs it.
fn kill(args: &[String], from: &Path, dir: &Path, at: At) {
    let args: Vec<String> = args
        .iter()
        .map(|a| a.replace(&*from.to_string_lossy(), &dir.to_string_lossy()))
        .collect();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_whitecell"));
    cmd.args(&args).stdout(Stdio::null()).stderr(Stdio::piped());
    if let At::Step(k) = at {
        cmd.env("WHITECELL_TEST_STOP_AT", k.to_string());
    }
    let mut child = cmd.spawn().unwrap();
    match at {
        At::Step(_) => {
            // Wait until it stops at its step (or ends, if it finished first).
            let stderr = child.stderr.take().unwrap();
            for line in BufReader::new(stderr).lines() {
                if line.map_or(true, |l| l.starts_with("whitecell-test: stopped")) {
                    break;
                }
            }
        }
        At::Moment(d) => std::thread::sleep(d),
    }
    // `Child::kill` sends SIGKILL on Unix.
    let _ = child.kill();
    let _ = child.wait();
}

/// What a kill left, checked; returns whether opening repaired anything.
fn check(step: &Step, dir: &Path, binary: bool) -> (bool, bool) {
    let left = snapshot(dir);
    let save = &left["game.save"];
    let new = if *save == step.after["game.save"] {
        true
    } else {
        assert_eq!(
            *save, step.before["game.save"],
            "{:?}: the save is neither the old one nor the new one",
            step.args
        );
        false
    };
    let want = if new { &step.after } else { &step.before };
    let bak = &left["game.save.bak"];
    assert!(
        *bak == step.before["game.save.bak"] || *bak == step.before["game.save"],
        "{:?}: the backup is the previous save",
        step.args
    );
    Save::read(dir).expect("the save's checksum is valid");
    // Derived files left behind the save?
    let stale = want
        .iter()
        .any(|(rel, bytes)| rel != "game.save.bak" && left.get(rel) != Some(bytes))
        || left.keys().any(|rel| rel.contains(".tmp-"));
    if binary {
        let o = wc(&["status", &dir.to_string_lossy()]);
        assert!(o.status.success(), "{:?}: status: {}", step.args, err(&o));
        assert_eq!(
            err(&o).contains("note: "),
            stale,
            "{:?}: the repair is told exactly when there was one: {}",
            step.args,
            err(&o)
        );
        let r = ok(wc(&["replay", &dir.to_string_lossy()]));
        assert!(r.contains("every hash matches"), "{r}");
    } else {
        let g = Game::open(dir).expect("the folder opens");
        assert!(g.checks.iter().all(|c| c.recorded == c.replayed), "replays");
        assert_eq!(
            !g.repairs.is_empty(),
            stale,
            "{:?}: {:?}",
            step.args,
            g.repairs
        );
    }
    // Opening brought every file to what the save gives; nothing stray is left.
    let healed = snapshot(dir);
    for (rel, bytes) in want {
        if rel != "game.save.bak" {
            assert!(
                healed.get(rel) == Some(bytes),
                "{:?}: {rel} is not what the save gives after opening",
                step.args
            );
        }
    }
    let extra: Vec<&String> = healed
        .keys()
        .filter(|k| !want.contains_key(*k) && *k != "game.save.bak")
        .collect();
    assert!(extra.is_empty(), "{:?}: stray files {extra:?}", step.args);
    // No orders handed in are lost: every receipt given is in the journal.
    let s = Save::read(dir).unwrap();
    let kept: Vec<&String> = s
        .journal
        .iter()
        .filter_map(|r| match &r.entry {
            Entry::Orders { receipt, .. } => Some(receipt),
            _ => None,
        })
        .collect();
    let given = if new {
        &step.receipts_after
    } else {
        &step.receipts_before
    };
    for r in given {
        assert!(
            kept.contains(&r),
            "{:?}: orders with receipt {r} lost",
            step.args
        );
    }
    (new, stale)
}

#[test]
fn kill_9_at_any_moment_leaves_the_old_step_or_the_new_one() {
    let kills = env_u64("WHITECELL_CRASH_KILLS", 200) as usize;
    let seed = env_u64("WHITECELL_CRASH_SEED", 11);
    let tmp = tempfile::tempdir().unwrap();
    let steps = script(tmp.path());
    let from = tmp.path().join("g");
    // The plan: which command, and where the kill lands.
    let mut mix = Mix(seed);
    let kinds = ["orders", "adjudicate", "amend", "rollback"];
    let of_kind: Vec<Vec<usize>> = kinds
        .iter()
        .map(|k| {
            (0..steps.len())
                .filter(|&i| steps[i].args[0] == *k)
                .collect()
        })
        .collect();
    let plan: Vec<(usize, At)> = (0..kills)
        .map(|_| {
            // A command first (each as often), then one of its runs in the script.
            let runs = &of_kind[mix.below(kinds.len())];
            let i = runs[mix.below(runs.len())];
            let at = if mix.below(2) == 0 {
                At::Step(1 + mix.below(steps[i].steps.max(1) as usize) as u64)
            } else {
                let us = steps[i].life.as_micros().max(1) as u64;
                At::Moment(Duration::from_micros(mix.below(us as usize) as u64))
            };
            (i, at)
        })
        .collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let tally = std::sync::Mutex::new(BTreeMap::<String, [usize; 3]>::new());
    std::thread::scope(|sc| {
        for _ in 0..3 {
            sc.spawn(|| {
                loop {
                    let n = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    let Some(&(i, at)) = plan.get(n) else { break };
                    let step = &steps[i];
                    let dir: PathBuf = tmp.path().join(format!("k{n}"));
                    restore(&step.before, &dir);
                    kill(&step.args, &from, &dir, at);
                    // Paths inside the snapshots name `g`; the kill ran in `k{n}`: both hold
                    // the same bytes, as every file names its game, never its folder.
                    let (new, stale) = check(step, &dir, n.is_multiple_of(4));
                    let name = if step.args[0] == "orders" {
                        "orders submit".to_string()
                    } else {
                        step.args[0].clone()
                    };
                    let mut t = tally.lock().unwrap();
                    let e = t.entry(name).or_default();
                    e[usize::from(new)] += 1;
                    e[2] += usize::from(stale);
                    drop(t);
                    let _ = std::fs::remove_dir_all(&dir);
                }
            });
        }
    });
    let t = tally.into_inner().unwrap();
    let mut total = 0;
    for (cmd, [old, new, stale]) in &t {
        eprintln!(
            "{cmd}: {} kills, {old} at the old step, {new} at the new, {stale} repaired on open",
            old + new
        );
        total += old + new;
    }
    assert_eq!(total, kills);
    for cmd in ["orders submit", "adjudicate", "amend", "rollback"] {
        assert!(t.contains_key(cmd), "{cmd} was killed");
    }
}
