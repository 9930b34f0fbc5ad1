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
use super::tree::{self, Kind, Node, Pos};
use super::validate;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
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

/// Field names that belong to the format and must never be flagged as capability data.
const FORMAT_FIELDS: &[&str] = &["ruleset.detection.target", "detection.target"];

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
    if let Some(r) = &partial.ruleset {
        match r {
            RulesetRef::Inline(rs) => ruleset = Some(rs.clone()),
            RulesetRef::File(rel) => {
                let rpath = path.parent().unwrap_or(Path::new(".")).join(rel);
                let bad_name = Path::new(rel).is_absolute()
                    || Path::new(rel).extension().is_none_or(|e| e != "ron");
                let got = if bad_name {
                    Err(std::io::Error::other(
                        "a ruleset is a `.ron` file named by a path relative to the scenario, \
                         e.g. \"rulesets/default.ron\"",
                    ))
                } else {
                    read(&rpath)
                };
                match got {
                    Ok(t) => {
                        ruleset = load_ruleset_text(&rpath, &t, &mut diags);
                        ruleset_text = t;
                    }
                    Err(e) => {
                        let pos = node_at(&root, "ruleset").map(|n| n.pos);
                        diags.push(Diagnostic::new(
                            path,
                            text,
                            pos,
                            Some("ruleset".into()),
                            format!("cannot read the ruleset file {}: {e}", rpath.display()),
                        ));
                    }
                }
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
    let p = e.path.filter(|p| !p.is_empty());
    diags.push(Diagnostic::new(path, text, e.pos, p, e.message));
}

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

/// What decoded of a scenario: every part that could be read, plus the ids of entries that could not,
/// so that references to them are not reported a second time.
#[derive(Debug, Default)]
pub struct Partial {
    /// `format`, if it decoded.
    pub format: Option<u32>,
    /// `meta`.
    pub meta: Option<Meta>,
    /// `ruleset`.
    pub ruleset: Option<RulesetRef>,
    /// `turns`.
    pub turns: Option<Turns>,
    /// The sides that decoded.
    pub sides: Vec<Side>,
    /// The relations that decoded.
    pub relations: Vec<RelationDef>,
    /// The zones that decoded.
    pub zones: Vec<Zone>,
    /// The unit types that decoded.
    pub unit_types: Vec<UnitType>,
    /// The units that decoded, with their index in the file.
    pub units: Vec<(usize, Unit)>,
    /// The tracks that decoded.
    pub tracks: Vec<(usize, Track)>,
    /// `escalation`.
    pub escalation: Option<Escalation>,
    /// The events that decoded, with their index in the file.
    pub events: Vec<(usize, Event)>,
    /// `victory`.
    pub victory: Option<Victory>,
    /// Ids written in entries that failed to decode.
    pub broken_ids: BTreeSet<String>,
    /// References written in entries that failed to decode, still checked.
    pub broken_refs: Vec<BrokenRef>,
    /// Some part failed to decode.
    pub incomplete: bool,
}

impl Partial {
    fn complete(self) -> Option<Scenario> {
        if self.incomplete {
            return None;
        }
        Some(Scenario {
            format: self.format?,
            meta: self.meta?,
            ruleset: self.ruleset?,
            turns: self.turns?,
            sides: self.sides,
            relations: self.relations,
            zones: self.zones,
            unit_types: self.unit_types,
            units: self.units.into_iter().map(|(_, u)| u).collect(),
            tracks: self.tracks.into_iter().map(|(_, t)| t).collect(),
            escalation: self.escalation,
            events: self.events.into_iter().map(|(_, e)| e).collect(),
            victory: self.victory?,
        })
    }
}

/// A reference (a side, zone or type id) read from an entry that failed to decode, so that a
/// dangling reference is reported even when the same entry has another problem.
#[derive(Debug, Clone)]
pub struct BrokenRef {
    /// What it refers to: "side", "zone" or "unit type".
    pub set: &'static str,
    /// The id written.
    pub id: String,
    /// Its field path.
    pub path: String,
}

/// The reference fields of entries in each section, and what they refer to.
const REFERENCE_FIELDS: &[(&str, &str, &str)] = &[
    ("units", "side", "side"),
    ("units", "type", "unit type"),
    ("units", "zone", "zone"),
    ("zones", "controller", "side"),
    ("zones", "supply", "side"),
];

fn broken_refs(section: &str, i: usize, item: &Node, out: &mut Vec<BrokenRef>) {
    for (sec, field, set) in REFERENCE_FIELDS {
        if *sec == section
            && let Some(id) = item.field(field).and_then(Node::as_str)
        {
            out.push(BrokenRef {
                set,
                id: id.to_string(),
                path: format!("{section}[{i}].{field}"),
            });
        }
    }
}

const SECTIONS: &[&str] = &[
    "format",
    "meta",
    "ruleset",
    "turns",
    "sides",
    "relations",
    "zones",
    "unit_types",
    "units",
    "tracks",
    "escalation",
    "events",
    "victory",
];
const REQUIRED: &[&str] = &[
    "format",
    "meta",
    "ruleset",
    "turns",
    "sides",
    "zones",
    "unit_types",
    "units",
    "victory",
];

fn decode_scenario(root: &Node, f: &mut FileCtx) -> Partial {
    let mut p = Partial::default();
    let Kind::Struct(name, fields) = &root.kind else {
        f.at(
            root.pos,
            "",
            format!(
                "expected `Scenario(format: 1, ...)`, found {}",
                root.describe()
            ),
        );
        p.incomplete = true;
        return p;
    };
    if let Some(n) = name.as_deref().filter(|n| *n != "Scenario") {
        let hint = if n == "Ruleset" {
            "; this looks like a ruleset file, which scenarios name in `ruleset`"
        } else {
            ""
        };
        f.at(
            root.pos,
            "",
            format!("expected `Scenario(...)`, found `{n}(...)`{hint}"),
        );
    }
    let forbidden: Vec<_> = forbidden::scan(root, FORMAT_FIELDS);
    let forbidden_pos: BTreeSet<(u32, u32)> =
        forbidden.iter().map(|x| (x.pos.line, x.pos.col)).collect();
    for x in forbidden {
        f.at(x.pos, &x.path, x.message);
        p.incomplete = true;
    }
    let mut seen = BTreeSet::new();
    for (field, value) in fields {
        let name = field.name.as_str();
        if !seen.insert(name) {
            f.at(
                field.pos,
                name,
                format!("the section `{name}` is given twice"),
            );
            p.incomplete = true;
            continue;
        }
        if !SECTIONS.contains(&name) {
            if !forbidden_pos.contains(&(field.pos.line, field.pos.col)) {
                let hint = match super::de::closest(name, SECTIONS) {
                    Some(c) => format!("; did you mean `{c}`?"),
                    None => format!("; the sections are: {}", SECTIONS.join(", ")),
                };
                f.at(field.pos, name, format!("unknown section `{name}`{hint}"));
            }
            p.incomplete = true;
            continue;
        }
        let mut ok = true;
        let mut one = |e: DeError, f: &mut FileCtx| {
            ok = false;
            // A forbidden field was already explained; do not add a bare "unknown field" for it.
            if !e
                .pos
                .is_some_and(|q| forbidden_pos.contains(&(q.line, q.col)))
            {
                f.push(e);
            }
        };
        match name {
            "format" => p.format = single(value, name, f, &mut one),
            "meta" => p.meta = single(value, name, f, &mut one),
            "ruleset" => p.ruleset = single(value, name, f, &mut one),
            "turns" => p.turns = single(value, name, f, &mut one),
            "escalation" => {
                p.escalation = single::<Option<Escalation>>(value, name, f, &mut one).flatten()
            }
            "victory" => p.victory = single(value, name, f, &mut one),
            "sides" => {
                p.sides = list(value, name, f, &mut one, &mut p)
                    .into_iter()
                    .map(|x| x.1)
                    .collect()
            }
            "relations" => {
                p.relations = list(value, name, f, &mut one, &mut p)
                    .into_iter()
                    .map(|x| x.1)
                    .collect()
            }
            "zones" => {
                p.zones = list(value, name, f, &mut one, &mut p)
                    .into_iter()
                    .map(|x| x.1)
                    .collect()
            }
            "unit_types" => {
                p.unit_types = list(value, name, f, &mut one, &mut p)
                    .into_iter()
                    .map(|x| x.1)
                    .collect()
            }
            "units" => p.units = list(value, name, f, &mut one, &mut p),
            "tracks" => p.tracks = list(value, name, f, &mut one, &mut p),
            "events" => p.events = list(value, name, f, &mut one, &mut p),
            _ => {}
        }
        if !ok {
            p.incomplete = true;
        }
    }
    for req in REQUIRED {
        if !seen.contains(req) {
            f.at(root.pos, "", format!("the section `{req}` is missing"));
            p.incomplete = true;
        }
    }
    p
}

fn single<T: DeserializeOwned>(
    node: &Node,
    path: &str,
    f: &mut FileCtx,
    on_err: &mut dyn FnMut(DeError, &mut FileCtx),
) -> Option<T> {
    match decode_all::<T>(node, path) {
        Ok(v) => Some(v),
        Err(errors) => {
            for e in errors {
                on_err(e, f);
            }
            None
        }
    }
}

fn list<T: DeserializeOwned>(
    node: &Node,
    path: &str,
    f: &mut FileCtx,
    on_err: &mut dyn FnMut(DeError, &mut FileCtx),
    p: &mut Partial,
) -> Vec<(usize, T)> {
    let Some(items) = node.items() else {
        on_err(
            DeError {
                pos: Some(node.pos),
                path: Some(path.into()),
                message: format!("expected a list in `[...]`, found {}", node.describe()),
            },
            f,
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match decode_all::<T>(item, &format!("{path}[{i}]")) {
            Ok(v) => out.push((i, v)),
            Err(errors) => {
                if let Some(id) = item.field("id").and_then(Node::as_str) {
                    p.broken_ids.insert(id.to_string());
                }
                broken_refs(path, i, item, &mut p.broken_refs);
                for e in errors {
                    on_err(e, f);
                }
            }
        }
    }
    out
}

/// The node at a field path such as `units[3].zone` or `victory.objectives["blue"][0]`, if present.
pub fn node_at<'a>(root: &'a Node, path: &str) -> Option<&'a Node> {
    let mut node = root;
    let mut rest = path;
    while !rest.is_empty() {
        rest = rest.strip_prefix('.').unwrap_or(rest);
        if let Some(r) = rest.strip_prefix("[\"") {
            let end = r.find("\"]")?;
            let key = &r[..end];
            let Kind::Map(entries) = &node.kind else {
                return None;
            };
            node = entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(_, v)| v)?;
            rest = &r[end + 2..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']')?;
            let i: usize = r[..end].parse().ok()?;
            node = match &node.kind {
                Kind::List(items) | Kind::Tuple(_, items) => items.get(i)?,
                _ => return None,
            };
            rest = &r[end + 1..];
        } else {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            node = node.field(&rest[..end])?;
            rest = &rest[end..];
        }
    }
    Some(node)
}

/// The position of the deepest node along a path that exists.
fn resolve(root: &Node, path: &str) -> Option<Pos> {
    let mut cut = path.len();
    loop {
        if let Some(n) = node_at(root, &path[..cut]) {
            return Some(n.pos);
        }
        cut = path[..cut].rfind(['.', '['])?;
    }
}
