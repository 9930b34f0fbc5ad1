//! Bot policies: parameters parse and print back, a policy reads only what its side knows, and the
//! intent of `aggressive` and `cautious` shows in their orders.

use std::sync::Arc;
use whitecell::dice::Dice;
use whitecell::model::{Compiled, SideId, State};
use whitecell::orders::{Command, SignalKind};
use whitecell::policy::{NAMES, PolicySpec};
use whitecell::scenario::Relation;
use whitecell::sim::Engine;

fn tutorial() -> Arc<Compiled> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/tutorial.ron");
    let l = whitecell::scenario::load_file(std::path::Path::new(path)).expect("tutorial loads");
    Arc::new(Compiled::new(&l).expect("compiles"))
}

fn spec(s: &str) -> PolicySpec {
    PolicySpec::parse(s).expect(s)
}

/// Every state at the end of each turn of a game of `blue` against `red`.
fn states(c: &Arc<Compiled>, seed: u64, blue: &PolicySpec, red: &PolicySpec) -> Vec<State> {
    let mut e = Engine::new(c.clone(), Dice::seeded(seed));
    let dice = Dice::seeded(seed);
    let mut out = vec![e.state()];
    while e.outcome().is_none() {
        let s = e.state();
        for (i, p) in [blue, red].into_iter().enumerate() {
            let side = SideId(i as u16);
            e.submit(side, p.orders(c, &s, side, &dice), Vec::new());
        }
        if e.step_turn().is_err() {
            break;
        }
        out.push(e.state());
    }
    out
}

#[test]
fn every_policy_parses_and_prints_back() {
    for name in NAMES {
        let p = spec(name);
        assert_eq!(p.name(), *name);
        assert_eq!(PolicySpec::parse(&p.to_string()), Ok(p));
    }
    let a = spec("aggressive:min_odds=5,neutral=false");
    assert_eq!(a.to_string(), "aggressive:min_odds=5,neutral=false");
    let k = spec("cautious:high=6,low=3");
    assert_eq!(PolicySpec::parse(&k.to_string()), Ok(k));
    for (bad, says) in [
        ("agressive", "did you mean `aggressive`"),
        ("hold:x=1", "it takes no parameters"),
        ("cautious:low=5,high=2", "must not exceed"),
        ("aggressive:neutral=maybe", "expected `true` or `false`"),
        ("aggressive:min_odds=-1", "from 0 to 20"),
    ] {
        let e = PolicySpec::parse(bad).expect_err(bad);
        assert!(e.contains(says), "{bad}: {e}");
    }
}

#[test]
fn policies_ignore_what_their_side_has_not_detected() {
    let c = tutorial();
    let random = spec("random");
    let mut changed = 0;
    for seed in 0..12 {
        for s in states(&c, seed, &random, &random) {
            for side in [SideId(0), SideId(1)] {
                // Move and weaken every enemy unit this side did not detect.
                let mut hidden = s.clone();
                for u in hidden.units.iter_mut() {
                    if u.side != side && !s.intel.sees(side, u.id) {
                        u.zone = c.units[0].zone;
                        u.strength = 1;
                        changed += 1;
                    }
                }
                for p in ["aggressive", "cautious", "aggressive:min_odds=0"] {
                    let p = spec(p);
                    let dice = Dice::seeded(seed);
                    assert_eq!(
                        p.orders(&c, &s, side, &dice),
                        p.orders(&c, &hidden, side, &dice),
                        "{p} read hidden units (seed {seed}, turn {})",
                        s.turn
                    );
                }
            }
        }
    }
    assert!(changed > 50, "the test must hide something: {changed}");
}

#[test]
fn cautious_never_engages_a_neutral_side_and_signals_when_tension_is_high() {
    let c = tutorial();
    let cautious = spec("cautious");
    let tension = c.track("tension").expect("tension track").index();
    let (mut hotlines, mut high) = (0, 0);
    for seed in 0..20 {
        for s in states(&c, seed, &cautious, &spec("aggressive")) {
            let o = cautious.orders(&c, &s, SideId(0), &Dice::seeded(seed));
            for order in &o.orders {
                if let Command::Engage(_, t) = order.command {
                    assert_ne!(
                        s.relations.get(SideId(0), t),
                        Relation::Neutral,
                        "seed {seed}"
                    );
                }
                assert!(!matches!(order.command, Command::ShowOfForce(_)));
            }
            if s.tracks[tension] >= 5 {
                high += 1;
                assert!(o.signals.iter().all(|g| g.kind == SignalKind::Hotline));
                hotlines += o.signals.len();
            }
        }
    }
    assert!(
        high > 0 && hotlines == high,
        "{hotlines} hotlines for {high} tense turns"
    );
}

#[test]
fn aggressive_engages_only_at_its_odds() {
    let c = tutorial();
    let count = |p: &PolicySpec| {
        let mut n = 0;
        for seed in 0..20 {
            for s in states(&c, seed, p, &spec("aggressive")) {
                let o = p.orders(&c, &s, SideId(0), &Dice::seeded(seed));
                n += o
                    .orders
                    .iter()
                    .filter(|x| matches!(x.command, Command::Engage(..)))
                    .count();
            }
        }
        n
    };
    let eager = count(&spec("aggressive:min_odds=0"));
    let never = count(&spec("aggressive:min_odds=20"));
    let peaceful = count(&spec("aggressive:neutral=false"));
    assert!(eager > 0, "aggressive:min_odds=0 never engaged");
    assert_eq!(never, 0);
    assert!(peaceful < eager, "{peaceful} vs {eager}");
}
