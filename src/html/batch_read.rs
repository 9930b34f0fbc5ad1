//! Reading one batch's results for its report. [`open`] reads every manifest in a folder
//! (`part-*.manifest.json`) and groups them by batch (the manifest key apart from the shard
//! index): a folder holding two batches is refused, naming them; [`super::batch_rows`] streams
//! the parts' rows.

use crate::batch::Shard;
use crate::batch::manifest::{Key, Manifest};
use crate::game::GameError;
use std::path::{Path, PathBuf};

/// One shard's part and its manifest.
#[derive(Debug, Clone)]
pub struct Part {
    /// The manifest file.
    pub manifest_path: PathBuf,
    /// Its contents.
    pub manifest: Manifest,
    /// The part file.
    pub path: PathBuf,
}

/// The parts of one batch found in a folder.
#[derive(Debug, Clone)]
pub struct Batch {
    /// The folder.
    pub dir: PathBuf,
    /// What was played (the first part's key).
    pub key: Key,
    /// The complete parts, in shard order.
    pub parts: Vec<Part>,
    /// Shards with no complete part in the folder.
    pub missing: Vec<u32>,
}

/// The key that names a batch: its manifest key without the shard index.
fn batch_of(k: &Key) -> Key {
    Key {
        shard: Shard {
            index: 0,
            count: k.shard.count,
        },
        ..k.clone()
    }
}

/// A batch in a few words, to name it in a message.
pub fn describe(m: &Manifest) -> String {
    let sweeps: Vec<String> = m
        .key
        .sweeps
        .iter()
        .map(|s| format!("{}={}", s.path, s.values.join(",")))
        .collect();
    format!(
        "{} (scenario {}), master seed {}, {} run(s) per point{}, {} shard(s), {}",
        m.scenario,
        &m.key.scenario_hash[..m.key.scenario_hash.len().min(12)],
        m.key.master_seed,
        m.key.runs_per_point,
        if sweeps.is_empty() {
            String::new()
        } else {
            format!(", sweeps {}", sweeps.join(" "))
        },
        m.key.shard.count,
        m.key.format.ext()
    )
}

/// Finds the one batch in `dir`.
pub fn open(dir: &Path) -> Result<Batch, GameError> {
    let d = dir.display();
    let entries = std::fs::read_dir(dir).map_err(|e| {
        let m = format!("error: cannot read the results folder {d}: {e}");
        if e.kind() == std::io::ErrorKind::NotFound {
            GameError::rejected(m)
        } else {
            GameError::error(m)
        }
    })?;
    let mut found: Vec<Part> = Vec::new();
    let mut names: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".manifest.json"))
        .collect();
    names.sort();
    for p in names {
        let text = std::fs::read_to_string(&p)
            .map_err(|e| GameError::error(format!("error: cannot read {}: {e}", p.display())))?;
        let manifest: Manifest = serde_json::from_str(&text).map_err(|e| {
            GameError::rejected(format!(
                "error: {}:{}:{}: not a whitecell batch manifest ({e})",
                p.display(),
                e.line(),
                e.column()
            ))
        })?;
        let path = dir.join(&manifest.part);
        found.push(Part {
            manifest_path: p,
            manifest,
            path,
        });
    }
    let Some(first) = found.first() else {
        return Err(GameError::rejected(format!(
            "error: {d} holds no batch results (no `part-*.manifest.json`): `whitecell batch SCENARIO --out {d}` writes them"
        )));
    };
    let key = batch_of(&first.manifest.key);
    let mut batches: Vec<(Key, Vec<&Part>)> = Vec::new();
    for p in &found {
        let k = batch_of(&p.manifest.key);
        match batches.iter_mut().find(|(x, _)| *x == k) {
            Some((_, v)) => v.push(p),
            None => batches.push((k, vec![p])),
        }
    }
    if batches.len() > 1 {
        let list: Vec<String> = batches
            .iter()
            .enumerate()
            .map(|(i, (_, ps))| {
                let files: Vec<String> = ps
                    .iter()
                    .map(|p| {
                        p.manifest_path
                            .file_name()
                            .map_or(String::new(), |n| n.to_string_lossy().into_owned())
                    })
                    .collect();
                format!(
                    "  batch {}: {} — {}",
                    i + 1,
                    describe(&ps[0].manifest),
                    files.join(", ")
                )
            })
            .collect();
        return Err(GameError::rejected(format!(
            "error: {d} holds {} different batches; a report is of one batch: move each batch's parts and manifests into a folder of its own\n{}",
            batches.len(),
            list.join("\n")
        )));
    }
    let count = key.shard.count;
    let mut parts: Vec<Part> = Vec::new();
    for p in found {
        let m = &p.manifest;
        let whole =
            m.complete && p.path.is_file() && m.rows == m.end_run.saturating_sub(m.first_run);
        if whole
            && !parts
                .iter()
                .any(|q| q.manifest.key.shard.index == m.key.shard.index)
        {
            parts.push(p);
        }
    }
    parts.sort_by_key(|p| p.manifest.key.shard.index);
    let missing = (0..count)
        .filter(|i| !parts.iter().any(|p| p.manifest.key.shard.index == *i))
        .collect();
    if parts.is_empty() {
        return Err(GameError::rejected(format!(
            "error: {d} holds no complete part of its batch yet ({count} shard(s), none finished): wait for `whitecell batch` to finish a shard"
        )));
    }
    Ok(Batch {
        dir: dir.to_path_buf(),
        key,
        parts,
        missing,
    })
}
