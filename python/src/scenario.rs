//! A loaded scenario (`whitecell.Scenario`): the compiled scenario the library plays, with the
//! path and `--set` edits it came from, and its sides, zones, units and turns for Python.

use crate::error;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::path::PathBuf;
use std::sync::Arc;
use whitecell::model::Compiled;

/// A scenario loaded and checked, ready to play.
#[pyclass(frozen, module = "whitecell")]
pub struct Scenario {
    /// The compiled scenario.
    pub compiled: Arc<Compiled>,
    /// The file it came from.
    pub path: PathBuf,
    /// The `PATH=VALUE` edits applied.
    pub sets: Vec<String>,
}

#[pymethods]
impl Scenario {
    /// The file it was loaded from.
    #[getter]
    fn path(&self) -> PathBuf {
        self.path.clone()
    }
    /// The `PATH=VALUE` edits applied when loading.
    #[getter]
    fn sets(&self) -> Vec<String> {
        self.sets.clone()
    }
    /// The scenario's id.
    #[getter]
    fn id(&self) -> &str {
        &self.compiled.scenario.meta.id
    }
    /// Its title.
    #[getter]
    fn title(&self) -> &str {
        &self.compiled.scenario.meta.title
    }
    /// How many turns a game lasts at most.
    #[getter]
    fn turns(&self) -> u32 {
        self.compiled.turns
    }
    /// The side ids, in side order.
    #[getter]
    fn sides(&self) -> Vec<String> {
        self.compiled
            .scenario
            .sides
            .iter()
            .map(|s| s.id.clone())
            .collect()
    }
    /// The zone ids, in zone order.
    #[getter]
    fn zones(&self) -> Vec<String> {
        self.compiled.zones.iter().map(|z| z.id.clone()).collect()
    }
    /// The units at the start: dicts with `id`, `name`, `side`, `type`, `zone`, `strength`.
    #[getter]
    fn units<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        let c = &self.compiled;
        c.units
            .iter()
            .map(|u| {
                let d = PyDict::new(py);
                d.set_item("id", &u.id)?;
                d.set_item("name", &u.name)?;
                d.set_item("side", c.side_name(u.side))?;
                d.set_item("type", &c.kinds[u.kind.index()].id)?;
                d.set_item("zone", c.zone_name(u.zone))?;
                d.set_item("strength", u.strength)?;
                Ok(d)
            })
            .collect()
    }
    /// The bot policy each side gets by default (`side=policy`, every parameter shown).
    #[getter]
    fn policies(&self) -> PyResult<Vec<String>> {
        let p = whitecell::policy::assign::assign(&self.compiled, &[]).map_err(error::rejected)?;
        Ok(whitecell::policy::assign::names(&self.compiled, &p))
    }
    fn __repr__(&self) -> String {
        format!(
            "<whitecell.Scenario {:?} from {}>",
            self.compiled.scenario.meta.title,
            self.path.display()
        )
    }
}

/// Loads a scenario file, applying `PATH=VALUE` edits as `--set` does.
#[pyfunction]
#[pyo3(signature = (path, sets = None))]
pub fn load(py: Python<'_>, path: PathBuf, sets: Option<Vec<String>>) -> PyResult<Scenario> {
    let sets = sets.unwrap_or_default();
    let compiled = py
        .detach(|| whitecell::batch::load::load(&path, &sets))
        .map_err(|e| error::load_error(py, e))?;
    Ok(Scenario {
        compiled,
        path,
        sets,
    })
}

/// A scenario given as a path or as a loaded scenario, with extra `sets` applied (a loaded
/// scenario with extra edits is loaded again from its file with its edits and these).
pub fn resolve(
    py: Python<'_>,
    scenario: &Bound<'_, PyAny>,
    sets: Option<Vec<String>>,
) -> PyResult<Arc<Compiled>> {
    resolve_full(py, scenario, sets).map(|s| s.compiled)
}

/// [`resolve`], keeping the file and every edit applied.
pub fn resolve_full(
    py: Python<'_>,
    scenario: &Bound<'_, PyAny>,
    sets: Option<Vec<String>>,
) -> PyResult<Scenario> {
    let extra = sets.unwrap_or_default();
    if let Ok(s) = scenario.cast::<Scenario>() {
        let s = s.get();
        if extra.is_empty() {
            return Ok(Scenario {
                compiled: s.compiled.clone(),
                path: s.path.clone(),
                sets: s.sets.clone(),
            });
        }
        let all: Vec<String> = s.sets.iter().chain(&extra).cloned().collect();
        return load(py, s.path.clone(), Some(all));
    }
    let path: PathBuf = scenario.extract()?;
    load(py, path, Some(extra))
}
