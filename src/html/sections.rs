//! The fixed sections of a game's report: the map's legend (the sides' colours, what counters,
//! pips, arrows and markers mean), the outcome with each score as it adds up, and the provenance
//! box (the scenario's sources, the note that claims are attributed and factors abstract, and for
//! the white cell the scenario's note on provenance and bias).

use super::markup::{esc, tint};
use super::model::Hotwash;
use std::fmt::Write;

/// The map's legend.
pub fn legend(h: &Hotwash) -> String {
    let mut s = String::from(r#"<div class="legend" aria-label="legend">"#);
    for side in &h.sides {
        let _ = write!(
            s,
            r#"<span><span class="sw" style="background:{}"></span>{}</span>"#,
            esc(&side.colour),
            esc(&side.name)
        );
    }
    let icon = |body: &str| format!(r#"<svg viewBox="0 0 60 36" aria-hidden="true">{body}</svg>"#);
    let items = [
        (
            icon(
                r##"<rect x="14" y="2" width="32" height="32" rx="5" fill="#666"/><text x="30" y="28" font-size="20" font-weight="800" text-anchor="middle" fill="#fff">3</text>"##,
            ),
            "a unit: its strength in steps",
        ),
        (
            icon(
                r##"<rect x="14" y="2" width="32" height="32" rx="5" fill="#666"/><circle cx="41" cy="8" r="2.6" fill="#fff"/><circle cx="41" cy="15" r="2.6" fill="#fff"/>"##,
            ),
            "pips: worn (1), spent (2)",
        ),
        (
            icon(
                r##"<line x1="4" y1="18" x2="48" y2="18" stroke="#555" stroke-width="6"/><path d="M44,8 L58,18 L44,28 z" fill="#555"/>"##,
            ),
            "move",
        ),
        (
            icon(
                r##"<line x1="4" y1="18" x2="48" y2="18" stroke="#555" stroke-width="6" stroke-dasharray="9 6"/><path d="M44,8 L58,18 L44,28 z" fill="#555"/>"##,
            ),
            "retreat",
        ),
        (
            icon(
                r##"<polygon points="30,2 34,13 45,10 38,19 45,28 34,24 30,34 26,24 15,28 22,19 15,10 26,13" fill="#ffd21f" stroke="#c00" stroke-width="2.5"/>"##,
            ),
            "engagements (how many)",
        ),
        (
            icon(
                r##"<circle cx="30" cy="18" r="14" fill="#14181f"/><text x="30" y="24" font-size="16" font-weight="800" text-anchor="middle" fill="#fff">2</text>"##,
            ),
            "zone value",
        ),
    ];
    for (i, t) in items {
        let _ = write!(s, "<span>{i}{t}</span>");
    }
    if h.reader.is_some() {
        let _ = write!(
            s,
            "<span>{}detected this turn</span><span>{}last seen on turn n (Tn on the counter), strength then</span>",
            icon(
                r##"<rect x="14" y="2" width="32" height="32" rx="5" fill="#666"/><rect x="17" y="5" width="26" height="26" rx="4" fill="none" stroke="#fff" stroke-width="2" stroke-dasharray="4 3"/>"##
            ),
            icon(
                r##"<rect x="14" y="2" width="32" height="32" rx="5" fill="#bbb"/><rect x="17" y="5" width="26" height="26" rx="4" fill="none" stroke="#333" stroke-width="2" stroke-dasharray="4 3"/><text x="30" y="17" font-size="11" font-weight="800" text-anchor="middle" fill="#333">Tn</text><text x="30" y="30" font-size="12" font-weight="800" text-anchor="middle" fill="#333">2</text>"##
            )
        );
    }
    let _ = write!(
        s,
        "<span>zone fill and border: who controls it</span><span>glyphs: {}</span><span>keys: ← → Home End; click a timeline line to see its turn</span></div>",
        ["ship", "submarine", "aircraft", "ground", "amphibious"].join(", ")
    );
    s
}

/// The outcome and every score the reader may see, with how it adds up.
pub fn outcome(s: &mut String, h: &Hotwash) {
    let played = h.frames.last().map_or(0, |f| f.turn);
    let _ = write!(
        s,
        r#"<section class="block outcome" id="outcome"><h2>Outcome and scoring</h2><p class="outcome-line">{}</p><div class="scores">"#,
        esc(h
            .outcome
            .as_deref()
            .unwrap_or(&format!("The game has not ended: {played} turn(s) played. The scores are what each side would have if it ended now.")))
    );
    for sc in &h.scores {
        let side = h.sides.iter().find(|x| x.id == sc.side);
        let colour = side.map_or("#999", |x| x.colour.as_str());
        let _ = write!(
            s,
            r#"<div class="score" style="--side:{};background:{}"><h3><span>{}</span><span>{} point(s)</span></h3><ul>"#,
            esc(colour),
            tint(colour, 0.93),
            esc(side.map_or(sc.side.as_str(), |x| x.name.as_str())),
            sc.total
        );
        let zones: Vec<String> = sc.zones.iter().map(|(z, v)| format!("{z} {v}")).collect();
        let _ = write!(
            s,
            "<li>zones held: {} point(s){}</li>",
            sc.zones.iter().map(|z| z.1).sum::<u32>(),
            if zones.is_empty() {
                String::new()
            } else {
                format!(" ({})", esc(&zones.join(", ")))
            }
        );
        for o in &sc.objectives {
            let (class, mark) = match o.met {
                Some(true) => ("met", "met"),
                Some(false) => ("notmet", "not met"),
                None => ("unknown", "unknown to this side"),
            };
            let _ = write!(
                s,
                r#"<li><span class="{class}">{mark}</span> — {} ({} point(s)): {}</li>"#,
                esc(&o.name),
                o.points,
                esc(&o.condition)
            );
        }
        s.push_str("</ul></div>");
    }
    s.push_str("</div></section>");
}

/// The provenance box.
pub fn provenance(s: &mut String, h: &Hotwash) {
    s.push_str(
        r#"<section class="block" id="provenance"><div class="provenance"><h2>Provenance</h2><dl>"#,
    );
    for (title, note) in &h.sources {
        let _ = write!(s, "<dt>{}</dt><dd>{}</dd>", esc(title), esc(note));
    }
    s.push_str("</dl><p><strong>Claims are attributed and factors are abstract.</strong> Every claim in the scenario is attributed to whoever made it; unit strengths and factors are small play values chosen for the game, not measures of real forces. whitecell models no coordinates, ranges, weapon loads or platform performance, and the map is a graph of named regions, not a real map.</p>");
    if !h.umpire_note.is_empty() {
        let _ = write!(
            s,
            "<p><strong>For the white cell:</strong> {}</p>",
            esc(&h.umpire_note)
        );
    }
    let _ = write!(
        s,
        "<p class=\"note\">Made by whitecell {} from game {}'s event log, re-adjudicated from its save (the events <code>whitecell replay</code> checks).{}</p></div></section>",
        crate::VERSION,
        esc(&h.game),
        if h.reader.is_some() {
            " It shows only what this side's views showed it: its own and allied units, the units it detected, public tracks and its messages."
        } else {
            ""
        }
    );
}
