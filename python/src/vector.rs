//! `whitecell._native.VecGame`: N environment games stepped in one call, in Rust, across threads,
//! with the GIL released (the EnvPool model). Every game has the same agents; arrays come back
//! stacked: observations (N x agents x obs_len, float32), masks (N x agents x units x actions,
//! uint8; an agent with fewer units than the most has its extra rows all zero), rewards (N x
//! agents), terminations and truncations (N). A finished game is reset at once with its next
//! seed, and the arrays hold its first observation; its reward and flags are the final turn's.

use crate::core::Core;
use crate::env::core_of;
use crate::obs;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyByteArray;

/// N games.
#[pyclass(unsendable, module = "whitecell")]
pub struct VecGame {
    games: Vec<Core>,
    threads: usize,
    /// Games finished so far, per game (for the seeds of the next ones).
    episodes: Vec<u64>,
    base: u64,
    units: usize,
}

/// One step's stacked results, written in place: native-endian bytes of the arrays.
struct Out<'a> {
    obs: &'a mut [u8],
    masks: &'a mut [u8],
    rewards: &'a mut [u8],
    terminated: &'a mut [u8],
    truncated: &'a mut [u8],
}

/// Writes `v` into `out` as native-endian bytes.
fn put_f32(out: &mut [u8], v: &[f32]) {
    for (o, x) in out.chunks_exact_mut(4).zip(v) {
        o.copy_from_slice(&x.to_ne_bytes());
    }
}

/// A fresh, zeroed `bytearray` of `len` bytes (NumPy wraps it without copying, writable).
fn zeroed(py: Python<'_>, len: usize) -> PyResult<Bound<'_, PyByteArray>> {
    PyByteArray::new_with(py, len, |_| Ok(()))
}

impl VecGame {
    fn seed_of(&self, i: usize) -> u64 {
        let n = self.games.len() as u64;
        self.base
            .wrapping_add(i as u64)
            .wrapping_add(self.episodes[i].wrapping_mul(n))
    }

    /// The results' sizes in bytes: observations, masks, rewards, flags.
    fn sizes(&self) -> (usize, usize, usize, usize) {
        let n = self.games.len();
        let agents = self.games[0].agents.len();
        let l = obs::len(&self.games[0].c);
        let k = self.games[0].table.len();
        (
            n * agents * l * 4,
            n * agents * self.units * k,
            n * agents * 4,
            n,
        )
    }

    /// Checks every action, then steps (or, without actions, resets) every game across the
    /// threads, each writing its games' results straight into `out`.
    fn run(&mut self, actions: Option<&[i64]>, out: Out) -> Result<(), String> {
        let n = self.games.len();
        let agents = self.games[0].agents.len();
        let (u, a) = (self.units, self.games[0].table.len());
        let l = obs::len(&self.games[0].c);
        // Check every action before any game moves.
        let mut orders = Vec::with_capacity(n);
        if let Some(act) = actions {
            if act.len() != n * agents * u {
                return Err(format!(
                    "give actions of shape ({n}, {agents}, {u}), {} values, not {}",
                    n * agents * u,
                    act.len()
                ));
            }
            for (g, core) in self.games.iter().enumerate() {
                let mut per = Vec::with_capacity(agents);
                for ag in 0..agents {
                    let at = (g * agents + ag) * u;
                    per.push(core.orders(ag, &act[at..at + core.units[ag].len()])?);
                }
                orders.push(per);
            }
        }
        let seeds: Vec<u64> = (0..n).map(|i| self.seed_of(i)).collect();
        let chunk = n.div_ceil(self.threads.max(1));
        let stepping = actions.is_some();
        let Out {
            obs: mut o,
            masks: mut m,
            rewards: mut r,
            terminated: mut te,
            truncated: mut tr,
        } = out;
        let mut done = vec![false; n];
        std::thread::scope(|s| {
            let mut games = self.games.as_mut_slice();
            let mut ords = orders.into_iter();
            let mut dn = done.as_mut_slice();
            let mut first = 0;
            while !games.is_empty() {
                let k = chunk.min(games.len());
                let (g, rest) = games.split_at_mut(k);
                games = rest;
                let (o1, o2) = std::mem::take(&mut o).split_at_mut(k * agents * l * 4);
                o = o2;
                let (m1, m2) = std::mem::take(&mut m).split_at_mut(k * agents * u * a);
                m = m2;
                let (r1, r2) = std::mem::take(&mut r).split_at_mut(k * agents * 4);
                r = r2;
                let (te1, te2) = std::mem::take(&mut te).split_at_mut(k);
                te = te2;
                let (tr1, tr2) = std::mem::take(&mut tr).split_at_mut(k);
                tr = tr2;
                let (dn1, dn2) = std::mem::take(&mut dn).split_at_mut(k);
                dn = dn2;
                let my_orders: Vec<_> = if stepping {
                    ords.by_ref().take(k).collect()
                } else {
                    Vec::new()
                };
                let my_seeds = &seeds[first..first + k];
                first += k;
                let work = move || {
                    let mut scratch = vec![0f32; l];
                    let mut my_orders = my_orders.into_iter();
                    for (j, core) in g.iter_mut().enumerate() {
                        if let Some(orders) = my_orders.next() {
                            let st = core.step(orders);
                            put_f32(&mut r1[j * agents * 4..(j + 1) * agents * 4], &st.rewards);
                            te1[j] = u8::from(st.terminated);
                            tr1[j] = u8::from(st.truncated);
                            if st.terminated || st.truncated {
                                dn1[j] = true;
                                core.reset(my_seeds[j]);
                            }
                        } else {
                            core.reset(my_seeds[j]);
                        }
                        for ag in 0..agents {
                            let at = j * agents + ag;
                            core.observe(ag, &mut scratch);
                            put_f32(&mut o1[at * l * 4..(at + 1) * l * 4], &scratch);
                            let rows = core.units[ag].len();
                            let mm = &mut m1[at * u * a..(at + 1) * u * a];
                            core.mask(ag, &mut mm[..rows * a]);
                        }
                    }
                };
                // The last chunk runs on this thread: one thread fewer to start.
                if games.is_empty() {
                    work();
                } else {
                    s.spawn(work);
                }
            }
        });
        // The seeds just used are spent: the next reset of a game takes its next one.
        for (i, d) in done.iter().enumerate() {
            if !stepping || *d {
                self.episodes[i] += 1;
            }
        }
        Ok(())
    }
}

type Stepped<'py> = (
    Bound<'py, PyByteArray>,
    Bound<'py, PyByteArray>,
    Bound<'py, PyByteArray>,
    Bound<'py, PyByteArray>,
    Bound<'py, PyByteArray>,
);

impl VecGame {
    /// Runs the games with the GIL released, writing into the fresh `arrays`.
    fn fill(
        &mut self,
        py: Python<'_>,
        actions: Option<&[i64]>,
        arrays: &Stepped<'_>,
    ) -> PyResult<()> {
        // SAFETY: the bytearrays were just made here and no other reference to them exists
        // until they are returned, so nothing reads or resizes them while the games write.
        let out = unsafe {
            Out {
                obs: arrays.0.as_bytes_mut(),
                masks: arrays.1.as_bytes_mut(),
                rewards: arrays.2.as_bytes_mut(),
                terminated: arrays.3.as_bytes_mut(),
                truncated: arrays.4.as_bytes_mut(),
            }
        };
        py.detach(|| self.run(actions, out))
            .map_err(PyValueError::new_err)
    }
}

#[pymethods]
impl VecGame {
    #[new]
    #[pyo3(signature = (scenario, n, agents = None, opponents = None, reward = "points",
                        win = 10.0, max_turns = None, sets = None, threads = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        scenario: &Bound<'_, PyAny>,
        n: usize,
        agents: Option<Vec<String>>,
        opponents: Option<Vec<String>>,
        reward: &str,
        win: f32,
        max_turns: Option<u32>,
        sets: Option<Vec<String>>,
        threads: Option<usize>,
    ) -> PyResult<VecGame> {
        if n == 0 {
            return Err(PyValueError::new_err("n must be at least 1"));
        }
        let first = core_of(
            py, scenario, agents, opponents, reward, win, max_turns, sets,
        )?;
        let units = first.units.iter().map(Vec::len).max().unwrap_or(0);
        let mut games = Vec::with_capacity(n);
        for _ in 1..n {
            games.push(Core::new(
                first.c.clone(),
                first.agents.clone(),
                first.policies.clone(),
                first.reward,
                first.max_turns,
            ));
        }
        games.insert(0, first);
        // The vector environment gives back no orders, hashes per turn or accounts.
        games.iter_mut().for_each(Core::lean);
        let threads = match threads {
            Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
            Some(t) => t,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        Ok(VecGame {
            games,
            threads,
            episodes: vec![0; n],
            base: 0,
            units,
        })
    }

    /// Games.
    #[getter]
    fn n(&self) -> usize {
        self.games.len()
    }
    /// The most units an agent has: the action's last dimension.
    #[getter]
    fn max_units(&self) -> usize {
        self.units
    }
    /// The seed each game is playing.
    #[getter]
    fn seeds(&self) -> Vec<u64> {
        self.games.iter().map(|g| g.seed).collect()
    }

    /// Resets every game: game `i` plays seed `seed + i`, and its k-th next game `seed + i + k*n`.
    /// Returns the observations and masks as bytearrays.
    fn reset<'py>(
        &mut self,
        py: Python<'py>,
        seed: u64,
    ) -> PyResult<(Bound<'py, PyByteArray>, Bound<'py, PyByteArray>)> {
        self.base = seed;
        self.episodes.iter_mut().for_each(|e| *e = 0);
        let (o, m, r, f) = self.sizes();
        let arrays = (
            zeroed(py, o)?,
            zeroed(py, m)?,
            zeroed(py, r)?,
            zeroed(py, f)?,
            zeroed(py, f)?,
        );
        self.fill(py, None, &arrays)?;
        Ok((arrays.0, arrays.1))
    }

    /// Steps every game one turn with `actions` (native int64 bytes, N x agents x max_units).
    /// Returns observations, masks, rewards, terminations and truncations as bytearrays.
    fn step<'py>(&mut self, py: Python<'py>, actions: &[u8]) -> PyResult<Stepped<'py>> {
        let actions: Vec<i64> = actions
            .chunks_exact(8)
            .map(|b| i64::from_ne_bytes(b.try_into().unwrap_or_default()))
            .collect();
        let (o, m, r, f) = self.sizes();
        let arrays = (
            zeroed(py, o)?,
            zeroed(py, m)?,
            zeroed(py, r)?,
            zeroed(py, f)?,
            zeroed(py, f)?,
        );
        self.fill(py, Some(&actions), &arrays)?;
        Ok(arrays)
    }

    /// The state hash of each game now.
    fn state_hashes(&mut self) -> Vec<String> {
        self.games
            .iter_mut()
            .map(|g| g.engine.state_hash())
            .collect()
    }
}
