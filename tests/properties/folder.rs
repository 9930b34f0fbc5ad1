//! The game folder property: a generated scenario is written to a file and played through the
//! real game folder (`Game::create`, `accept` of signed orders files, `adjudicate_filled`,
//! `Game::open`, `rollback`), beside a plain engine given the same inputs — the uninterrupted
//! game. Asserted:
//!
//! - every turn, the folder's state hash is the plain engine's;
//! - save → load: the folder closed and opened again (at a generated turn, and at the end) has
//!   the same state hash;
//! - continuing from a save: the game opened at turn t and played on with the same inputs ends
//!   in the uninterrupted game's hash, turn by turn;
//! - rollback: rolled back to a generated turn, the game has that turn's hash, and the same
//!   inputs again give the same hashes again (and the save, opened once more, too).
//!
//! Every write in a game folder fsyncs, so this property runs far fewer cases than the engine
//! ones. Folders go in the system's temporary folder, or in `WHITECELL_PROPTEST_DIR` (a tmpfs such
//! as `/dev/shm` makes long runs fast).

use super::orders::{self, TurnR};
use super::scenarios::{self, Recipe};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use std::collections::BTreeMap;
use std::path::Path;
use whitecell::dice::Dice;
use whitecell::game::Game;
use whitecell::orders::OrdersFile;
use whitecell::policy::PolicySpec;
use whitecell::sim::Engine;

fn fail(e: impl std::fmt::Display) -> TestCaseError {
    TestCaseError::fail(e.to_string())
}

/// One turn's inputs as the folder takes them: the orders files handed in, and the policy that
/// plays each side that sent none.
struct Inputs {
    files: Vec<OrdersFile>,
    filled: BTreeMap<String, String>,
}

/// Hands in the files, adjudicates, and returns the state hash.
fn play(g: &mut Game, inputs: &Inputs) -> Result<String, TestCaseError> {
    for f in &inputs.files {
        g.accept(f.clone()).map_err(fail)?;
    }
    g.adjudicate_filled(inputs.filled.clone()).map_err(fail)?;
    Ok(g.engine.state_hash())
}

/// Closes the game (releasing its folder) and opens it again from the save.
fn reopen(g: Game, dir: &Path) -> Result<Game, TestCaseError> {
    drop(g);
    Game::open(dir).map_err(fail)
}

/// Plays the turns on the plain engine as the folder plays them.
fn step(e: &mut Engine, inputs: &Inputs) -> Result<String, TestCaseError> {
    let c = e.compiled().clone();
    let state = e.state();
    let dice = e.dice().clone();
    for side in c.side_ids() {
        let name = c.side_name(side);
        match inputs.files.iter().find(|f| f.side == name) {
            Some(f) => {
                let (o, u) = f.resolve(&c);
                e.submit(side, o, u);
            }
            None => {
                let p = PolicySpec::parse(&inputs.filled[name]).map_err(fail)?;
                e.submit(side, p.orders(&c, &state, side, &dice), Vec::new());
            }
        }
    }
    e.step().map_err(fail)?;
    Ok(e.state_hash())
}

/// The folder property for one generated game.
pub fn game(recipe: &Recipe, seed: u64, turns: &[TurnR]) -> Result<(), TestCaseError> {
    let (text, _) = scenarios::load_text(recipe);
    let base = std::env::var_os("WHITECELL_PROPTEST_DIR").map(std::path::PathBuf::from);
    let tmp = match &base {
        Some(b) => tempfile::tempdir_in(b),
        None => tempfile::tempdir(),
    }
    .map_err(fail)?;
    let file = tmp.path().join("generated.ron");
    std::fs::write(&file, &text).map_err(fail)?;
    let dir = tmp.path().join("game");
    let mut g = Game::create(&file, &dir, Some(seed)).map_err(fail)?;
    let c = g.c.clone();
    let dice = Dice::seeded(seed);
    let mut e = Engine::new(c.clone(), dice.clone());
    let mut hashes = vec![g.engine.state_hash()];
    prop_assert_eq!(&hashes[0], &e.state_hash());
    let reopen_at = (seed % 7) as usize + 1;
    let mut played: Vec<Inputs> = Vec::new();
    for t in turns {
        if g.engine.ended() {
            break;
        }
        let state = g.engine.state();
        let next = g.next_turn();
        let mut files = Vec::new();
        for h in orders::hands(&c, &state, &dice, t) {
            let key = &g.save.keys[c.side_name(h.side)];
            files.push(orders::file(&c, &g.save.game, next, key, &h));
        }
        let filled = c
            .side_ids()
            .map(|s| c.side_name(s).to_string())
            .filter(|s| !files.iter().any(|f| &f.side == s))
            .enumerate()
            .map(|(i, s)| {
                (
                    s,
                    ["hold", "random"][(t.bots[i % 4] % 2) as usize].to_string(),
                )
            })
            .collect();
        let inputs = Inputs { files, filled };
        let h = play(&mut g, &inputs)?;
        prop_assert_eq!(
            &h,
            &step(&mut e, &inputs)?,
            "the folder plays the engine's game (turn {})",
            next
        );
        hashes.push(h);
        played.push(inputs);
        if played.len() == reopen_at {
            g = reopen(g, &dir)?;
            prop_assert_eq!(
                &g.engine.state_hash(),
                hashes.last().unwrap(),
                "save -> load at turn {}",
                next
            );
        }
    }
    let n = played.len();
    g = reopen(g, &dir)?;
    prop_assert_eq!(
        &g.engine.state_hash(),
        &hashes[n],
        "save -> load at the end"
    );
    if n == 0 {
        return Ok(());
    }
    let back = (seed >> 8) as usize % n;
    g.rollback(back as u32, "property test").map_err(fail)?;
    prop_assert_eq!(
        &g.engine.state_hash(),
        &hashes[back],
        "rolled back to turn {}",
        back
    );
    for (k, inputs) in played.iter().enumerate().skip(back) {
        let h = play(&mut g, inputs)?;
        prop_assert_eq!(
            &h,
            &hashes[k + 1],
            "the same inputs after the rollback (turn {})",
            k + 1
        );
    }
    g = reopen(g, &dir)?;
    prop_assert_eq!(
        &g.engine.state_hash(),
        &hashes[n],
        "save -> load after the rollback"
    );
    Ok(())
}
