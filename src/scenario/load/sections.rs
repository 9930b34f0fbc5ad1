//! Decoding a scenario section by section and entry by entry, keeping what decoded and noting the
//! ids and references of what did not, so the semantic checks can still run over the rest.

use super::{FORMAT_FIELDS, FileCtx};
use crate::scenario::de::{DeError, DeErrorKind, closest};
use crate::scenario::forbidden;
use crate::scenario::recover::decode_all;
use crate::scenario::schema::*;
use crate::scenario::tree::{Kind, Node};
use serde::de::DeserializeOwned;
use std::collections::BTreeSet;

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
    pub(super) fn complete(self) -> Option<Scenario> {
        if self.incomplete {
            return None;
        }
        Some(Scenario {
            format: self.format?,
            meta: self.meta?,
            ruleset: self.ruleset.unwrap_or_default(),
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
    "turns",
    "sides",
    "zones",
    "unit_types",
    "units",
    "victory",
];

pub(super) fn decode_scenario(root: &Node, f: &mut FileCtx) -> Partial {
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
                let hint = match closest(name, SECTIONS) {
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
            // Shown at the scenario's opening, under the path it would have.
            f.at(
                root.pos,
                req,
                format!("the section `{req}` is missing: add `{req}: ...` to the scenario"),
            );
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
            DeError::new(
                DeErrorKind::BadValue,
                format!("expected a list in `[...]`, found {}", node.describe()),
            )
            .placed(node.pos, path.into()),
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
