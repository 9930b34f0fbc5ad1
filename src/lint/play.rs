//! The checks by play: games played in memory with the scenario's own bots (each side's `policy`,
//! else `random`) on seeds 1, 2, ..., through the same engine as `run` and `batch`; and the game in
//! which nobody moves (every side `hold`), which shows the score a side gets for sitting still.

use super::Warning;
use crate::dice::Dice;
use crate::model::{Compiled, Outcome};
use crate::policy::PolicySpec;
use crate::rules::conditions::{Facts, holds};
use crate::sim::Engine;
use std::sync::Arc;

fn warn(code: &'static str, subject: &str, path: String, message: String) -> Warning {
    Warning {
        code,
        subject: subject.to_string(),
        path,
        message,
        by_play: true,
    }
}

/// The policies the scenario names for its sides (`random` where it names none), as `run` and
/// `batch` choose them without flags.
fn own_policies(c: &Compiled) -> Vec<PolicySpec> {
    crate::policy::assign::assign(c, &[])
        .unwrap_or_else(|_| vec![PolicySpec::Random; c.side_count()])
}

/// The scores at the end of the game in which every side holds (seed 1), in words, and a warning
/// when one side wins it.
pub fn nobody_moves(c: &Arc<Compiled>) -> (String, Option<Warning>) {
    if c.side_count() < 2 {
        return (String::new(), None);
    }
    let mut e = Engine::new(c.clone(), Dice::seeded(1));
    e.keep_log(false);
    e.hash_every_turn(false);
    let hold = vec![PolicySpec::Hold; c.side_count()];
    crate::sim::autoplay::play_out(&mut e, &hold);
    match e.outcome() {
        Some(Outcome::Points { winner, scores }) => {
            let list: Vec<String> = scores.iter().map(|(s, p)| format!("{s} {p}")).collect();
            let list = list.join(", ");
            match winner {
                None => (
                    format!("if nobody moves (every side `hold`): {list} at the end, a draw"),
                    None,
                ),
                Some(w) => (
                    format!("if nobody moves (every side `hold`): {list} at the end, `{w}` wins"),
                    Some(warn(
                        "nobody-moves-wins",
                        &w,
                        "victory".into(),
                        format!(
                            "if nobody moves, `{w}` wins on points ({list}): a side that sits \
                             still should not win, and two careful teams (or `cautious` bots) \
                             hand `{w}` the game; balance the zone values and objectives so that \
                             holding still scores a draw or a loss"
                        ),
                    )),
                ),
            }
        }
        Some(Outcome::SuddenDeath { id, .. }) => (
            format!("if nobody moves (every side `hold`): sudden death `{id}` ends the game"),
            None,
        ),
        None => (String::new(), None),
    }
}

/// What a number of games showed.
#[derive(Debug, Default)]
struct Tally {
    games: u64,
    wins: Vec<u64>,
    draws: u64,
    endings: Vec<u64>,
    fired: Vec<u64>,
    points_games: u64,
    met: Vec<Vec<u64>>,
    entered: Vec<bool>,
}

fn tally(c: &Arc<Compiled>, games: u64) -> Tally {
    let policies = own_policies(c);
    let mut t = Tally {
        wins: vec![0; c.side_count()],
        endings: vec![0; c.sudden_death.len()],
        fired: vec![0; c.events.len()],
        met: c.objectives.iter().map(|o| vec![0; o.len()]).collect(),
        entered: vec![false; c.zones.len()],
        ..Tally::default()
    };
    let mut e = Engine::new(c.clone(), Dice::seeded(1));
    e.keep_log(false);
    e.hash_every_turn(false);
    for seed in 1..=games {
        e.reset(c.clone(), Dice::seeded(seed));
        e.set_bots(&policies);
        let mut st = e.state();
        loop {
            for u in &st.units {
                t.entered[u.zone.index()] = true;
            }
            if e.step().is_err() {
                break;
            }
            st = e.state();
        }
        e.clear_bots();
        t.games += 1;
        for (i, f) in st.fired.iter().enumerate() {
            t.fired[i] += u64::from(*f);
        }
        match &st.outcome {
            Some(Outcome::SuddenDeath { id, .. }) => {
                if let Some(i) = c.sudden_death.iter().position(|s| &s.id == id) {
                    t.endings[i] += 1;
                }
            }
            Some(Outcome::Points { .. }) => {
                t.points_games += 1;
                let f = Facts {
                    tracks: &st.tracks,
                    control: &st.control,
                    relations: &st.relations,
                    turn: st.turn,
                    steps_lost: &st.steps_lost,
                    fired: &st.fired,
                };
                for (s, objs) in c.objectives.iter().enumerate() {
                    for (k, o) in objs.iter().enumerate() {
                        t.met[s][k] += u64::from(holds(&o.when, &f));
                    }
                }
            }
            None => {}
        }
        match st.outcome.as_ref().and_then(|o| o.winner()) {
            Some(w) => {
                if let Some(s) = c.side(w) {
                    t.wins[s.index()] += 1;
                }
            }
            None if matches!(st.outcome, Some(Outcome::Points { .. })) => t.draws += 1,
            None => {}
        }
    }
    t
}

fn pct(n: u64, of: u64) -> String {
    if of == 0 {
        return "0%".into();
    }
    format!("{}%", (n * 100 + of / 2) / of)
}

/// The warnings found over `games` games, and a line saying how the games went.
pub fn check(c: &Arc<Compiled>, games: u64) -> (String, Vec<Warning>) {
    let t = tally(c, games);
    let mut out = Vec::new();
    let sides = &c.scenario.sides;
    let names: Vec<String> = sides
        .iter()
        .zip(own_policies(c))
        .map(|(s, p)| format!("{}={p}", s.id))
        .collect();
    let mut parts: Vec<String> = sides
        .iter()
        .zip(&t.wins)
        .map(|(s, w)| format!("{} won {}", s.id, pct(*w, t.games)))
        .collect();
    parts.push(format!("draws {}", pct(t.draws, t.games)));
    for (sd, n) in c.sudden_death.iter().zip(&t.endings) {
        parts.push(format!("sudden death `{}` {}", sd.id, pct(*n, t.games)));
    }
    let summary = format!(
        "played {} games (seeds 1 to {}) with the scenario's bots ({}): {}",
        t.games,
        t.games,
        names.join(", "),
        parts.join(", ")
    );
    let of = format!("in {} games with the scenario's bots", t.games);
    for (i, s) in sides.iter().enumerate() {
        if t.wins[i] == 0 {
            out.push(warn(
                "side-never-wins",
                &s.id,
                format!("sides[{i}]"),
                format!(
                    "`{}` never won {of}: check that it has zones and objectives within its \
                     units' reach, and compare its score with the others' (`whitecell batch`, \
                     then `report --batch`)",
                    s.id
                ),
            ));
        }
    }
    for (i, sd) in c.sudden_death.iter().enumerate() {
        if t.endings[i] == 0 {
            out.push(warn(
                "ending-never-reached",
                &sd.id,
                format!("victory.sudden_death[{i}]"),
                format!(
                    "sudden death `{}` never happened {of}: if it should be possible, check that \
                     its condition can be reached by play (bots send no signals)",
                    sd.id
                ),
            ));
        }
    }
    for (i, ev) in c.events.iter().enumerate() {
        if t.fired[i] == 0 {
            out.push(warn(
                "event-never-fired",
                &ev.id,
                format!("events[{i}]"),
                format!(
                    "event `{}` never fired {of}: its trigger or threshold is out of reach in \
                     play; if it is the umpire's to fire, say so with `// lint: \
                     event-never-fired {}: why`",
                    ev.id, ev.id
                ),
            ));
        }
    }
    if t.points_games > 0 {
        for (s, objs) in c.objectives.iter().enumerate() {
            let side = &sides[s].id;
            for (k, o) in objs.iter().enumerate() {
                let n = t.met[s][k];
                let (code, what) = if n == 0 {
                    ("objective-never-met", "was never met")
                } else if n == t.points_games {
                    ("objective-always-met", "was met every time")
                } else {
                    continue;
                };
                out.push(warn(
                    code,
                    &format!("{side}[{k}]"),
                    format!("victory.objectives[\"{side}\"][{k}]"),
                    format!(
                        "`{side}`'s objective \"{}\" {what} in the {} games of {} that ended on \
                         points: it does not tell the sides apart; adjust its condition or points",
                        o.name, t.points_games, t.games
                    ),
                ));
            }
        }
    }
    for (i, z) in c.zones.iter().enumerate() {
        if !t.entered[i] {
            out.push(warn(
                "zone-never-entered",
                &z.id,
                format!("zones[{i}]"),
                format!(
                    "no unit ever stood in zone `{}` {of}: if it only links others, say so in \
                     its `note`; otherwise give some side a reason or a way to go there",
                    z.id
                ),
            ));
        }
    }
    (summary, out)
}
