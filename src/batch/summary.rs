//! The end-of-batch summary, per sweep point: games and failures, each side's win rate with a 95%
//! Wilson score interval, draws (no winner), turns played (mean and standard deviation), how games
//! ended (points or each sudden death), and the final value of the escalation track (mean and
//! distribution). Accumulated in run order, so the same rows always give the same text.

use super::plan::Plan;
use super::row::Row;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The 95% Wilson score interval of `k` successes in `n` trials, as (low, high) fractions.
pub fn wilson(k: u64, n: u64) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let z = 1.959_963_984_540_054_f64;
    let (k, n) = (k as f64, n as f64);
    let p = k / n;
    let den = 1.0 + z * z / n;
    let centre = (p + z * z / (2.0 * n)) / den;
    let half = z * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt() / den;
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// Tallies of one sweep point.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    /// Games played (including failed ones).
    pub games: u64,
    /// Games that failed.
    pub failed: u64,
    /// Wins per side, in side order.
    pub wins: Vec<u64>,
    /// Games without a winner (a draw, sudden death for all, an unfinished or failed game).
    pub no_winner: u64,
    /// Sum of turns played.
    pub turns: u64,
    /// Sum of squared turns.
    pub turns_sq: u64,
    /// Endings: `points`, `sudden_death:<id>`, `unfinished`.
    pub endings: BTreeMap<String, u64>,
    /// Final escalation track value -> games.
    pub tension: BTreeMap<i32, u64>,
}

/// The summary of a batch (or one shard of it).
#[derive(Debug, Clone)]
pub struct Summary {
    sides: Vec<String>,
    sweeps: Vec<String>,
    labels: Vec<String>,
    track: Option<(usize, String)>,
    /// One tally per sweep point.
    pub tallies: Vec<Tally>,
}

impl Summary {
    /// An empty summary for a plan.
    pub fn new(plan: &Plan) -> Summary {
        let base = &plan.points[0].compiled;
        let track = base
            .escalation
            .as_ref()
            .map(|e| (e.track.index(), base.tracks[e.track.index()].id.clone()));
        Summary {
            sides: plan.sides.clone(),
            sweeps: plan.sweeps.iter().map(|s| s.path.clone()).collect(),
            labels: plan.points.iter().map(|p| p.values.join(", ")).collect(),
            track,
            tallies: vec![
                Tally {
                    wins: vec![0; plan.sides.len()],
                    ..Tally::default()
                };
                plan.points.len()
            ],
        }
    }

    /// Counts one row.
    pub fn add(&mut self, row: &Row) {
        let t = &mut self.tallies[row.point];
        t.games += 1;
        let Ok(p) = &row.result else {
            t.failed += 1;
            return;
        };
        match self.sides.iter().position(|s| *s == p.winner) {
            Some(i) => t.wins[i] += 1,
            None => t.no_winner += 1,
        }
        t.turns += u64::from(p.turns);
        t.turns_sq += u64::from(p.turns) * u64::from(p.turns);
        let ending = match p.outcome.as_str() {
            "sudden_death" => format!("sudden death ({})", p.sudden_death),
            o => o.to_string(),
        };
        *t.endings.entry(ending).or_default() += 1;
        if let Some(v) = self.track.as_ref().and_then(|(i, _)| p.tracks.get(*i)) {
            *t.tension.entry(*v).or_default() += 1;
        }
    }

    /// The summary as text for the terminal.
    pub fn render(&self) -> String {
        let mut s = String::new();
        for (i, t) in self.tallies.iter().enumerate() {
            if t.games == 0 {
                continue;
            }
            if !self.sweeps.is_empty() {
                let _ = writeln!(s, "== {} = {} ==", self.sweeps.join(", "), self.labels[i]);
            }
            self.render_tally(&mut s, t);
        }
        s
    }

    fn render_tally(&self, s: &mut String, t: &Tally) {
        let n = t.games - t.failed;
        let _ = write!(s, "games: {}", t.games);
        if t.failed > 0 {
            let _ = write!(s, " ({} failed, see the `error` column)", t.failed);
        }
        let _ = writeln!(s);
        if n == 0 {
            return;
        }
        let pct = |k: u64| 100.0 * k as f64 / n as f64;
        for (side, &k) in self.sides.iter().zip(&t.wins) {
            let (lo, hi) = wilson(k, n);
            let _ = writeln!(
                s,
                "  {side:<12} wins {k:>7} ({:5.1}%, 95% CI {:5.1}%-{:5.1}%)",
                pct(k),
                100.0 * lo,
                100.0 * hi
            );
        }
        let (lo, hi) = wilson(t.no_winner, n);
        let _ = writeln!(
            s,
            "  {:<12}      {:>7} ({:5.1}%, 95% CI {:5.1}%-{:5.1}%)",
            "no winner",
            t.no_winner,
            pct(t.no_winner),
            100.0 * lo,
            100.0 * hi
        );
        let mean = t.turns as f64 / n as f64;
        let var = (t.turns_sq as f64 / n as f64 - mean * mean).max(0.0);
        let _ = writeln!(s, "  turns: mean {mean:.2}, sd {:.2}", var.sqrt());
        let endings: Vec<String> = t
            .endings
            .iter()
            .map(|(k, v)| format!("{k} {v} ({:.1}%)", pct(*v)))
            .collect();
        let _ = writeln!(s, "  endings: {}", endings.join(", "));
        if let Some((_, name)) = &self.track {
            let total: i64 = t
                .tension
                .iter()
                .map(|(v, c)| i64::from(*v) * *c as i64)
                .sum();
            let dist: Vec<String> = t.tension.iter().map(|(v, c)| format!("{v}:{c}")).collect();
            let _ = writeln!(
                s,
                "  final {name}: mean {:.2}; value:games {}",
                total as f64 / n as f64,
                dist.join(" ")
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::wilson;

    #[test]
    fn wilson_matches_known_values() {
        // 50 of 100: 40.4% to 59.6%.
        let (lo, hi) = wilson(50, 100);
        assert!(
            (lo - 0.4038).abs() < 1e-3 && (hi - 0.5962).abs() < 1e-3,
            "{lo} {hi}"
        );
        let (lo, hi) = wilson(0, 10);
        assert!(lo == 0.0 && (hi - 0.2775).abs() < 1e-3, "{lo} {hi}");
        assert_eq!(wilson(0, 0), (0.0, 1.0));
    }
}
