//! Fork results on disk and in the report. `whitecell fork ... --out FILE.json` keeps its forks
//! in a file ([`write`]): the game, the turn forked from, the state hash there, the bots, the
//! master seed and one row per fork. The report reads it back ([`read`]), checks it belongs to
//! this game's line of play as it stands (a rollback since makes it stale), and shows the forks'
//! winners and final tracks with the actual outcome marked ([`view`], [`section`]).

use super::bars::{Bar, Group, HistStyle, bars, histogram};
use super::markup::esc;
use super::model::{ForkView, Hotwash, TrackInfo, TrackSpread};
use crate::batch::fork::{Fork, Recorded, replay};
use crate::batch::row::Played;
use crate::model::Compiled;
use serde::{Deserialize, Serialize};
use std::fmt::Write;
use std::path::Path;
use std::sync::Arc;

/// The `format` of a fork results file.
pub const FORMAT: &str = "whitecell fork results 1";

/// A fork results file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForkFile {
    /// [`FORMAT`].
    pub format: String,
    /// The game id.
    pub game: String,
    /// The turn forked from (0: the start).
    pub from_turn: u32,
    /// The state hash at the end of that turn.
    pub hash_at_fork: String,
    /// The master seed of the forks' dice.
    pub master_seed: u64,
    /// The bots, `side=policy`.
    pub policies: Vec<String>,
    /// The side ids, in the order of each row's `lost`.
    pub sides: Vec<String>,
    /// The track ids, in the order of each row's `tracks`.
    pub tracks: Vec<String>,
    /// One row per fork that played to the end, in order.
    pub runs: Vec<ForkRow>,
    /// The forks that failed inside the engine, left out of the rows.
    #[serde(default)]
    pub failed: Vec<ForkFailure>,
}

/// A fork that failed inside the engine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForkFailure {
    /// Its index.
    pub fork: u64,
    /// Its dice's seed.
    pub seed: u64,
    /// What went wrong.
    pub error: String,
}

/// One fork's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForkRow {
    /// Its index.
    pub fork: u64,
    /// Its dice's seed.
    pub seed: u64,
    /// `points`, `sudden_death` or `unfinished`.
    pub outcome: String,
    /// The sudden death's id, or empty.
    pub sudden_death: String,
    /// The winner's id, or empty.
    pub winner: String,
    /// Turns played.
    pub turns: u32,
    /// Final track values.
    pub tracks: Vec<i32>,
    /// Steps lost per side.
    pub lost: Vec<u32>,
    /// Engagements fought.
    pub engagements: u32,
    /// The final state hash.
    pub state_hash: String,
}

/// Writes `f`, the forks of game `game`, to `path` (atomically).
pub fn write(
    path: &Path,
    game: &str,
    c: &Compiled,
    f: &Fork,
    policies: &[String],
    master_seed: u64,
) -> std::io::Result<()> {
    let file = ForkFile {
        format: FORMAT.into(),
        game: game.into(),
        from_turn: f.from_turn,
        hash_at_fork: f.hash_at_fork.clone(),
        master_seed,
        policies: policies.to_vec(),
        sides: c.scenario.sides.iter().map(|s| s.id.clone()).collect(),
        tracks: c.tracks.iter().map(|t| t.id.clone()).collect(),
        runs: played(f)
            .map(|(k, seed, p)| ForkRow {
                fork: k,
                seed,
                outcome: p.outcome.clone(),
                sudden_death: p.sudden_death.clone(),
                winner: p.winner.clone(),
                turns: p.turns,
                tracks: p.tracks.clone(),
                lost: p.lost.clone(),
                engagements: p.engagements,
                state_hash: p.hash.clone(),
            })
            .collect(),
        failed: f
            .failed
            .iter()
            .map(|(fork, seed, error)| ForkFailure {
                fork: *fork,
                seed: *seed,
                error: error.clone(),
            })
            .collect(),
    };
    let text = serde_json::to_string(&file).map_err(std::io::Error::other)?;
    crate::disk::atomic::write(path, format!("{text}\n").as_bytes())
}

/// Each fork that played to the end with its index and seed (`f.runs` leaves out the failed
/// ones, `f.seeds` does not).
fn played(f: &Fork) -> impl Iterator<Item = (u64, u64, &Played)> {
    let ok = (0..f.seeds.len() as u64).filter(|k| !f.failed.iter().any(|x| x.0 == *k));
    ok.zip(&f.runs).map(|(k, p)| (k, f.seeds[k as usize], p))
}

/// Reads a fork results file, or says what is wrong with it.
pub fn read(path: &Path) -> Result<ForkFile, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("error: cannot read fork results {}: {e}", path.display()))?;
    let f: ForkFile = serde_json::from_str(&text).map_err(|e| {
        format!(
            "error: {}:{}:{}: not a whitecell fork results file ({e}); `whitecell fork GAME_DIR --from-turn N --runs K --out FILE.json` writes one",
            path.display(),
            e.line(),
            e.column()
        )
    })?;
    if f.format != FORMAT {
        return Err(format!(
            "error: {}: format `{}`, expected `{FORMAT}`: made by another whitecell?",
            path.display(),
            f.format
        ));
    }
    Ok(f)
}

/// The forks of `file` as `h`'s reader may see them: checked against the game (`c`, `game` as
/// recorded, `actual` its outcome) and its line of play now.
pub fn view(
    path: &Path,
    file: &ForkFile,
    h: &Hotwash,
    c: &Arc<Compiled>,
    game: &Recorded,
    actual: Option<&Played>,
) -> Result<ForkView, String> {
    let p = path.display();
    if file.game != h.game {
        return Err(format!(
            "error: {p} holds forks of game `{}`, not of this game (`{}`)",
            file.game, h.game
        ));
    }
    let sides: Vec<String> = c.scenario.sides.iter().map(|s| s.id.clone()).collect();
    let tracks: Vec<String> = c.tracks.iter().map(|t| t.id.clone()).collect();
    let bad_row = file
        .runs
        .iter()
        .find(|r| r.tracks.len() != tracks.len() || r.lost.len() != sides.len());
    if file.sides != sides || file.tracks != tracks || bad_row.is_some() {
        return Err(format!(
            "error: {p}: its sides or tracks are not this game's: the file was edited or is of another scenario"
        ));
    }
    if file.runs.is_empty() {
        return Err(format!("error: {p} holds no forks"));
    }
    let now = replay(c, game, file.from_turn)
        .map_err(|m| format!("error: {p}: {m}"))?
        .state_hash();
    if now != file.hash_at_fork {
        return Err(format!(
            "error: {p} forked the game at turn {} from state {}, but the game now stands at {now} there (rolled back since?): run `whitecell fork` again",
            file.from_turn, file.hash_at_fork
        ));
    }
    let f = Fork {
        from_turn: file.from_turn,
        hash_at_fork: file.hash_at_fork.clone(),
        seeds: {
            let mut all: Vec<(u64, u64)> = file.runs.iter().map(|r| (r.fork, r.seed)).collect();
            all.extend(file.failed.iter().map(|x| (x.fork, x.seed)));
            all.sort_unstable();
            all.into_iter().map(|x| x.1).collect()
        },
        runs: file
            .runs
            .iter()
            .map(|r| Played {
                outcome: r.outcome.clone(),
                sudden_death: r.sudden_death.clone(),
                winner: r.winner.clone(),
                turns: r.turns,
                tracks: r.tracks.clone(),
                points: Vec::new(),
                lost: r.lost.clone(),
                control: Vec::new(),
                objectives: Vec::new(),
                engagements: r.engagements,
                hash: r.state_hash.clone(),
            })
            .collect(),
        failed: file
            .failed
            .iter()
            .map(|x| (x.fork, x.seed, x.error.clone()))
            .collect(),
    };
    let standing = actual.map(|a| f.standing(a));
    let winners = f
        .winners(c)
        .into_iter()
        .map(|(s, k)| (c.side(&s).map(|x| x.index()), k))
        .collect();
    let spread = |(i, t): (usize, &TrackInfo)| -> Option<TrackSpread> {
        let at = tracks.iter().position(|x| *x == t.id)?;
        let mut counts: std::collections::BTreeMap<i32, u64> = Default::default();
        for r in &f.runs {
            *counts.entry(r.tracks[at]).or_default() += 1;
        }
        Some(TrackSpread {
            track: i,
            counts: counts.into_iter().collect(),
            actual: actual
                .zip(standing.as_ref())
                .map(|(a, st)| (a.tracks[at], st.tracks[at].percentile())),
        })
    };
    Ok(ForkView {
        from_turn: file.from_turn,
        runs: file.runs.len() as u64,
        failed: file.failed.len() as u64,
        policies: file.policies.clone(),
        master_seed: file.master_seed,
        winners,
        actual: actual.map(|a| c.side(&a.winner).map(|s| s.index())),
        same_winner: standing.as_ref().map(|s| (s.same_winner, s.same_winner_ci)),
        tracks: h.tracks.iter().enumerate().filter_map(spread).collect(),
    })
}

/// The report's section on one set of forks.
pub fn section(h: &Hotwash, f: &ForkView) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<section class="block forks" id="forks-{}"><h2>Forks from the end of turn {}</h2><p>The rest of the game played {} times from the end of turn {} with bots ({}) and other dice (master seed {}): how much of the outcome did the position hold, and how much came from what happened after it? The bots stand in for the teams.{}</p><div class="chartgrid"><figure><figcaption>Who won the forks</figcaption>"#,
        f.from_turn,
        f.from_turn,
        f.runs,
        f.from_turn,
        esc(&f.policies.join(", ")),
        f.master_seed,
        if f.failed > 0 {
            format!(
                " {} fork(s) failed inside the engine and are left out.",
                f.failed
            )
        } else {
            String::new()
        }
    );
    let n = f.runs.max(1);
    let group = Group {
        label: format!("{} forks", f.runs),
        bars: f
            .winners
            .iter()
            .map(|(side, k)| {
                let (name, colour, class) = match side {
                    Some(i) => (h.sides[*i].name.clone(), h.sides[*i].colour.clone(), "side"),
                    None => ("no winner".to_string(), "#9aa3af".to_string(), "nowinner"),
                };
                Bar {
                    name,
                    class: class.into(),
                    colour,
                    value: *k as f64 / n as f64,
                    ci: Some(crate::batch::summary::wilson(*k, n)),
                    marked: f.actual == Some(*side),
                }
            })
            .collect(),
    };
    s.push_str(&bars("who won the forks", &[group], true));
    let mut key = String::new();
    for (side, _) in &f.winners {
        let (name, colour) = match side {
            Some(i) => (h.sides[*i].name.as_str(), h.sides[*i].colour.as_str()),
            None => ("no winner", "#9aa3af"),
        };
        let _ = write!(
            key,
            r#"<span><span class="sw" style="background:{}"></span>{}</span>"#,
            esc(colour),
            esc(name)
        );
    }
    let _ = write!(s, r#"<div class="legend">{key}</div>"#);
    match (&f.actual, &f.same_winner) {
        (Some(a), Some((k, (lo, hi)))) => {
            let who = a.map_or("no winner".to_string(), |i| h.sides[i].name.clone());
            let _ = write!(
                s,
                r#"<p class="note">Actual: <strong>{}</strong>. {k} of {} forks ({:.1}%, 95% interval {:.1}%–{:.1}%) had the same winner.</p>"#,
                esc(&who),
                f.runs,
                100.0 * *k as f64 / n as f64,
                100.0 * lo,
                100.0 * hi
            );
        }
        _ => s.push_str(
            r#"<p class="note">The game has not ended: no actual outcome to compare.</p>"#,
        ),
    }
    s.push_str("</figure>");
    for t in &f.tracks {
        let info = &h.tracks[t.track];
        let counts: Vec<(i64, u64)> = t.counts.iter().map(|(v, k)| (i64::from(*v), *k)).collect();
        let _ = write!(
            s,
            r#"<figure><figcaption>Final {} in the forks</figcaption>{}"#,
            esc(&info.name),
            histogram(
                &format!("final {} in the forks", info.name),
                &counts,
                &HistStyle {
                    colour: "#1f4e8c",
                    marked: t.actual.map(|a| i64::from(a.0)),
                    small: false,
                    range: None,
                }
            )
        );
        if let Some((v, pct)) = t.actual {
            let _ = write!(
                s,
                r#"<p class="note">Actual final {}: {v}, at percentile {:.0} of the forks (50: in the middle).</p>"#,
                esc(&info.name),
                pct
            );
        }
        s.push_str("</figure>");
    }
    s.push_str("</div></section>");
    s
}
