//! A unit's counter on the map: its side's colour, a small drawing of its domain, its strength
//! in steps and pips for wear; a detected enemy with a dashed inner border, a last-known position
//! lighter, with a question mark and the turn it was seen. Its tooltip names it.

use super::map::C;
use super::markup::{esc, ink, num, shade, tint};
use super::model::{Counter, Hotwash, Known};
use crate::scenario::Domain;
use std::fmt::Write;

/// A small drawing of a domain in a 24 x 12 box at (x, y).
fn glyph(d: Option<Domain>, x: f64, y: f64, ink: &str) -> String {
    let p = |d: &str| {
        format!(
            r#"<path transform="translate({},{}) scale(1.25)" d="{d}" fill="none" stroke="{ink}" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>"#,
            num(x),
            num(y)
        )
    };
    match d {
        Some(Domain::Surface) => p("M1,5 L23,5 L19,11 L5,11 Z M9,5 L9,1 L15,1 L15,5"),
        Some(Domain::Subsurface) => p("M2,8 Q12,2 22,8 Q12,14 2,8 Z M10,5 L10,1 L14,1 L14,5"),
        Some(Domain::Air) => p("M2,10 L12,2 L22,10 M12,2 L12,12"),
        Some(Domain::Ground) => p("M3,1 L21,1 L21,11 L3,11 Z M3,1 L21,11 M21,1 L3,11"),
        Some(Domain::Amphibious) => {
            p("M1,4 Q4,1 7,4 Q10,7 13,4 Q16,1 19,4 Q22,7 23,4 M3,11 L21,11 L17,7 L7,7 Z")
        }
        None => format!(
            r#"<text x="{}" y="{}" class="uq" fill="{ink}">?</text>"#,
            num(x + 15.0),
            num(y + 14.0)
        ),
    }
}

/// Draws unit `u` as a counter with its top left corner at (x, y).
pub(super) fn counter(s: &mut String, h: &Hotwash, u: &Counter, x: f64, y: f64) {
    let side = &h.sides[u.side];
    let colour = &side.colour;
    let (fill, class, how) = match u.known {
        Known::Full => (colour.clone(), "unit", String::new()),
        Known::Detected => (
            colour.clone(),
            "unit detected",
            ", detected this turn".to_string(),
        ),
        Known::LastSeen(t) => (
            tint(colour, 0.55),
            "unit lastseen",
            format!(", last seen on turn {t}"),
        ),
    };
    let text = ink(&fill);
    let detail = u
        .detail
        .as_deref()
        .map(|d| format!(", {d}"))
        .unwrap_or_default();
    let _ = write!(
        s,
        r#"<g class="{class}" data-unit="{}" data-side="{}" data-zone="{}" data-strength="{}" transform="translate({},{})"><title>{} — {} ({}), {}, strength {}{detail}{how}</title><rect width="{C}" height="{C}" rx="7" fill="{fill}" stroke="{}" stroke-width="2.5"/>"#,
        esc(&u.id),
        esc(&side.id),
        esc(&h.zones[u.zone].id),
        u.strength,
        num(x),
        num(y),
        esc(&u.name),
        esc(&u.id),
        esc(&side.name),
        esc(&u.kind),
        u.strength,
        esc(&shade(colour, 0.35))
    );
    if u.known != Known::Full {
        s.push_str(r#"<rect x="4.5" y="4.5" width="51" height="51" rx="6" class="seen"/>"#);
    }
    match u.known {
        // A last sighting: the turn it was seen where the type would be (the type is not known).
        Known::LastSeen(t) => {
            let _ = write!(
                s,
                r#"<text class="seenturn" x="30" y="21" fill="{text}">T{t}</text>"#
            );
        }
        _ => s.push_str(&glyph(u.domain, 15.0, 6.0, text)),
    }
    let _ = write!(
        s,
        r#"<text class="str" x="30" y="53" fill="{text}">{}</text>"#,
        u.strength
    );
    let pips = match u.detail.as_deref() {
        Some(d) if d.starts_with("worn") => 1,
        Some(d) if d.starts_with("spent") => 2,
        _ => 0,
    };
    for i in 0..pips {
        let _ = write!(
            s,
            r#"<circle class="pip" cx="52.5" cy="{}" r="3.6" fill="{text}"/>"#,
            9 + 9 * i
        );
    }
    s.push_str("</g>");
}
