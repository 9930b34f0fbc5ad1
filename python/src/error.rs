//! Python exceptions for the library's errors: a scenario that does not load is a
//! `whitecell.ScenarioError` carrying every located problem; a rejected argument (a `--set`, a
//! policy) is a `ValueError` with the CLI's message; a bug in whitecell is a `RuntimeError`.

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use whitecell::batch::load::LoadError;
use whitecell::scenario::Report;

pyo3::create_exception!(
    whitecell,
    ScenarioError,
    PyValueError,
    "A scenario that does not load. `str(e)` is what `whitecell validate` prints; `e.problems` \
     lists each problem as a dict with `file`, `line`, `column`, `path` and `message`."
);

/// The Python exception for a failed load.
pub fn load_error(py: Python<'_>, e: LoadError) -> PyErr {
    match e {
        LoadError::Scenario(r) => scenario_error(py, &r),
        LoadError::Set(m) => PyValueError::new_err(m),
        LoadError::Compile(m) => PyRuntimeError::new_err(m),
    }
}

/// A `ScenarioError` for a report: its text is the report as `validate` prints it.
fn scenario_error(py: Python<'_>, r: &Report) -> PyErr {
    let err = ScenarioError::new_err(r.to_string());
    let problems = || -> PyResult<Bound<'_, PyList>> {
        let list = PyList::empty(py);
        for d in &r.diagnostics {
            let p = PyDict::new(py);
            p.set_item("file", d.file.to_string_lossy())?;
            p.set_item("line", d.pos.map(|p| p.line))?;
            p.set_item("column", d.pos.map(|p| p.col))?;
            p.set_item("path", d.path.as_deref())?;
            p.set_item("message", &d.message)?;
            p.set_item("text", d.to_string())?;
            list.append(p)?;
        }
        Ok(list)
    };
    match problems().and_then(|l| err.value(py).setattr("problems", l)) {
        Ok(()) => err,
        Err(e) => e,
    }
}

/// A rejected argument, with the CLI's message.
pub fn rejected(msg: String) -> PyErr {
    PyValueError::new_err(msg)
}
