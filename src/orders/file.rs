//! Orders files: what a team writes (or `play` writes for it), in RON with string ids, bound to a
//! game, side and turn. Parsing reports every problem with its line and column; resolving maps string
//! ids to engine ids and turns unknown ones into rejections the team sees.

use super::{Command, Order, Rejection, SideOrders, Signal, SignalKind};
use crate::model::Compiled;
use crate::scenario::de::from_node;
use crate::scenario::diag::{Diagnostic, Report};
use crate::scenario::tree;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The most problems listed for one orders file; past it they are counted ("and 312 more").
pub const MAX_LISTED: usize = 20;

/// The largest orders file read, in bytes: a side's legal orders (one a unit, one signal) fit many
/// times over; a larger file is refused before it is read or parsed.
pub const MAX_BYTES: u64 = 2 * 1024 * 1024;

/// One unit's order as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitOrderText {
    /// The unit's id.
    pub unit: String,
    /// The order, e.g. `Move("hills")`.
    pub order: Command<String, String>,
}

/// A signal as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignalText {
    /// The side signalled.
    pub to: String,
    /// What kind.
    pub kind: SignalKind,
}

/// An orders file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrdersFile {
    /// The game these orders are for.
    pub game: String,
    /// The side giving them.
    pub side: String,
    /// The turn they are for.
    pub turn: u32,
    /// Unit orders.
    #[serde(default)]
    pub orders: Vec<UnitOrderText>,
    /// Signals to other sides.
    #[serde(default)]
    pub signals: Vec<SignalText>,
    /// The side key's signature over the rest (hex), added by `orders submit` or `play`.
    #[serde(default)]
    pub signature: Option<String>,
}

/// An order that names something the scenario does not have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unresolved {
    /// The unit as written.
    pub unit: String,
    /// The order as written.
    pub order: String,
    /// Why it was refused.
    pub reason: String,
}

/// Parses an orders file's text, reporting every malformed order at once.
pub fn parse_orders(path: &Path, text: &str) -> Result<OrdersFile, Report> {
    let root = tree::parse(text).map_err(|e| Report {
        diagnostics: vec![Diagnostic::new(
            path,
            text,
            Some(e.pos),
            None,
            format!("syntax: {}", e.message),
        )],
    })?;
    // Decode each order alone so one bad order does not hide the next.
    let mut diags = Vec::new();
    let mut more = 0;
    for key in ["orders", "signals"] {
        if let Some(items) = root.field(key).and_then(|n| n.items()) {
            for (i, item) in items.iter().enumerate() {
                let p = format!("{key}[{i}]");
                let r = if key == "orders" {
                    from_node::<UnitOrderText>(item, &p).map(drop)
                } else {
                    from_node::<SignalText>(item, &p).map(drop)
                };
                if let Err(e) = r {
                    // Past the cap a problem is only counted: listing (and locating) every one
                    // of a huge file would take time in proportion to its size squared.
                    if diags.len() < MAX_LISTED {
                        diags.push(Diagnostic::new(path, text, e.pos, e.path, e.message));
                    } else {
                        more += 1;
                    }
                }
            }
        }
    }
    if more > 0 {
        diags.push(Diagnostic::more(path, more));
    }
    match from_node::<OrdersFile>(&root, "") {
        Ok(f) if diags.is_empty() => Ok(f),
        Ok(_) => Err(Report { diagnostics: diags }.finish()),
        Err(e) => {
            diags.push(Diagnostic::new(
                path,
                text,
                e.pos,
                e.path.filter(|p| !p.is_empty()),
                e.message,
            ));
            Err(Report { diagnostics: diags }.finish())
        }
    }
}

impl OrdersFile {
    /// Maps string ids to engine ids; orders naming unknown units, zones or sides come back as
    /// [`Unresolved`], each with its reason.
    pub fn resolve(&self, c: &Compiled) -> (SideOrders, Vec<Unresolved>) {
        let mut out = SideOrders::default();
        let mut bad = Vec::new();
        for o in &self.orders {
            let resolved = c
                .unit(&o.unit)
                .ok_or_else(|| Rejection::UnknownUnit(o.unit.clone()))
                .and_then(|unit| {
                    Ok(Order {
                        unit,
                        command: super::resolve_command(c, &o.order)?,
                    })
                });
            match resolved {
                Ok(order) => out.orders.push(order),
                Err(why) => bad.push(Unresolved {
                    unit: o.unit.clone(),
                    order: o.order.to_string(),
                    reason: why.to_string(),
                }),
            }
        }
        for s in &self.signals {
            match c.side(&s.to) {
                Some(to) => out.signals.push(Signal { to, kind: s.kind }),
                None => bad.push(Unresolved {
                    unit: String::new(),
                    order: format!("Signal({}, {:?})", s.to, s.kind),
                    reason: Rejection::UnknownSide(s.to.clone()).to_string(),
                }),
            }
        }
        (out, bad)
    }
}
