//! `whitecell._native.Game`: one environment game for the PettingZoo environment
//! (whitecell/env.py), over [`Core`]. Arrays cross as bytes that NumPy views without copying
//! twice: observations `float32`, masks `uint8`.

use crate::core::{Core, Reward};
use crate::told::Account;
use crate::{error, obs, scenario, umpire};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict};
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
    /// One observation, before it is written out as bytes.
    scratch: Vec<f32>,
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
        Ok(Game {
            core,
            scratch: Vec::new(),
        })
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

    /// Every agent's observation (float32, agents x obs_len) and mask (uint8: each agent's units
    /// x actions, one agent after another), written straight into fresh bytearrays.
    fn observe_all<'py>(
        &mut self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyByteArray>, Bound<'py, PyByteArray>)> {
        let core = &mut self.core;
        let n = obs::len(&core.c);
        let k = core.table.len();
        let agents = core.agents.len();
        let scratch = &mut self.scratch;
        scratch.resize(n, 0.0);
        let o = PyByteArray::new_with(py, agents * n * 4, |out| {
            for (a, chunk) in out.chunks_exact_mut(n * 4).enumerate() {
                core.observe(a, scratch);
                for (o, x) in chunk.chunks_exact_mut(4).zip(scratch.iter()) {
                    o.copy_from_slice(&x.to_ne_bytes());
                }
            }
            Ok(())
        })?;
        let rows: usize = core.units.iter().map(Vec::len).sum();
        let mut starts = Vec::with_capacity(agents);
        let mut at = 0;
        for units in &core.units {
            starts.push(at);
            at += units.len() * k;
        }
        let m = PyByteArray::new_with(py, rows * k, |out| {
            core.masks(out, |a| starts[a]);
            Ok(())
        })?;
        Ok((o, m))
    }

    /// The umpire's full picture (float32, state_len), as bytes.
    fn state<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        let mut o = vec![0f32; umpire::len(&self.core.c)];
        self.core.umpire(&mut o);
        let bytes: Vec<u8> = o.iter().flat_map(|x| x.to_ne_bytes()).collect();
        PyBytes::new(py, &bytes)
    }

    /// Plays one turn: `actions[a]` is agent `a`'s table index per unit; or, with `lengths`,
    /// `actions` holds every agent's indices one agent after another as native int64 bytes and
    /// `lengths` how many each agent gave. Returns the rewards per agent, whether the game ended
    /// and whether the turn limit stopped it.
    #[pyo3(signature = (actions, lengths = None))]
    fn step(
        &mut self,
        py: Python<'_>,
        actions: &Bound<'_, PyAny>,
        lengths: Option<Vec<usize>>,
    ) -> PyResult<(Vec<f32>, bool, bool)> {
        let (all, lengths): (Vec<i64>, Vec<usize>) = match lengths {
            Some(lengths) => {
                let bytes: &[u8] = actions.cast::<PyBytes>()?.as_bytes();
                if lengths.iter().sum::<usize>() * 8 != bytes.len() {
                    return Err(PyValueError::new_err(
                        "the actions' bytes do not add up to the lengths given",
                    ));
                }
                let all = bytes
                    .chunks_exact(8)
                    .map(|b| i64::from_ne_bytes(b.try_into().unwrap_or_default()))
                    .collect();
                (all, lengths)
            }
            None => {
                let lists: Vec<Vec<i64>> = actions.extract()?;
                let lengths = lists.iter().map(Vec::len).collect();
                (lists.into_iter().flatten().collect(), lengths)
            }
        };
        if lengths.len() != self.core.agents.len() {
            return Err(PyValueError::new_err(format!(
                "give one action per agent ({}), not {}",
                self.core.agents.len(),
                lengths.len()
            )));
        }
        if self.core.done() {
            return Err(PyValueError::new_err("the game is over: reset it"));
        }
        let mut at = 0;
        let mut orders = Vec::with_capacity(lengths.len());
        for (a, len) in lengths.iter().enumerate() {
            let o = self
                .core
                .orders(a, &all[at..at + len])
                .map_err(PyValueError::new_err)?;
            orders.push(o);
            at += len;
        }
        let core = &mut self.core;
        let s = py.detach(|| core.step(orders));
        Ok((s.rewards, s.terminated, s.truncated))
    }

    /// Every agent's infos: the state hash (as the CLI prints it), the turn, the turn's account
    /// as the agent was told it and its rejected orders (each a `whitecell.Account`, worded when
    /// first read).
    fn infos<'py>(&mut self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        let hash = self.core.hash_now();
        let turn = self.core.engine.turn();
        (0..self.core.agents.len())
            .map(|a| {
                let d = PyDict::new(py);
                d.set_item("state_hash", &hash)?;
                d.set_item("turn", turn)?;
                let told = self.core.told(a);
                d.set_item("account", Account::new(told.clone(), false))?;
                d.set_item("rejected", Account::new(told, true))?;
                Ok(d)
            })
            .collect()
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
