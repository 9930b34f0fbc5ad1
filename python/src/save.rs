//! `env.save_game(dir)`: an environment game written out as a classroom game folder by the
//! library ([`transcribe_with_sets`]): its scenario (as edited, when it was loaded with `sets`),
//! its seed, each agent's orders as handed in, the bots' sides filled by their policies.

use crate::env::Game;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use std::path::PathBuf;
use whitecell::game::umpire::transcribe::transcribe_with_sets;

/// Writes the game so far as a new classroom game folder `dir`.
#[pyfunction]
pub fn save_game(py: Python<'_>, game: PyRef<'_, Game>, dir: PathBuf) -> PyResult<()> {
    let core = &game.core;
    let Some((path, sets)) = &core.source else {
        return Err(PyValueError::new_err(
            "this game has no scenario file to save",
        ));
    };
    let turns = core.played_turns();
    let (seed, policies) = (core.seed, &core.policies);
    py.detach(|| transcribe_with_sets(path, sets, &dir, seed, policies, &turns))
        .map(|_| ())
        .map_err(|e| {
            if e.rejected {
                PyValueError::new_err(e.message)
            } else {
                PyRuntimeError::new_err(e.message)
            }
        })
}
