//! The end-of-batch summary, per sweep point: games and failures, each side's win rate with a 95%
//! Wilson score interval, draws on points and sudden deaths in which every side lost (each with
//! its interval), turns played (mean and standard deviation), every ending the scenario defines
//! (even at 0%), and why ([`super::why`]): per side the score margin and each objective's success
//! rate over the games that ended on points, the final controller of each zone, and the final
//! value of the escalation track (mean and distribution). Accumulated in run order, so the same
//! rows always give the same text.

use super::outline::{Ending, Outline};
use super::plan::Plan;
use super::row::Row;
use super::why::{Game, Why, mean_sd, pct, sides_of};
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
    /// Sum of turns played.
    pub turns: u64,
    /// Sum of squared turns.
    pub turns_sq: u64,
    /// How the finished games ended, and why.
    pub why: Why,
    /// Final escalation track value -> games.
    pub tension: BTreeMap<i32, u64>,
}

/// The summary of a batch (or one shard of it).
#[derive(Debug, Clone)]
pub struct Summary {
    sides: Vec<String>,
    zones: Vec<String>,
    outline: Outline,
    sweeps: Vec<String>,
    labels: Vec<String>,
    track: Option<(usize, String)>,
    /// One tally per sweep point.
    pub tallies: Vec<Tally>,
    /// A row's points and controllers, kept between rows (no allocation per game).
    scratch: (Vec<i64>, Vec<Option<usize>>),
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
            zones: plan.zones.clone(),
            outline: plan.outline.clone(),
            sweeps: plan.sweeps.iter().map(|s| s.path.clone()).collect(),
            labels: plan.points.iter().map(|p| p.values.join(", ")).collect(),
            track,
            scratch: (Vec::new(), Vec::new()),
            tallies: vec![
                Tally {
                    wins: vec![0; plan.sides.len()],
                    why: Why::new(&plan.outline, plan.sides.len(), plan.zones.len()),
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
        let side = |id: &str| self.sides.iter().position(|s| s == id);
        let winner = side(&p.winner);
        if let Some(i) = winner {
            t.wins[i] += 1;
        }
        t.turns += u64::from(p.turns);
        t.turns_sq += u64::from(p.turns) * u64::from(p.turns);
        let (points, control) = &mut self.scratch;
        points.clear();
        points.extend(p.points.iter().map(|&x| i64::from(x)));
        control.clear();
        control.extend(p.control.iter().map(|c| side(c)));
        t.why.add(&Game {
            outcome: &p.outcome,
            sudden_death: &p.sudden_death,
            winner,
            points,
            control,
            met: &p.objectives,
        });
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
        let pct_f = |k: u64| 100.0 * k as f64 / n as f64;
        for (side, &k) in self.sides.iter().zip(&t.wins) {
            let (lo, hi) = wilson(k, n);
            let _ = writeln!(
                s,
                "  {side:<12} wins {k:>7} ({:5.1}%, 95% CI {:5.1}%-{:5.1}%)",
                pct_f(k),
                100.0 * lo,
                100.0 * hi
            );
        }
        let w = &t.why;
        let draws = w.games(&Ending::DrawOnPoints);
        let unfinished = w.games(&Ending::Unfinished);
        let apart = [
            ("draw on points", draws),
            ("every side lost", w.all_lost()),
            ("unfinished", unfinished),
        ];
        for (what, k) in apart {
            if what == "unfinished" && k == 0 {
                continue;
            }
            let (lo, hi) = wilson(k, n);
            let _ = writeln!(
                s,
                "  {what:<17} {k:>7} ({:5.1}%, 95% CI {:5.1}%-{:5.1}%)",
                pct_f(k),
                100.0 * lo,
                100.0 * hi
            );
        }
        let mean = t.turns as f64 / n as f64;
        let var = (t.turns_sq as f64 / n as f64 - mean * mean).max(0.0);
        let _ = writeln!(s, "  turns: mean {mean:.2}, sd {:.2}", var.sqrt());
        self.render_why(s, w);
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

impl Summary {
    /// Why the games ended as they did: every ending, the margins, the objectives, the zones.
    fn render_why(&self, s: &mut String, w: &Why) {
        let n = w.finished;
        let _ = writeln!(s, "  endings (each the scenario defines, reached or not):");
        for (e, k) in &w.endings {
            let means = match e {
                Ending::WonOnPoints => {
                    let by: Vec<String> = self
                        .sides
                        .iter()
                        .zip(&w.won_on_points)
                        .map(|(side, k)| format!("{side} {k}"))
                        .collect();
                    by.join(", ")
                }
                Ending::DrawOnPoints => "sides tied for first".into(),
                other => other.means(),
            };
            let _ = writeln!(s, "    {} {k} ({}): {means}", e.label(), pct(*k, n));
        }
        let on = w.on_points;
        if on == 0 {
            let _ = writeln!(
                s,
                "  no game ended on points: no score margin, and no objective was scored"
            );
        } else {
            let width = self
                .sides
                .iter()
                .map(String::len)
                .max()
                .unwrap_or(0)
                .max(12);
            let _ = writeln!(
                s,
                "  score margin, own points minus the best other side's ({on} game(s) on points):"
            );
            for (side, d) in self.sides.iter().zip(&w.margin) {
                let (mean, sd) = mean_sd(d);
                let lo = d.keys().next().copied().unwrap_or(0);
                let hi = d.keys().next_back().copied().unwrap_or(0);
                let (ahead, level, behind) = sides_of(d);
                let _ = writeln!(
                    s,
                    "    {side:<width$} mean {mean:+.2}, sd {sd:.2}, {lo:+} to {hi:+}; ahead {}, level {}, behind {}",
                    pct(ahead, on),
                    pct(level, on),
                    pct(behind, on)
                );
            }
            let won: u64 = w.winning_margin.values().sum();
            if won > 0 {
                let (mean, _) = mean_sd(&w.winning_margin);
                let dist: Vec<String> = w
                    .winning_margin
                    .iter()
                    .map(|(m, k)| format!("{m}:{k}"))
                    .collect();
                let _ = writeln!(
                    s,
                    "    {:<width$} mean {mean:+.2}; lead:games {}",
                    "the winner",
                    dist.join(" ")
                );
            }
            if !self.outline.objectives.is_empty() {
                let _ = writeln!(s, "  objectives met at the end ({on} game(s) on points):");
                let width = self
                    .outline
                    .objectives
                    .iter()
                    .map(|o| o.subject().len())
                    .max()
                    .unwrap_or(0)
                    .max(12);
                for (o, k) in self.outline.objectives.iter().zip(&w.met) {
                    let _ = writeln!(
                        s,
                        "    {:<width$} {:>6} ({k}) {}",
                        o.subject(),
                        pct(*k, on),
                        o.name
                    );
                }
            }
        }
        if !self.zones.is_empty() {
            let _ = writeln!(s, "  final control of each zone ({n} game(s)):");
            let width = self.zones.iter().map(String::len).max().unwrap_or(0);
            for (z, counts) in self.zones.iter().zip(&w.control) {
                let by: Vec<String> = self
                    .sides
                    .iter()
                    .map(String::as_str)
                    .chain(["nobody"])
                    .zip(counts)
                    .map(|(side, k)| format!("{side} {}", pct(*k, n)))
                    .collect();
                let _ = writeln!(s, "    {z:<width$}  {}", by.join(", "));
            }
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
