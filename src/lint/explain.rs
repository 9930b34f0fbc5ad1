//! Warnings a scenario keeps on purpose. A comment line in the scenario,
//! `// lint: CODE SUBJECT: why`, explains the warning of that code about that subject (an id, as
//! the warning names it): lint then shows it as explained, with the reason, and it does not count
//! for `--deny-warnings`. An explanation without a reason explains nothing.

use super::Warning;

/// One `// lint:` comment: the code, the subject and the reason given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// The warning's code, e.g. `unfired-event`.
    pub code: String,
    /// What it is about, e.g. an event id.
    pub subject: String,
    /// Why the scenario keeps it.
    pub reason: String,
}

/// Every `// lint: CODE SUBJECT: why` comment in a scenario's text.
pub fn explanations(text: &str) -> Vec<Explanation> {
    text.lines()
        .filter_map(|l| {
            let rest = l.trim_start().strip_prefix("//")?.trim_start();
            let rest = rest.strip_prefix("lint:")?.trim_start();
            let (code, rest) = rest.split_once(char::is_whitespace)?;
            let (subject, reason) = rest.trim_start().split_once(':')?;
            let reason = reason.trim();
            (!reason.is_empty()).then(|| Explanation {
                code: code.to_string(),
                subject: subject.trim().to_string(),
                reason: reason.to_string(),
            })
        })
        .collect()
}

/// The reason the scenario gives for keeping `w`, if it gives one.
pub fn reason<'a>(w: &Warning, given: &'a [Explanation]) -> Option<&'a str> {
    given
        .iter()
        .find(|e| e.code == w.code && e.subject == w.subject)
        .map(|e| e.reason.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_explain_by_code_and_subject_with_a_reason() {
        let text = "x\n    // lint: unfired-event crisis: the umpire injects it\n// lint: a b:\n";
        let e = explanations(text);
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].subject, "crisis");
        assert_eq!(e[0].reason, "the umpire injects it");
    }
}
