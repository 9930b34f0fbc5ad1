//! A hint when two ids look swapped: a side's id and a zone's (or any two kinds') exchanged by
//! mistake make every reference to either fail, dozens of problems with no word of the cause.
//! When the scenario refers to a side's id as a zone and to a zone's id as a side, one problem
//! says so, at the first of the two.

use super::Problem;

/// An id looked up as one kind of thing and not found: (kind, id).
pub(super) type Missing = (String, String);

/// The hints for `missing` lookups, given the ids each kind defines with their paths
/// (kind, id, path).
pub(super) fn hints(missing: &[Missing], defined: &[(&str, &str, String)]) -> Vec<Problem> {
    let mut counts: std::collections::BTreeMap<(&str, &str), usize> = Default::default();
    for (k, i) in missing {
        *counts.entry((k.as_str(), i.as_str())).or_default() += 1;
    }
    let count = |kind: &str, id: &str| counts.get(&(kind, id)).copied().unwrap_or(0);
    // Only ids that were looked up as another kind can be half of a swap: few, whatever the size.
    let used_as_other: Vec<&(&str, &str, String)> = defined
        .iter()
        .filter(|(k, a, _)| counts.keys().any(|(mk, mi)| mi == a && mk != k))
        .collect();
    let mut out = Vec::new();
    for (ka, a, pa) in used_as_other.iter().copied() {
        for (kb, b, pb) in used_as_other.iter().copied() {
            if ka >= kb || a == b {
                continue;
            }
            // `a` (a `ka`) is used as a `kb`, and `b` (a `kb`) as a `ka`.
            let (n, m) = (count(kb, a), count(ka, b));
            if n > 0 && m > 0 {
                out.push(Problem {
                    path: pa.clone(),
                    message: format!(
                        "the ids `{a}` ({ka}, here) and `{b}` ({kb}, at {pb}) look swapped: the scenario refers to `{a}` as a {kb} {n} time(s) and to `{b}` as a {ka} {m} time(s); exchange the two ids and the problems below that name them go away"
                    ),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_side_and_a_zone_exchanged_are_named_once() {
        let missing = vec![
            ("side".to_string(), "al_tanf".to_string()),
            ("zone".to_string(), "usa".to_string()),
            ("zone".to_string(), "usa".to_string()),
        ];
        let defined = vec![
            ("side", "usa", "sides[0].id".to_string()),
            ("zone", "al_tanf", "zones[1].id".to_string()),
            ("zone", "sea", "zones[0].id".to_string()),
        ];
        let h = hints(&missing, &defined);
        assert_eq!(h.len(), 1, "{h:?}");
        assert_eq!(h[0].path, "sides[0].id");
        assert!(h[0].message.contains("look swapped"), "{}", h[0].message);
    }
}
