//! Charts as inline SVG, drawn large enough to read on a projector: the axes every chart shares,
//! and a line chart over turns with labelled bands (a track's thresholds) and a cursor the page
//! moves to the selected turn ([`super::bars`] has the bar charts and histograms). Every data
//! point is an element of its own (`circle.pt`, `rect.bar`), so a reader — or a test — can count
//! them.

use super::markup::{esc, num};
use std::fmt::Write;

/// One line of a line chart.
pub struct Series {
    /// Its name (the side's, or the track's).
    pub name: String,
    /// Its colour.
    pub colour: String,
    /// One value per x; `None` leaves a gap.
    pub values: Vec<Option<f64>>,
}

/// A labelled band of values: `[from, to)`.
pub struct Band {
    /// Lower edge.
    pub from: f64,
    /// Upper edge.
    pub to: f64,
    /// Its label.
    pub label: String,
}

/// A step for axis ticks: 1, 2 or 5 times a power of ten, giving at most `n` ticks over `span`.
pub(super) fn step(span: f64, n: f64) -> f64 {
    let raw = (span / n).max(1e-9);
    let p = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * p)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * p)
}

/// Chart frame: size and margins.
pub(super) struct Frame {
    pub(super) w: f64,
    pub(super) h: f64,
    pub(super) left: f64,
    pub(super) right: f64,
    pub(super) top: f64,
    pub(super) bottom: f64,
    pub(super) lo: f64,
    pub(super) hi: f64,
}

impl Frame {
    pub(super) fn y(&self, v: f64) -> f64 {
        let span = (self.hi - self.lo).max(1e-9);
        self.h - self.bottom - (v - self.lo) / span * (self.h - self.top - self.bottom)
    }

    pub(super) fn y_axis(&self, s: &mut String, percent: bool) {
        let st = step(self.hi - self.lo, 6.0).max(if percent { 0.0 } else { 1.0 });
        let mut v = (self.lo / st).ceil() * st;
        while v <= self.hi + 1e-9 {
            let y = self.y(v);
            let label = if percent {
                format!("{}%", num(v * 100.0))
            } else {
                num(v)
            };
            let _ = write!(
                s,
                r#"<line class="grid" x1="{}" x2="{}" y1="{y}" y2="{y}"/><text class="tick" x="{}" y="{}" text-anchor="end">{label}</text>"#,
                num(self.left),
                num(self.w - self.right),
                num(self.left - 10.0),
                num(y + 7.0),
                y = num(y)
            );
            v += st;
        }
    }
}

/// `s` cut to `n` characters, with an ellipsis if it was longer.
fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

/// How far apart, in the chart's units, series of equal value are drawn: more than a point's
/// radius plus a line's width, so each stays in sight.
const APART: f64 = 8.0;

/// Where each series' point at each x is drawn: at its value, except that series sharing a value
/// at an x are spread around it, [`APART`] from each other in series order, so no line or point
/// hides another (six sides, five lines: the US line lay exactly under the armed groups').
fn spread(series: &[Series], f: &Frame) -> Vec<Vec<f64>> {
    let n = series.iter().map(|s| s.values.len()).max().unwrap_or(0);
    let mut ys: Vec<Vec<f64>> = series
        .iter()
        .map(|s| s.values.iter().map(|v| f.y(v.unwrap_or(f.lo))).collect())
        .collect();
    for i in 0..n {
        let mut done = vec![false; series.len()];
        for a in 0..series.len() {
            let Some(Some(v)) = series[a].values.get(i) else {
                continue;
            };
            if done[a] {
                continue;
            }
            let same: Vec<usize> = (a..series.len())
                .filter(|&b| series[b].values.get(i) == Some(&Some(*v)))
                .collect();
            let mid = (same.len() as f64 - 1.0) / 2.0;
            for (k, &b) in same.iter().enumerate() {
                done[b] = true;
                if let Some(y) = ys[b].get_mut(i) {
                    *y = f.y(*v) + (k as f64 - mid) * APART;
                }
            }
        }
    }
    ys
}

/// A line chart over `xs` (the turns' labels), with `bands` behind the lines and a cursor line
/// the page script moves to the selected turn.
pub fn lines(
    title: &str,
    xs: &[String],
    series: &[Series],
    range: (f64, f64),
    bands: &[Band],
) -> String {
    let n = xs.len().max(1);
    let f = Frame {
        w: 860.0,
        h: 420.0,
        left: 64.0,
        right: if bands.is_empty() { 24.0 } else { 250.0 },
        top: 18.0,
        bottom: 56.0,
        lo: range.0,
        hi: range.1.max(range.0 + 1.0),
    };
    let dx = (f.w - f.left - f.right) / (n.saturating_sub(1).max(1)) as f64;
    let x = |i: usize| f.left + dx * i as f64;
    let positions: Vec<String> = (0..n).map(|i| num(x(i))).collect();
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart lines" viewBox="0 0 {} {}" role="img" aria-label="{}" data-xs="{}">"#,
        num(f.w),
        num(f.h),
        esc(title),
        positions.join(",")
    );
    for (i, b) in bands.iter().enumerate() {
        let (y0, y1) = (f.y(b.to.min(f.hi)), f.y(b.from.max(f.lo)));
        let _ = write!(
            s,
            r#"<rect class="band b{}" x="{}" y="{}" width="{}" height="{}"/><text class="bandlabel" x="{}" y="{}">{}</text>"#,
            i.min(5),
            num(f.left),
            num(y0),
            num(f.w - f.left - f.right),
            num((y1 - y0).max(0.0)),
            num(f.w - f.right + 10.0),
            num((y0 + y1) / 2.0 + 7.0),
            esc(&short(&b.label, 24))
        );
    }
    f.y_axis(&mut s, false);
    let every = n.div_ceil(13).max(1);
    for (i, label) in xs.iter().enumerate() {
        if i % every == 0 || i + 1 == n {
            let _ = write!(
                s,
                r#"<text class="tick" x="{}" y="{}" text-anchor="middle">{}</text>"#,
                num(x(i)),
                num(f.h - f.bottom + 30.0),
                esc(label)
            );
        }
    }
    let _ = write!(
        s,
        r#"<line class="cursor" x1="{x}" x2="{x}" y1="{}" y2="{}"/>"#,
        num(f.top),
        num(f.h - f.bottom),
        x = num(x(n - 1))
    );
    let ys = spread(series, &f);
    for (se, ys) in series.iter().zip(&ys) {
        let _ = write!(s, r#"<g class="series" data-series="{}">"#, esc(&se.name));
        let mut run: Vec<String> = Vec::new();
        let mut runs = Vec::new();
        for (i, v) in se.values.iter().enumerate() {
            match v {
                Some(_) => run.push(format!("{},{}", num(x(i)), num(ys[i]))),
                None if !run.is_empty() => runs.push(std::mem::take(&mut run)),
                None => {}
            }
        }
        runs.push(run);
        for r in runs.iter().filter(|r| r.len() > 1) {
            let _ = write!(
                s,
                r#"<polyline points="{}" stroke="{}"/>"#,
                r.join(" "),
                esc(&se.colour)
            );
        }
        for (i, v) in se.values.iter().enumerate() {
            if let Some(v) = v {
                let _ = write!(
                    s,
                    r#"<circle class="pt" data-x="{i}" cx="{}" cy="{}" r="6" fill="{}"><title>{}, {}: {}</title></circle>"#,
                    num(x(i)),
                    num(ys[i]),
                    esc(&se.colour),
                    esc(&se.name),
                    esc(&xs[i.min(xs.len().saturating_sub(1))]),
                    num(*v)
                );
            }
        }
        s.push_str("</g>");
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_step_by_one_two_or_five() {
        assert_eq!(step(12.0, 6.0), 2.0);
        assert_eq!(step(1.0, 6.0), 0.2);
        assert_eq!(step(30.0, 6.0), 5.0);
    }

    #[test]
    fn equal_values_are_drawn_apart_so_no_line_hides_another() {
        let xs: Vec<String> = (0..3).map(|i| i.to_string()).collect();
        let side = |name: &str| Series {
            name: name.into(),
            colour: "#123456".into(),
            values: vec![Some(5.0), Some(5.0), Some(4.0)],
        };
        let s = lines(
            "t",
            &xs,
            &[side("usa"), side("armed_groups")],
            (0.0, 10.0),
            &[],
        );
        let lines: Vec<&str> = s.split("<polyline").skip(1).collect();
        assert_eq!(lines.len(), 2);
        let points = |l: &str| l.split('"').nth(1).unwrap().to_string();
        assert_ne!(points(lines[0]), points(lines[1]), "{s}");
    }

    #[test]
    fn every_value_is_a_point_and_gaps_break_the_line() {
        let xs: Vec<String> = (0..4).map(|i| i.to_string()).collect();
        let s = lines(
            "t",
            &xs,
            &[Series {
                name: "a".into(),
                colour: "#123456".into(),
                values: vec![Some(1.0), None, Some(2.0), Some(3.0)],
            }],
            (0.0, 4.0),
            &[],
        );
        assert_eq!(s.matches("class=\"pt\"").count(), 3);
        assert_eq!(s.matches("<polyline").count(), 1, "{s}");
    }
}
