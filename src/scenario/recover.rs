//! Decoding that keeps going: when a value fails to decode, the fault is set aside (an unknown field
//! removed, a badly typed value replaced by a stand-in) and decoding is tried again, so one entry
//! with several problems reports them all, not only the first.

use super::de::{DeError, DeErrorKind, from_node};
use super::tree::{Kind, Node};
use serde::de::DeserializeOwned;

/// The most problems collected from one value before giving up on it.
const MAX_PROBLEMS: usize = 32;

/// Decodes `node` (named `path` in messages) and returns every problem found in it.
pub fn decode_all<T: DeserializeOwned>(node: &Node, path: &str) -> Result<T, Vec<DeError>> {
    let first = match from_node::<T>(node, path) {
        Ok(v) => return Ok(v),
        Err(e) => e,
    };
    let mut errors = vec![first.clone()];
    let mut work = node.clone();
    let mut last = first;
    // Structs from which an unknown field was removed: a field missing there next is most likely
    // the same field misspelt, already reported.
    let mut removed_from: Vec<Option<String>> = Vec::new();
    while errors.len() < MAX_PROBLEMS {
        let Some(rel) = last.path.as_deref().and_then(|p| p.strip_prefix(path)) else {
            break;
        };
        let segs = segments(rel);
        let removable = matches!(last.kind, DeErrorKind::UnknownField | DeErrorKind::Repeated);
        let next = if removable {
            if !remove(&mut work, &segs) {
                break;
            }
            removed_from.push(last.path.as_deref().map(parent_path));
            from_node::<T>(&work, path)
        } else {
            match stand_in(&mut work, &segs, path, &last) {
                Some(r) => r,
                // No stand-in fits (an unknown enum value, a missing field): drop the list entry
                // holding the fault and read on.
                None if drop_item(&mut work, &segs) => from_node::<T>(&work, path),
                None => break,
            }
        };
        match next {
            Ok(_) => break,
            Err(e) if e.kind == DeErrorKind::MissingField && removed_from.contains(&e.path) => {
                break;
            }
            Err(e) => {
                errors.push(e.clone());
                last = e;
            }
        }
    }
    Err(errors)
}

/// Replaces the value at `segs` with the first stand-in that moves decoding past this fault, and
/// returns the decode that follows; `None` if no stand-in gets past it.
fn stand_in<T: DeserializeOwned>(
    work: &mut Node,
    segs: &[Seg],
    path: &str,
    fault: &DeError,
) -> Option<Result<T, DeError>> {
    let original = get_mut(work, segs)?.clone();
    let candidates = [
        Kind::Int(1),
        Kind::Str(String::new()),
        Kind::List(Vec::new()),
        Kind::Ident("None".into()),
        Kind::Tuple(None, Vec::new()),
        Kind::Ident("false".into()),
    ];
    for kind in candidates {
        if kind == original.kind {
            continue;
        }
        *get_mut(work, segs)? = Node {
            pos: original.pos,
            kind,
        };
        match from_node::<T>(work, path) {
            Err(e) if e.path == fault.path => continue,
            r => return Some(r),
        }
    }
    None
}

#[derive(Debug, Clone, PartialEq)]
enum Seg {
    Field(String),
    Index(usize),
    Key(String),
}

fn segments(rel: &str) -> Vec<Seg> {
    let mut out = Vec::new();
    let mut rest = rel;
    while !rest.is_empty() {
        rest = rest.strip_prefix('.').unwrap_or(rest);
        if let Some(r) = rest.strip_prefix("[\"") {
            let Some(end) = r.find("\"]") else { break };
            out.push(Seg::Key(r[..end].to_string()));
            rest = &r[end + 2..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let Some(end) = r.find(']') else { break };
            let Ok(i) = r[..end].parse() else { break };
            out.push(Seg::Index(i));
            rest = &r[end + 1..];
        } else {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            out.push(Seg::Field(rest[..end].to_string()));
            rest = &rest[end..];
        }
    }
    out
}

fn step<'a>(node: &'a mut Node, seg: &Seg) -> Option<&'a mut Node> {
    match (&mut node.kind, seg) {
        (Kind::Struct(_, fields), Seg::Field(f)) => fields
            .iter_mut()
            .find(|(k, _)| &k.name == f)
            .map(|(_, v)| v),
        (Kind::List(items) | Kind::Tuple(_, items), Seg::Index(i)) => items.get_mut(*i),
        (Kind::Map(entries), Seg::Key(k)) => entries
            .iter_mut()
            .find(|(x, _)| x.as_str() == Some(k))
            .map(|(_, v)| v),
        _ => None,
    }
}

fn get_mut<'a>(node: &'a mut Node, segs: &[Seg]) -> Option<&'a mut Node> {
    segs.iter().try_fold(node, |n, s| step(n, s))
}

fn remove(work: &mut Node, segs: &[Seg]) -> bool {
    let Some((last, parent)) = segs.split_last() else {
        return false;
    };
    let Some(p) = get_mut(work, parent) else {
        return false;
    };
    match (&mut p.kind, last) {
        (Kind::Struct(_, fields), Seg::Field(f)) => {
            // Remove the last one with this name: a repeated field keeps its first value.
            match fields.iter().rposition(|(k, _)| &k.name == f) {
                Some(i) => {
                    fields.remove(i);
                    true
                }
                None => false,
            }
        }
        (Kind::Map(entries), Seg::Key(k)) => {
            match entries.iter().rposition(|(x, _)| x.as_str() == Some(k)) {
                Some(i) => {
                    entries.remove(i);
                    true
                }
                None => false,
            }
        }
        _ => false,
    }
}

/// Removes the innermost list entry on the path (the path itself, or an ancestor).
fn drop_item(work: &mut Node, segs: &[Seg]) -> bool {
    for cut in (1..=segs.len()).rev() {
        let (parent, last) = (&segs[..cut - 1], &segs[cut - 1]);
        let Seg::Index(i) = last else { continue };
        if let Some(Node {
            kind: Kind::List(items),
            ..
        }) = get_mut(work, parent)
            && *i < items.len()
        {
            items.remove(*i);
            return true;
        }
    }
    false
}

/// The path of the struct holding a field: `units[3].zoen` -> `units[3]`.
fn parent_path(p: &str) -> String {
    match p.rfind(['.', '[']) {
        Some(i) if p[i..].starts_with('.') => p[..i].to_string(),
        _ => p.to_string(),
    }
}
