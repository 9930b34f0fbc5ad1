//! The results table: its columns, and a row as cells. The CSV and Parquet writers both write
//! these cells, so the two formats hold the same table.
//!
//! Columns: `run`, `replicate`, `seed`, one `param_<path>` per set or swept path (dots become
//! `_`), `status` (`ok`/`failed`), `error`, `outcome` (`points`/`sudden_death`/`unfinished`),
//! `sudden_death` (its id), `winner` (side id, empty for none), `turns`, one `track_<id>` per
//! track (final value), one `lost_<side>` per side (steps lost), `engagements`, `state_hash`.

use super::plan::Plan;
use super::row::Row;

/// A column's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColType {
    /// Unsigned 64-bit.
    U64,
    /// Signed 32-bit.
    I32,
    /// UTF-8 text.
    Text,
}

/// One value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Unsigned 64-bit.
    U64(u64),
    /// Signed 32-bit.
    I32(i32),
    /// UTF-8 text.
    Text(String),
}

impl std::fmt::Display for Cell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Cell::U64(v) => write!(f, "{v}"),
            Cell::I32(v) => write!(f, "{v}"),
            Cell::Text(s) => f.write_str(s),
        }
    }
}

/// The column names and types of a plan's table.
pub fn columns(plan: &Plan) -> Vec<(String, ColType)> {
    let mut c = vec![
        ("run".to_string(), ColType::U64),
        ("replicate".to_string(), ColType::U64),
        ("seed".to_string(), ColType::U64),
    ];
    for p in plan.param_paths() {
        // `a.b_c` and `a_b.c` both read `param_a_b_c`: a later one takes a number, in path order.
        let base = format!("param_{}", p.replace('.', "_"));
        let mut name = base.clone();
        let mut n = 2;
        while c.iter().any(|(x, _)| *x == name) {
            name = format!("{base}_{n}");
            n += 1;
        }
        c.push((name, ColType::Text));
    }
    for n in ["status", "error", "outcome", "sudden_death", "winner"] {
        c.push((n.to_string(), ColType::Text));
    }
    c.push(("turns".into(), ColType::I32));
    for t in &plan.tracks {
        c.push((format!("track_{t}"), ColType::I32));
    }
    for s in &plan.sides {
        c.push((format!("lost_{s}"), ColType::I32));
    }
    c.push(("engagements".into(), ColType::I32));
    c.push(("state_hash".into(), ColType::Text));
    c
}

/// A row's cells, in column order.
pub fn cells(plan: &Plan, row: &Row) -> Vec<Cell> {
    let mut v = vec![
        Cell::U64(row.run),
        Cell::U64(row.replicate),
        Cell::U64(row.seed),
    ];
    v.extend(plan.edits(row.run).into_iter().map(|e| Cell::Text(e.value)));
    let text = |s: &str| Cell::Text(s.to_string());
    let int = |n: u32| Cell::I32(i32::try_from(n).unwrap_or(i32::MAX));
    match &row.result {
        Ok(p) => {
            v.extend([
                text("ok"),
                text(""),
                text(&p.outcome),
                text(&p.sudden_death),
                text(&p.winner),
            ]);
            v.push(int(p.turns));
            v.extend(p.tracks.iter().map(|&t| Cell::I32(t)));
            v.extend(p.lost.iter().map(|&l| int(l)));
            v.push(int(p.engagements));
            v.push(text(&p.hash));
        }
        Err(e) => {
            v.extend([
                text("failed"),
                text(&e.replace(['\n', '\r'], " ")),
                text(""),
                text(""),
                text(""),
            ]);
            v.push(Cell::I32(0));
            v.extend(plan.tracks.iter().map(|_| Cell::I32(0)));
            v.extend(plan.sides.iter().map(|_| Cell::I32(0)));
            v.push(Cell::I32(0));
            v.push(text(""));
        }
    }
    v
}

/// A cell as CSV writes it: quoted when it holds a comma, quote or line break.
pub fn csv_field(c: &Cell) -> String {
    let s = c.to_string();
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// Splits one CSV line written by [`csv_field`] back into fields (for reading parts back).
pub fn csv_split(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(ch) = chars.next() {
        match (ch, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut cur)),
            (c, _) => cur.push(c),
        }
    }
    out.push(cur);
    out
}
