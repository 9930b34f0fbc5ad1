//! Bar charts as inline SVG: grouped bars with 95% error bars (win rates per side and sweep
//! point, a fork's winners with the actual one marked) and histograms of integer values with one
//! value marked. Each bar is a `rect.bar` carrying its group and name, so it can be counted.

use super::charts::Frame;
use super::markup::{esc, num};
use std::fmt::Write;

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
