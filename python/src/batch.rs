//! `whitecell.batch`: many games with bot policies, planned and played by the library exactly as
//! `whitecell batch` plays them (the same request, plan, workers and Parquet writer), with the GIL
//! released. The part (its manifest in its metadata) is written where the CLI would write it, into a folder the
//! Python side makes and reads back with pyarrow: the table's rows and column types are the CLI's
//! by construction.

use crate::error;
use crate::scenario::Scenario;
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use whitecell::batch::request::{self, Request, RequestError};
use whitecell::batch::{self as lib, BatchError, Done, Format, Options, Shard};

/// Plays a whole batch into `out`; returns the path of its Parquet part (which carries the
/// manifest in its key-value metadata). With `history`, the history table (one row per game and
/// turn, as `--history DIR` writes it) goes into that folder too.
#[pyfunction]
#[pyo3(signature = (scenario, out, runs, master_seed = 0, policies = None, sets = None,
                    sweep = None, threads = None, progress = None, common_seeds = false,
                    history = None))]
#[allow(clippy::too_many_arguments)]
pub fn batch_to_folder(
    py: Python<'_>,
    scenario: &Bound<'_, PyAny>,
    out: PathBuf,
    runs: u64,
    master_seed: u64,
    policies: Option<Vec<String>>,
    sets: Option<Vec<String>>,
    sweep: Option<Vec<String>>,
    threads: Option<usize>,
    progress: Option<Py<PyAny>>,
    common_seeds: bool,
    history: Option<PathBuf>,
) -> PyResult<PathBuf> {
    // A loaded scenario is its file with its edits, then these.
    let (path, mut all_sets) = match scenario.cast::<Scenario>() {
        Ok(s) => (s.get().path.clone(), s.get().sets.clone()),
        Err(_) => (scenario.extract::<PathBuf>()?, Vec::new()),
    };
    all_sets.extend(sets.unwrap_or_default());
    let threads = match threads {
        Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
        Some(t) => t,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let (policies, sweeps) = (policies.unwrap_or_default(), sweep.unwrap_or_default());
    let req = Request {
        runs,
        master_seed,
        policies: &policies,
        sets: &all_sets,
        sweeps: &sweeps,
    };
    let opt = Options {
        threads,
        command: vec!["python: whitecell.batch(...)".into()],
        history: history.clone(),
        ..Options::new(Shard::default(), Format::Parquet, out)
    };
    let done = py.detach(|| -> Result<Done, PyErr> {
        let mut plan = request::plan(&path, &req).map_err(|e| match e {
            RequestError::Scenario(r) => {
                Python::attach(|py| error::load_error(py, lib::load::LoadError::Scenario(r)))
            }
            RequestError::Flag(m) => error::rejected(m),
        })?;
        plan.common_seeds = common_seeds;
        plan.history = history.is_some();
        let mut last = Instant::now();
        let mut report = |done: u64, of: u64| {
            let Some(cb) = &progress else { return };
            // At most ten calls a second, and the last one always.
            if done == of || last.elapsed() >= Duration::from_millis(100) {
                last = Instant::now();
                Python::attach(|py| {
                    if let Err(e) = cb.call1(py, (done, of)) {
                        e.print(py);
                    }
                });
            }
        };
        lib::run_shard(&plan, &opt, &mut report).map_err(|e| match e {
            BatchError::Conflict(m) => PyValueError::new_err(m),
            BatchError::Io(m) => PyOSError::new_err(m),
        })
    })?;
    if matches!(done, Done::AlreadyDone(_)) {
        return Err(PyValueError::new_err(
            "the output folder already held this batch: give an empty folder",
        ));
    }
    Ok(lib::folder::part(&opt.out, opt.shard, opt.format))
}
