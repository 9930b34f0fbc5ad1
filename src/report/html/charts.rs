//! Charts as inline SVG, drawn large enough to read on a projector: a line chart over turns with
//! labelled bands (a track's thresholds) and a cursor the page moves to the selected turn, a
//! grouped bar chart with 95% error bars, and a histogram with one value marked. Every data point
//! is an element of its own (`circle.pt`, `rect.bar`), so a reader — or a test — can count them.

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
fn step(span: f64, n: f64) -> f64 {
    let raw = (span / n).max(1e-9);
    let p = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * p)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * p)
}

/// Chart frame: size and margins.
struct Frame {
    w: f64,
    h: f64,
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    lo: f64,
    hi: f64,
}

impl Frame {
    fn y(&self, v: f64) -> f64 {
        let span = (self.hi - self.lo).max(1e-9);
        self.h - self.bottom - (v - self.lo) / span * (self.h - self.top - self.bottom)
    }

    fn y_axis(&self, s: &mut String, percent: bool) {
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
        right: if bands.is_empty() { 24.0 } else { 236.0 },
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
            esc(&short(&b.label, 20))
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
    for se in series {
        let _ = write!(s, r#"<g class="series" data-series="{}">"#, esc(&se.name));
        let mut run: Vec<String> = Vec::new();
        let mut runs = Vec::new();
        for (i, v) in se.values.iter().enumerate() {
            match v {
                Some(v) => run.push(format!("{},{}", num(x(i)), num(f.y(*v)))),
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
                    num(f.y(*v)),
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

/// One bar of a bar chart.
pub struct Bar {
    /// What it counts (a side's name).
    pub name: String,
    /// CSS class added to `bar` (e.g. `side` or `nowinner`).
    pub class: String,
    /// Its colour.
    pub colour: String,
    /// Its height, a fraction 0..=1.
    pub value: f64,
    /// A 95% interval, as fractions.
    pub ci: Option<(f64, f64)>,
    /// Marked (the actual outcome).
    pub marked: bool,
}

/// Bars side by side under one label.
pub struct Group {
    /// The label under the group.
    pub label: String,
    /// Its bars.
    pub bars: Vec<Bar>,
}

/// A grouped bar chart with error bars: of fractions (an axis of 0 to 100%) if `percent`, else
/// of counts.
pub fn bars(title: &str, groups: &[Group], percent: bool) -> String {
    let per = groups
        .iter()
        .map(|g| g.bars.len())
        .max()
        .unwrap_or(1)
        .max(1);
    let n = (per * groups.len()) as f64;
    let bw = (700.0 / (n + groups.len() as f64)).clamp(14.0, 90.0);
    let gw = per as f64 * bw + 36.0;
    let f = Frame {
        w: (80.0 + gw * groups.len() as f64 + 20.0).max(860.0),
        h: 440.0,
        left: 80.0,
        right: 20.0,
        top: 24.0,
        bottom: 70.0,
        lo: 0.0,
        hi: {
            let top = groups
                .iter()
                .flat_map(|g| &g.bars)
                .map(|b| b.ci.map_or(b.value, |c| c.1).max(b.value))
                .fold(if percent { 0.1 } else { 1.0 }, f64::max);
            if percent { top.min(1.0) } else { top }
        },
    };
    let gw = (f.w - f.left - f.right) / groups.len().max(1) as f64;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart bars" viewBox="0 0 {} {}" role="img" aria-label="{}">"#,
        num(f.w),
        num(f.h),
        esc(title)
    );
    f.y_axis(&mut s, percent);
    for (gi, g) in groups.iter().enumerate() {
        let g0 = f.left + gw * gi as f64 + (gw - g.bars.len() as f64 * bw) / 2.0;
        for (bi, b) in g.bars.iter().enumerate() {
            let x = g0 + bw * bi as f64;
            // A bar of nothing still shows, as a stub on the axis.
            let y = f.y(b.value).min(f.y(0.0) - 3.0);
            let ci = b
                .ci
                .map(|(lo, hi)| format!(", 95% interval {:.1}%–{:.1}%", lo * 100.0, hi * 100.0))
                .unwrap_or_default();
            let shown = if percent {
                format!("{:.1}%", b.value * 100.0)
            } else {
                format!("{:.2}", b.value)
            };
            let _ = write!(
                s,
                r#"<rect class="bar {}{}" data-group="{}" data-name="{}" x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}, {}: {shown}{ci}</title></rect>"#,
                esc(&b.class),
                if b.marked { " marked" } else { "" },
                esc(&g.label),
                esc(&b.name),
                num(x + 2.0),
                num(y),
                num(bw - 4.0),
                num(f.y(0.0) - y),
                esc(&b.colour),
                esc(&g.label),
                esc(&b.name),
            );
            if let Some((lo, hi)) = b.ci {
                let cx = x + bw / 2.0;
                let _ = write!(
                    s,
                    r#"<path class="err" d="M{a},{t} H{b} M{cx},{t} V{bo} M{a},{bo} H{b}"/>"#,
                    a = num(cx - 6.0),
                    b = num(cx + 6.0),
                    cx = num(cx),
                    t = num(f.y(hi)),
                    bo = num(f.y(lo))
                );
            }
            if b.marked {
                let _ = write!(
                    s,
                    r#"<text class="mark" x="{}" y="{}" text-anchor="middle">actual</text>"#,
                    num(x + bw / 2.0),
                    num(f.y(b.ci.map_or(b.value, |c| c.1).max(b.value)) - 10.0)
                );
            }
        }
        let _ = write!(
            s,
            r#"<text class="tick glabel" x="{}" y="{}" text-anchor="middle">{}</text>"#,
            num(f.left + gw * (gi as f64 + 0.5)),
            num(f.h - f.bottom + 32.0),
            esc(&g.label)
        );
    }
    let _ = write!(
        s,
        r#"<line class="axis" x1="{l}" x2="{r}" y1="{y}" y2="{y}"/></svg>"#,
        l = num(f.left),
        r = num(f.w - f.right),
        y = num(f.y(0.0))
    );
    s
}

/// How a histogram is drawn.
pub struct HistStyle<'a> {
    /// Bar colour.
    pub colour: &'a str,
    /// A value to mark with a line (the actual outcome).
    pub marked: Option<i64>,
    /// Small (one of several side by side), without a y axis.
    pub small: bool,
    /// The x range to draw, so several histograms compare (default: the values').
    pub range: Option<(i64, i64)>,
}

/// A histogram of integer values (`counts`: value -> how many).
pub fn histogram(title: &str, counts: &[(i64, u64)], st: &HistStyle) -> String {
    let (colour, marked, small) = (st.colour, st.marked, st.small);
    let (lo, hi) = match (st.range, counts.first(), counts.last()) {
        (Some(r), _, _) => r,
        (None, Some(a), Some(b)) => (
            a.0.min(marked.unwrap_or(a.0)),
            b.0.max(marked.unwrap_or(b.0)),
        ),
        _ => (0, 0),
    };
    let n = (hi - lo + 1).max(1) as f64;
    let total: u64 = counts.iter().map(|c| c.1).sum();
    let top = counts.iter().map(|c| c.1).max().unwrap_or(1).max(1) as f64;
    let f = Frame {
        w: if small { 420.0 } else { 860.0 },
        h: if small { 240.0 } else { 380.0 },
        left: if small { 16.0 } else { 80.0 },
        right: 16.0,
        top: 34.0,
        bottom: 50.0,
        lo: 0.0,
        hi: top / total.max(1) as f64,
    };
    let bw = (f.w - f.left - f.right) / n;
    let x = |v: i64| f.left + bw * (v - lo) as f64;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart hist{}" viewBox="0 0 {} {}" role="img" aria-label="{}">"#,
        if small { " small" } else { "" },
        num(f.w),
        num(f.h),
        esc(title)
    );
    if !small {
        f.y_axis(&mut s, true);
    }
    for (v, k) in counts {
        let share = *k as f64 / total.max(1) as f64;
        let y = f.y(share);
        let _ = write!(
            s,
            r#"<rect class="bar" data-value="{v}" x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{v}: {k} ({:.1}%)</title></rect>"#,
            num(x(*v) + 1.5),
            num(y),
            num((bw - 3.0).max(1.0)),
            num(f.y(0.0) - y),
            esc(colour),
            share * 100.0
        );
    }
    let every = ((n / if small { 8.0 } else { 16.0 }).ceil() as i64).max(1);
    for v in lo..=hi {
        if (v - lo) % every == 0 || v == hi {
            let _ = write!(
                s,
                r#"<text class="tick" x="{}" y="{}" text-anchor="middle">{v}</text>"#,
                num(x(v) + bw / 2.0),
                num(f.h - f.bottom + 28.0)
            );
        }
    }
    if let Some(m) = marked {
        let mx = x(m) + bw / 2.0;
        let _ = write!(
            s,
            r#"<line class="actual" x1="{mx}" x2="{mx}" y1="{}" y2="{}"/><text class="mark" x="{mx}" y="{}" text-anchor="middle">actual {m}</text>"#,
            num(f.top - 4.0),
            num(f.y(0.0)),
            num(f.top - 10.0),
            mx = num(mx)
        );
    }
    let _ = write!(
        s,
        r#"<line class="axis" x1="{l}" x2="{r}" y1="{y}" y2="{y}"/></svg>"#,
        l = num(f.left),
        r = num(f.w - f.right),
        y = num(f.y(0.0))
    );
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
