//! The observation read straight from the state equals the one laid out from the side's built
//! view: every shipped scenario, many games, every side, every turn (last sightings and private
//! tracks included), with agents' random legal orders and bots' games. All agents' masks made at
//! once equal each agent's made alone.

use crate::core::{Core, Reward};
use crate::obs;
use std::path::Path;
use whitecell::game::views::knowledge::Knowledge;
use whitecell::model::SideId;

/// A small deterministic generator for the test's choices.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// What the games went through, so the test knows it saw the hard cases.
#[derive(Default)]
struct Seen {
    compared: usize,
    last_seen: usize,
    contacts: usize,
    hidden_tracks: usize,
}

fn check_every_side(core: &Core, seen: &mut Seen) {
    let c = &core.c;
    let n = obs::len(c);
    let (mut direct, mut worded) = (vec![0f32; n], vec![0f32; n]);
    for side in c.side_ids() {
        let k = Knowledge::of(c, &core.state, side);
        obs::encode(&k, &mut direct);
        let agent = core.agents.iter().position(|s| *s == side);
        let v = match agent {
            Some(a) => core.view(a),
            None => whitecell::game::views::build::build(
                c,
                &core.state,
                &[],
                side,
                &whitecell::game::views::view::Header {
                    game: "",
                    commitment: "",
                    key: "",
                },
            ),
        };
        obs::encode_view(c, &v, &mut worded);
        assert_eq!(
            direct,
            worded,
            "side {} turn {} seed {}",
            c.side_name(side),
            core.state.turn,
            core.seed
        );
        seen.compared += 1;
        seen.last_seen += v.last_seen.len();
        seen.contacts += v.detected.len();
        seen.hidden_tracks += c.tracks.iter().filter(|t| !t.public).count();
    }
}

fn play(scenario: &str, agents: fn(usize) -> Vec<SideId>, games: u64, seen: &mut Seen) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(scenario);
    let c = whitecell::batch::load::load(&path, &[]).expect("the scenario loads");
    let policies = whitecell::policy::assign::assign(&c, &[]).expect("the default policies");
    let sides = agents(c.side_count());
    let mut core = Core::new(c, sides, policies, Reward::Sparse, None);
    let mut rng = Lcg(7);
    for seed in 0..games {
        core.reset(seed);
        check_every_side(&core, seen);
        while !core.done() {
            let k = core.table.len();
            let stride = core.units.iter().map(Vec::len).max().unwrap_or(0) * k;
            let mut all = vec![7u8; stride * core.agents.len()];
            core.masks(&mut all, |a| a * stride);
            let mut orders = Vec::new();
            for a in 0..core.agents.len() {
                let rows = core.units[a].len();
                let mut mask = vec![0u8; rows * k];
                core.mask(a, &mut mask);
                // All agents' masks at once, the situation worked out once: the same rows.
                assert_eq!(all[a * stride..a * stride + rows * k], mask[..]);
                let action: Vec<i64> = (0..rows)
                    .map(|r| {
                        let legal: Vec<usize> = (0..k).filter(|i| mask[r * k + i] == 1).collect();
                        legal[rng.below(legal.len())] as i64
                    })
                    .collect();
                orders.push(core.orders(a, &action).expect("actions from the table"));
            }
            core.step(orders);
            check_every_side(&core, seen);
        }
    }
}

#[test]
fn the_direct_observation_equals_the_view_s_for_every_side_and_turn() {
    let mut seen = Seen::default();
    for scenario in ["scenarios/eastern-med-2018.ron", "scenarios/tutorial.ron"] {
        // Every side played by random legal orders; every side by its bot; one side by orders.
        play(
            scenario,
            |n| (0..n as u16).map(SideId).collect(),
            12,
            &mut seen,
        );
        play(scenario, |_| Vec::new(), 8, &mut seen);
        play(scenario, |_| vec![SideId(0)], 8, &mut seen);
    }
    assert!(seen.compared > 1000, "{} comparisons", seen.compared);
    assert!(seen.last_seen > 0, "no unit was last seen and then lost");
    assert!(seen.contacts > 0, "no enemy unit was ever detected");
    assert!(seen.hidden_tracks > 0, "no private track to keep out");
}
