//! The game report as one self-contained HTML page: the header with the outcome, the turn
//! controls (slider, previous and next, the large-type switch), the map of every turn (one shown
//! at a time) with its legend, the timeline (click an entry to see its turn), the charts, the
//! outcome and scoring, any forks, and the provenance box. The style sheet and the script are
//! inlined ([`page.css`](../page.css), [`page.js`](../page.js)); nothing is fetched. In print,
//! each turn gets a page of its own with its map and its timeline.

use super::charts::{Band, Series, lines};
use super::map::{self, Layout};
use super::markup::esc;
use super::model::{Frame, Hotwash};
use std::fmt::Write;

/// The style sheet.
pub const CSS: &str = include_str!("page.css");
/// The script.
pub const JS: &str = include_str!("page.js");

/// The page's head and the opening of its body.
pub fn head(title: &str, body_class: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"generator\" content=\"whitecell {}\"><title>{}</title><style>{CSS}</style></head><body class=\"{body_class}\">",
        crate::VERSION,
        esc(title)
    )
}

/// The script and the end of the page.
pub fn tail() -> String {
    format!("<script>{JS}</script></body></html>\n")
}

/// Hatching for bars that stand for "no winner".
pub fn patterns() -> &'static str {
    r##"<svg class="defs" width="0" height="0" aria-hidden="true" focusable="false"><defs><pattern id="hatch" width="10" height="10" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="10" height="10" fill="#d9dce1"/><line x1="0" y1="0" x2="0" y2="10" stroke="#5b6470" stroke-width="5"/></pattern></defs></svg>"##
}

/// The heading of a frame: `Start`, `Turn 3 — 3 Sep`.
fn heading(f: &Frame) -> String {
    if f.turn == 0 {
        "Start".into()
    } else if f.label == format!("Turn {}", f.turn) {
        f.label.clone()
    } else {
        format!("Turn {} — {}", f.turn, f.label)
    }
}

/// The label of the band a track value is in.
fn band(t: &super::model::TrackInfo, v: i32) -> Option<&str> {
    t.thresholds
        .iter()
        .filter(|(at, _)| *at <= v)
        .max_by_key(|(at, _)| *at)
        .map(|(_, l)| l.as_str())
}

/// The track values of a frame as chips.
fn chips(h: &Hotwash, f: &Frame) -> String {
    let mut s = String::new();
    for (t, v) in h.tracks.iter().zip(&f.tracks) {
        let b = band(t, *v)
            .map(|b| format!(" · {}", esc(b)))
            .unwrap_or_default();
        let _ = write!(s, r#"<span class="chip">{} {v}{b}</span>"#, esc(&t.name));
    }
    s
}

/// The whole page of a game's report.
pub fn game(h: &Hotwash) -> String {
    let who = match &h.reader {
        None => "After-action report · the white cell's, with everything".to_string(),
        Some(r) => {
            let name = h
                .sides
                .iter()
                .find(|s| s.id == *r)
                .map_or(r.as_str(), |s| s.name.as_str());
            format!("After-action report · as {name} saw it")
        }
    };
    let title = format!("{} — {}", h.title, who);
    let mut s = head(&title, "game");
    s.push_str(&map::defs(h));
    s.push_str(patterns());
    let played = h.frames.last().map_or(0, |f| f.turn);
    let _ = write!(
        s,
        r#"<header class="top"><div class="kicker">{}</div><h1>{}</h1><p class="meta">game {} · {} turn(s) played</p><p class="outcome-line">{}</p></header>"#,
        esc(&who),
        esc(&h.title),
        esc(&h.game),
        played,
        esc(h.outcome.as_deref().unwrap_or("The game has not ended."))
    );
    let last = h.frames.len().saturating_sub(1);
    let _ = write!(
        s,
        r#"<nav class="controls" aria-label="turn"><button id="prev" type="button" title="previous turn (← key)" aria-label="previous turn">◀</button><button id="next" type="button" title="next turn (→ key)" aria-label="next turn">▶</button><output id="turnlabel" for="turn">{}</output><input id="turn" type="range" min="0" max="{last}" value="{last}" step="1" aria-label="turn"><button id="large" type="button" aria-pressed="false" title="large type for a projector">Large type</button></nav><main>"#,
        esc(&h.frames.last().map(heading).unwrap_or_default())
    );
    let l = Layout::of(h);
    let _ = write!(
        s,
        r#"<section class="stage"><div class="mapwrap"><div class="turnbar"><span id="chips" class="chips">{}</span></div>"#,
        h.frames.last().map(|f| chips(h, f)).unwrap_or_default()
    );
    for f in &h.frames {
        let class = if f.turn == played {
            "map current"
        } else {
            "map"
        };
        s.push_str(&map::svg(h, &l, f, class));
    }
    s.push_str(&super::sections::legend(h));
    s.push_str(r#"</div><aside class="timeline" aria-label="timeline"><h2>Timeline</h2><div class="filters">show:"#);
    for (kind, word) in [
        ("orders", "orders"),
        ("contact", "contacts"),
        ("move", "moves"),
        ("readiness", "readiness"),
    ] {
        let _ = write!(
            s,
            r#"<label><input type="checkbox" checked data-kind="{kind}"> {word}</label>"#
        );
    }
    s.push_str("</div>");
    for f in &h.frames {
        timeline(&mut s, h, &l, f);
    }
    s.push_str("</aside></section>");
    charts(&mut s, h);
    super::sections::outcome(&mut s, h);
    for f in &h.forks {
        s.push_str(&super::fork::section(h, f));
    }
    super::sections::provenance(&mut s, h);
    s.push_str("</main>");
    s.push_str(&tail());
    s
}

fn timeline(s: &mut String, h: &Hotwash, l: &Layout, f: &Frame) {
    let head = heading(f);
    let c = chips(h, f);
    let _ = write!(
        s,
        r#"<section class="tl-turn print-{}" data-turn="{}" data-label="{}" data-chips="{}">"#,
        print_columns(f),
        f.turn,
        esc(&head),
        esc(&c)
    );
    s.push_str(&map::svg(h, l, f, "map print-map"));
    let _ = write!(
        s,
        r#"<h3 data-turn="{}">{}</h3><div class="print-only chips">{c}</div><ol>"#,
        f.turn,
        esc(&head)
    );
    if f.entries.is_empty() {
        s.push_str(r#"<li class="empty">nothing to report</li>"#);
    }
    for e in &f.entries {
        let (class, badge) = e.kind.name();
        let colour = e
            .side
            .map(|i| h.sides[i].colour.as_str())
            .unwrap_or("#9aa3af");
        let _ = write!(
            s,
            r#"<li class="entry k-{class}" data-turn="{}" style="--side:{}"><span class="badge">{badge}</span>{}</li>"#,
            f.turn,
            esc(colour),
            esc(&e.text)
        );
    }
    s.push_str("</ol></section>");
}

/// How many columns a turn's timeline takes on paper, so the turn fits on its one page: a short
/// turn keeps a large map beside one column; a long one gives the map less room and its entries
/// two or three columns. Measured in A4 landscape on the shipped scenario; the weight counts each
/// entry's text and its badge.
fn print_columns(f: &Frame) -> u8 {
    let weight: usize = f.entries.iter().map(|e| e.text.chars().count() + 30).sum();
    match weight {
        0..=1900 => 1,
        1901..=3000 => 2,
        _ => 3,
    }
}

fn charts(s: &mut String, h: &Hotwash) {
    let xs: Vec<String> = h
        .frames
        .iter()
        .map(|f| {
            if f.turn == 0 {
                "start".to_string()
            } else {
                f.turn.to_string()
            }
        })
        .collect();
    s.push_str(r#"<section class="charts" id="charts"><h2>Strength and tracks over the game</h2><div class="chartgrid">"#);
    let series: Vec<Series> = h
        .sides
        .iter()
        .enumerate()
        .filter(|(i, _)| h.frames.iter().any(|f| f.strength[*i].is_some()))
        .map(|(i, side)| Series {
            name: side.name.clone(),
            colour: side.colour.clone(),
            values: h
                .frames
                .iter()
                .map(|f| f.strength[i].map(f64::from))
                .collect(),
        })
        .collect();
    let top = series
        .iter()
        .flat_map(|x| x.values.iter().flatten())
        .fold(1.0f64, |a, b| a.max(*b));
    let mut key = String::new();
    for x in &series {
        let _ = write!(
            key,
            r#"<span><span class="sw" style="background:{}"></span>{}</span>"#,
            esc(&x.colour),
            esc(&x.name)
        );
    }
    let note = if h.reader.is_some() {
        "Only the sides whose units you could count: your own and your allies'."
    } else {
        "Steps on the map at the end of each turn, per side."
    };
    let _ = write!(
        s,
        r#"<figure><figcaption>Strength per side (steps on the map)</figcaption>{}<div class="legend">{key}</div><p class="note">{note}</p></figure>"#,
        lines(
            "strength per side over turns",
            &xs,
            &series,
            (0.0, top.ceil()),
            &[]
        )
    );
    for (i, t) in h.tracks.iter().enumerate() {
        let values = h
            .frames
            .iter()
            .map(|f| Some(f64::from(f.tracks[i])))
            .collect();
        let mut bands = Vec::new();
        for (k, (at, label)) in t.thresholds.iter().enumerate() {
            let to = t
                .thresholds
                .get(k + 1)
                .map_or(f64::from(t.max) + 0.5, |n| f64::from(n.0) - 0.5);
            bands.push(Band {
                from: f64::from(*at) - 0.5,
                to,
                label: label.clone(),
            });
        }
        let private = if t.public || t.name.contains("white cell") {
            ""
        } else {
            " (white cell only)"
        };
        let _ = write!(
            s,
            r#"<figure><figcaption>{}{private}</figcaption>{}<p class="note">Bands: the track's thresholds. Bounds {} to {}.</p></figure>"#,
            esc(&t.name),
            lines(
                &format!("{} over turns", t.name),
                &xs,
                &[Series {
                    name: t.name.clone(),
                    colour: "#1f4e8c".into(),
                    values,
                }],
                (f64::from(t.min) - 0.5, f64::from(t.max) + 0.5),
                &bands
            ),
            t.min,
            t.max
        );
    }
    s.push_str("</div></section>");
}
