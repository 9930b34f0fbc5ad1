//! Reading one batch's results for its report. [`open`] reads what a folder holds
//! ([`crate::batch::folder::scan`]) and groups it by batch (the manifest key apart from the shard
//! index): a folder holding two batches, or a file of none, is refused, naming them. A file
//! `whitecell merge` wrote is a batch of one part. [`super::batch_rows`] streams the rows.

use crate::batch::folder::{self, Entry};
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

pub use crate::batch::folder::describe;

/// Finds the one batch in `path`: a results folder, or a file `whitecell merge` wrote.
pub fn open(path: &Path) -> Result<Batch, GameError> {
    let d = path.display();
    if path.is_file() {
        return merged(path);
    }
    if !path.is_dir() {
        return Err(GameError::rejected(format!(
            "error: cannot read the results folder {d}: there is no such folder (nor a file `whitecell merge` wrote)"
        )));
    }
    let entries = folder::scan(path)
        .map_err(|e| GameError::error(format!("error: cannot read the results folder {d}: {e}")))?;
    let mut batches: Vec<(Key, Vec<&Entry>)> = Vec::new();
    for e in &entries {
        let Some(m) = e.manifest() else {
            if let Entry::Unknown { path: p, why } = e {
                return Err(GameError::rejected(format!(
                    "error: {} is no part of a whitecell batch: {why}; a report is of one batch: move it out of {d}",
                    p.display()
                )));
            }
            continue;
        };
        if m.table != "games" {
            return Err(history_refused(path));
        }
        let k = m.key.batch();
        match batches.iter_mut().find(|(x, _)| *x == k) {
            Some((_, v)) => v.push(e),
            None => batches.push((k, vec![e])),
        }
    }
    let Some((key, _)) = batches.first().cloned() else {
        return Err(GameError::rejected(format!(
            "error: {d} holds no batch results: `whitecell batch SCENARIO --out {d}` writes them"
        )));
    };
    if batches.len() > 1 {
        let list: Vec<String> = batches
            .iter()
            .enumerate()
            .map(|(i, (_, es))| {
                let files: Vec<String> = es
                    .iter()
                    .map(|e| {
                        e.path()
                            .file_name()
                            .map_or(String::new(), |n| n.to_string_lossy().into_owned())
                    })
                    .collect();
                let m = es[0].manifest().map(describe).unwrap_or_default();
                format!("  batch {}: {m} — {}", i + 1, files.join(", "))
            })
            .collect();
        return Err(GameError::rejected(format!(
            "error: {d} holds {} different batches; a report is of one batch: move each batch's files into a folder of its own\n{}",
            batches.len(),
            list.join("\n")
        )));
    }
    let count = key.shard.count;
    let mut parts: Vec<Part> = entries
        .iter()
        .filter_map(|e| match e {
            Entry::Finished { part, manifest } => Some(Part {
                manifest_path: part.clone(),
                manifest: manifest.clone(),
                path: part.clone(),
            }),
            _ => None,
        })
        .collect();
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
        dir: path.to_path_buf(),
        key,
        parts,
        missing,
    })
}

/// A merged file as a batch of one part.
fn merged(path: &Path) -> Result<Batch, GameError> {
    let d = path.display();
    let text = crate::batch::parquet::manifest_text(path)
        .map_err(|e| GameError::rejected(format!("error: {d}: not a readable Parquet file ({e})")))?
        .ok_or_else(|| {
            GameError::rejected(format!(
                "error: {d} carries no whitecell manifest: give a batch's results folder or a file `whitecell merge` wrote"
            ))
        })?;
    let manifest: Manifest = serde_json::from_str(&text)
        .map_err(|e| GameError::rejected(format!("error: {d}: not a whitecell manifest ({e})")))?;
    if manifest.table != "games" {
        return Err(history_refused(path));
    }
    Ok(Batch {
        dir: path.parent().unwrap_or(Path::new(".")).to_path_buf(),
        key: manifest.key.clone(),
        parts: vec![Part {
            manifest_path: path.to_path_buf(),
            manifest,
            path: path.to_path_buf(),
        }],
        missing: Vec::new(),
    })
}

fn history_refused(path: &Path) -> GameError {
    GameError::rejected(format!(
        "error: {} holds a batch's history table (`--history`); a batch report reads its games table: give the batch's --out folder",
        path.display()
    ))
}
