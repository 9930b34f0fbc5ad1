//! `--set PATH=VALUE`: changing one value of a typed scenario by its path, then checking the result
//! exactly as a scenario file is checked.
//!
//! A path walks the scenario's fields with `.`; lists are addressed by the `id` of an entry (or by
//! its position, for lists whose entries have no id) and maps by key: `turns.count`,
//! `tracks.tension.start`, `units.b_frigates.strength`, `unit_types.frigate.attack`,
//! `escalation.engage_neutral`, `victory.objectives.blue.0.points`. A value is JSON-like: a number,
//! `true`/`false`, `null`, a list `["Sea","Coast"]`, or bare text, taken as a string (`Hostile`,
//! `town`). The edited scenario is written back out as RON and loaded again through
//! [`crate::scenario::load::load_str`], so every check of a scenario file applies to it (bounds,
//! references, forbidden fields) and its hash identifies exactly what was played.

use crate::scenario::load::{Loaded, load_str};
use crate::scenario::{Report, Scenario};
use serde_json::Value;

/// One `PATH=VALUE` edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// The dotted path.
    pub path: String,
    /// The value as written.
    pub value: String,
    /// The edit is one value of a `--sweep` (else a `--set`): messages name the flag it came from.
    pub swept: bool,
}

impl Edit {
    /// Parses `PATH=VALUE`.
    pub fn parse(flag: &str) -> Result<Edit, String> {
        match flag.split_once('=') {
            Some((p, v)) if !p.trim().is_empty() => Ok(Edit {
                path: p.trim().to_string(),
                value: v.trim().to_string(),
                swept: false,
            }),
            _ => Err(format!(
                "`{flag}`: write PATH=VALUE, e.g. tracks.tension.start=3"
            )),
        }
    }
}

impl Edit {
    /// The edit as the flag that gave it: `--set PATH=VALUE` or `--sweep PATH=VALUE`.
    pub fn flagged(&self) -> String {
        let flag = if self.swept { "--sweep" } else { "--set" };
        format!("{flag} {self}")
    }
}

/// The edits as the flags that gave them, for messages.
pub fn flags(edits: &[Edit]) -> String {
    edits
        .iter()
        .map(Edit::flagged)
        .collect::<Vec<_>>()
        .join(" ")
}

impl std::fmt::Display for Edit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}={}", self.path, self.value)
    }
}

/// The value text as JSON: numbers, booleans, `null`, lists and maps as written, anything else a
/// string.
fn parse_value(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_string()))
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "`true` or `false`",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a structure",
    }
}

fn hint(word: &str, options: &[String]) -> String {
    let opts: Vec<&str> = options.iter().map(String::as_str).collect();
    match crate::scenario::de::closest(word, &opts) {
        Some(c) => format!(" (did you mean `{c}`?)"),
        None => String::new(),
    }
}

/// The slot a path names, or why there is none.
fn slot<'a>(root: &'a mut Value, path: &str) -> Result<&'a mut Value, String> {
    let mut node = root;
    let mut walked = String::new();
    for seg in path.split('.') {
        let here = if walked.is_empty() {
            "the scenario".to_string()
        } else {
            format!("`{walked}`")
        };
        node = match node {
            Value::Object(map) => {
                if !map.contains_key(seg) {
                    let keys: Vec<String> = map.keys().cloned().collect();
                    return Err(format!(
                        "{here} has no field `{seg}`{}; its fields are: {}",
                        hint(seg, &keys),
                        keys.join(", ")
                    ));
                }
                map.get_mut(seg).ok_or("unreachable")?
            }
            Value::Array(items) => {
                let ids: Vec<String> = items
                    .iter()
                    .filter_map(|x| x.get("id").and_then(Value::as_str).map(String::from))
                    .collect();
                let by_id = items
                    .iter()
                    .position(|x| x.get("id").and_then(Value::as_str) == Some(seg));
                let pos = by_id.or_else(|| {
                    seg.parse::<usize>()
                        .ok()
                        .filter(|&i| ids.is_empty() && i < items.len())
                });
                let Some(i) = pos else {
                    return Err(if ids.is_empty() {
                        format!(
                            "{here} is a list of {} entries without ids: address one by its position, 0 to {}",
                            items.len(),
                            items.len().saturating_sub(1)
                        )
                    } else {
                        format!(
                            "{here} has no entry with the id `{seg}`{}; its ids are: {}",
                            hint(seg, &ids),
                            ids.join(", ")
                        )
                    });
                };
                &mut items[i]
            }
            other => {
                return Err(format!(
                    "{here} is {}, which has no part `{seg}`",
                    kind(other)
                ));
            }
        };
        if !walked.is_empty() {
            walked.push('.');
        }
        walked.push_str(seg);
    }
    Ok(node)
}

/// Applies the edits to a copy of the scenario, checking each value has the type of the value it
/// replaces (the full check comes with [`load_edited`]).
pub fn apply(s: &Scenario, edits: &[Edit]) -> Result<Scenario, String> {
    let mut root = serde_json::to_value(s).map_err(|e| format!("internal: {e}"))?;
    for e in edits {
        let at = slot(&mut root, &e.path).map_err(|m| format!("{}: {m}", e.flagged()))?;
        let new = parse_value(&e.value);
        let same = std::mem::discriminant(at) == std::mem::discriminant(&new);
        if !at.is_null() && !new.is_null() && !same {
            return Err(format!(
                "{}: `{}` is {}, but `{}` is {}",
                e.flagged(),
                e.path,
                kind(at),
                e.value,
                kind(&new)
            ));
        }
        *at = new;
    }
    serde_json::from_value(root).map_err(|err| format!("{}: {err}", flags(edits)))
}

/// The scenario with the edits made and checked like a file; `loaded` itself when there are none.
pub fn load_edited(loaded: &Loaded, edits: &[Edit]) -> Result<Loaded, String> {
    if edits.is_empty() {
        return Ok(loaded.clone());
    }
    edited(loaded, edits).map(|(l, _)| l)
}

/// The scenario with the edits made, checked like a file, and the RON text it was loaded from
/// (what a game folder stores as its scenario: its hash is the edited scenario's).
pub fn edited(loaded: &Loaded, edits: &[Edit]) -> Result<(Loaded, String), String> {
    let s = apply(&loaded.scenario, edits)?;
    let text = ron::ser::to_string_pretty(&s, ron::ser::PrettyConfig::default())
        .map_err(|e| format!("internal: cannot write the edited scenario: {e}"))?;
    let l =
        load_str(&loaded.path, &text, &|p| std::fs::read_to_string(p)).map_err(|r: Report| {
            let msgs: Vec<String> = r
                .diagnostics
                .iter()
                .map(|d| match &d.path {
                    Some(p) => format!("{p}: {}", d.message),
                    None => d.message.clone(),
                })
                .collect();
            format!(
                "{}: the edited scenario is not valid:\n  {}",
                flags(edits),
                msgs.join("\n  ")
            )
        })?;
    Ok((l, text))
}
