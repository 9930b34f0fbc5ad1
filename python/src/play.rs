//! `whitecell.run`: one headless game with bot policies, as `whitecell run` plays it (the same
//! loading, policy assignment and play loop), returned as a dict instead of printed.

use crate::{error, scenario};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use whitecell::batch::row::summarise;
use whitecell::dice::Dice;
use whitecell::model::Outcome;
use whitecell::sim::Engine;
use whitecell::sim::autoplay::play_out;

/// Plays one game with bot policies.
#[pyfunction]
#[pyo3(signature = (scenario, seed = 0, policies = None, sets = None))]
pub fn run<'py>(
    py: Python<'py>,
    scenario: &Bound<'py, PyAny>,
    seed: u64,
    policies: Option<Vec<String>>,
    sets: Option<Vec<String>>,
) -> PyResult<Bound<'py, PyDict>> {
    let c = scenario::resolve(py, scenario, sets)?;
    let specs = whitecell::policy::assign::assign(&c, &policies.unwrap_or_default())
        .map_err(error::rejected)?;
    let names = whitecell::policy::assign::names(&c, &specs);
    let (played, outcome, points) = py.detach(|| {
        let mut e = Engine::new(c.clone(), Dice::seeded(seed));
        play_out(&mut e, &specs);
        let outcome = e.outcome();
        let points: Vec<(String, u32)> = match &outcome {
            Some(Outcome::Points { scores, .. }) => scores.clone(),
            // Sudden death or unfinished: each side's score as the game stands.
            _ => {
                let state = e.state();
                c.side_ids()
                    .map(|s| {
                        let sc = whitecell::game::score::score(&c, &state, s, None);
                        (sc.side, sc.total)
                    })
                    .collect()
            }
        };
        (summarise(&mut e), outcome, points)
    });
    let d = PyDict::new(py);
    d.set_item(
        "winner",
        (!played.winner.is_empty()).then_some(&played.winner),
    )?;
    let p = PyDict::new(py);
    for (side, n) in points {
        p.set_item(side, n)?;
    }
    d.set_item("points", p)?;
    d.set_item("ending", &played.outcome)?;
    d.set_item(
        "sudden_death",
        (!played.sudden_death.is_empty()).then_some(&played.sudden_death),
    )?;
    d.set_item(
        "outcome",
        outcome
            .map(|o| o.summary())
            .unwrap_or_else(|| "unfinished".into()),
    )?;
    d.set_item("turns", played.turns)?;
    d.set_item("state_hash", &played.hash)?;
    d.set_item("seed", seed)?;
    d.set_item("policies", names)?;
    Ok(d)
}
