//! Forking a recorded game from turn N: the replay reproduces the game, the forks do not depend on
//! the thread count, and a fork from the end agrees with the actual result every time.

use std::sync::Arc;
use whitecell::batch::fork::{self, Recorded, TurnInput};
use whitecell::dice::Dice;
use whitecell::model::{Compiled, SideId};
use whitecell::policy::PolicySpec;
use whitecell::sim::Engine;

fn tutorial() -> Arc<Compiled> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/tutorial.ron");
    let l = whitecell::scenario::load_file(std::path::Path::new(path)).expect("tutorial loads");
    Arc::new(Compiled::new(&l).expect("compiles"))
}

/// A "classroom" game: the sides' orders come from policies, recorded turn by turn.
fn record(c: &Arc<Compiled>, seed: u64) -> (Recorded, String) {
    let players =
        [PolicySpec::parse("cautious"), PolicySpec::parse("random")].map(|p| p.expect("policy"));
    let dice = Dice::seeded(seed);
    let mut e = Engine::new(c.clone(), dice.clone());
    let mut game = Recorded {
        rules: whitecell::RULES,
        seed,
        start: Vec::new(),
        turns: Vec::new(),
    };
    while e.outcome().is_none() {
        let s = e.state();
        let mut t = TurnInput::default();
        for (i, p) in players.iter().enumerate() {
            let side = SideId(i as u16);
            let o = p.orders(c, &s, side, &dice);
            e.submit(side, o.clone(), Vec::new());
            t.orders.push((side, o));
        }
        e.step_turn().expect("turn plays");
        t.hash = Some(e.state_hash());
        game.turns.push(t);
    }
    let hash = e.state_hash();
    (game, hash)
}

fn bots() -> Vec<PolicySpec> {
    vec![
        PolicySpec::parse("aggressive").expect("policy"),
        PolicySpec::parse("random").expect("policy"),
    ]
}

#[test]
fn forks_replay_the_game_and_do_not_depend_on_threads() {
    let c = tutorial();
    let (game, final_hash) = record(&c, 11);
    let actual = fork::actual(&c, &game).expect("replays").expect("ended");
    assert_eq!(actual.hash, final_hash);
    let one = fork::fork(&c, &game, 2, 24, 9, &bots(), 1).expect("forks");
    let two = fork::fork(&c, &game, 2, 24, 9, &bots(), 2).expect("forks");
    assert_eq!(one, two);
    assert_eq!(one.runs.len(), 24);
    assert_eq!(one.hash_at_fork, game.turns[1].hash.clone().expect("hash"));
    // Different dice after the fork give different games.
    let distinct: std::collections::BTreeSet<&str> =
        one.runs.iter().map(|p| p.hash.as_str()).collect();
    assert!(distinct.len() > 1, "every fork played the same game");
    let st = one.standing(&actual);
    assert_eq!(st.runs, 24);
    for r in st.tracks.iter().chain(&st.lost) {
        assert_eq!(r.below + r.equal + r.above, 24);
    }
    let text = fork::render(&c, &one, Some(&actual));
    assert!(text.contains("24 forks from turn 2"), "{text}");
    assert!(text.contains("had the same winner"), "{text}");
}

#[test]
fn a_fork_from_the_end_is_the_actual_game() {
    let c = tutorial();
    let (game, _) = record(&c, 3);
    let end = game.turns.len() as u32;
    let actual = fork::actual(&c, &game).expect("replays").expect("ended");
    let f = fork::fork(&c, &game, end, 5, 0, &bots(), 2).expect("forks");
    let st = f.standing(&actual);
    assert_eq!((st.same_winner, st.same_ending), (5, 5));
    assert!(f.runs.iter().all(|p| p.hash == actual.hash));
}

#[test]
fn a_bad_fork_is_refused() {
    let c = tutorial();
    let (mut game, _) = record(&c, 5);
    let past = game.turns.len() as u32 + 1;
    let e = fork::fork(&c, &game, past, 3, 0, &bots(), 1).expect_err("past the end");
    assert!(e.contains("cannot fork from turn"), "{e}");
    game.turns[0].hash = Some("0000000000000000".into());
    let e = fork::fork(&c, &game, 2, 3, 0, &bots(), 1).expect_err("diverged");
    assert!(e.contains("left the recorded game at turn 1"), "{e}");
}

#[test]
fn a_fork_starts_from_the_position_at_turn_n_exactly_as_a_full_replay_does() {
    use whitecell::batch::row::summarise;
    use whitecell::batch::seed::run_seed;
    use whitecell::sim::autoplay::play_out;
    let c = tutorial();
    let (game, _) = record(&c, 5);
    let from = (game.turns.len() / 2) as u32;
    let forks = fork::fork(&c, &game, from, 16, 3, &bots(), 2).expect("forks");
    assert!(forks.failed.is_empty());
    for k in 0..16u64 {
        // Adjudicate turns 1..N again, then play on with the fork's dice: the old way.
        let mut e = fork::replay(&c, &game, from).expect("replays");
        e.set_dice(Dice::seeded(run_seed(3, game.seed, k)));
        play_out(&mut e, &bots());
        assert_eq!(forks.runs[k as usize], summarise(&mut e), "fork {k}");
    }
}
