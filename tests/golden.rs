//! The golden corpus: reference games whose every turn's state hash is checked in
//! (`tests/golden/games.txt`), so that no change to the engine moves a single result unnoticed.
//!
//! Both shipped scenarios, many seeds, every bot policy (each side `hold`, `random`, `aggressive`,
//! `cautious`, a mix with parameters, and each scenario's own defaults). The games are played in
//! parallel, so the whole corpus stays fast enough for `cargo test`.
//!
//! Only a deliberate change to the rules re-records it, together with a bump of the rules revision in
//! `whitecell::VERSION`: `WHITECELL_RECORD_GOLDEN=1 cargo test --test golden`.

mod common;

use std::fmt::Write as _;
use whitecell::dice::Dice;
use whitecell::log::LogEvent;
use whitecell::policy::PolicySpec;
use whitecell::sim::Engine;
use whitecell::sim::autoplay::play_to_end;

const CORPUS: &str = "tests/golden/games.txt";
const SCENARIOS: &[&str] = &["tutorial.ron", "eastern-med-2018.ron"];
const SEEDS_PER_SETUP: u64 = 20;

/// A side's policy in one setup of the corpus: the same for every side, a per-side mix, or the
/// scenario's own default.
#[derive(Clone, Copy)]
enum Setup {
    All(&'static str),
    Mixed,
    Defaults,
}

const SETUPS: &[Setup] = &[
    Setup::All("hold"),
    Setup::All("random"),
    Setup::All("aggressive"),
    Setup::All("cautious"),
    Setup::Mixed,
    Setup::Defaults,
];

/// The mix: side `i` plays `MIX[i % MIX.len()]`.
const MIX: &[&str] = &[
    "aggressive:min_odds=1,neutral=false",
    "cautious:min_odds=2,high=4,low=1",
    "random",
    "aggressive",
    "cautious",
    "hold",
];

/// One reference game.
struct Game {
    scenario: &'static str,
    seed: u64,
    policies: Vec<String>,
}

fn games() -> Vec<Game> {
    let mut out = Vec::new();
    for scenario in SCENARIOS {
        let c = common::compile(&format!("scenarios/{scenario}"));
        for (k, setup) in SETUPS.iter().enumerate() {
            let policies: Vec<String> = c
                .scenario
                .sides
                .iter()
                .enumerate()
                .map(|(i, s)| match setup {
                    Setup::All(p) => p.to_string(),
                    Setup::Mixed => MIX[i % MIX.len()].to_string(),
                    Setup::Defaults => s.policy.clone().unwrap_or_else(|| "random".into()),
                })
                .collect();
            for n in 0..SEEDS_PER_SETUP {
                // Seeds spread over the range, not only small numbers.
                let seed = (k as u64 + 1) * 1_000 + n * n * 7_919 + n;
                out.push(Game {
                    scenario,
                    seed,
                    policies: policies.clone(),
                });
            }
        }
    }
    out
}

/// The corpus line of a game: scenario, seed, policies, then each turn's state hash.
fn play(g: &Game) -> String {
    let c = common::compile(&format!("scenarios/{}", g.scenario));
    let policies: Vec<PolicySpec> = g
        .policies
        .iter()
        .map(|p| PolicySpec::parse(p).expect("policy"))
        .collect();
    let mut e = Engine::new(c, Dice::seeded(g.seed));
    play_to_end(&mut e, &policies, |_| {});
    let mut line = format!("{} {} {}", g.scenario, g.seed, g.policies.join(" "));
    for ev in e.log() {
        if let LogEvent::TurnEnded { hash, .. } = ev {
            write!(line, " {hash}").unwrap();
        }
    }
    line
}

/// Plays every game, on every core, and returns the lines in corpus order.
fn play_all(games: &[Game]) -> Vec<String> {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let chunk = games.len().div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = games
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(play).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a golden game panicked"))
            .collect()
    })
}

const HEADER: &str = "\
# whitecell golden corpus: reference games and the state hash after each of their turns.
# One game a line: scenario (in scenarios/), seed, each side's policy in side order, then the
# state hash after turn 1, 2, ... to the game's end.
# Checked by `cargo test --test golden`. Re-record only for a deliberate rules change, with a bump
# of the rules revision: WHITECELL_RECORD_GOLDEN=1 cargo test --test golden
";

#[test]
fn every_reference_game_gives_the_recorded_hash_every_turn() {
    let games = games();
    assert!(games.len() >= 200, "the corpus holds {} games", games.len());
    let got = play_all(&games);
    let path = common::root().join(CORPUS);
    if std::env::var_os("WHITECELL_RECORD_GOLDEN").is_some() {
        let mut text = format!("{HEADER}# rules revision: {}\n", whitecell::VERSION);
        for l in &got {
            text.push_str(l);
            text.push('\n');
        }
        std::fs::write(&path, text).expect("write the corpus");
        return;
    }
    let text = std::fs::read_to_string(&path).expect("tests/golden/games.txt");
    let revision = text
        .lines()
        .find_map(|l| l.strip_prefix("# rules revision: "))
        .expect("the corpus names its rules revision");
    assert_eq!(
        revision,
        whitecell::VERSION,
        "the corpus was recorded under another rules revision"
    );
    let want: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(
        want.len(),
        got.len(),
        "the corpus has another number of games"
    );
    let mut bad = Vec::new();
    for ((w, g), game) in want.iter().zip(&got).zip(&games) {
        if *w != g.as_str() {
            // Fields: scenario, seed, one policy per side, then one hash per turn.
            let head = 2 + game.policies.len();
            let (wt, gt): (Vec<&str>, Vec<&str>) = (w.split(' ').collect(), g.split(' ').collect());
            let first = wt.iter().zip(&gt).position(|(a, b)| a != b);
            let first = first.unwrap_or(wt.len().min(gt.len()));
            let at = if first < head {
                "the game's setup".to_string()
            } else {
                format!("turn {}", first - head + 1)
            };
            bad.push(format!(
                "  {} seed {}: first difference at {at}: recorded `{}`, now `{}`",
                game.scenario,
                game.seed,
                wt.get(first).unwrap_or(&"(game over)"),
                gt.get(first).unwrap_or(&"(game over)"),
            ));
        }
    }
    assert!(
        bad.is_empty(),
        "{} of {} golden games changed:\n{}",
        bad.len(),
        got.len(),
        bad.iter().take(10).cloned().collect::<Vec<_>>().join("\n")
    );
}
