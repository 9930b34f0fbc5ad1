//! Generated orders for the property tests: per turn, a list of picks — a legal order of one of the
//! side's own units, chosen from what `legal_orders` offers on the side's own picture, or a raw
//! order of any kind for any unit of the scenario (its own or another side's, on the map or not)
//! to any zone — plus signals (some to the side itself, some a second one), now and then an order
//! naming a unit that does not exist, and sides played by a bot for the turn. Most raw orders are
//! illegal; each must be rejected with its reason.

use proptest::collection::vec;
use proptest::prelude::*;
use whitecell::dice::Dice;
use whitecell::model::{Compiled, SideId, State, UnitId, ZoneId};
use whitecell::orders::file::{SignalText, UnitOrderText, Unresolved};
use whitecell::orders::legal::legal_orders;
use whitecell::orders::{Command, Order, OrdersFile, Rejection, SideOrders, Signal, SignalKind};
use whitecell::policy::PolicySpec;
use whitecell::rules::Board;

/// One order to give.
#[derive(Debug, Clone)]
pub enum PickR {
    /// One of the legal orders of one of the side's units on the map.
    Legal { side: u8, unit: u8, choice: u16 },
    /// Any order for any unit of the scenario.
    Raw {
        side: u8,
        unit: u8,
        cmd: u8,
        zone: u8,
        target: u8,
    },
}

/// One turn's inputs.
#[derive(Debug, Clone)]
pub struct TurnR {
    pub picks: Vec<PickR>,
    pub signals: Vec<(u8, u8, u8)>,
    /// Per side: 3 random, 4 aggressive, 5 cautious plays it this turn (picks follow the bot's
    /// orders); anything else, no bot.
    pub bots: [u8; 4],
    /// This side also hands in an order for a unit that does not exist.
    pub unknown: Option<u8>,
}

fn pick_r() -> impl Strategy<Value = PickR> {
    prop_oneof![
        3 => (any::<u8>(), any::<u8>(), any::<u16>())
            .prop_map(|(side, unit, choice)| PickR::Legal { side, unit, choice }),
        2 => (any::<u8>(), any::<u8>(), 0u8..7, any::<u8>(), any::<u8>()).prop_map(
            |(side, unit, cmd, zone, target)| PickR::Raw {
                side,
                unit,
                cmd,
                zone,
                target
            }
        ),
    ]
}

fn turn_r() -> impl Strategy<Value = TurnR> {
    (
        vec(pick_r(), 0..=12),
        vec((any::<u8>(), any::<u8>(), 0u8..3), 0..=2),
        [0u8..8, 0u8..8, 0u8..8, 0u8..8],
        proptest::option::weighted(0.1, any::<u8>()),
    )
        .prop_map(|(picks, signals, bots, unknown)| TurnR {
            picks,
            signals,
            bots,
            unknown,
        })
}

/// Up to 30 turns of inputs (mostly fewer: the scenario's own turn count ends most games first).
pub fn turns() -> impl Strategy<Value = Vec<TurnR>> {
    prop_oneof![3 => vec(turn_r(), 1..=8), 1 => vec(turn_r(), 9..=30)]
}

/// What one side hands in for a turn.
#[derive(Debug, Clone)]
pub struct Hand {
    pub side: SideId,
    pub orders: SideOrders,
    pub unresolved: Vec<Unresolved>,
}

impl Hand {
    /// The orders for units of other sides.
    pub fn foreign<'a>(&'a self, c: &'a Compiled) -> impl Iterator<Item = &'a Order> + 'a {
        self.orders
            .orders
            .iter()
            .filter(move |o| c.units[o.unit.index()].side != self.side)
    }

    /// The same hand without the orders for other sides' units.
    pub fn without_foreign(&self, c: &Compiled) -> SideOrders {
        SideOrders {
            orders: self
                .orders
                .orders
                .iter()
                .filter(|o| c.units[o.unit.index()].side == self.side)
                .copied()
                .collect(),
            signals: self.orders.signals.clone(),
        }
    }
}

/// The name of the unit no scenario has.
pub const NOBODY: &str = "nobody";

fn raw_command(c: &Compiled, cmd: u8, zone: u8, target: u8) -> Command<ZoneId, SideId> {
    let z = ZoneId(u32::from(zone) % c.zones.len() as u32);
    let t = SideId(u16::from(target) % c.side_count() as u16);
    match cmd {
        0 => Command::Hold,
        1 => Command::Move(z),
        2 => Command::Engage(z, t),
        3 => Command::Patrol(z),
        4 => Command::Resupply,
        5 => Command::Withdraw(z),
        _ => Command::ShowOfForce(z),
    }
}

/// The hands of one turn, worked out from the state the turn starts from.
pub fn hands(c: &Compiled, state: &State, dice: &Dice, t: &TurnR) -> Vec<Hand> {
    let ns = c.side_count();
    let side_of = |k: u8| SideId(u16::from(k) % ns as u16);
    let mut out: Vec<Hand> = (0..ns)
        .map(|i| Hand {
            side: SideId(i as u16),
            orders: SideOrders::default(),
            unresolved: Vec::new(),
        })
        .collect();
    let mut handed = vec![false; ns];
    for (i, bot) in t.bots.iter().take(ns).enumerate() {
        let name = match bot {
            3 => "random",
            4 => "aggressive",
            5 => "cautious",
            _ => continue,
        };
        let spec = PolicySpec::parse(name).expect("a built-in policy");
        out[i].orders = spec.orders(c, state, SideId(i as u16), dice);
        handed[i] = true;
    }
    for p in &t.picks {
        match *p {
            PickR::Legal { side, unit, choice } => {
                let s = side_of(side);
                let own: Vec<_> = state.units.iter().filter(|u| u.side == s).collect();
                if own.is_empty() {
                    continue;
                }
                let u = own[usize::from(unit) % own.len()];
                let known = whitecell::policy::view::known_units(state, s);
                let b = Board::new(c, &known, &state.relations, &state.control, state.turn + 1);
                let legal = legal_orders(&b, s, u, &|z, x| b.has_side(z, x));
                let command = legal[usize::from(choice) % legal.len()];
                out[s.index()].orders.orders.push(Order {
                    unit: u.id,
                    command,
                });
                handed[s.index()] = true;
            }
            PickR::Raw {
                side,
                unit,
                cmd,
                zone,
                target,
            } => {
                let s = side_of(side);
                let u = UnitId(u32::from(unit) % c.units.len() as u32);
                let command = raw_command(c, cmd, zone, target);
                out[s.index()]
                    .orders
                    .orders
                    .push(Order { unit: u, command });
                handed[s.index()] = true;
            }
        }
    }
    for &(side, to, kind) in &t.signals {
        let s = side_of(side);
        let kind = [
            SignalKind::Warn,
            SignalKind::Deescalate,
            SignalKind::Hotline,
        ][usize::from(kind) % 3];
        out[s.index()].orders.signals.push(Signal {
            to: side_of(to),
            kind,
        });
        handed[s.index()] = true;
    }
    if let Some(k) = t.unknown {
        let s = side_of(k);
        out[s.index()].unresolved.push(Unresolved {
            unit: NOBODY.into(),
            order: "Hold".into(),
            reason: Rejection::UnknownUnit(NOBODY.into()).to_string(),
        });
        handed[s.index()] = true;
    }
    out.into_iter().filter(|h| handed[h.side.index()]).collect()
}

/// A hand as the orders file a team would write for the game folder: only the side's own units
/// (the folder's intake refuses a file naming another side's unit), signed with the side's key.
pub fn file(c: &Compiled, game: &str, turn: u32, key: &str, h: &Hand) -> OrdersFile {
    let mut f = OrdersFile {
        game: game.to_string(),
        side: c.side_name(h.side).to_string(),
        turn,
        orders: h
            .without_foreign(c)
            .orders
            .iter()
            .map(|o| UnitOrderText {
                unit: c.unit_name(o.unit).to_string(),
                order: o.command.map(
                    |z| c.zone_name(*z).to_string(),
                    |s| c.side_name(*s).to_string(),
                ),
            })
            .collect(),
        signals: h
            .orders
            .signals
            .iter()
            .map(|s| SignalText {
                to: c.side_name(s.to).to_string(),
                kind: s.kind,
            })
            .collect(),
        signature: None,
    };
    f.signature = Some(whitecell::game::store::intake::sign(&f, key));
    f
}
