//! The fixed per-scenario order table of the environment's actions: index 0 `Hold`, 1 `Resupply`,
//! then for each zone `z` (in zone order) `Move(z)`, `Patrol(z)`, `Withdraw(z)`, `ShowOfForce(z)` at
//! `2 + 4z ..= 2 + 4z + 3`, then `Engage(z, t)` at `2 + 4Z + z*S + t` for each zone and side.

use whitecell::model::{Compiled, SideId, ZoneId};
use whitecell::orders::Command;

/// The order table of one scenario.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    /// Zones.
    pub zones: usize,
    /// Sides.
    pub sides: usize,
}

impl Table {
    /// The table of `c`.
    pub fn of(c: &Compiled) -> Table {
        Table {
            zones: c.zones.len(),
            sides: c.side_count(),
        }
    }

    /// How many actions a unit has.
    pub fn len(&self) -> usize {
        2 + 4 * self.zones + self.zones * self.sides
    }

    /// The index of an order.
    pub fn index(&self, cmd: &Command<ZoneId, SideId>) -> usize {
        match *cmd {
            Command::Hold => 0,
            Command::Resupply => 1,
            Command::Move(z) => 2 + 4 * z.index(),
            Command::Patrol(z) => 3 + 4 * z.index(),
            Command::Withdraw(z) => 4 + 4 * z.index(),
            Command::ShowOfForce(z) => 5 + 4 * z.index(),
            Command::Engage(z, t) => 2 + 4 * self.zones + z.index() * self.sides + t.index(),
        }
    }

    /// The order at an index, if the index is in the table.
    pub fn command(&self, i: usize) -> Option<Command<ZoneId, SideId>> {
        let zone = |z: usize| ZoneId(z as _);
        let side = |s: usize| SideId(s as _);
        Some(match i {
            0 => Command::Hold,
            1 => Command::Resupply,
            i if i < 2 + 4 * self.zones => {
                let z = zone((i - 2) / 4);
                match (i - 2) % 4 {
                    0 => Command::Move(z),
                    1 => Command::Patrol(z),
                    2 => Command::Withdraw(z),
                    _ => Command::ShowOfForce(z),
                }
            }
            i if i < self.len() => {
                let k = i - 2 - 4 * self.zones;
                Command::Engage(zone(k / self.sides), side(k % self.sides))
            }
            _ => return None,
        })
    }
}
