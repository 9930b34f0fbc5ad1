//! Field paths (`units[3].zone`, `victory.objectives["blue"][0]`) resolved to positions in a file.

use crate::scenario::tree::{Kind, Node, Pos};

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
pub fn resolve(root: &Node, path: &str) -> Option<Pos> {
    let mut cut = path.len();
    loop {
        if let Some(n) = node_at(root, &path[..cut]) {
            return Some(n.pos);
        }
        cut = path[..cut].rfind(['.', '['])?;
    }
}
