//! One folder, one batch: where a batch's files live in its `--out` folder, and what a folder
//! holds.
//!
//! - `part-00003-of-00016.parquet`: a finished shard's rows, its manifest in the file's key-value
//!   metadata. A Parquet batch's folder holds nothing else once it is finished, so
//!   `pyarrow.dataset(dir)`, `pl.scan_parquet(dir)` and `read_parquet('dir/*.parquet')` read
//!   the rows and nothing else.
//! - `part-00003-of-00016.csv` and `_part-00003-of-00016.manifest.json`: a finished CSV shard
//!   (folder readers skip names that begin with `_`).
//! - `.part-00003-of-00016.work/`: a shard being played: its manifest (what it plays, since when)
//!   and its finished chunks, from which an interrupted shard resumes. It goes when the shard is
//!   complete.
//!
//! [`scan`] lists what a folder holds, so that a batch refuses a folder that holds any file of
//! another batch and `merge` and `report --batch` read one batch only.

use super::manifest::Manifest;
use super::shard::Shard;
use super::write::Format;
use std::path::{Path, PathBuf};

/// A finished shard's part file.
pub fn part(out: &Path, shard: Shard, format: Format) -> PathBuf {
    out.join(format!("{}.{}", shard.stem(), format.ext()))
}

/// The manifest file beside a CSV part.
pub fn csv_manifest(out: &Path, shard: Shard) -> PathBuf {
    out.join(format!("_{}.manifest.json", shard.stem()))
}

/// The work folder of a shard being played.
pub fn work(out: &Path, shard: Shard) -> PathBuf {
    out.join(format!(".{}.work", shard.stem()))
}

/// What one file or folder of a results folder is.
#[derive(Debug, Clone)]
pub enum Entry {
    /// A finished shard: its part and manifest.
    Finished {
        /// The part file.
        part: PathBuf,
        /// Its manifest.
        manifest: Manifest,
    },
    /// A shard being played (or interrupted): its work folder and manifest.
    Started {
        /// The work folder.
        work: PathBuf,
        /// Its manifest (not complete).
        manifest: Manifest,
    },
    /// A CSV manifest whose part is not there.
    Orphan {
        /// The manifest file.
        path: PathBuf,
        /// Its contents.
        manifest: Manifest,
    },
    /// A file that looks like results but is no part of a batch of this whitecell: a part without
    /// its manifest, an unreadable manifest, a manifest of an older layout.
    Unknown {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        why: String,
    },
}

impl Entry {
    /// Its manifest, if it has one.
    pub fn manifest(&self) -> Option<&Manifest> {
        match self {
            Entry::Finished { manifest, .. }
            | Entry::Started { manifest, .. }
            | Entry::Orphan { manifest, .. } => Some(manifest),
            Entry::Unknown { .. } => None,
        }
    }

    /// The file or folder it is.
    pub fn path(&self) -> &Path {
        match self {
            Entry::Finished { part: p, .. }
            | Entry::Started { work: p, .. }
            | Entry::Orphan { path: p, .. }
            | Entry::Unknown { path: p, .. } => p,
        }
    }
}

fn read_manifest(text: &str) -> Result<Manifest, String> {
    serde_json::from_str(text).map_err(|e| format!("not a whitecell batch manifest ({e})"))
}

/// The results files in `dir`, sorted by name. A folder that does not exist holds nothing.
pub fn scan(dir: &Path) -> std::io::Result<Vec<Entry>> {
    let mut names: Vec<String> = match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    names.sort();
    let mut out = Vec::new();
    for name in &names {
        let path = dir.join(name);
        let unknown = |why: String| Entry::Unknown {
            path: path.clone(),
            why,
        };
        if name
            .strip_prefix('.')
            .and_then(|n| n.strip_suffix(".work"))
            .is_some_and(|s| s.starts_with("part-"))
        {
            let m = path.join("manifest.json");
            out.push(match std::fs::read_to_string(&m) {
                Ok(t) => match read_manifest(&t) {
                    Ok(manifest) => Entry::Started {
                        work: path.clone(),
                        manifest,
                    },
                    Err(why) => unknown(format!("{}: {why}", m.display())),
                },
                // A work folder made but not yet claimed: nothing of it is kept.
                Err(_) => continue,
            });
        } else if name.starts_with("part-") && name.ends_with(".manifest.json") {
            out.push(unknown(
                "a manifest of an older whitecell (manifests now travel inside Parquet parts)"
                    .into(),
            ));
        } else if name.starts_with("part-") && name.ends_with(".parquet") {
            out.push(match super::parquet::manifest_text(&path) {
                Ok(Some(t)) => match read_manifest(&t) {
                    Ok(manifest) => Entry::Finished {
                        part: path.clone(),
                        manifest,
                    },
                    Err(why) => unknown(why),
                },
                Ok(None) => unknown("a Parquet file without a whitecell manifest".into()),
                Err(e) => unknown(format!("not a readable Parquet file ({e})")),
            });
        } else if let Some(stem) = name.strip_suffix(".csv").filter(|n| n.starts_with("part-")) {
            let m = dir.join(format!("_{stem}.manifest.json"));
            let working = dir.join(format!(".{stem}.work")).is_dir();
            out.push(match std::fs::read_to_string(&m) {
                Ok(t) => match read_manifest(&t) {
                    Ok(manifest) => Entry::Finished {
                        part: path.clone(),
                        manifest,
                    },
                    Err(why) => unknown(format!("{}: {why}", m.display())),
                },
                // Renamed into place, its manifest about to be written: the work folder has it.
                Err(_) if working => continue,
                Err(_) => unknown(format!("a CSV part without its manifest {}", m.display())),
            });
        } else if let Some(stem) = name
            .strip_prefix('_')
            .and_then(|n| n.strip_suffix(".manifest.json"))
            .filter(|s| s.starts_with("part-"))
        {
            if dir.join(format!("{stem}.csv")).is_file() {
                continue;
            }
            out.push(
                match std::fs::read_to_string(&path).map_err(|e| e.to_string()) {
                    Ok(t) => match read_manifest(&t) {
                        Ok(manifest) => Entry::Orphan {
                            path: path.clone(),
                            manifest,
                        },
                        Err(why) => unknown(why),
                    },
                    Err(why) => unknown(why),
                },
            );
        }
    }
    Ok(out)
}

/// A batch in a few words, to name it in a message.
pub fn describe(m: &Manifest) -> String {
    let sweeps: Vec<String> = m
        .key
        .sweeps
        .iter()
        .map(|s| format!("{}={}", s.path, s.values.join(",")))
        .collect();
    let policies: Vec<String> = m
        .key
        .policies
        .first()
        .map(|p| p.iter().map(|(s, v)| format!("{s}={v}")).collect())
        .unwrap_or_default();
    format!(
        "{} (scenario {}), master seed {}{}, {} run(s) per point{}{}{}, policies {}, {} shard(s), {}{}",
        m.scenario,
        &m.key.scenario_hash[..m.key.scenario_hash.len().min(12)],
        m.key.master_seed,
        if m.key.seed_derivation == super::seed::DERIVATION_COMMON {
            " (common seeds)"
        } else {
            ""
        },
        m.key.runs_per_point,
        if m.key.sets.is_empty() {
            String::new()
        } else {
            format!(", sets {}", m.key.sets.join(" "))
        },
        if sweeps.is_empty() {
            String::new()
        } else {
            format!(", sweeps {}", sweeps.join(" "))
        },
        if m.key.engine_version == crate::VERSION {
            String::new()
        } else {
            format!(", whitecell {}", m.key.engine_version)
        },
        policies.join(" "),
        m.key.shard.count,
        m.key.format.ext(),
        if m.key.history { ", with history" } else { "" }
    )
}
