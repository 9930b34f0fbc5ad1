//! Why a batch's games ended as they did, tallied game by game for the text summary and the HTML
//! report alike: every ending the scenario defines (won on points, drawn on points, each sudden
//! death with who it names), counted even when no game reached it; per side, each objective's
//! success rate and the score margin; the final controller of each zone.
//!
//! Objectives and margins are counted over the games that ended on points, because only there
//! does the scoring count them: an objective's rate is the share of those games in which it held
//! at the end, a side's margin its points minus the best other side's (positive: ahead), and the
//! winner's margin how far ahead the winner was. Control is counted over every finished game,
//! whatever its ending: who held each zone when the game stopped.

use super::outline::{Ending, Outline};
use std::collections::BTreeMap;

/// One finished game, as the tally reads it.
#[derive(Debug, Clone, Copy)]
pub struct Game<'a> {
    /// `points`, `sudden_death` or `unfinished`.
    pub outcome: &'a str,
    /// The sudden death's id (empty when none).
    pub sudden_death: &'a str,
    /// The winner, as an index into the sides.
    pub winner: Option<usize>,
    /// Each side's points at the end.
    pub points: &'a [i64],
    /// Each zone's controller at the end, as an index into the sides.
    pub control: &'a [Option<usize>],
    /// Each objective held at the end, in outline order (empty in a batch from before).
    pub met: &'a [bool],
}

/// The tallies of one sweep point.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Why {
    /// Finished games (not failed).
    pub finished: u64,
    /// Each ending and its games: those the scenario defines first, in order, then any other seen.
    pub endings: Vec<(Ending, u64)>,
    /// Wins on points per side.
    pub won_on_points: Vec<u64>,
    /// Games that ended on points (won or drawn).
    pub on_points: u64,
    /// Per objective (outline order), the games on points in which it held at the end.
    pub met: Vec<u64>,
    /// Per side, its points minus the best other side's -> games on points.
    pub margin: Vec<BTreeMap<i64, u64>>,
    /// The winner's lead over the runner-up -> games won on points.
    pub winning_margin: BTreeMap<i64, u64>,
    /// Per zone, games it ended held by each side (side order), then by nobody.
    pub control: Vec<Vec<u64>>,
}

impl Why {
    /// Empty tallies for a scenario of `sides` sides and `zones` zones.
    pub fn new(outline: &Outline, sides: usize, zones: usize) -> Why {
        Why {
            endings: Ending::defined(outline)
                .into_iter()
                .map(|e| (e, 0))
                .collect(),
            won_on_points: vec![0; sides],
            met: vec![0; outline.objectives.len()],
            margin: vec![BTreeMap::new(); sides],
            control: vec![vec![0; sides + 1]; zones],
            ..Why::default()
        }
    }

    /// Counts one finished game.
    pub fn add(&mut self, g: &Game) {
        self.finished += 1;
        let at = self.endings.iter().position(|(e, _)| match e {
            Ending::WonOnPoints => g.outcome == "points" && g.winner.is_some(),
            Ending::DrawOnPoints => g.outcome == "points" && g.winner.is_none(),
            Ending::SuddenDeath(id, _) => g.outcome == "sudden_death" && id == g.sudden_death,
            Ending::Unfinished => g.outcome != "points" && g.outcome != "sudden_death",
        });
        match at {
            Some(i) => self.endings[i].1 += 1,
            None => {
                // An ending the outline does not name (a batch from before it was recorded).
                let e = match g.outcome {
                    "sudden_death" => Ending::SuddenDeath(g.sudden_death.to_string(), None),
                    _ => Ending::Unfinished,
                };
                self.endings.push((e, 1));
            }
        }
        for (z, c) in self.control.iter_mut().zip(g.control) {
            let i = c.map_or(z.len() - 1, |s| s.min(z.len() - 1));
            z[i] += 1;
        }
        if g.outcome != "points" {
            return;
        }
        self.on_points += 1;
        if let Some(w) = g.winner.filter(|w| *w < self.won_on_points.len()) {
            self.won_on_points[w] += 1;
        }
        for (n, m) in self.met.iter_mut().zip(g.met) {
            *n += u64::from(*m);
        }
        for (i, d) in self.margin.iter_mut().enumerate() {
            let Some(own) = g.points.get(i) else { continue };
            let best = g
                .points
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, p)| *p)
                .max()
                .unwrap_or(0);
            let m = own - best;
            *d.entry(m).or_default() += 1;
            if g.winner == Some(i) {
                *self.winning_margin.entry(m).or_default() += 1;
            }
        }
    }

    /// The games of an ending.
    pub fn games(&self, e: &Ending) -> u64 {
        self.endings
            .iter()
            .find(|(x, _)| x == e)
            .map_or(0, |(_, n)| *n)
    }

    /// Games with no winner in which every side lost: sudden deaths that name no winner.
    pub fn all_lost(&self) -> u64 {
        self.endings
            .iter()
            .filter(|(e, _)| matches!(e, Ending::SuddenDeath(_, None)))
            .map(|(_, n)| n)
            .sum()
    }
}

/// The share of `k` in `n`, as `12.5%`.
pub fn pct(k: u64, n: u64) -> String {
    format!("{:.1}%", 100.0 * k as f64 / n.max(1) as f64)
}

/// A margin's shares: (ahead, level, behind) games.
pub fn sides_of(d: &BTreeMap<i64, u64>) -> (u64, u64, u64) {
    let mut s = (0, 0, 0);
    for (m, n) in d {
        match m.signum() {
            1 => s.0 += n,
            0 => s.1 += n,
            _ => s.2 += n,
        }
    }
    s
}

/// The mean and standard deviation of a distribution.
pub fn mean_sd(d: &BTreeMap<i64, u64>) -> (f64, f64) {
    let n: u64 = d.values().sum();
    if n == 0 {
        return (0.0, 0.0);
    }
    let mean = d.iter().map(|(v, k)| *v as f64 * *k as f64).sum::<f64>() / n as f64;
    let var = d
        .iter()
        .map(|(v, k)| (*v as f64 - mean).powi(2) * *k as f64)
        .sum::<f64>()
        / n as f64;
    (mean, var.sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::outline::SuddenDeath;

    fn outline() -> Outline {
        Outline {
            objectives: Vec::new(),
            sudden_deaths: vec![
                SuddenDeath {
                    id: "war".into(),
                    winner: None,
                },
                SuddenDeath {
                    id: "coup".into(),
                    winner: Some("red".into()),
                },
            ],
        }
    }

    #[test]
    fn draws_all_lose_wars_and_named_wins_are_apart_and_every_ending_is_listed() {
        let mut w = Why::new(&outline(), 2, 1);
        let game = |outcome, sd, winner, points: &'static [i64]| Game {
            outcome,
            sudden_death: sd,
            winner,
            points,
            control: &[None],
            met: &[],
        };
        w.add(&game("points", "", Some(0), &[5, 3]));
        w.add(&game("points", "", None, &[4, 4]));
        w.add(&game("sudden_death", "war", None, &[1, 1]));
        w.add(&game("sudden_death", "war", None, &[0, 2]));
        assert_eq!(w.games(&Ending::WonOnPoints), 1);
        assert_eq!(w.games(&Ending::DrawOnPoints), 1);
        assert_eq!(w.all_lost(), 2);
        assert_eq!(
            w.games(&Ending::SuddenDeath("coup".into(), Some("red".into()))),
            0
        );
        assert_eq!(w.endings.len(), 4, "every defined ending, reached or not");
        assert_eq!(w.on_points, 2);
        // Margins only over games on points: blue +2 and 0, red -2 and 0.
        assert_eq!(w.margin[0], [(0, 1), (2, 1)].into_iter().collect());
        assert_eq!(w.margin[1], [(-2, 1), (0, 1)].into_iter().collect());
        assert_eq!(w.winning_margin, [(2, 1)].into_iter().collect());
        assert_eq!(w.control[0], vec![0, 0, 4], "nobody held it");
        assert_eq!(sides_of(&w.margin[0]), (1, 1, 0));
    }
}
