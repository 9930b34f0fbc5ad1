//! whitecell's Python bindings, `whitecell._native`: a thin PyO3 skin over the library the CLI
//! uses. Every function here converts types, releases the GIL around long work and raises Python
//! exceptions; the game logic (loading, policies, the turn, batches, views, legal orders) is the
//! library's own. The pure-Python package `whitecell` (python/whitecell/) wraps these names.

use pyo3::prelude::*;

mod batch;
mod core;
mod env;
mod error;
mod obs;
#[cfg(test)]
mod obs_tests;
mod play;
mod save;
mod scenario;
mod table;
mod told;
mod umpire;
mod vector;

/// The extension module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("ScenarioError", py.get_type::<error::ScenarioError>())?;
    m.add_class::<scenario::Scenario>()?;
    m.add_class::<env::Game>()?;
    m.add_class::<vector::VecGame>()?;
    m.add_class::<told::Account>()?;
    m.add_function(wrap_pyfunction!(scenario::load, m)?)?;
    m.add_function(wrap_pyfunction!(play::run, m)?)?;
    m.add_function(wrap_pyfunction!(batch::batch_to_folder, m)?)?;
    m.add_function(wrap_pyfunction!(save::save_game, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
