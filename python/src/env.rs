//! `whitecell._native.Game`: one environment game for the PettingZoo environment
//! (whitecell/env.py), over [`Core`]. Arrays cross as bytes that NumPy views without copying
//! twice: observations `float32`, masks `uint8`.

use crate::core::{Core, Reward};
use crate::{error, obs, scenario, umpire};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};
use std::path::PathBuf;
use whitecell::game::umpire::transcribe::transcribe;
use whitecell::model::SideId;

/// Makes a game's core from the Python arguments.
#[allow(clippy::too_many_arguments)]
pub fn core_of(
    py: Python<'_>,
    scenario: &Bound<'_, PyAny>,
    agents: Option<Vec<String>>,
    opponents: Option<Vec<String>>,
    reward: &str,
    win: f32,
    max_turns: Option<u32>,
    sets: Option<Vec<String>>,
) -> PyResult<Core> {
    let scen = scenario::resolve_full(py, scenario, sets)?;
    let c = scen.compiled.clone();
    let agents: Vec<SideId> = match agents {
        None => c.side_ids().collect(),
        Some(list) => {
            let mut out = Vec::new();
            for a in &list {
                let id = c.side(a).ok_or_else(|| {
                    let sides: Vec<&str> = c.scenario.sides.iter().map(|s| s.id.as_str()).collect();
                    PyValueError::new_err(format!(
                        "no side `{a}`; the sides are: {}",
                        sides.join(", ")
                    ))
                })?;
                if out.contains(&id) {
                    return Err(PyValueError::new_err(format!("side `{a}` is given twice")));
                }
                out.push(id);
            }
            out
        }
    };
    let policies = whitecell::policy::assign::assign(&c, &opponents.unwrap_or_default())
        .map_err(error::rejected)?;
    let reward = match reward {
        "points" => Reward::Points { win },
        "sparse" => Reward::Sparse,
        r => {
            return Err(PyValueError::new_err(format!(
                "reward `{r}`: the rewards are \"points\" and \"sparse\""
            )));
        }
    };
    let mut core = Core::new(c, agents, policies, reward, max_turns);
    core.source = Some((scen.path, scen.sets));
    Ok(core)
}

/// One environment game.
#[pyclass(unsendable, module = "whitecell")]
pub struct Game {
    /// The game.
    pub core: Core,
}

#[pymethods]
impl Game {
    #[new]
    #[pyo3(signature = (scenario, agents = None, opponents = None, reward = "points",
                        win = 10.0, max_turns = None, sets = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        scenario: &Bound<'_, PyAny>,
        agents: Option<Vec<String>>,
        opponents: Option<Vec<String>>,
        reward: &str,
        win: f32,
        max_turns: Option<u32>,
        sets: Option<Vec<String>>,
    ) -> PyResult<Game> {
        let core = core_of(
            py, scenario, agents, opponents, reward, win, max_turns, sets,
        )?;
        Ok(Game { core })
    }

    /// The agents' side ids.
    #[getter]
    fn agents(&self) -> Vec<String> {
        let c = &self.core.c;
        self.core
            .agents
            .iter()
            .map(|s| c.side_name(*s).to_string())
            .collect()
    }
    /// Every side's id.
    #[getter]
    fn sides(&self) -> Vec<String> {
        self.core
            .c
            .scenario
            .sides
            .iter()
            .map(|s| s.id.clone())
            .collect()
    }
    /// Per agent, its units' ids: the rows of its action.
    #[getter]
    fn units(&self) -> Vec<Vec<String>> {
        let c = &self.core.c;
        self.core
            .units
            .iter()
            .map(|us| us.iter().map(|u| c.unit_name(*u).to_string()).collect())
            .collect()
    }
    /// Actions per unit (the order table's length).
    #[getter]
    fn n_actions(&self) -> usize {
        self.core.table.len()
    }
    /// The order table, as order text with the zone and side ids.
    #[getter]
    fn actions(&self) -> Vec<String> {
        let c = &self.core.c;
        (0..self.core.table.len())
            .filter_map(|i| self.core.table.command(i))
            .map(|cmd| {
                cmd.map(
                    |z| c.zone_name(*z).to_string(),
                    |s| c.side_name(*s).to_string(),
                )
                .to_string()
            })
            .collect()
    }
    /// An observation's length.
    #[getter]
    fn obs_len(&self) -> usize {
        obs::len(&self.core.c)
    }
    /// The umpire state vector's length.
    #[getter]
    fn state_len(&self) -> usize {
        umpire::len(&self.core.c)
    }
    /// Turns played.
    #[getter]
    fn turn(&self) -> u32 {
        self.core.engine.turn()
    }
    /// The scenario's turns.
    #[getter]
    fn turns(&self) -> u32 {
        self.core.c.turns
    }
    /// The seed of the game being played.
    #[getter]
    fn seed(&self) -> u64 {
        self.core.seed
    }
    /// Whether the game ended (last turn or sudden death).
    #[getter]
    fn ended(&self) -> bool {
        self.core.engine.ended()
    }
    /// Whether the game is over: ended, or stopped by the turn limit.
    #[getter]
    fn done(&self) -> bool {
        self.core.done()
    }

    /// Starts a new game.
    fn reset(&mut self, py: Python<'_>, seed: u64) {
        let core = &mut self.core;
        py.detach(|| core.reset(seed));
    }

    /// Every agent's observation (float32, agents x obs_len) and mask (uint8, agents x units x
    /// actions, each agent's rows padded to its own unit count), as bytes.
    fn observe_all<'py>(
        &mut self,
        py: Python<'py>,
    ) -> (Bound<'py, PyBytes>, Vec<Bound<'py, PyBytes>>) {
        let n = obs::len(&self.core.c);
        let mut o = vec![0f32; n * self.core.agents.len()];
        let mut masks = Vec::new();
        for a in 0..self.core.agents.len() {
            self.core.observe(a, &mut o[a * n..(a + 1) * n]);
            let mut m = vec![0u8; self.core.units[a].len() * self.core.table.len()];
            self.core.mask(a, &mut m);
            masks.push(PyBytes::new(py, &m));
        }
        let bytes: Vec<u8> = o.iter().flat_map(|x| x.to_ne_bytes()).collect();
        (PyBytes::new(py, &bytes), masks)
    }

    /// The umpire's full picture (float32, state_len), as bytes.
    fn state<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        let mut o = vec![0f32; umpire::len(&self.core.c)];
        self.core.umpire(&mut o);
        let bytes: Vec<u8> = o.iter().flat_map(|x| x.to_ne_bytes()).collect();
        PyBytes::new(py, &bytes)
    }

    /// Plays one turn: `actions[a]` is agent `a`'s table index per unit. Returns the rewards per
    /// agent, whether the game ended and whether the turn limit stopped it.
    fn step(&mut self, py: Python<'_>, actions: Vec<Vec<i64>>) -> PyResult<(Vec<f32>, bool, bool)> {
        if actions.len() != self.core.agents.len() {
            return Err(PyValueError::new_err(format!(
                "give one action per agent ({}), not {}",
                self.core.agents.len(),
                actions.len()
            )));
        }
        if self.core.done() {
            return Err(PyValueError::new_err("the game is over: reset it"));
        }
        let orders = actions
            .iter()
            .enumerate()
            .map(|(a, act)| self.core.orders(a, act))
            .collect::<Result<Vec<_>, _>>()
            .map_err(PyValueError::new_err)?;
        let core = &mut self.core;
        let s = py.detach(|| core.step(orders));
        Ok((s.rewards, s.terminated, s.truncated))
    }

    /// Agent `a`'s infos: the turn's account as it was told it, its rejected orders, the state
    /// hash, the turn.
    fn info<'py>(&mut self, py: Python<'py>, a: usize) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        let account = self.core.account(a);
        let rejected: Vec<&str> = account
            .iter()
            .filter(|r| r.what == "rejected")
            .map(|r| r.text.as_str())
            .collect();
        d.set_item("rejected", rejected)?;
        let lines: Vec<Bound<'py, PyDict>> = account
            .iter()
            .map(|r| {
                let x = PyDict::new(py);
                x.set_item("what", &r.what)?;
                x.set_item("unit", r.unit.as_deref())?;
                x.set_item("text", &r.text)?;
                Ok(x)
            })
            .collect::<PyResult<_>>()?;
        d.set_item("account", lines)?;
        d.set_item("state_hash", self.core.hash_now())?;
        d.set_item("turn", self.core.engine.turn())?;
        Ok(d)
    }

    /// Writes the game so far as a new classroom game folder `dir` (see
    /// `whitecell::game::umpire::transcribe`).
    fn save_game(&self, py: Python<'_>, dir: PathBuf) -> PyResult<()> {
        let core = &self.core;
        let Some((path, sets)) = &core.source else {
            return Err(PyValueError::new_err(
                "this game has no scenario file to save",
            ));
        };
        if !sets.is_empty() {
            return Err(PyValueError::new_err(format!(
                "a game of a scenario loaded with sets ({}) cannot be saved as a game folder: the \
                 folder keeps the scenario file as written; write the edits into a copy of the file",
                sets.join(", ")
            )));
        }
        let turns = core.played_turns();
        py.detach(|| transcribe(path, &dir, core.seed, &core.policies, &turns))
            .map(|_| ())
            .map_err(|e| {
                if e.rejected {
                    PyValueError::new_err(e.message)
                } else {
                    PyRuntimeError::new_err(e.message)
                }
            })
    }

    /// The state hash now, as the CLI prints it.
    fn state_hash(&mut self) -> String {
        self.core.engine.state_hash()
    }

    /// Agent `a`'s view as text (what `whitecell view --side` shows).
    fn render(&self, a: usize) -> String {
        whitecell::game::views::view_report::text(&self.core.view(a))
    }

    /// The orders agent `a`'s action stands for, as lines the prompt takes
    /// (`order UNIT Move("zone")`), for the units on the map.
    fn decode(&self, a: usize, action: Vec<i64>) -> PyResult<Vec<String>> {
        let c = &self.core.c;
        let o = self
            .core
            .orders(a, &action)
            .map_err(PyValueError::new_err)?;
        Ok(o.orders
            .iter()
            .map(|o| {
                let cmd = o.command.map(
                    |z| c.zone_name(*z).to_string(),
                    |s| c.side_name(*s).to_string(),
                );
                format!("order {} {cmd}", c.unit_name(o.unit))
            })
            .collect())
    }
}
