//! The batch report as one self-contained page: each side's win rate with its 95% interval per
//! sweep point (a grouped bar chart with error bars, and the numbers), how games ended, the
//! distributions of turns played and of each final track, the steps each side lost, and the
//! manifests' reproducibility record in full. Side names and colours come from the scenario when
//! its file is still where the batch read it and unchanged (same hash); otherwise a plain palette
//! is used, and the page says so.

use super::bars::{Bar, Group, HistStyle, bars, histogram};
use super::batch_read::Batch;
use super::batch_stats::{Point, Stats, mean_sd};
use super::markup::esc;
use super::page::{head, patterns, tail};
use crate::batch::outline::Ending;
use crate::batch::summary::wilson;
use std::fmt::Write;
use std::path::Path;

/// How the page names and colours the sides and tracks.
pub struct Look {
    /// The scenario's title, or its file name.
    pub title: String,
    /// Per side id: (name, colour).
    pub sides: Vec<(String, String, String)>,
    /// Per track id: its name.
    pub tracks: Vec<(String, String)>,
    /// Per zone id: its name.
    pub zones: Vec<(String, String)>,
    /// Why the plain palette is used, if it is.
    pub note: Option<String>,
}

const PALETTE: [&str; 8] = [
    "#2f6fd0", "#c83232", "#2e8b57", "#d08a2f", "#7b4fb0", "#6f6f6f", "#8c6d3f", "#1aa3a3",
];

/// Names and colours from the batch's scenario if it can be found unchanged.
pub fn look(b: &Batch, stats: &Stats) -> Look {
    let m = &b.parts[0].manifest;
    let given = Path::new(&m.scenario);
    let tries = [given.to_path_buf(), b.dir.join(given)];
    let loaded = tries
        .iter()
        .filter(|p| p.is_file())
        .find_map(|p| crate::scenario::load_file(p).ok());
    match loaded {
        Some(l) if l.hash == b.key.scenario_hash => Look {
            title: l.scenario.meta.title.clone(),
            sides: stats
                .sides
                .iter()
                .enumerate()
                .map(|(i, id)| {
                    let s = l.scenario.sides.iter().find(|s| s.id == *id);
                    (
                        id.clone(),
                        s.map_or(id.clone(), |s| s.name.clone()),
                        s.map_or(PALETTE[i % PALETTE.len()].to_string(), |s| s.colour.clone()),
                    )
                })
                .collect(),
            tracks: stats
                .tracks
                .iter()
                .map(|id| {
                    let t = l.scenario.tracks.iter().find(|t| t.id == *id);
                    (id.clone(), t.map_or(id.clone(), |t| t.name.clone()))
                })
                .collect(),
            zones: stats
                .zones
                .iter()
                .map(|id| {
                    let z = l.scenario.zones.iter().find(|z| z.id == *id);
                    (id.clone(), z.map_or(id.clone(), |z| z.name.clone()))
                })
                .collect(),
            note: None,
        },
        other => Look {
            title: m.scenario.clone(),
            sides: stats
                .sides
                .iter()
                .enumerate()
                .map(|(i, id)| {
                    (
                        id.clone(),
                        id.clone(),
                        PALETTE[i % PALETTE.len()].to_string(),
                    )
                })
                .collect(),
            tracks: stats
                .tracks
                .iter()
                .map(|id| (id.clone(), id.clone()))
                .collect(),
            zones: stats
                .zones
                .iter()
                .map(|id| (id.clone(), id.clone()))
                .collect(),
            note: Some(if other.is_some() {
                format!(
                    "The scenario file {} has changed since the batch was played: side colours are a plain palette.",
                    m.scenario
                )
            } else {
                format!(
                    "The scenario file {} was not found: side colours are a plain palette and ids stand for names.",
                    m.scenario
                )
            }),
        },
    }
}

fn pct(k: u64, n: u64) -> String {
    format!("{:.1}%", 100.0 * k as f64 / n.max(1) as f64)
}

/// The whole page.
pub fn page(b: &Batch, s: &Stats, look: &Look) -> String {
    let m = &b.parts[0].manifest;
    let mut out = head(&format!("{} — batch report", look.title), "batch");
    out.push_str(patterns());
    let _ = write!(
        out,
        r#"<header class="top"><div class="kicker">Batch report</div><h1>{}</h1><p class="meta">{} game(s) · {} sweep point(s) × {} run(s) · {} of {} shard(s) · {} parts · whitecell {}</p><button id="large" type="button" aria-pressed="false" title="large type for a projector">Large type</button></header><main>"#,
        esc(&look.title),
        s.rows,
        s.points.len(),
        b.key.runs_per_point,
        b.parts.len(),
        b.key.shard.count,
        b.key.format.ext(),
        esc(&b.key.engine_version)
    );
    if !b.missing.is_empty() {
        let list: Vec<String> = b.missing.iter().map(u32::to_string).collect();
        let _ = write!(
            out,
            r#"<p class="warn">Only {} of {} shards are complete: shard(s) {} are missing, so these figures cover {} of {} games.</p>"#,
            b.parts.len(),
            b.key.shard.count,
            list.join(", "),
            s.rows,
            m.total_runs
        );
    }
    let failed: u64 = s.points.iter().map(|p| p.failed).sum();
    if failed > 0 {
        let _ = write!(
            out,
            r#"<p class="warn">{failed} game(s) failed (see the parts' <code>error</code> column); they are left out of the rates.</p>"#
        );
    }
    if let Some(n) = &look.note {
        let _ = write!(out, r#"<p class="note">{}</p>"#, esc(n));
    }
    wins(&mut out, b, s, look);
    super::batch_why::endings(&mut out, s, look);
    super::batch_why::margins(&mut out, s, look);
    super::batch_why::objectives(&mut out, s, look);
    super::batch_why::control(&mut out, s, look);
    let turns: Vec<&std::collections::BTreeMap<i64, u64>> =
        s.points.iter().map(|p| &p.turns).collect();
    distributions(&mut out, s, "Turns played", &turns, "#1f4e8c");
    for (i, (_, name)) in look.tracks.iter().enumerate() {
        let d: Vec<_> = s.points.iter().map(|p| &p.tracks[i]).collect();
        distributions(&mut out, s, &format!("Final {name}"), &d, "#52206b");
    }
    losses(&mut out, b, s, look);
    super::batch_record::record(&mut out, b, s);
    out.push_str("</main>");
    out.push_str(&tail());
    out
}

/// The sweep paths, named under a chart whose groups are the sweep points.
fn axis(b: &Batch) -> String {
    if b.key.sweeps.is_empty() {
        return String::new();
    }
    let paths: Vec<&str> = b.key.sweeps.iter().map(|s| s.path.as_str()).collect();
    format!(r#"<p class="note">Groups: {}</p>"#, esc(&paths.join(", ")))
}

fn key(look: &Look, no_winner: bool) -> String {
    let mut k = String::from(r#"<div class="legend">"#);
    for (_, name, colour) in &look.sides {
        let _ = write!(
            k,
            r#"<span><span class="sw" style="background:{}"></span>{}</span>"#,
            esc(colour),
            esc(name)
        );
    }
    if no_winner {
        k.push_str(r#"<span><svg viewBox="0 0 20 20" aria-hidden="true"><rect width="20" height="20" fill="url(#hatch)"/></svg>draw on points</span>"#);
        let _ = write!(
            k,
            r#"<span><span class="sw" style="background:{ALL_LOST}"></span>every side lost</span>"#
        );
    }
    k.push_str("</div>");
    k
}

/// The colour of the games in which every side lost.
const ALL_LOST: &str = "#4b5563";

/// The games without a winner, apart: drawn on points (hatched), and sudden deaths in which
/// every side lost: (name, bar class, colour, games).
fn apart(p: &Point) -> [(&'static str, &'static str, &'static str, u64); 2] {
    [
        (
            "draw on points",
            "nowinner",
            "#9aa3af",
            p.why.games(&Ending::DrawOnPoints),
        ),
        ("every side lost", "alllost", ALL_LOST, p.why.all_lost()),
    ]
}

fn wins(out: &mut String, b: &Batch, s: &Stats, look: &Look) {
    let groups: Vec<Group> = s
        .points
        .iter()
        .map(|p| {
            let n = p.ok();
            let mut bars: Vec<Bar> = look
                .sides
                .iter()
                .zip(&p.wins)
                .map(|((_, name, colour), k)| Bar {
                    name: name.clone(),
                    class: "side".into(),
                    colour: colour.clone(),
                    value: *k as f64 / n.max(1) as f64,
                    ci: Some(wilson(*k, n)),
                    marked: false,
                })
                .collect();
            for (name, class, colour, k) in apart(p) {
                bars.push(Bar {
                    name: name.into(),
                    class: class.into(),
                    colour: colour.into(),
                    value: k as f64 / n.max(1) as f64,
                    ci: Some(wilson(k, n)),
                    marked: false,
                });
            }
            Group {
                label: p.short.clone(),
                bars,
            }
        })
        .collect();
    let _ = write!(
        out,
        r#"<section class="block"><h2>Win rate per side and sweep point</h2><figure><figcaption>Share of games won, with 95% Wilson intervals</figcaption>{}{}{}</figure><table class="data"><thead><tr><th>point</th><th>games</th>"#,
        bars("win rate per side and sweep point", &groups, true),
        axis(b),
        key(look, true)
    );
    for (_, name, _) in &look.sides {
        let _ = write!(out, "<th>{}</th>", esc(name));
    }
    out.push_str("<th>draw on points</th><th>every side lost</th></tr></thead><tbody>");
    for p in &s.points {
        let n = p.ok();
        let _ = write!(
            out,
            r#"<tr><td>{}</td><td class="n">{}</td>"#,
            esc(&p.label),
            p.games
        );
        let others: Vec<u64> = apart(p).iter().map(|x| x.3).collect();
        for k in p.wins.iter().chain(&others) {
            let (lo, hi) = wilson(*k, n);
            let _ = write!(
                out,
                r#"<td class="n">{} <small>({:.1}–{:.1})</small></td>"#,
                pct(*k, n),
                lo * 100.0,
                hi * 100.0
            );
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></section>");
}

fn distributions(
    out: &mut String,
    s: &Stats,
    title: &str,
    d: &[&std::collections::BTreeMap<i64, u64>],
    colour: &str,
) {
    let small = s.points.len() > 1;
    let _ = write!(
        out,
        r#"<section class="block"><h2>{}</h2><div class="chartgrid{}">"#,
        esc(title),
        if small { " multiples" } else { "" }
    );
    // One x range for every point, so their shapes compare.
    let lo = d
        .iter()
        .filter_map(|x| x.keys().next())
        .min()
        .copied()
        .unwrap_or(0);
    let hi = d
        .iter()
        .filter_map(|x| x.keys().next_back())
        .max()
        .copied()
        .unwrap_or(0);
    for (p, dist) in s.points.iter().zip(d) {
        let counts: Vec<(i64, u64)> = dist.iter().map(|(v, k)| (*v, *k)).collect();
        let (mean, sd) = mean_sd(dist);
        let style = HistStyle {
            colour,
            marked: None,
            small,
            range: Some((lo, hi)),
        };
        let _ = write!(
            out,
            r#"<figure><figcaption>{}</figcaption>{}<p class="note">mean {mean:.2}, sd {sd:.2}</p></figure>"#,
            esc(&p.label),
            histogram(&format!("{title}, {}", p.label), &counts, &style)
        );
    }
    out.push_str("</div></section>");
}

fn losses(out: &mut String, b: &Batch, s: &Stats, look: &Look) {
    let groups: Vec<Group> = s
        .points
        .iter()
        .map(|p: &Point| Group {
            label: p.short.clone(),
            bars: look
                .sides
                .iter()
                .zip(&p.lost)
                .map(|((_, name, colour), d)| Bar {
                    name: name.clone(),
                    class: "side".into(),
                    colour: colour.clone(),
                    value: mean_sd(d).0,
                    ci: None,
                    marked: false,
                })
                .collect(),
        })
        .collect();
    let _ = write!(
        out,
        r#"<section class="block"><h2>Steps lost per side</h2><figure><figcaption>Mean steps lost per game</figcaption>{}{}{}</figure><table class="data"><thead><tr><th>point</th>"#,
        bars("mean steps lost per side and sweep point", &groups, false),
        axis(b),
        key(look, false)
    );
    for (_, name, _) in &look.sides {
        let _ = write!(out, "<th>{}</th>", esc(name));
    }
    out.push_str("</tr></thead><tbody>");
    for p in &s.points {
        let _ = write!(out, "<tr><td>{}</td>", esc(&p.label));
        for d in &p.lost {
            let (mean, sd) = mean_sd(d);
            let max = d.keys().next_back().copied().unwrap_or(0);
            let _ = write!(
                out,
                r#"<td class="n">{mean:.2} <small>(sd {sd:.2}, max {max})</small></td>"#
            );
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></section>");
}
