//! The batch report's sections that say why games ended as they did ([`crate::batch::why`]):
//! every ending the scenario defines, even at 0% (won on points, drawn on points, each sudden
//! death with who it names); per side the score margin over the games that ended on points (a
//! table and a histogram per side, and the winner's lead); each objective's success rate; and who
//! held each zone at the end. A batch written before the objective columns and the manifest's
//! endings shows the endings its games reached, and says the rest is not in its rows.

use super::bars::{HistStyle, histogram};
use super::batch_page::Look;
use super::batch_stats::{Point, Stats};
use super::markup::esc;
use crate::batch::outline::Ending;
use crate::batch::why::{mean_sd, pct, sides_of};
use std::collections::BTreeMap;
use std::fmt::Write;

const ENDING_COLOURS: [&str; 6] = [
    "#1f4e8c", "#8a8f98", "#b03a2e", "#d08a2f", "#7b4fb0", "#2e8b57",
];

/// The colour of an ending: won on points and drawn first, then one per sudden death.
fn ending_colour(i: usize, e: &Ending) -> &'static str {
    match e {
        Ending::WonOnPoints => ENDING_COLOURS[0],
        Ending::DrawOnPoints => ENDING_COLOURS[1],
        Ending::Unfinished => "#444444",
        Ending::SuddenDeath(..) => ENDING_COLOURS[2 + (i.saturating_sub(2)) % 4],
    }
}

/// The ending's words for the page: a side named by its name.
fn means(e: &Ending, look: &Look) -> String {
    match e {
        Ending::SuddenDeath(_, Some(w)) => {
            let name = look
                .sides
                .iter()
                .find(|s| s.0 == *w)
                .map_or(w.as_str(), |s| s.1.as_str());
            format!("{name} wins")
        }
        other => other.means(),
    }
}

/// Who won on points, per side, in words.
fn won_by(p: &Point, look: &Look) -> String {
    let by: Vec<String> = look
        .sides
        .iter()
        .zip(&p.why.won_on_points)
        .map(|((_, name, _), k)| format!("{} {k}", esc(name)))
        .collect();
    by.join(", ")
}

/// Every ending the scenario defines, per sweep point: a stacked bar and every ending in words.
pub fn endings(out: &mut String, s: &Stats, look: &Look) {
    out.push_str(r#"<section class="block"><h2>How the games ended</h2><p class="note">Every ending the scenario defines, reached or not: the last turn played and won on points, the last turn played and drawn on points, and each sudden death with the side it names (or every side loses).</p>"#);
    if !s.outlined {
        out.push_str(r#"<p class="note">This batch was written before its manifest named the scenario's endings: only the endings its games reached are listed.</p>"#);
    }
    out.push_str(r#"<table class="data"><tbody>"#);
    for p in &s.points {
        let n = p.why.finished;
        let _ = write!(
            out,
            r#"<tr><td>{}</td><td style="width:70%"><div class="stack">"#,
            esc(&p.label)
        );
        for (i, (e, k)) in p.why.endings.iter().enumerate() {
            if *k == 0 {
                continue;
            }
            let _ = write!(
                out,
                r#"<span style="width:{:.3}%;background:{}" title="{}: {k} ({})">{} {}</span>"#,
                100.0 * *k as f64 / n.max(1) as f64,
                ending_colour(i, e),
                esc(&e.label()),
                pct(*k, n),
                esc(&e.label()),
                pct(*k, n)
            );
        }
        // A segment too narrow for its words is still read here: each ending, its share, its
        // count, what it means; an ending no game reached too.
        out.push_str(r#"</div><div class="legend endings">"#);
        for (i, (e, k)) in p.why.endings.iter().enumerate() {
            let what = match e {
                Ending::WonOnPoints => won_by(p, look),
                other => esc(&means(other, look)),
            };
            let _ = write!(
                out,
                r#"<span class="ending{}" data-ending="{}"><span class="sw" style="background:{}"></span>{} <b>{}</b> ({k} game(s)) — {what}</span>"#,
                if *k == 0 { " never" } else { "" },
                esc(&e.label()),
                ending_colour(i, e),
                esc(&e.label()),
                pct(*k, n),
            );
        }
        out.push_str("</div></td></tr>");
    }
    out.push_str("</tbody></table></section>");
}

/// The score margin per side over the games that ended on points, and the winner's lead.
pub fn margins(out: &mut String, s: &Stats, look: &Look) {
    out.push_str(r#"<section class="block" id="margins"><h2>Score margin</h2>"#);
    if s.points.iter().all(|p| p.why.on_points == 0) {
        out.push_str(
            r#"<p class="note">No game ended on points: points decided nothing.</p></section>"#,
        );
        return;
    }
    out.push_str(r#"<p class="note">Over the games that ended on points (only there do points decide): each side's points minus the best other side's — above 0 it was ahead, at 0 level — and the winner's lead over the runner-up. Many 1-point wins say the game is close; a side always far behind has too little within reach.</p><table class="data margins"><thead><tr>"#);
    let many = s.points.len() > 1;
    if many {
        out.push_str("<th>point</th>");
    }
    out.push_str(r#"<th></th><th>games on points</th><th>mean</th><th>sd</th><th>range</th><th>ahead</th><th>level</th><th>behind</th></tr></thead><tbody>"#);
    for p in &s.points {
        let on = p.why.on_points;
        let cell = |out: &mut String, first: bool| {
            if many {
                let _ = write!(
                    out,
                    "<td>{}</td>",
                    if first { esc(&p.label) } else { String::new() }
                );
            }
        };
        for (i, ((_, name, colour), d)) in look.sides.iter().zip(&p.why.margin).enumerate() {
            let (mean, sd) = mean_sd(d);
            let (ahead, level, behind) = sides_of(d);
            out.push_str("<tr>");
            cell(out, i == 0);
            let _ = write!(
                out,
                r#"<th><span class="sw" style="background:{}"></span>{}</th><td class="n">{on}</td><td class="n"><b>{mean:+.2}</b></td><td class="n">{sd:.2}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td></tr>"#,
                esc(colour),
                esc(name),
                range(d),
                pct(ahead, on),
                pct(level, on),
                pct(behind, on)
            );
        }
        let w = &p.why.winning_margin;
        let won: u64 = w.values().sum();
        let (lead, sd) = mean_sd(w);
        let close = w.get(&1).copied().unwrap_or(0);
        out.push_str(r#"<tr class="lead">"#);
        cell(out, false);
        let _ = write!(
            out,
            r#"<th>the winner's lead</th><td class="n">{won} won</td><td class="n"><b>{lead:+.2}</b></td><td class="n">{sd:.2}</td><td class="n">{}</td><td class="n" colspan="3">by 1 point in {} of wins</td></tr>"#,
            range(w),
            pct(close, won)
        );
    }
    out.push_str("</tbody></table>");
    let all: Vec<&BTreeMap<i64, u64>> = s.points.iter().flat_map(|p| &p.why.margin).collect();
    let lo = all
        .iter()
        .filter_map(|d| d.keys().next())
        .min()
        .copied()
        .unwrap_or(0);
    let hi = all
        .iter()
        .filter_map(|d| d.keys().next_back())
        .max()
        .copied()
        .unwrap_or(0);
    let (lo, hi) = with_zero(lo.min(0), hi.max(0));
    out.push_str(r#"<div class="chartgrid multiples">"#);
    for p in &s.points {
        for ((_, name, colour), d) in look.sides.iter().zip(&p.why.margin) {
            let caption = if s.points.len() > 1 {
                format!("{name}, {}", p.label)
            } else {
                name.clone()
            };
            let counts: Vec<(i64, u64)> = d.iter().map(|(v, k)| (*v, *k)).collect();
            let style = HistStyle {
                colour,
                marked: None,
                small: true,
                range: Some((lo, hi)),
            };
            let _ = write!(
                out,
                r#"<figure><figcaption>{}: own points minus the best other side's</figcaption>{}</figure>"#,
                esc(&caption),
                histogram(&format!("score margin of {caption}"), &counts, &style)
            );
        }
    }
    out.push_str("</div></section>");
}

/// A histogram range from `lo` (at most 0) to `hi` widened so that 0 falls on a labelled tick
/// (a small histogram labels every `ceil(width / 8)`th value from its low end): where a side was
/// level is read at a glance.
fn with_zero(mut lo: i64, hi: i64) -> (i64, i64) {
    for _ in 0..8 {
        let every = ((hi - lo + 1) as f64 / 8.0).ceil().max(1.0) as i64;
        let at = -((-lo + every - 1) / every * every);
        if at == lo {
            break;
        }
        lo = at;
    }
    (lo, hi)
}

/// The range of a distribution: `-3 to +5`.
fn range(d: &BTreeMap<i64, u64>) -> String {
    match (d.keys().next(), d.keys().next_back()) {
        (Some(lo), Some(hi)) => format!("{lo:+} to {hi:+}"),
        _ => "—".into(),
    }
}

/// A share as a bar in a table cell.
fn meter(k: u64, n: u64, colour: &str) -> String {
    format!(
        r#"<span class="meter" aria-hidden="true"><span style="width:{:.3}%;background:{}"></span></span>"#,
        100.0 * k as f64 / n.max(1) as f64,
        esc(colour)
    )
}

/// Each objective's success rate over the games that ended on points, per sweep point.
pub fn objectives(out: &mut String, s: &Stats, look: &Look) {
    out.push_str(r#"<section class="block" id="objectives"><h2>Objectives met</h2>"#);
    if s.outline.objectives.is_empty() {
        out.push_str(if s.outlined {
            r#"<p class="note">The scenario has no objectives: only the zones it holds score.</p></section>"#
        } else {
            r#"<p class="note">This batch was written before the rows held each objective: its objectives cannot be counted. Play it again to see them.</p></section>"#
        });
        return;
    }
    out.push_str(r#"<p class="note">The share of the games that ended on points in which each objective held at the end (the scoring counts objectives only there). An objective met always or never does not tell the sides apart.</p><table class="data"><thead><tr><th>side</th><th>objective</th>"#);
    for p in &s.points {
        let _ = write!(out, "<th>{}</th>", esc(&p.label));
    }
    out.push_str("</tr></thead><tbody>");
    for (i, o) in s.outline.objectives.iter().enumerate() {
        let (name, colour) = look
            .sides
            .iter()
            .find(|x| x.0 == o.side)
            .map_or((o.side.as_str(), "#6f6f6f"), |x| {
                (x.1.as_str(), x.2.as_str())
            });
        let _ = write!(
            out,
            r#"<tr data-objective="{}"><td><span class="sw" style="background:{}"></span>{}</td><td>{} <small>[{}]</small></td>"#,
            esc(&o.subject()),
            esc(colour),
            esc(name),
            esc(&o.name),
            esc(&o.subject())
        );
        for p in &s.points {
            let k = p.why.met.get(i).copied().unwrap_or(0);
            let on = p.why.on_points;
            let _ = write!(
                out,
                r#"<td class="rate">{}<b>{}</b> <small>({k} of {on})</small></td>"#,
                meter(k, on, colour),
                pct(k, on)
            );
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></section>");
}

/// Who held each zone at the end, per sweep point: a stacked bar per zone.
pub fn control(out: &mut String, s: &Stats, look: &Look) {
    if s.zones.is_empty() {
        return;
    }
    out.push_str(r#"<section class="block" id="control"><h2>Final control of each zone</h2><p class="note">The share of all finished games in which each side, or nobody, held the zone when the game stopped, whatever the ending. A side not named never held it at the end.</p>"#);
    for p in &s.points {
        if s.points.len() > 1 {
            let _ = write!(out, "<h3>{}</h3>", esc(&p.label));
        }
        let n = p.why.finished;
        out.push_str(r#"<table class="data control"><tbody>"#);
        for (z, counts) in s.zones.iter().zip(&p.why.control) {
            let name = look
                .zones
                .iter()
                .find(|x| x.0 == *z)
                .map_or(z.as_str(), |x| x.1.as_str());
            let _ = write!(
                out,
                r#"<tr data-zone="{}"><th>{}</th><td style="width:55%"><div class="stack">"#,
                esc(z),
                esc(name)
            );
            let whom = look
                .sides
                .iter()
                .map(|x| (x.1.as_str(), x.2.as_str()))
                .chain([("nobody", "#9aa3af")]);
            let mut words = Vec::new();
            for ((name, colour), k) in whom.zip(counts) {
                if *k == 0 {
                    continue;
                }
                words.push(format!("{} {}", esc(name), pct(*k, n)));
                let _ = write!(
                    out,
                    r#"<span style="width:{:.3}%;background:{}" title="{}: {k} ({})">{} {}</span>"#,
                    100.0 * *k as f64 / n.max(1) as f64,
                    esc(colour),
                    esc(name),
                    pct(*k, n),
                    esc(name),
                    pct(*k, n)
                );
            }
            let _ = write!(
                out,
                r#"</div></td><td class="shares"><small>{}</small></td></tr>"#,
                words.join(" · ")
            );
        }
        out.push_str("</tbody></table>");
    }
    out.push_str("</section>");
}

#[cfg(test)]
mod tests {
    use super::with_zero;

    #[test]
    fn zero_falls_on_a_labelled_tick() {
        for (lo, hi) in [(-13, 8), (-5, 5), (-1, 20), (0, 7), (-40, 3), (-2, 0)] {
            let (l, h) = with_zero(lo, hi);
            assert!(l <= lo && h == hi, "{lo} {hi} -> {l}");
            let every = ((h - l + 1) as f64 / 8.0).ceil().max(1.0) as i64;
            assert_eq!((0 - l) % every, 0, "{lo} {hi} -> {l}, every {every}");
        }
    }
}
