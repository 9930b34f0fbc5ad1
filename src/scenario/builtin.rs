//! What whitecell carries inside the binary for scenario authors: the default ruleset, byte for
//! byte the file `scenarios/rulesets/default.ron`, so a scenario that names no ruleset (or names
//! `Default`) checks and plays with nothing but the binary beside it.

/// The text of the default ruleset of whitecell v1, embedded from `scenarios/rulesets/default.ron`.
pub const DEFAULT_RULESET: &str = include_str!("../../scenarios/rulesets/default.ron");

/// How the built-in default ruleset is named in messages and in `describe`.
pub const DEFAULT_RULESET_NAME: &str =
    "the built-in default ruleset (scenarios/rulesets/default.ron)";
