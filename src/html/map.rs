//! The map of one turn as inline SVG: the zone graph laid out from each zone's abstract `layout`,
//! every zone a box filled with its controller's colour, every unit a counter in its zone (its
//! side's colour, a glyph for its domain, its strength in steps, pips for wear), movement arrows
//! and engagement markers. Every frame of a report has the same size, so stepping through the
//! turns moves only what changed.

use super::markup::{esc, num, tint};
use super::model::{Counter, Frame, Hotwash};
use std::fmt::Write;

/// Counter side, gap between counters, counters per row, header height of a zone box.
pub(super) const C: f64 = 60.0;
const GAP: f64 = 6.0;
const PER_ROW: usize = 3;
const HEAD: f64 = 68.0;

/// The geometry shared by every frame of a report.
pub struct Layout {
    /// Zone box width and height.
    pub box_w: f64,
    /// See `box_w`.
    pub box_h: f64,
    /// Each zone's box, top left corner.
    pub at: Vec<(f64, f64)>,
    /// The drawing's size.
    pub size: (f64, f64),
}

impl Layout {
    /// The layout of `h`'s zones, with room for the most counters any zone holds on any turn.
    pub fn of(h: &Hotwash) -> Layout {
        let most = h
            .frames
            .iter()
            .flat_map(|f| {
                (0..h.zones.len()).map(move |z| f.counters.iter().filter(|u| u.zone == z).count())
            })
            .max()
            .unwrap_or(0);
        let rows = most.div_ceil(PER_ROW).max(1) as f64;
        let box_w = PER_ROW as f64 * (C + GAP) + GAP;
        let box_h = HEAD + rows * (C + GAP) + GAP;
        let (cw, ch) = (box_w + 76.0, box_h + 58.0);
        let xs = h.zones.iter().map(|z| z.at.0);
        let ys = h.zones.iter().map(|z| z.at.1);
        let (x0, x1) = (xs.clone().min().unwrap_or(0), xs.max().unwrap_or(0));
        let (y0, y1) = (ys.clone().min().unwrap_or(0), ys.max().unwrap_or(0));
        let pad = 16.0;
        let at = h
            .zones
            .iter()
            .map(|z| {
                (
                    pad + f64::from(z.at.0 - x0) * cw,
                    pad + f64::from(z.at.1 - y0) * ch,
                )
            })
            .collect();
        let size = (
            2.0 * pad + f64::from(x1 - x0) * cw + box_w,
            2.0 * pad + f64::from(y1 - y0) * ch + box_h,
        );
        Layout {
            box_w,
            box_h,
            at,
            size,
        }
    }

    fn centre(&self, z: usize) -> (f64, f64) {
        let (x, y) = self.at[z];
        (x + self.box_w / 2.0, y + self.box_h / 2.0)
    }

    /// Where the line from the centre of zone `z` towards `to` leaves its box.
    fn edge(&self, z: usize, to: (f64, f64)) -> (f64, f64) {
        let (cx, cy) = self.centre(z);
        let (dx, dy) = (to.0 - cx, to.1 - cy);
        let (hw, hh) = (self.box_w / 2.0 + 5.0, self.box_h / 2.0 + 5.0);
        let t = [hw / dx.abs(), hh / dy.abs()]
            .into_iter()
            .filter(|t| t.is_finite())
            .fold(1.0f64, f64::min);
        (cx + dx * t, cy + dy * t)
    }
}

/// The arrowhead markers, one per side, for every map of the page.
pub fn defs(h: &Hotwash) -> String {
    let mut s = String::from(
        r#"<svg class="defs" width="0" height="0" aria-hidden="true" focusable="false"><defs>"#,
    );
    for (i, side) in h.sides.iter().enumerate() {
        let _ = write!(
            s,
            r#"<marker id="ah-{i}" viewBox="0 0 10 10" refX="7" refY="5" markerWidth="3.2" markerHeight="3.2" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{}"/></marker>"#,
            esc(&side.colour)
        );
    }
    s.push_str("</defs></svg>");
    s
}

/// The map of frame `f`.
pub fn svg(h: &Hotwash, l: &Layout, f: &Frame, class: &str) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="{class}" data-turn="{}" viewBox="0 0 {} {}" role="img" aria-label="the map at the end of {}">"#,
        f.turn,
        num(l.size.0),
        num(l.size.1),
        esc(&f.label)
    );
    s.push_str(r#"<g class="edges">"#);
    for (a, z) in h.zones.iter().enumerate() {
        for &b in z.neighbours.iter().filter(|&&b| b > a) {
            let (p, q) = (l.centre(a), l.centre(b));
            let _ = write!(
                s,
                r#"<line x1="{}" y1="{}" x2="{}" y2="{}"/>"#,
                num(p.0),
                num(p.1),
                num(q.0),
                num(q.1)
            );
        }
    }
    s.push_str("</g>");
    for z in 0..h.zones.len() {
        zone(&mut s, h, l, f, z);
    }
    arrows(&mut s, h, l, f);
    fights(&mut s, h, l, f);
    s.push_str("</svg>");
    s
}

/// Splits a zone's name into at most two lines of about `width` characters.
fn lines(name: &str, width: usize) -> Vec<String> {
    let mut out: Vec<String> = vec![String::new()];
    for w in name.split_whitespace() {
        let cur = out.last_mut().map(|l| l.len()).unwrap_or(0);
        if cur > 0 && cur + 1 + w.len() > width && out.len() < 2 {
            out.push(String::new());
        }
        if let Some(l) = out.last_mut() {
            if !l.is_empty() {
                l.push(' ');
            }
            l.push_str(w);
        }
    }
    out
}

fn zone(s: &mut String, h: &Hotwash, l: &Layout, f: &Frame, z: usize) {
    let info = &h.zones[z];
    let (x, y) = l.at[z];
    let owner = f.control.get(z).copied().flatten();
    let (fill, stroke, width) = match owner {
        Some(o) => {
            let c = &h.sides[o].colour;
            (tint(c, 0.78), c.clone(), 5)
        }
        None if info.kind == "Sea" => ("#e3eef9".to_string(), "#8fa8c4".to_string(), 2),
        None => ("#f1efe8".to_string(), "#a8a395".to_string(), 2),
    };
    let held = owner.map_or("nobody".to_string(), |o| h.sides[o].name.clone());
    let _ = write!(
        s,
        r#"<g class="zone" data-zone="{}" data-owner="{}"><title>{} ({}{}): held by {}</title><rect x="{}" y="{}" width="{}" height="{}" rx="14" fill="{fill}" stroke="{}" stroke-width="{width}"/>"#,
        esc(&info.id),
        owner.map_or(String::new(), |o| esc(&h.sides[o].id)),
        esc(&info.name),
        esc(&info.kind),
        if info.value > 0 {
            format!(", worth {}", info.value)
        } else {
            String::new()
        },
        esc(&held),
        num(x),
        num(y),
        num(l.box_w),
        num(l.box_h),
        esc(&stroke)
    );
    let name = lines(&info.name, if info.value > 0 { 11 } else { 13 });
    let top = if name.len() > 1 { y + 29.0 } else { y + 42.0 };
    // A line wider than the box (about 0.6 em a character) is squeezed to fit it.
    let room = l.box_w - if info.value > 0 { 52.0 } else { 16.0 };
    for (i, line) in name.iter().enumerate() {
        let wide = line.chars().count() as f64 * 26.0 * 0.6 > room;
        let fit = if wide {
            format!(
                r#" textLength="{}" lengthAdjust="spacingAndGlyphs""#,
                num(room)
            )
        } else {
            String::new()
        };
        let _ = write!(
            s,
            r#"<text class="zname" x="{}" y="{}"{fit}>{}</text>"#,
            num(x + 9.0),
            num(top + 28.0 * i as f64),
            esc(line)
        );
    }
    if info.value > 0 {
        let _ = write!(
            s,
            r#"<g class="zvalue"><circle cx="{}" cy="{}" r="17"/><text x="{}" y="{}">{}</text></g>"#,
            num(x + l.box_w - 22.0),
            num(y + 32.0),
            num(x + l.box_w - 22.0),
            num(y + 39.5),
            info.value
        );
    }
    s.push_str("</g>");
    let here: Vec<&Counter> = f.counters.iter().filter(|u| u.zone == z).collect();
    for (i, u) in here.iter().enumerate() {
        let cx = x + GAP + (i % PER_ROW) as f64 * (C + GAP);
        let cy = y + HEAD + GAP + (i / PER_ROW) as f64 * (C + GAP);
        super::counter::counter(s, h, u, cx, cy);
    }
}

fn arrows(s: &mut String, h: &Hotwash, l: &Layout, f: &Frame) {
    s.push_str(r#"<g class="moves">"#);
    for (k, a) in f.moves.iter().enumerate() {
        if a.path.len() < 2 {
            continue;
        }
        // Arrows run on the right of their way, so opposite moves along a border stay apart;
        // arrows that share their ends are drawn side by side.
        let same = f.moves[..k]
            .iter()
            .filter(|b| b.path.first() == a.path.first() && b.path.last() == a.path.last())
            .count() as f64;
        let off = 10.0 + same * 15.0;
        let mut segs: Vec<[(f64, f64); 2]> = Vec::new();
        for w in a.path.windows(2) {
            let (p, q) = (l.centre(w[0]), l.centre(w[1]));
            let (dx, dy) = (q.0 - p.0, q.1 - p.1);
            let len = (dx * dx + dy * dy).sqrt().max(1.0);
            let (ox, oy) = (-dy / len * off, dx / len * off);
            let (p, q) = (l.edge(w[0], q), l.edge(w[1], p));
            segs.push([(p.0 + ox, p.1 + oy), (q.0 + ox, q.1 + oy)]);
        }
        let side = &h.sides[a.side];
        let _ = write!(
            s,
            r#"<g class="move{}" data-side="{}"><title>{} {}: {}</title>"#,
            if a.retreat { " retreat" } else { "" },
            esc(&side.id),
            esc(&side.name),
            if a.retreat { "retreat" } else { "move" },
            esc(&a.units.join(", "))
        );
        for (i, [p, q]) in segs.iter().enumerate() {
            let pts = format!("{},{} {},{}", num(p.0), num(p.1), num(q.0), num(q.1));
            let head = if i + 1 == segs.len() {
                format!(r#" marker-end="url(#ah-{})""#, a.side)
            } else {
                String::new()
            };
            let _ = write!(
                s,
                r#"<polyline class="halo" points="{pts}"/><polyline points="{pts}" stroke="{}"{head}/>"#,
                esc(&side.colour)
            );
        }
        if a.units.len() > 1 {
            let [p, q] = segs[0];
            let (mx, my) = ((p.0 + q.0) / 2.0, (p.1 + q.1) / 2.0);
            let _ = write!(
                s,
                r#"<circle class="count" cx="{}" cy="{}" r="15" stroke="{}"/><text class="count" x="{}" y="{}">{}</text>"#,
                num(mx),
                num(my),
                esc(&side.colour),
                num(mx),
                num(my + 6.0),
                a.units.len()
            );
        }
        s.push_str("</g>");
    }
    s.push_str("</g>");
}

fn fights(s: &mut String, h: &Hotwash, l: &Layout, f: &Frame) {
    let mut zones: Vec<usize> = f.fights.iter().map(|x| x.zone).collect();
    zones.sort_unstable();
    zones.dedup();
    for z in zones {
        let here: Vec<_> = f.fights.iter().filter(|x| x.zone == z).collect();
        let (x, y) = l.at[z];
        let (cx, cy) = (x + l.box_w + 2.0, y - 2.0);
        let star: Vec<String> = (0..16)
            .map(|i| {
                let r = if i % 2 == 0 { 27.0 } else { 13.5 };
                let a = std::f64::consts::PI * f64::from(i) / 8.0;
                format!("{},{}", num(cx + r * a.sin()), num(cy - r * a.cos()))
            })
            .collect();
        let texts: Vec<String> = here.iter().map(|x| esc(&x.text)).collect();
        let _ = write!(
            s,
            r#"<g class="fight" data-zone="{}"><title>{}</title><polygon points="{}" stroke="{}"/><text x="{}" y="{}">{}</text></g>"#,
            esc(&h.zones[z].id),
            texts.join("\n"),
            star.join(" "),
            esc(&h.sides[here[0].attacker].colour),
            num(cx),
            num(cy + 7.0),
            here.len()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::lines;

    #[test]
    fn long_zone_names_take_two_lines() {
        assert_eq!(
            lines("Mediterranean approaches", 17),
            ["Mediterranean", "approaches"]
        );
        assert_eq!(lines("Aleppo", 17), ["Aleppo"]);
        assert_eq!(
            lines("Desert route to the Gulf", 17),
            ["Desert route to", "the Gulf"]
        );
    }
}
