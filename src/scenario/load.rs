//! Loading: a file on disk -> a typed, checked [`Loaded`] scenario, or every problem found at once.
//!
//! The file is parsed into a positioned tree, scanned for forbidden capability fields, then decoded
//! part by part (each unit, zone, event... on its own) so one bad entry does not hide the next. The
//! semantic checks of [`super::validate`] then run over everything that decoded.

use super::de::DeError;
use super::diag::{Diagnostic, Report};
use super::forbidden;
use super::recover::decode_all;
use super::schema::*;
use super::tree::{self, Pos};
use super::validate;

mod hints;
mod path;
mod ruleset_file;
mod sections;

pub use hints::SOURCE_HELP;
pub use path::{node_at, resolve};
use sections::decode_scenario;
pub use sections::{BrokenRef, Partial};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// A scenario that loaded and passed every check, with its ruleset resolved.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The scenario.
    pub scenario: Scenario,
    /// Its ruleset (from the file it names, or inline).
    pub ruleset: Ruleset,
    /// SHA-256 of the scenario and ruleset texts, hex: identifies exactly what was played.
    pub hash: String,
    /// The file it came from.
    pub path: PathBuf,
}

/// Field names that belong to the format and must never be flagged as capability data: the
/// detection rule's `target`, in a ruleset file, and in a ruleset written inline in a scenario
/// (`ruleset: Inline((...))`, whose path is `ruleset[0]`).
const FORMAT_FIELDS: &[&str] = &[
    "ruleset.detection.target",
    "ruleset[0].detection.target",
    "detection.target",
];

/// Reads, parses and checks a scenario file.
pub fn load_file(path: &Path) -> Result<Loaded, Report> {
    let text = std::fs::read_to_string(path).map_err(|e| Report {
        diagnostics: vec![Diagnostic::file(path, format!("cannot read the file: {e}"))],
    })?;
    load_str(path, &text, &|p| std::fs::read_to_string(p))
}

/// Parses and checks scenario text; `read` fetches a ruleset file named by the scenario.
pub fn load_str(
    path: &Path,
    text: &str,
    read: &dyn Fn(&Path) -> std::io::Result<String>,
) -> Result<Loaded, Report> {
    let mut diags = Vec::new();
    let root = match tree::parse(text) {
        Ok(r) => r,
        Err(e) => {
            let d = Diagnostic::new(
                path,
                text,
                Some(e.pos),
                None,
                format!("syntax: {}", e.message),
            );
            return Err(Report {
                diagnostics: vec![d],
            });
        }
    };
    let mut file = FileCtx {
        path,
        text,
        diags: &mut diags,
    };
    let partial = decode_scenario(&root, &mut file);

    let mut ruleset = None;
    let mut ruleset_text = String::new();
    // A scenario without a `ruleset` section gets the built-in default; one whose section did not
    // decode has had its problem reported already.
    let named = match &partial.ruleset {
        Some(r) => Some(r.clone()),
        None if node_at(&root, "ruleset").is_none() => Some(RulesetRef::Default),
        None => None,
    };
    if let Some(r) = &named {
        match ruleset_file::source(path, r, read) {
            Ok(ruleset_file::Source::Inline) => {
                if let RulesetRef::Inline(rs) = r {
                    ruleset = Some(rs.clone());
                }
            }
            Ok(ruleset_file::Source::Text(rpath, t)) => {
                ruleset = load_ruleset_text(&rpath, &t, &mut diags);
                ruleset_text = t;
            }
            Err(message) => {
                let pos = node_at(&root, "ruleset").map(|n| n.pos);
                diags.push(Diagnostic::new(
                    path,
                    text,
                    pos,
                    Some("ruleset".into()),
                    message,
                ));
            }
        }
    }

    for p in validate::check(&partial, ruleset.as_ref()) {
        let pos = resolve(&root, &p.path);
        diags.push(Diagnostic::new(path, text, pos, Some(p.path), p.message));
    }

    if let (Some(rs), Some(RulesetRef::Inline(_))) = (&ruleset, &partial.ruleset) {
        // A ruleset file is checked as it loads; an inline one is checked here, with scenario paths.
        for p in validate::check_ruleset(rs) {
            let full = if p.path.is_empty() {
                "ruleset[0]".to_string()
            } else {
                format!("ruleset[0].{}", p.path)
            };
            let pos = resolve(&root, &full);
            diags.push(Diagnostic::new(path, text, pos, Some(full), p.message));
        }
    }

    let report = Report { diagnostics: diags }.finish();
    if !report.diagnostics.is_empty() {
        return Err(report);
    }
    let (Some(scenario), Some(ruleset)) = (partial.complete(), ruleset) else {
        // Unreachable in practice: a missing part always leaves a diagnostic.
        return Err(Report {
            diagnostics: vec![Diagnostic::file(path, "the scenario is incomplete".into())],
        });
    };
    let mut h = Sha256::new();
    h.update(text.as_bytes());
    h.update([0u8]);
    h.update(ruleset_text.as_bytes());
    let hash = hex(&h.finalize());
    Ok(Loaded {
        scenario,
        ruleset,
        hash,
        path: path.to_path_buf(),
    })
}

/// Lower-case hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Parses and checks a ruleset file's text.
pub fn load_ruleset_text(path: &Path, text: &str, diags: &mut Vec<Diagnostic>) -> Option<Ruleset> {
    let root = match tree::parse(text) {
        Ok(r) => r,
        Err(e) => {
            diags.push(Diagnostic::new(
                path,
                text,
                Some(e.pos),
                None,
                format!("syntax: {}", e.message),
            ));
            return None;
        }
    };
    for f in forbidden::scan(&root, &["detection.target"]) {
        diags.push(Diagnostic::new(
            path,
            text,
            Some(f.pos),
            Some(f.path),
            f.message,
        ));
    }
    match decode_all::<Ruleset>(&root, "") {
        Ok(rs) => {
            for p in validate::check_ruleset(&rs) {
                let pos = resolve(&root, &p.path);
                diags.push(Diagnostic::new(path, text, pos, Some(p.path), p.message));
            }
            Some(rs)
        }
        Err(errors) => {
            for e in errors {
                push_de(diags, path, text, e);
            }
            None
        }
    }
}

fn push_de(diags: &mut Vec<Diagnostic>, path: &Path, text: &str, e: DeError) {
    let e = hints::explain(e);
    let p = e.path.filter(|p| !p.is_empty());
    diags.push(Diagnostic::new(path, text, e.pos, p, e.message));
}

/// The file being decoded, and where its problems go.
struct FileCtx<'a> {
    path: &'a Path,
    text: &'a str,
    diags: &'a mut Vec<Diagnostic>,
}

impl FileCtx<'_> {
    fn push(&mut self, e: DeError) {
        push_de(self.diags, self.path, self.text, e);
    }

    fn at(&mut self, pos: Pos, path: &str, message: String) {
        let d = Diagnostic::new(
            self.path,
            self.text,
            Some(pos),
            Some(path.to_string()),
            message,
        );
        self.diags.push(d);
    }
}
