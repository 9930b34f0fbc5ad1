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
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use whitecell::orders::SideOrders;

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

/// `n` slices of `size` bytes, one after another, from the start of `buf` (empty when `size` is 0).
fn split(mut buf: &mut [u8], size: usize, n: usize) -> Vec<&mut [u8]> {
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let (a, b) = std::mem::take(&mut buf).split_at_mut(size);
        out.push(a);
        buf = b;
    }
    out
}

/// One game's turn (or reset) in a call, and its slots of the results.
struct Job<'a> {
    core: &'a mut Core,
    /// The orders to play; none: reset the game instead.
    orders: Option<Vec<SideOrders>>,
    /// The seed of its next game.
    seed: u64,
    obs: &'a mut [u8],
    masks: &'a mut [u8],
    rewards: &'a mut [u8],
    terminated: &'a mut u8,
    truncated: &'a mut u8,
    /// Whether it finished a game (and was reset).
    done: &'a mut bool,
}

impl Job<'_> {
    /// Plays (or resets) the game and writes its results: `l` values an observation, `rows`
    /// mask bytes an agent (units x actions, padded).
    fn run(&mut self, agents: usize, l: usize, rows: usize, scratch: &mut [f32]) {
        let core = &mut *self.core;
        match self.orders.take() {
            Some(orders) => {
                let st = core.step(orders);
                put_f32(self.rewards, &st.rewards);
                *self.terminated = u8::from(st.terminated);
                *self.truncated = u8::from(st.truncated);
                if st.terminated || st.truncated {
                    *self.done = true;
                    core.reset(self.seed);
                }
            }
            None => core.reset(self.seed),
        }
        for ag in 0..agents {
            core.observe(ag, scratch);
            put_f32(&mut self.obs[ag * l * 4..(ag + 1) * l * 4], scratch);
        }
        core.masks(self.masks, |ag| ag * rows);
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
        let mut done = vec![false; n];
        let seeds: Vec<u64> = (0..n).map(|i| self.seed_of(i)).collect();
        // One job per game, with its own slots of the results; the threads (this one too) take
        // the next job until none is left, so a thread the machine runs late takes fewer.
        let mut orders = orders.into_iter();
        let jobs: Vec<Mutex<Job>> = self
            .games
            .iter_mut()
            .zip(split(out.obs, agents * l * 4, n))
            .zip(split(out.masks, agents * u * a, n))
            .zip(split(out.rewards, agents * 4, n))
            .zip(out.terminated.iter_mut().zip(out.truncated.iter_mut()))
            .zip(done.iter_mut())
            .enumerate()
            .map(|(i, (((((core, obs), masks), rewards), (te, tr)), done))| {
                Mutex::new(Job {
                    core,
                    orders: orders.next(),
                    seed: seeds[i],
                    obs,
                    masks,
                    rewards,
                    terminated: te,
                    truncated: tr,
                    done,
                })
            })
            .collect();
        let next = AtomicUsize::new(0);
        let work = || {
            let mut scratch = vec![0f32; l];
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(i) else { break };
                let mut job = job.lock().unwrap_or_else(|e| e.into_inner());
                job.run(agents, l, u * a, &mut scratch);
            }
        };
        std::thread::scope(|s| {
            for _ in 1..self.threads.max(1).min(n) {
                s.spawn(work);
            }
            work();
        });
        drop(jobs);
        let stepping = actions.is_some();
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
    /// Fresh zeroed arrays for one call: observations, masks, rewards, terminations, truncations.
    fn fresh<'py>(&self, py: Python<'py>) -> PyResult<Stepped<'py>> {
        let (o, m, r, f) = self.sizes();
        Ok((
            zeroed(py, o)?,
            zeroed(py, m)?,
            zeroed(py, r)?,
            zeroed(py, f)?,
            zeroed(py, f)?,
        ))
    }

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
        let arrays = self.fresh(py)?;
        self.fill(py, None, &arrays)?;
        Ok((arrays.0, arrays.1))
    }

    /// Steps every game one turn with `actions` (native int64 bytes, N x agents x max_units).
    /// Returns observations, masks, rewards, terminations and truncations as bytearrays.
    fn step<'py>(&mut self, py: Python<'py>, actions: &[u8]) -> PyResult<Stepped<'py>> {
        if !actions.len().is_multiple_of(8) {
            return Err(PyValueError::new_err(format!(
                "actions: {} bytes is not a whole number of int64 values (8 bytes each)",
                actions.len()
            )));
        }
        let actions: Vec<i64> = actions
            .chunks_exact(8)
            .map(|b| i64::from_ne_bytes(b.try_into().unwrap_or_default()))
            .collect();
        let arrays = self.fresh(py)?;
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
