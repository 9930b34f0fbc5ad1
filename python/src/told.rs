//! What a turn told each side, kept cheaply when the turn is played and worded only when read:
//! the turn's events and arenas (the engine keeps only the current turn's), the state after it
//! and, per side, its account once worded. `whitecell.Account` is that account as Python reads it
//! (`infos[agent]["account"]` and `["rejected"]`): a read-only sequence that stays the turn's
//! after later turns are played, equal to the list it stands for.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use std::sync::{Arc, OnceLock};
use whitecell::game::views::build::results;
use whitecell::game::views::view::Report;
use whitecell::log::LogEvent;
use whitecell::log::event::Log;
use whitecell::log::render::render;
use whitecell::model::{Compiled, SideId, State};
use whitecell::sim::Engine;

/// One turn's events as played, and what each side was told of them once worded.
pub struct TurnLog {
    c: Arc<Compiled>,
    state: Arc<State>,
    log: Log,
    start: usize,
    accounts: Vec<OnceLock<Vec<Report>>>,
}

impl TurnLog {
    /// The turn the engine last played (or its setup), with the state after it.
    pub fn of(engine: &Engine, state: Arc<State>) -> TurnLog {
        let c = engine.compiled().clone();
        let log = engine.journal().clone();
        let start = log.events.len() - engine.turn_events().len();
        let accounts = (0..c.side_count()).map(|_| OnceLock::new()).collect();
        TurnLog {
            c,
            state,
            log,
            start,
            accounts,
        }
    }

    /// The turn's events, with names.
    pub fn named(&self) -> Vec<LogEvent> {
        self.log.events[self.start..]
            .iter()
            .map(|e| render(&self.c, &self.log, e))
            .collect()
    }

    /// What `side` was told of the turn.
    pub fn account(&self, side: SideId) -> &[Report] {
        self.accounts[side.index()]
            .get_or_init(|| results(&self.c, &self.state, &self.named(), side))
    }
}

/// What one side was told of one turn.
#[derive(Clone)]
pub struct Told {
    /// The turn.
    pub turn: Arc<TurnLog>,
    /// The side.
    pub side: SideId,
}

impl Told {
    /// Its account.
    pub fn account(&self) -> &[Report] {
        self.turn.account(self.side)
    }
}

/// A side's account of one turn as Python reads it: every line (`{"what", "unit", "text"}`), or
/// only the rejected orders' texts.
#[pyclass(frozen, module = "whitecell")]
pub struct Account {
    told: Told,
    rejected: bool,
}

impl Account {
    /// The account's lines (`rejected`: only the rejected orders' texts).
    pub fn new(told: Told, rejected: bool) -> Account {
        Account { told, rejected }
    }

    fn list<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let lines = self.told.account();
        if self.rejected {
            let texts = lines
                .iter()
                .filter(|r| r.what == "rejected")
                .map(|r| r.text.as_str());
            return PyList::new(py, texts);
        }
        let dicts = lines
            .iter()
            .map(|r| {
                let x = PyDict::new(py);
                x.set_item("what", &r.what)?;
                x.set_item("unit", r.unit.as_deref())?;
                x.set_item("text", &r.text)?;
                Ok(x)
            })
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, dicts)
    }
}

#[pymethods]
impl Account {
    /// The lines as a list.
    fn tolist<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        self.list(py)
    }
    fn __len__(&self) -> usize {
        let lines = self.told.account();
        if self.rejected {
            lines.iter().filter(|r| r.what == "rejected").count()
        } else {
            lines.len()
        }
    }
    fn __getitem__<'py>(
        &self,
        py: Python<'py>,
        index: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.list(py)?.as_any().get_item(index)
    }
    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.list(py)?.as_any().try_iter().map(Bound::into_any)
    }
    fn __contains__(&self, py: Python<'_>, item: &Bound<'_, PyAny>) -> PyResult<bool> {
        self.list(py)?.contains(item)
    }
    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        let mine = self.list(py)?;
        match other.cast::<Account>() {
            Ok(o) => mine.as_any().eq(o.get().list(py)?),
            Err(_) => mine.as_any().eq(other),
        }
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(self.list(py)?.as_any().repr()?.to_string())
    }
}
