//! The results table: its typed columns, and a row as typed cells. The CSV and Parquet writers,
//! and any other caller of the library (the Python package), write these cells, so every format
//! holds the same table.
//!
//! Columns, in order: `run`, `replicate`, `seed` (64-bit signed integers: a seed is below 2⁶³),
//! one `param_<path>` per set or swept path (dots become `_`) typed like the scenario value it
//! sets, `status` (`ok`/`failed`), `error`, `outcome` (`points`/`sudden_death`/`unfinished`),
//! `sudden_death` (its id, or `none`), `winner` (side id, or `none`), `turns`, one `track_<id>`
//! per track (final value), one `points_<side>` and one `lost_<side>` per side, one
//! `control_<zone>` per zone (the side holding it at the end, or `none`), one
//! `objective_<side>_<k>` per objective (a boolean: its condition holds at the end; `k` is its
//! place in the side's list, from 0), `engagements`, `state_hash`. A cell is null only where its value does not exist: `error` of a game that did
//! not fail, and every result column of one that did.

use super::plan::Plan;
use super::row::Row;
use serde::{Deserialize, Serialize};

/// A column's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColType {
    /// Signed 64-bit integer.
    I64,
    /// Signed 32-bit integer.
    I32,
    /// `true` or `false`.
    Bool,
    /// UTF-8 text (dictionary-encoded in Parquet).
    Text,
}

/// One column of the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    /// Its name.
    pub name: String,
    /// Its type.
    #[serde(rename = "type")]
    pub ty: ColType,
    /// Whether a cell may be null (and when, in `meaning`).
    pub nullable: bool,
    /// What it holds.
    pub meaning: String,
}

impl Column {
    fn new(name: impl Into<String>, ty: ColType, meaning: impl Into<String>) -> Column {
        Column {
            name: name.into(),
            ty,
            nullable: false,
            meaning: meaning.into(),
        }
    }

    /// The column of a finished game's result: null when the game failed.
    fn result(name: impl Into<String>, ty: ColType, meaning: impl Into<String>) -> Column {
        Column {
            nullable: true,
            ..Column::new(name, ty, meaning)
        }
    }
}

/// One value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Signed 64-bit integer.
    I64(i64),
    /// Signed 32-bit integer.
    I32(i32),
    /// A boolean.
    Bool(bool),
    /// UTF-8 text.
    Text(String),
    /// No value (see [`Column::nullable`]).
    Null,
}

impl std::fmt::Display for Cell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Cell::I64(v) => write!(f, "{v}"),
            Cell::I32(v) => write!(f, "{v}"),
            Cell::Bool(v) => write!(f, "{v}"),
            Cell::Text(s) => f.write_str(s),
            Cell::Null => Ok(()),
        }
    }
}

impl Cell {
    /// Parses text as a cell of type `ty`: the empty text is null; `None` when it does not parse.
    pub fn parse(text: &str, ty: ColType) -> Option<Cell> {
        if text.is_empty() {
            return Some(Cell::Null);
        }
        Some(match ty {
            ColType::I64 => Cell::I64(text.parse().ok()?),
            ColType::I32 => Cell::I32(text.parse().ok()?),
            ColType::Bool => Cell::Bool(text.parse().ok()?),
            ColType::Text => Cell::Text(text.to_string()),
        })
    }

    /// The integer, if the cell holds one.
    pub fn int(&self) -> Option<i64> {
        match self {
            Cell::I64(v) => Some(*v),
            Cell::I32(v) => Some(i64::from(*v)),
            _ => None,
        }
    }

    /// The text, if the cell holds some.
    pub fn text(&self) -> Option<&str> {
        match self {
            Cell::Text(s) => Some(s),
            _ => None,
        }
    }
}

/// How the columns `have` differ from `want`, in words (`it lacks `objective_blue_0`; ...`), or
/// `None` when they are the same: what a message about a part of an older whitecell says.
pub fn difference(have: &[Column], want: &[Column]) -> Option<String> {
    if have == want {
        return None;
    }
    let names = |v: &[Column]| -> Vec<String> { v.iter().map(|c| c.name.clone()).collect() };
    let (h, w) = (names(have), names(want));
    let list = |v: Vec<&String>| {
        let shown: Vec<String> = v.iter().take(6).map(|n| format!("`{n}`")).collect();
        let more = v.len().saturating_sub(6);
        match more {
            0 => shown.join(", "),
            m => format!("{} and {m} more", shown.join(", ")),
        }
    };
    let lacks: Vec<&String> = w.iter().filter(|n| !h.contains(n)).collect();
    let extra: Vec<&String> = h.iter().filter(|n| !w.contains(n)).collect();
    let mut why = Vec::new();
    if !lacks.is_empty() {
        why.push(format!("it lacks the column(s) {}", list(lacks)));
    }
    if !extra.is_empty() {
        why.push(format!("it has the extra column(s) {}", list(extra)));
    }
    if why.is_empty() {
        why.push(if h == w {
            "its columns' types or meanings differ".to_string()
        } else {
            "its columns are in another order".to_string()
        });
    }
    Some(why.join("; "))
}

/// The word written for "no winner" and "no sudden death" (a side may not take it as its id).
pub const NONE: &str = crate::scenario::NO_SIDE;

/// The type of a `--set`/`--sweep` column: integers when every value is a whole number,
/// booleans when every value is `true`/`false`, else text. An edit's value has the type of the
/// scenario value it replaces (checked by [`super::edit::apply`]), so this is that type.
pub fn param_type(values: &[String]) -> ColType {
    let parsed: Vec<serde_json::Value> = values
        .iter()
        .map(|v| serde_json::from_str(v).unwrap_or(serde_json::Value::Null))
        .collect();
    if parsed.iter().all(|v| v.as_i64().is_some()) {
        ColType::I64
    } else if parsed.iter().all(serde_json::Value::is_boolean) {
        ColType::Bool
    } else {
        ColType::Text
    }
}

/// A parameter value as a cell of its column's type.
fn param_cell(value: &str, ty: ColType) -> Cell {
    let json = serde_json::from_str::<serde_json::Value>(value).ok();
    match (ty, json) {
        (ColType::I64, Some(v)) if v.as_i64().is_some() => Cell::I64(v.as_i64().unwrap_or(0)),
        (ColType::Bool, Some(serde_json::Value::Bool(b))) => Cell::Bool(b),
        (_, Some(serde_json::Value::String(s))) => Cell::Text(s),
        _ => Cell::Text(value.to_string()),
    }
}

/// The column names of the parameters, unique: `a.b_c` and `a_b.c` both read `param_a_b_c`, so
/// a later one takes a number, in path order.
fn param_names(paths: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in paths {
        let base = format!("param_{}", p.replace('.', "_"));
        let mut name = base.clone();
        let mut n = 2;
        while out.contains(&name) {
            name = format!("{base}_{n}");
            n += 1;
        }
        out.push(name);
    }
    out
}

/// The columns of a plan's table.
pub fn columns(plan: &Plan) -> Vec<Column> {
    use ColType::*;
    let mut c = vec![
        Column::new(
            "run",
            I64,
            "run index in the batch (point × runs + replicate)",
        ),
        Column::new(
            "replicate",
            I64,
            "index within the sweep point: what the seed is derived from",
        ),
        Column::new("seed", I64, "the game seed (`whitecell run --seed`)"),
    ];
    let paths = plan.param_paths();
    for ((name, path), values) in param_names(&paths)
        .into_iter()
        .zip(&paths)
        .zip(plan.param_values())
    {
        c.push(Column::new(
            name,
            param_type(&values),
            format!("the value of `{path}` (--set/--sweep), typed like that scenario value"),
        ));
    }
    c.push(Column::new("status", Text, "`ok`, or `failed`"));
    c.push(Column::result(
        "error",
        Text,
        "why the game failed; null when it did not",
    ));
    c.push(Column::result(
        "outcome",
        Text,
        "`points`, `sudden_death` or `unfinished`",
    ));
    c.push(Column::result(
        "sudden_death",
        Text,
        "the sudden-death condition that ended the game, or `none`",
    ));
    c.push(Column::result(
        "winner",
        Text,
        "the winning side's id, or `none` (a draw, or every side lost)",
    ));
    c.push(Column::result("turns", I32, "turns played"));
    for t in &plan.tracks {
        c.push(Column::result(
            format!("track_{t}"),
            I32,
            format!("final value of the track `{t}`"),
        ));
    }
    for s in &plan.sides {
        c.push(Column::result(
            format!("points_{s}"),
            I32,
            format!("victory points of `{s}` at the end"),
        ));
    }
    for s in &plan.sides {
        c.push(Column::result(
            format!("lost_{s}"),
            I32,
            format!("steps lost by `{s}`"),
        ));
    }
    for z in &plan.zones {
        c.push(Column::result(
            format!("control_{z}"),
            Text,
            format!("the side controlling `{z}` at the end, or `none`"),
        ));
    }
    for o in &plan.outline.objectives {
        c.push(Column::result(
            o.column.clone(),
            Bool,
            format!(
                "whether `{}`'s objective {} (\"{}\") holds at the end (scored when the game ends on points)",
                o.side,
                o.index,
                o.name
            ),
        ));
    }
    c.push(Column::result("engagements", I32, "engagements fought"));
    c.push(Column::result(
        "state_hash",
        Text,
        "the final state hash, as `whitecell run` prints it",
    ));
    c
}

/// A row's cells, in column order (the same whatever the format).
pub fn cells(plan: &Plan, cols: &[Column], row: &Row) -> Vec<Cell> {
    let mut v = vec![
        Cell::I64(row.run as i64),
        Cell::I64(row.replicate as i64),
        Cell::I64(row.seed as i64),
    ];
    v.extend(
        plan.edits(row.run)
            .iter()
            .zip(&cols[3..])
            .map(|(e, c)| param_cell(&e.value, c.ty)),
    );
    let text = |s: &str| Cell::Text(s.to_string());
    let or_none = |s: &str| text(if s.is_empty() { NONE } else { s });
    let int = |n: u32| Cell::I32(i32::try_from(n).unwrap_or(i32::MAX));
    match &row.result {
        Ok(p) => {
            v.extend([
                text("ok"),
                Cell::Null,
                text(&p.outcome),
                or_none(&p.sudden_death),
                or_none(&p.winner),
            ]);
            v.push(int(p.turns));
            v.extend(p.tracks.iter().map(|&t| Cell::I32(t)));
            v.extend(p.points.iter().map(|&t| int(t)));
            v.extend(p.lost.iter().map(|&l| int(l)));
            v.extend(p.control.iter().map(|c| or_none(c)));
            v.extend(p.objectives.iter().map(|&m| Cell::Bool(m)));
            v.push(int(p.engagements));
            v.push(text(&p.hash));
        }
        Err(e) => {
            v.push(text("failed"));
            v.push(text(&e.replace(['\n', '\r'], " ")));
            v.resize(cols.len(), Cell::Null);
        }
    }
    v
}
