//! The white cell's own picture of a game, for `whitecell view GAME_DIR --umpire`: the ground truth
//! no side sees whole. Every unit with its readiness and posture and which sides detect it now,
//! every relation, every track (the private ones marked), control, the orders each side has handed
//! in for the coming turn and who plays the silent ones, and each side's score now.

use crate::game::score;
use crate::game::store::folder::Game;
use crate::game::umpire::silent;
use crate::report::text::width;
use crate::report::words;
use std::fmt::Write;

/// The umpire's view as text.
pub fn text(g: &mut Game) -> String {
    let c = g.c.clone();
    let st = g.engine.state();
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} — the white cell's view (ground truth: do not show it to the teams)",
        c.scenario.meta.title
    );
    let _ = writeln!(
        s,
        "game {} · turn {} of {} played · orders due for turn {} ({})",
        g.save.game,
        st.turn,
        c.turns,
        g.next_turn(),
        c.turn_label(g.next_turn())
    );
    if let Some(o) = &st.outcome {
        let _ = writeln!(s, "GAME OVER: {}", o.summary());
    }
    let _ = writeln!(s, "\nRelations");
    for a in c.side_ids() {
        for b in c.side_ids().filter(|b| *b > a) {
            let _ = writeln!(
                s,
                "  {} - {}: {}",
                c.side_name(a),
                c.side_name(b),
                words::relation(st.relations.get(a, b))
            );
        }
    }
    let w = width(st.units.iter().map(|u| c.unit_name(u.id)));
    let wz = width(st.units.iter().map(|u| c.zone_name(u.zone)));
    let _ = writeln!(
        s,
        "\nUnits, by side (detected by: the sides that see it this turn)"
    );
    for side in c.side_ids() {
        let _ = writeln!(s, "  {}", c.side_name(side));
        let mine: Vec<_> = st.units.iter().filter(|u| u.side == side).collect();
        if mine.is_empty() {
            let _ = writeln!(s, "    (none on the map)");
        }
        for u in mine {
            let seen: Vec<&str> = c
                .side_ids()
                .filter(|&o| o != side && st.intel.sees(o, u.id))
                .map(|o| c.side_name(o))
                .collect();
            let _ = writeln!(
                s,
                "    {:<w$}  in {:<wz$}  strength {}  {}, posture {}; detected by: {}",
                c.unit_name(u.id),
                c.zone_name(u.zone),
                u.strength,
                words::readiness(u.readiness),
                words::posture(u.posture),
                if seen.is_empty() {
                    "nobody".to_string()
                } else {
                    seen.join(", ")
                }
            );
        }
    }
    let _ = writeln!(s, "\nTracks");
    let wt = width(c.tracks.iter().map(|t| t.id.as_str()));
    for (t, v) in c.tracks.iter().zip(&st.tracks) {
        let band = t.band(*v).map(|b| format!(" ({b})")).unwrap_or_default();
        let private = if t.public { "" } else { "  [white cell only]" };
        let _ = writeln!(
            s,
            "  {:<wt$}  {v} [{}..{}]{band}{private}",
            t.id, t.min, t.max
        );
    }
    let _ = writeln!(s, "\nZone control");
    let wz = width(c.zones.iter().map(|z| z.id.as_str()));
    for (z, o) in c.zones.iter().zip(&st.control) {
        let _ = writeln!(s, "  {:<wz$}  {}", z.id, o.map_or("-", |x| c.side_name(x)));
    }
    if st.outcome.is_none() {
        let _ = writeln!(s, "\nOrders handed in for turn {}", g.next_turn());
        for side in &c.scenario.sides {
            match g.pending.get(&side.id) {
                Some((f, r)) => {
                    let _ = writeln!(s, "  {} (receipt {r}):", side.id);
                    for o in &f.orders {
                        let _ = writeln!(s, "    {}  {}", o.unit, words::order(&o.order));
                    }
                    for x in &f.signals {
                        let _ = writeln!(s, "    signal {} to {}", words::signal(x.kind), x.to);
                    }
                    if f.orders.is_empty() && f.signals.is_empty() {
                        let _ = writeln!(s, "    (no orders: every unit holds)");
                    }
                }
                None => {
                    let _ = writeln!(
                        s,
                        "  {}: nothing yet; if silent, played by `{}` ({})",
                        side.id,
                        silent::filler(side, None),
                        silent::filler_reason(side)
                    );
                }
            }
        }
    }
    let _ = writeln!(s, "\nScores if the game ended now");
    s.push_str(score::account(&c, &st).trim_start_matches("How the points add up:\n"));
    s
}
