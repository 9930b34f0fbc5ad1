//! The shape of the house, held by a test (issue 17): rooms import only from the floors below them
//! (as `src/lib.rs` lists them), the simulation's core never reaches up into the reports, the rules
//! stay free of bevy_ecs, the game folder keeps its ideas in folders with no two files of different
//! folders importing each other, and no source file grows past 500 lines.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The floors of `src/lib.rs`, lowest first: a room may import rooms of its own floor or below.
const FLOORS: &[&[&str]] = &[
    &["dice", "disk"],
    &["scenario"],
    &["model"],
    &["rules", "orders"],
    &["log", "policy"],
    &["sim"],
    &["report"],
    &["batch", "game", "lint"],
    &["html"],
    &["cli"],
];

/// Upward imports made on purpose, each explained in `src/lib.rs`.
const ALLOWED_UP: &[(&str, &str)] = &[("scenario", "policy")];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The file's code without comments (doc links name rooms without importing them).
fn code(p: &Path) -> String {
    fs::read_to_string(p)
        .unwrap()
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every `crate::a::b::c` path in `text`, as its segments.
fn crate_paths(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("crate::") {
        if i > 0 {
            let before = text.as_bytes()[i - 1];
            if before.is_ascii_alphanumeric() || before == b'_' {
                continue;
            }
        }
        let rest = &text[i + "crate::".len()..];
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
            .unwrap_or(rest.len());
        let segs: Vec<String> = rest[..end]
            .split("::")
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        if !segs.is_empty() {
            out.push(segs);
        }
    }
    out
}

fn room_of(p: &Path) -> Option<String> {
    let rel = p.strip_prefix(src()).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    first
        .strip_suffix(".rs")
        .map_or(Some(first.to_string()), |_| None)
}

fn floor(room: &str) -> Option<usize> {
    FLOORS.iter().position(|f| f.contains(&room))
}

#[test]
fn rooms_import_only_from_their_floor_or_below() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut bad = BTreeSet::new();
    for p in &files {
        let Some(room) = room_of(p) else { continue };
        let here = floor(&room).unwrap_or_else(|| {
            panic!("src/{room}/ is on no floor: add it to src/lib.rs and to FLOORS here")
        });
        for segs in crate_paths(&code(p)) {
            let to = &segs[0];
            let Some(there) = floor(to) else { continue };
            if there > here && !ALLOWED_UP.contains(&(room.as_str(), to.as_str())) {
                bad.insert(format!(
                    "{} imports crate::{to} (floor {there} > {here})",
                    p.display()
                ));
            }
        }
    }
    assert!(bad.is_empty(), "imports that run upward:\n{bad:#?}");
}

#[test]
fn the_core_never_imports_reports_and_the_rules_never_the_ecs() {
    for room in ["sim", "rules", "model", "orders", "policy", "log"] {
        let mut files = Vec::new();
        rust_files(&src().join(room), &mut files);
        for p in files {
            let c = code(&p);
            assert!(
                !c.contains("crate::report") && !c.contains("crate::html"),
                "{} imports a report room",
                p.display()
            );
            if room == "rules" {
                assert!(!c.contains("bevy_ecs"), "{} uses bevy_ecs", p.display());
            }
        }
    }
}

#[test]
fn no_source_file_is_over_500_lines() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let long: Vec<String> = files
        .iter()
        .filter_map(|p| {
            let n = fs::read_to_string(p).unwrap().lines().count();
            (n > 500).then(|| format!("{} ({n} lines)", p.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "files over 500 lines, probably two ideas each: {long:?}"
    );
}

/// The module a `crate::game::...` or `super::...` path names, as a path under src/ (no `.rs`).
fn game_module(from: &str, segs: &[String], modules: &BTreeSet<String>) -> Option<String> {
    for k in (1..=segs.len()).rev() {
        let m = segs[..k].join("/");
        if modules.contains(&m) && m != from {
            return Some(m);
        }
    }
    None
}

#[test]
fn the_game_folder_keeps_its_ideas_in_folders_that_do_not_import_each_other_both_ways() {
    let game = src().join("game");
    let direct = fs::read_dir(&game)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().is_file())
        .count();
    assert!(direct <= 5, "src/game/ holds {direct} files directly");

    let mut files = Vec::new();
    rust_files(&game, &mut files);
    let module = |p: &Path| {
        let rel = p.strip_prefix(src()).unwrap().with_extension("");
        let m = rel.to_str().unwrap().replace('\\', "/");
        m.strip_suffix("/mod").map(str::to_string).unwrap_or(m)
    };
    let modules: BTreeSet<String> = files.iter().map(|p| module(p)).collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for p in &files {
        let from = module(p);
        let c = code(p);
        let mut paths: Vec<Vec<String>> = crate_paths(&c)
            .into_iter()
            .filter(|s| s[0] == "game")
            .collect();
        let parent: Vec<String> = from.split('/').map(str::to_string).collect();
        for (i, _) in c.match_indices("super::") {
            let rest = &c[i + "super::".len()..];
            let end = rest
                .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_'))
                .unwrap_or(rest.len());
            let mut segs = parent[..parent.len() - 1].to_vec();
            segs.push(rest[..end].to_string());
            paths.push(segs);
        }
        for segs in paths {
            if let Some(to) = game_module(&from, &segs, &modules) {
                edges.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    let folder = |m: &str| m.rsplit_once('/').map(|(f, _)| f.to_string()).unwrap();
    let mut both_ways = Vec::new();
    for (a, tos) in &edges {
        for b in tos {
            if a < b && edges.get(b).is_some_and(|t| t.contains(a)) && folder(a) != folder(b) {
                both_ways.push(format!("{a} <-> {b}"));
            }
        }
    }
    assert!(
        both_ways.is_empty(),
        "files of different folders importing each other: {both_ways:?}"
    );
    assert!(
        edges.len() > 10,
        "the import scan found almost nothing: {edges:?}"
    );
}
