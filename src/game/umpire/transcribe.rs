//! A game played elsewhere (by agents through the Python environment, or any program driving the
//! engine) written out as a classroom game folder: created from its scenario file with its seed,
//! then turn by turn each playing side's orders handed in as a signed orders file and accepted,
//! the turn adjudicated with the other sides filled by their bot policies — the same journal a
//! class would have made, so `replay`, `report`, `account` and `fork` open it. The folder's hash
//! after each turn is checked against the game's own.

use crate::game::GameError;
use crate::game::store::folder::Game;
use crate::game::store::intake::sign;
use crate::model::Compiled;
use crate::orders::file::UnitOrderText;
use crate::orders::{OrdersFile, SideOrders};
use crate::policy::PolicySpec;
use std::collections::BTreeMap;
use std::path::Path;

/// One turn as played: the orders of each side that handed some in (the others were played by
/// their policies), and the state hash after it.
pub struct PlayedTurn {
    /// Orders per side, by side id.
    pub orders: Vec<(String, SideOrders)>,
    /// The state hash after the turn, as the CLI prints it.
    pub hash: String,
}

/// Writes the game of `scenario` (the file) played with `seed` as a new game folder `dir`.
/// `policies` are every side's bot policies in side order (those of the sides that handed in
/// orders are not used). Fails, leaving the folder as far as it got, if a turn's hash differs.
pub fn transcribe(
    scenario: &Path,
    dir: &Path,
    seed: u64,
    policies: &[PolicySpec],
    turns: &[PlayedTurn],
) -> Result<Game, GameError> {
    transcribe_with_sets(scenario, &[], dir, seed, policies, turns)
}

/// [`transcribe`] for a game of the scenario with `sets` (`PATH=VALUE`) made: the folder holds the
/// edited scenario ([`Game::create_with_sets`]).
pub fn transcribe_with_sets(
    scenario: &Path,
    sets: &[String],
    dir: &Path,
    seed: u64,
    policies: &[PolicySpec],
    turns: &[PlayedTurn],
) -> Result<Game, GameError> {
    let mut g = Game::create_with_sets(scenario, sets, dir, Some(seed))?;
    let c = g.c.clone();
    for (i, t) in turns.iter().enumerate() {
        let turn = i as u32 + 1;
        for (side, orders) in &t.orders {
            let file = orders_file(&c, &g.save.game, side, turn, orders);
            let key = g.save.keys.get(side).cloned().unwrap_or_default();
            let signature = sign(&file, &key);
            g.accept(OrdersFile {
                signature: Some(signature),
                ..file
            })?;
        }
        let filled: BTreeMap<String, String> = c
            .scenario
            .sides
            .iter()
            .zip(policies)
            .filter(|(s, _)| !t.orders.iter().any(|(o, _)| *o == s.id))
            .map(|(s, p)| (s.id.clone(), p.to_string()))
            .collect();
        g.adjudicate_filled(filled)?;
        let hash = g.hash();
        if hash != t.hash {
            return Err(GameError::error(format!(
                "error: turn {turn} of the game folder ends in state {hash}, the game played ended \
                 it in {}: a bug in whitecell; please report it",
                t.hash
            )));
        }
    }
    Ok(g)
}

fn orders_file(c: &Compiled, game: &str, side: &str, turn: u32, o: &SideOrders) -> OrdersFile {
    OrdersFile {
        game: game.to_string(),
        side: side.to_string(),
        turn,
        orders: o
            .orders
            .iter()
            .map(|x| UnitOrderText {
                unit: c.unit_name(x.unit).to_string(),
                order: x.command.map(
                    |z| c.zone_name(*z).to_string(),
                    |s| c.side_name(*s).to_string(),
                ),
            })
            .collect(),
        signals: Vec::new(),
        signature: None,
    }
}
