//! Reading forks against the game that was played: where the actual outcome stands among them
//! ([`Standing`], with the [`Rank`] of each side's points) and the account of it in words
//! ([`render`]) that the `fork` command prints.

use super::Fork;
use crate::batch::row::Played;
use crate::batch::summary::wilson;
use crate::model::Compiled;

/// How many forks came out below, equal to and above the actual value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rank {
    /// Forks with a lower value.
    pub below: u64,
    /// Forks with the same value.
    pub equal: u64,
    /// Forks with a higher value.
    pub above: u64,
}

impl Rank {
    fn of(actual: i64, values: impl Iterator<Item = i64>) -> Rank {
        let mut r = Rank::default();
        for v in values {
            match v.cmp(&actual) {
                std::cmp::Ordering::Less => r.below += 1,
                std::cmp::Ordering::Equal => r.equal += 1,
                std::cmp::Ordering::Greater => r.above += 1,
            }
        }
        r
    }

    /// The mid-rank percentile of the actual value among the forks, 0..=100.
    pub fn percentile(&self) -> f64 {
        let n = self.below + self.equal + self.above;
        if n == 0 {
            return 50.0;
        }
        100.0 * (self.below as f64 + self.equal as f64 / 2.0) / n as f64
    }
}

/// Where the actual result falls among the forks.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    /// Forks with the actual winner (or, if nobody won, with no winner).
    pub same_winner: u64,
    /// Forks in all.
    pub runs: u64,
    /// 95% Wilson interval of the share of forks with the actual winner.
    pub same_winner_ci: (f64, f64),
    /// Forks with the actual ending (points, or the same sudden death).
    pub same_ending: u64,
    /// Per track, the actual final value's rank.
    pub tracks: Vec<Rank>,
    /// Per side, the actual steps lost's rank.
    pub lost: Vec<Rank>,
}

impl Fork {
    /// Where `actual` falls among the forks.
    pub fn standing(&self, actual: &Played) -> Standing {
        let n = self.runs.len() as u64;
        let same_winner = self
            .runs
            .iter()
            .filter(|p| p.winner == actual.winner)
            .count() as u64;
        let same_ending = self
            .runs
            .iter()
            .filter(|p| (&p.outcome, &p.sudden_death) == (&actual.outcome, &actual.sudden_death))
            .count() as u64;
        let tracks = (0..actual.tracks.len())
            .map(|i| {
                let vals = self.runs.iter().map(move |p| i64::from(p.tracks[i]));
                Rank::of(i64::from(actual.tracks[i]), vals)
            })
            .collect();
        let lost = (0..actual.lost.len())
            .map(|i| {
                let vals = self.runs.iter().map(move |p| i64::from(p.lost[i]));
                Rank::of(i64::from(actual.lost[i]), vals)
            })
            .collect();
        Standing {
            same_winner,
            runs: n,
            same_winner_ci: wilson(same_winner, n),
            same_ending,
            tracks,
            lost,
        }
    }

    /// Forks won by each side, in side order, then those with no winner.
    pub fn winners(&self, c: &Compiled) -> Vec<(String, u64)> {
        let mut out: Vec<(String, u64)> = c
            .scenario
            .sides
            .iter()
            .map(|s| {
                (
                    s.id.clone(),
                    self.runs.iter().filter(|p| p.winner == s.id).count() as u64,
                )
            })
            .collect();
        let none = self.runs.iter().filter(|p| p.winner.is_empty()).count() as u64;
        out.push((String::new(), none));
        out
    }
}

/// The forks and the actual result as text for the hotwash.
pub fn render(c: &Compiled, f: &Fork, actual: Option<&Played>) -> String {
    use std::fmt::Write;
    let n = f.runs.len() as u64;
    let mut s = format!(
        "{} forks from turn {} (state hash {}):\n",
        n, f.from_turn, f.hash_at_fork
    );
    for (side, k) in f.winners(c) {
        let (lo, hi) = wilson(k, n);
        let name = if side.is_empty() {
            "no winner"
        } else {
            side.as_str()
        };
        let _ = writeln!(
            s,
            "  {name:<12} {k:>6} ({:5.1}%, 95% CI {:5.1}%-{:5.1}%)",
            100.0 * k as f64 / n.max(1) as f64,
            100.0 * lo,
            100.0 * hi
        );
    }
    for (k, seed, why) in &f.failed {
        let _ = writeln!(
            s,
            "  fork {k} (seed {seed}) failed inside the engine and is left out: {why}"
        );
    }
    let Some(a) = actual else {
        let _ = writeln!(s, "the game has not ended: no actual outcome to compare");
        return s;
    };
    let st = f.standing(a);
    let who = if a.winner.is_empty() {
        "no winner"
    } else {
        a.winner.as_str()
    };
    let _ = writeln!(
        s,
        "actual: {who} ({}{}); {} of {} forks ({:.1}%, 95% CI {:.1}%-{:.1}%) had the same winner, {} the same ending",
        a.outcome,
        if a.sudden_death.is_empty() {
            String::new()
        } else {
            format!(": {}", a.sudden_death)
        },
        st.same_winner,
        st.runs,
        100.0 * st.same_winner as f64 / st.runs.max(1) as f64,
        100.0 * st.same_winner_ci.0,
        100.0 * st.same_winner_ci.1,
        st.same_ending
    );
    for (t, r) in c.tracks.iter().zip(&st.tracks) {
        let _ = writeln!(
            s,
            "  final {}: actual at the {} percentile of the forks",
            t.id,
            ordinal(r.percentile())
        );
    }
    for (side, r) in c.scenario.sides.iter().zip(&st.lost) {
        let _ = writeln!(
            s,
            "  steps lost by {}: actual at the {} percentile",
            side.id,
            ordinal(r.percentile())
        );
    }
    s
}

/// A percentile rounded and written as an English ordinal: `1st`, `33rd`, `50th`, `100th`.
fn ordinal(p: f64) -> String {
    let n = p.round().clamp(0.0, 100.0) as u32;
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::ordinal;

    #[test]
    fn percentiles_read_as_ordinals() {
        let got: Vec<String> = [
            0.0, 1.0, 2.4, 3.0, 11.0, 12.0, 13.2, 21.0, 33.3, 50.0, 100.0,
        ]
        .iter()
        .map(|&p| ordinal(p))
        .collect();
        assert_eq!(
            got,
            [
                "0th", "1st", "2nd", "3rd", "11th", "12th", "13th", "21st", "33rd", "50th", "100th"
            ]
        );
    }
}
