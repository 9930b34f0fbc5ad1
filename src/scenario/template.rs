//! The scenario `whitecell init` writes: a small commented game (two sides, six zones with a
//! layout, each section with a line on what it is for) that validates and plays as written, for an
//! author to grow a scenario from. It names no ruleset, so it uses the built-in default.

/// The template's text; `{id}` stands for the scenario's id.
const TEMPLATE: &str = include_str!("template.ron");

/// A scenario id made from a file name: lower-case letters, digits, `_` and `-`; anything else
/// becomes `_`, and an empty name becomes `new_scenario`.
pub fn id_from_name(stem: &str) -> String {
    let id: String = stem
        .chars()
        .map(|c| match c.to_ascii_lowercase() {
            c @ ('a'..='z' | '0'..='9' | '_' | '-') => c,
            _ => '_',
        })
        .collect();
    if id.trim_matches('_').is_empty() {
        "new_scenario".into()
    } else {
        id
    }
}

/// The template with its id set to `id` (see [`id_from_name`]).
pub fn text(id: &str) -> String {
    TEMPLATE.replace("{id}", &id_from_name(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_made_safe() {
        assert_eq!(id_from_name("My Crisis"), "my_crisis");
        assert_eq!(id_from_name("baltic-2030"), "baltic-2030");
        assert_eq!(id_from_name("\"}"), "new_scenario");
        assert!(text("x\"y").contains("id: \"x_y\""));
    }
}
