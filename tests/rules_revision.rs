//! The rules revision in `whitecell::VERSION` names what results a build gives: saves and batch
//! manifests record it, so results from other rules are never mixed. This test pins reference games
//! to the revision: if a change alters any game, it fails until the revision is bumped (in
//! `src/lib.rs`) together with the pins below.

mod common;

use whitecell::dice::Dice;
use whitecell::policy::PolicySpec;
use whitecell::sim::Engine;
use whitecell::sim::autoplay::play_to_end;

/// The revision the pins below were recorded under.
const REVISION: &str = "+rules.2";

/// (scenario, seed, final state hash) with every side played by its scenario's default policy.
const PINS: &[(&str, u64, &str)] = &[
    ("scenarios/tutorial.ron", 1, "4a4afaab85f5e64d"),
    ("scenarios/eastern-med-2018.ron", 1, "fe4445c4f62a191b"),
];

#[test]
fn reference_games_match_the_rules_revision() {
    assert!(
        whitecell::VERSION.ends_with(REVISION),
        "VERSION is {} but the pins were recorded under {REVISION}: re-record them",
        whitecell::VERSION
    );
    for (rel, seed, pinned) in PINS {
        let c = common::compile(rel);
        let policies: Vec<PolicySpec> = c
            .scenario
            .sides
            .iter()
            .map(|s| PolicySpec::parse(s.policy.as_deref().unwrap_or("random")).unwrap())
            .collect();
        let mut e = Engine::new(c, Dice::seeded(*seed));
        play_to_end(&mut e, &policies, |_| {});
        assert_eq!(
            e.state_hash(),
            *pinned,
            "{rel} seed {seed} now ends differently: if the change to the rules is meant, bump the \
             rules revision in whitecell::VERSION (src/lib.rs) and re-record these pins"
        );
    }
}
