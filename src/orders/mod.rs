//! Orders: what a side tells its units each turn, in files (string ids) and in the engine (ids),
//! and the pure check that accepts an order or rejects it with a reason a student can act on.

pub mod check;
pub mod file;
pub mod legal;
pub mod rejection;

pub use check::{Plan, Why, check, check_signal, judge, judge_signal};
pub use file::{OrdersFile, parse_orders};
pub use rejection::Rejection;

use crate::model::{SideId, UnitId, ZoneId};
use serde::{Deserialize, Serialize};

/// A unit's order for one turn. `Z` is the zone id type, `S` the side id type: strings in files,
/// numbers in the engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Command<Z, S> {
    /// Stay and dig in (posture `Defensive`).
    Hold,
    /// Move to a zone by the shortest legal path.
    Move(Z),
    /// Move to a zone if needed and attack a side's detected units there.
    Engage(Z, S),
    /// Move to a zone and watch it: better detection, and react to hostile units found there.
    Patrol(Z),
    /// Stay and restore readiness (in a friendly, supplied zone).
    Resupply,
    /// Fall back to a zone free of hostile units, disengaging.
    Withdraw(Z),
    /// Move to a neighbouring zone (or stay) to show force: raises tension.
    ShowOfForce(Z),
}

impl<Z: Clone, S: Clone> Command<Z, S> {
    /// The zone the order sends the unit to, if any.
    pub fn destination(&self) -> Option<Z> {
        match self {
            Command::Move(z)
            | Command::Engage(z, _)
            | Command::Patrol(z)
            | Command::Withdraw(z)
            | Command::ShowOfForce(z) => Some(z.clone()),
            Command::Hold | Command::Resupply => None,
        }
    }

    /// The same order with ids mapped.
    pub fn map<Z2, S2>(&self, z: impl Fn(&Z) -> Z2, s: impl Fn(&S) -> S2) -> Command<Z2, S2> {
        match self {
            Command::Hold => Command::Hold,
            Command::Move(x) => Command::Move(z(x)),
            Command::Engage(x, y) => Command::Engage(z(x), s(y)),
            Command::Patrol(x) => Command::Patrol(z(x)),
            Command::Resupply => Command::Resupply,
            Command::Withdraw(x) => Command::Withdraw(z(x)),
            Command::ShowOfForce(x) => Command::ShowOfForce(z(x)),
        }
    }
}

/// A kind of diplomatic signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum SignalKind {
    /// A warning: raises tension.
    Warn,
    /// A de-escalating statement: lowers tension.
    Deescalate,
    /// Use of the deconfliction line: lowers tension.
    Hotline,
}

/// A unit order in engine ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Order {
    /// The unit.
    pub unit: UnitId,
    /// What it does.
    pub command: Command<ZoneId, SideId>,
}

/// A signal in engine ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Signal {
    /// To whom.
    pub to: SideId,
    /// What kind.
    pub kind: SignalKind,
}

/// One side's orders for one turn, in engine ids.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SideOrders {
    /// Unit orders, in the order given.
    pub orders: Vec<Order>,
    /// Signals.
    pub signals: Vec<Signal>,
}

/// Maps an order's string ids to engine ids.
pub fn resolve_command(
    c: &crate::model::Compiled,
    cmd: &Command<String, String>,
) -> Result<Command<ZoneId, SideId>, Rejection> {
    if let Some(z) = cmd.destination()
        && c.zone(&z).is_none()
    {
        return Err(Rejection::UnknownZone(z));
    }
    if let Command::Engage(_, s) = cmd
        && c.side(s).is_none()
    {
        return Err(Rejection::UnknownSide(s.clone()));
    }
    Ok(cmd.map(
        |z| c.zone(z).unwrap_or_default(),
        |s| c.side(s).unwrap_or_default(),
    ))
}

/// Renders an engine order with string ids, as files write it.
pub fn describe(c: &crate::model::Compiled, cmd: &Command<ZoneId, SideId>) -> String {
    cmd.map(
        |z| c.zone_name(*z).to_string(),
        |s| c.side_name(*s).to_string(),
    )
    .to_string()
}

/// Text as a RON string: quoted, with `"`, `\` and control characters escaped (a real id is only
/// quoted), so what [`Command`]'s `Display` writes reads back as it was.
fn quoted(x: &impl std::fmt::Display) -> String {
    format!("{:?}", x.to_string())
}

/// The order as an orders file writes it, e.g. `Engage("idlib", "armed_groups")`.
impl<Z: std::fmt::Display, S: std::fmt::Display> std::fmt::Display for Command<Z, S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Command::Hold => write!(f, "Hold"),
            Command::Move(z) => write!(f, "Move({})", quoted(z)),
            Command::Engage(z, s) => write!(f, "Engage({}, {})", quoted(z), quoted(s)),
            Command::Patrol(z) => write!(f, "Patrol({})", quoted(z)),
            Command::Resupply => write!(f, "Resupply"),
            Command::Withdraw(z) => write!(f, "Withdraw({})", quoted(z)),
            Command::ShowOfForce(z) => write!(f, "ShowOfForce({})", quoted(z)),
        }
    }
}
