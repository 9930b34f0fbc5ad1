//! Who plays each side: the scenario's default policy per side (else `random`), overridden by
//! `SIDE=NAME` choices — the `--policy` flags of `run`, `batch` and `fork`, and the `policies`
//! argument of the Python package — each checked against the scenario's sides.

use super::PolicySpec;
use crate::model::Compiled;
use std::collections::BTreeSet;

/// The policy of every side, in side order: the scenario's defaults with `choices` (`SIDE=NAME`,
/// e.g. `red=hold` or `red=aggressive:min_odds=3`) applied. Fails with a message for the user
/// (starting `error: `) on a malformed choice, an unknown side or policy, or a side given twice.
pub fn assign(c: &Compiled, choices: &[String]) -> Result<Vec<PolicySpec>, String> {
    let mut out = Vec::new();
    for s in &c.scenario.sides {
        out.push(PolicySpec::parse(s.policy.as_deref().unwrap_or("random"))?);
    }
    let mut given = BTreeSet::new();
    for f in choices {
        let Some((side, name)) = f.split_once('=') else {
            return Err(format!(
                "error: --policy `{f}`: write SIDE=NAME, e.g. --policy red=hold"
            ));
        };
        let Some(id) = c.side(side.trim()) else {
            let sides: Vec<&str> = c.scenario.sides.iter().map(|s| s.id.as_str()).collect();
            return Err(format!(
                "error: --policy `{f}`: no side `{side}`; the sides are: {}",
                sides.join(", ")
            ));
        };
        if !given.insert(id) {
            return Err(format!(
                "error: --policy `{f}`: side `{}` already has a policy; give one per side",
                side.trim()
            ));
        }
        out[id.index()] =
            PolicySpec::parse(name).map_err(|e| format!("error: --policy `{f}`: {e}"))?;
    }
    Ok(out)
}

/// `side=policy` for every side with every parameter, as run headers print them (the same text
/// [`assign`] takes back).
pub fn names(c: &Compiled, policies: &[PolicySpec]) -> Vec<String> {
    c.scenario
        .sides
        .iter()
        .zip(policies)
        .map(|(s, p)| format!("{}={p}", s.id))
        .collect()
}
