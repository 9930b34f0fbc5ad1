//! What the benches share: the generated scenarios of any size and the shipped ones, compiled, and
//! a turn's random orders worked out before any clock starts.
#![allow(dead_code)]

use std::path::Path;
use std::sync::Arc;
use whitecell::dice::Dice;
use whitecell::model::{Compiled, SideId};
use whitecell::orders::SideOrders;
use whitecell::policy::PolicySpec;
use whitecell::scenario::{generate, load};
use whitecell::sim::Engine;

/// The shipped default ruleset.
pub fn default_ruleset() -> whitecell::scenario::Ruleset {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/rulesets/default.ron");
    let text = std::fs::read_to_string(&path).expect("default ruleset");
    let mut diags = Vec::new();
    load::load_ruleset_text(&path, &text, &mut diags).expect("default ruleset loads")
}

/// A generated scenario of `units` units (about 8 a zone, four sides in two hostile pairs).
pub fn generated(units: usize) -> Arc<Compiled> {
    let s = generate::generated(units, default_ruleset());
    let rs = match &s.ruleset {
        whitecell::scenario::RulesetRef::Inline(r) => r.clone(),
        _ => unreachable!("generated scenarios carry their ruleset inline"),
    };
    Arc::new(
        Compiled::from_parts(s, rs, format!("generated-{units}"))
            .expect("generated scenario compiles"),
    )
}

/// A shipped scenario, by its path in the repository.
pub fn shipped(rel: &str) -> Arc<Compiled> {
    let loaded = load::load_file(&Path::new(env!("CARGO_MANIFEST_DIR")).join(rel))
        .expect("shipped scenario loads");
    Arc::new(Compiled::new(&loaded).expect("compiles"))
}

/// Each side's policy as the scenario names it (else `random`).
pub fn default_policies(c: &Compiled) -> Vec<PolicySpec> {
    c.scenario
        .sides
        .iter()
        .map(|s| PolicySpec::parse(s.policy.as_deref().unwrap_or("random")).expect("policy"))
        .collect()
}

/// An engine set up as a batch plays: no kept log, no per-turn hash.
pub fn batch_engine(c: &Arc<Compiled>) -> Engine {
    let mut e = Engine::new(c.clone(), Dice::seeded(0));
    e.keep_log(false);
    e.hash_every_turn(false);
    e
}

/// Every side's random orders for the first turn of the game with `dice`.
pub fn random_orders(c: &Arc<Compiled>, e: &mut Engine, dice: &Dice) -> Vec<(SideId, SideOrders)> {
    let state = e.state();
    c.side_ids()
        .map(|s| (s, PolicySpec::Random.orders(c, &state, s, dice)))
        .collect()
}
