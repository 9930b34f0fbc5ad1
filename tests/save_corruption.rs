//! The corruption campaign: well over 1,000 damaged saves — flipped bits, truncations, appended
//! bytes, swapped lines, tokens appended to the header, content altered with a valid checksum
//! recomputed over it, saves of other games. Every damaged save must be refused as rejected input,
//! with a message naming the file and the way back (`game.save.bak`), or open as the very same
//! game; never a panic, never a different game. `WHITECELL_CORRUPT_CASES=N` scales the campaign,
//! `WHITECELL_CORRUPT_SEED=S` draws another one. (Key files: `tests/key_corruption.rs`.)
//!
//! Each save is judged in-process through `Game::open_read_only`, the path `status` takes, and one
//! in forty (and every save of another game) through the binary with a rotating command —
//! `status`, `replay`, `adjudicate`, `view`, `amend`, `rollback` — for the exit code and the text
//! a user sees. `WHITECELL_CORRUPT_SHOW=1` lists the damaged saves that opened as the same game
//! (record-only text, records that commute, removed optional fields).

// The tallies are printed for whoever runs it with --nocapture.
#![allow(clippy::print_stdout)]

mod common;
use common::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use whitecell::game::store::save::{Entry, Save};
use whitecell::game::{Game, GameError};

/// The game every damaged save is measured against.
struct Base {
    save: Save,
    bytes: Vec<u8>,
    hash: String,
    log: Vec<u8>,
    pending: Vec<String>,
    views: Vec<String>,
}

fn hand_in(dir: &Path, side: &str) {
    let v = view(dir, side);
    let p = dir
        .parent()
        .unwrap()
        .join(format!("{side}-{}.ron", v.next_turn));
    let o = orders_ron(&v.game, side, v.next_turn, &[(&v.own[0].id, "Hold")]);
    std::fs::write(&p, o).unwrap();
    let key = dir.join("keys").join(format!("{side}.key"));
    let (p, d, k) = (
        p.to_string_lossy(),
        dir.to_string_lossy(),
        key.to_string_lossy(),
    );
    ok(wc(&["orders", "submit", &p, &d, "--key", &k]));
}

/// A game with every kind of journal record: orders, turns, an amendment, a rollback that
/// discarded some of each, pending orders.
fn base_game(dir: &Path) {
    new_game(dir, 77);
    let d = dir.to_string_lossy().to_string();
    let s = sides();
    let track = whitecell::cli::load(&scenario()).unwrap().tracks[0]
        .id
        .clone();
    ok(wc(&["adjudicate", &d, "--missing", "policy"]));
    hand_in(dir, &s[0]);
    ok(wc(&[
        "amend", &d, "--track", &track, "--value", "2", "--reason", "storm",
    ]));
    ok(wc(&["adjudicate", &d, "--missing", "policy"]));
    hand_in(dir, &s[1]);
    ok(wc(&["rollback", &d, "--to-turn", "1", "--reason", "again"]));
    hand_in(dir, &s[0]);
    ok(wc(&["adjudicate", &d, "--missing", "hold"]));
    hand_in(dir, &s[1]);
}

fn state(g: &mut Game) -> (String, Vec<u8>, Vec<String>, Vec<String>) {
    let mut log = Vec::new();
    whitecell::report::jsonl::write(&mut log, &g.engine.log()).unwrap();
    let pending = g.pending.values().map(|(_, r)| r.clone()).collect();
    let views =
        g.c.side_ids()
            .map(|s| serde_json::to_string(&g.view(s)).unwrap())
            .collect();
    (g.engine.state_hash(), log, pending, views)
}

/// The save with what carries no game set aside, for "the very same game": the record-only
/// `origin` and `engine` text, the optional integrity fields, and the order of records that
/// commute (a side's orders and an umpire action between the same two turns replay alike, which
/// the live state, log, views and pending orders compared beside this confirm), and a second copy
/// of a record (whitecell records the same signed file handed in twice).
fn content(s: &Save) -> (Save, Vec<String>) {
    let mut s = plain(s);
    let mut records: Vec<String> = s
        .journal
        .drain(..)
        .map(|r| serde_json::to_string(&r).unwrap())
        .collect();
    // The same signed file handed in twice is recorded twice: a set, not a list.
    records.sort();
    records.dedup();
    (s, records)
}

fn plain(s: &Save) -> Save {
    let mut s = s.clone();
    s.origin.clear();
    s.engine.clear();
    for r in &mut s.journal {
        match &mut r.entry {
            Entry::Turn { events_hash, .. } | Entry::Umpire { events_hash, .. } => {
                *events_hash = None
            }
            Entry::Rollback {
                events_hash,
                discards,
                ..
            } => {
                *events_hash = None;
                *discards = None;
            }
            Entry::Orders { .. } => {}
        }
    }
    s
}

#[derive(Debug, PartialEq)]
enum Verdict {
    Refused,
    Same,
}

/// Judges the save now in `dir`: refused properly, or the very same game; anything else fails.
fn judge(dir: &Path, base: &Base, what: &str) -> Verdict {
    let r = std::panic::catch_unwind(|| Game::open_read_only(dir));
    let r = r.unwrap_or_else(|_| panic!("{what}: opening panicked"));
    match r {
        Err(GameError { rejected, message }) => {
            assert!(
                rejected,
                "{what}: refused as an error, not rejected input:\n{message}"
            );
            let path = dir.join("game.save").to_string_lossy().to_string();
            assert!(
                message.contains(&path) && message.contains("game.save.bak"),
                "{what}: the message names the file and the way back:\n{message}"
            );
            Verdict::Refused
        }
        Ok(mut g) => {
            let (hash, log, pending, views) = state(&mut g);
            assert!(
                hash == base.hash
                    && log == base.log
                    && pending == base.pending
                    && views == base.views
                    && content(&g.save) == content(&base.save),
                "{what}: a damaged save opened as another game"
            );
            if std::env::var_os("WHITECELL_CORRUPT_SHOW").is_some() {
                println!("the same game: {what}");
            }
            Verdict::Same
        }
    }
}

/// Runs a user's command on the damaged save in `dir`: exit 1, the file and the way back named.
fn through_the_binary(dir: &Path, n: usize, what: &str) {
    let d = dir.to_string_lossy().to_string();
    let side = sides()[0].clone();
    let cmds: [Vec<&str>; 6] = [
        vec!["status", &d],
        vec!["replay", &d],
        vec!["adjudicate", &d],
        vec!["view", &d, "--side", &side],
        vec![
            "amend", &d, "--track", "tension", "--value", "1", "--reason", "x",
        ],
        vec!["rollback", &d, "--to-turn", "0", "--reason", "x"],
    ];
    let args = &cmds[n % cmds.len()];
    let o = wc(args);
    let e = err(&o);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{what}: `{}` exit code:\n{e}",
        args[0]
    );
    assert!(
        e.contains("game.save.bak")
            && e.contains(&dir.join("game.save").to_string_lossy().to_string()),
        "{what}: `{}`:\n{e}",
        args[0]
    );
    assert!(!e.contains("panicked"), "{what}: {e}");
}

fn seal(body: &str) -> Vec<u8> {
    let sum = whitecell::game::store::crypto::sha256_hex(body.as_bytes());
    format!("whitecell-game format=1 sha256={sum}\n{body}\n").into_bytes()
}

/// Every leaf of a JSON value, as a path of keys and indexes.
fn leaves(v: &Value, path: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                path.push(Value::String(k.clone()));
                leaves(x, path, out);
                path.pop();
            }
        }
        Value::Array(a) if !a.is_empty() => {
            for (i, x) in a.iter().enumerate() {
                path.push(Value::from(i));
                leaves(x, path, out);
                path.pop();
            }
        }
        _ => out.push(path.clone()),
    }
}

fn at<'a>(v: &'a mut Value, path: &[Value]) -> &'a mut Value {
    path.iter().fold(v, |v, k| match k {
        Value::String(s) => &mut v[s.as_str()],
        i => &mut v[i.as_u64().unwrap() as usize],
    })
}

/// One change to a value: a character of a string (hex stays hex), a number, a flag, a null.
fn alter(v: &mut Value, mix: &mut Mix) {
    *v = match v.take() {
        Value::String(s) if !s.is_empty() => {
            let mut c: Vec<char> = s.chars().collect();
            let i = mix.below(c.len());
            let pool: &[u8] = if c[i].is_ascii_hexdigit() {
                b"0123456789abcdef"
            } else {
                b"abcdefghijklmnopqrstuvwxyz_"
            };
            // One draw whatever the text, so the campaign's plan does not depend on the game's
            // random keys: another character of the pool.
            let at = pool.iter().position(|&p| p as char == c[i]).unwrap_or(0);
            c[i] = pool[(at + 1 + mix.below(pool.len() - 1)) % pool.len()] as char;
            Value::String(c.into_iter().collect())
        }
        Value::String(_) => Value::String("x".into()),
        Value::Number(n) => {
            let x = n.as_u64().unwrap_or(0);
            Value::from(match mix.below(3) {
                0 => x + 1,
                1 => x.saturating_sub(1).max(u64::from(x == 0) * 2),
                _ => x * 2 + 1,
            })
        }
        Value::Bool(b) => Value::Bool(!b),
        Value::Null => Value::from(1 + mix.below(3) as u64),
        Value::Array(_) => Value::Array(vec![Value::from(1)]),
        Value::Object(_) => Value::from(1),
    };
}

/// A save with its content altered and its checksum made good again.
fn forged(base: &Value, mix: &mut Mix) -> (Vec<u8>, String) {
    let mut v = base.clone();
    let n = v["journal"].as_array().unwrap().len();
    let what = match mix.below(10) {
        0 => {
            let i = mix.below(n - 1);
            v["journal"].as_array_mut().unwrap().remove(i);
            format!("journal record {i} removed")
        }
        1 => {
            let i = mix.below(n);
            let r = v["journal"][i].clone();
            v["journal"].as_array_mut().unwrap().insert(i, r);
            format!("journal record {i} doubled")
        }
        2 => {
            let i = mix.below(n - 1);
            v["journal"].as_array_mut().unwrap().swap(i, i + 1);
            format!("journal records {i} and {} swapped", i + 1)
        }
        3 => {
            let mut all = Vec::new();
            leaves(&v, &mut Vec::new(), &mut all);
            let p = &all[mix.below(all.len())];
            let (last, parent) = p.split_last().unwrap();
            match (at(&mut v, parent), last) {
                (Value::Object(m), Value::String(k)) => {
                    m.remove(k);
                }
                (Value::Array(a), i) => {
                    a.remove(i.as_u64().unwrap() as usize);
                }
                _ => {}
            }
            format!("{p:?} removed")
        }
        _ => {
            let mut all = Vec::new();
            leaves(&v, &mut Vec::new(), &mut all);
            let p = all[mix.below(all.len())].clone();
            alter(at(&mut v, &p), mix);
            format!("{p:?} altered")
        }
    };
    (seal(&serde_json::to_string_pretty(&v).unwrap()), what)
}

/// Other games' saves (and their backups), from other seeds and another scenario.
fn strangers(tmp: &Path) -> Vec<(Vec<u8>, String)> {
    let mut out = Vec::new();
    for (i, sc) in [
        SCENARIO,
        SCENARIO,
        SCENARIO,
        SCENARIO,
        "scenarios/tutorial.ron",
    ]
    .iter()
    .enumerate()
    {
        let d = tmp.join(format!("other{i}"));
        let seed = if i == 0 { "77" } else { "5" };
        let (p, ds) = (root().join(sc), d.to_string_lossy().to_string());
        ok(wc(&["new", &p.to_string_lossy(), &ds, "--seed", seed]));
        ok(wc(&["adjudicate", &ds, "--missing", "policy"]));
        out.push((
            std::fs::read(d.join("game.save")).unwrap(),
            format!("{sc} game {i}"),
        ));
        out.push((
            std::fs::read(d.join("game.save.bak")).unwrap(),
            format!("{sc} game {i}'s backup"),
        ));
    }
    out
}

#[test]
fn a_thousand_damaged_saves_are_refused_or_are_the_same_game() {
    let cases = env_u64("WHITECELL_CORRUPT_CASES", 1_200) as usize;
    let mut mix = Mix(env_u64("WHITECELL_CORRUPT_SEED", 1_000_003));
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("g");
    base_game(&dir);
    let bytes = std::fs::read(dir.join("game.save")).unwrap();
    let mut g = Game::open_read_only(&dir).unwrap();
    let (hash, log, pending, views) = state(&mut g);
    let base = Base {
        save: g.save.clone(),
        bytes,
        hash,
        log,
        pending,
        views,
    };
    drop(g);
    let text = String::from_utf8(base.bytes.clone()).unwrap();
    let body: Value = serde_json::from_str(text.split_once('\n').unwrap().1).unwrap();
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut tally: BTreeMap<&str, [usize; 2]> = BTreeMap::new();
    let mut judge_one = |kind: &'static str, bad: Vec<u8>, what: String, n: usize, bin: bool| {
        if bad == base.bytes {
            return;
        }
        std::fs::write(dir.join("game.save"), &bad).unwrap();
        let v = judge(&dir, &base, &format!("{kind}: {what}"));
        if v == Verdict::Refused && bin {
            through_the_binary(&dir, n, &format!("{kind}: {what}"));
        }
        tally.entry(kind).or_default()[usize::from(v == Verdict::Same)] += 1;
    };
    for n in 0..cases {
        let b = &base.bytes;
        let bin = n % 40 == 0;
        match n % 6 {
            0 => {
                let (i, bit) = (mix.below(b.len()), mix.below(8));
                let mut x = b.clone();
                x[i] ^= 1 << bit;
                judge_one("bit flipped", x, format!("byte {i} bit {bit}"), n, bin);
            }
            1 => {
                let cut = mix.below(b.len());
                judge_one(
                    "truncated",
                    b[..cut].to_vec(),
                    format!("to {cut} bytes"),
                    n,
                    bin,
                );
            }
            2 => {
                let pool: [&[u8]; 5] = [b"\n", b" ", b"}", b"\n{}\n", &[0xff]];
                let mut x = b.clone();
                for _ in 0..1 + mix.below(3) {
                    x.extend_from_slice(pool[mix.below(pool.len())]);
                }
                let what = format!("{} byte(s)", x.len() - b.len());
                judge_one("bytes appended", x, what, n, bin);
            }
            3 => {
                let (i, j) = (mix.below(lines.len()), mix.below(lines.len()));
                if lines[i] == lines[j] {
                    continue;
                }
                let mut l = lines.clone();
                l.swap(i, j);
                judge_one(
                    "lines swapped",
                    l.concat().into_bytes(),
                    format!("{i} and {j}"),
                    n,
                    bin,
                );
            }
            4 if n % 24 == 4 => {
                let tokens = [" x", " ", "\t", " format=1", " sha256=0", "\r", " v2"];
                let t = tokens[mix.below(tokens.len())];
                let (h, rest) = text.split_once('\n').unwrap();
                let x = format!("{h}{t}\n{rest}").into_bytes();
                judge_one("header token appended", x, format!("{t:?}"), n, bin);
            }
            _ => {
                let (x, what) = forged(&body, &mut mix);
                judge_one("altered, checksum recomputed", x, what, n, bin);
            }
        }
    }
    for (i, (x, what)) in strangers(tmp.path()).into_iter().enumerate() {
        judge_one("another game's save", x, what, i, true);
    }
    std::fs::write(dir.join("game.save"), &base.bytes).unwrap();
    let mut total = 0;
    for (kind, [refused, same]) in &tally {
        println!(
            "{kind}: {} saves, {refused} refused, {same} the very same game",
            refused + same
        );
        total += refused + same;
        if *kind != "altered, checksum recomputed" && *kind != "lines swapped" {
            assert_eq!(*same, 0, "{kind}: a damaged file read as a save");
        }
    }
    println!("{total} damaged saves in all");
    assert!(
        total >= cases * 9 / 10,
        "{total} of {cases} cases were damaged saves"
    );
    assert_eq!(tally["another game's save"][0], 10);
    ok(wc(&["replay", &dir.to_string_lossy()]));
}
