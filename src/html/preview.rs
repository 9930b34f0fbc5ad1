//! The map preview behind `whitecell describe SCENARIO --map FILE.html`: the after-action
//! report's map of turn 0 (every zone and link, every unit on the map at the start, every zone's
//! controller) with its legend, as one self-contained page, drawn by the same code as the report
//! from a fresh engine of the scenario; no game folder needed.

use super::map::{self, Layout};
use super::markup::esc;
use crate::dice::Dice;
use crate::model::Compiled;
use crate::sim::Engine;
use std::fmt::Write;
use std::sync::Arc;

/// The page of the map of `c` at the start.
pub fn page(c: &Arc<Compiled>) -> Result<String, String> {
    // Nothing is rolled before turn 1: the seed does not show.
    let mut e = Engine::new(c.clone(), Dice::seeded(0));
    let log = e.log();
    let hash = e.state_hash();
    let slices = super::replay::slices(c, &log, &hash)?;
    let start = e.state();
    let h = super::umpire::report(c, "map preview", &log, &slices[..1], &start);
    let frame = h
        .frames
        .first()
        .ok_or_else(|| "whitecell bug: no frame for the start".to_string())?;
    let title = format!("{} — map at the start", h.title);
    let mut s = super::page::head(&title, "game preview");
    s.push_str(&map::defs(&h));
    let _ = write!(
        s,
        r#"<header class="top"><div class="kicker">Map preview · the start, before turn 1</div><h1>{}</h1><p class="meta">{} zones · {} units on the map · {} turns</p></header><main><section class="mapwrap">"#,
        esc(&h.title),
        h.zones.len(),
        frame.counters.len(),
        c.turns
    );
    let l = Layout::of(&h);
    s.push_str(&map::svg(&h, &l, frame, "map current"));
    s.push_str(&super::sections::legend(&h));
    s.push_str("</section></main></body></html>\n");
    Ok(s)
}
