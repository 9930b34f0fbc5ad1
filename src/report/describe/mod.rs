//! A readable summary of a scenario, for the white cell or for one side.
//!
//! [`describe`] builds the text behind `whitecell describe`. The white cell's summary holds
//! everything: the umpire's note, every briefing, every unit (including those events add), every
//! track, the events and every side's objectives. A side's summary holds only what that side knows
//! at the start: its own briefing, its own and its allies' units (allies share positions), the map,
//! the public tracks, the escalation table, its own objectives and the sudden-death conditions.

mod terms;

pub use terms::{condition, hang, wrap};

use crate::model::{Compiled, SideId};
use crate::scenario::{Relation, Unit};
use std::fmt::Write;

/// Who the summary is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// The white cell: everything.
    Umpire,
    /// One side: only what it knows at the start.
    Side(SideId),
}

/// Width to wrap notes to.
const WIDTH: usize = 100;

struct Ctx<'a> {
    c: &'a Compiled,
    who: Audience,
}

impl Ctx<'_> {
    /// Whether the reader sees the units of `owner` at the start.
    fn sees_units_of(&self, owner: SideId) -> bool {
        match self.who {
            Audience::Umpire => true,
            Audience::Side(me) => {
                owner == me || self.c.relations.get(me, owner) == Relation::Allied
            }
        }
    }

    /// Whether the reader may not see track `id`.
    fn hidden(&self, id: &str) -> bool {
        self.who != Audience::Umpire
            && self
                .c
                .scenario
                .tracks
                .iter()
                .any(|t| t.id == id && !t.public)
    }

    fn label(&self, n: u32) -> String {
        self.c.turn_label(n)
    }

    fn cond(&self, cond: &crate::scenario::Condition) -> String {
        terms::condition(cond, &|t| self.hidden(t), &|n| self.label(n))
    }
}

/// The summary of `c` for `who`, as text.
pub fn describe(c: &Compiled, who: Audience) -> String {
    let x = Ctx { c, who };
    let mut s = String::new();
    header(&x, &mut s);
    sides(&x, &mut s);
    zones(&x, &mut s);
    unit_types(&x, &mut s);
    units(&x, &mut s);
    tracks(&x, &mut s);
    if who == Audience::Umpire {
        events(&x, &mut s);
    }
    victory(&x, &mut s);
    s
}

fn section(s: &mut String, title: &str) {
    let _ = write!(s, "\n{title}\n{}\n", "-".repeat(title.chars().count()));
}

fn header(x: &Ctx, s: &mut String) {
    let m = &x.c.scenario.meta;
    let title = match x.who {
        Audience::Umpire => format!("{} (white cell)", m.title),
        Audience::Side(me) => format!("{} (for {})", m.title, x.c.scenario.sides[me.index()].name),
    };
    let _ = writeln!(s, "{title}\n{}", "=".repeat(title.chars().count()));
    s.push_str(&wrap(&m.summary, "", WIDTH));
    let _ = writeln!(
        s,
        "\nScenario `{}`: {} turns, {} to {}.",
        m.id,
        x.c.turns,
        x.label(1),
        x.label(x.c.turns)
    );
    if !m.sources.is_empty() {
        section(s, "Sources");
        for src in &m.sources {
            s.push_str(&wrap(&src.title, "  ", WIDTH));
            s.push_str(&wrap(&src.note, "      ", WIDTH));
        }
    }
    match x.who {
        Audience::Umpire => {
            if !m.umpire_note.is_empty() {
                section(s, "Umpire's note (white cell only)");
                s.push_str(&wrap(&m.umpire_note, "  ", WIDTH));
            }
        }
        Audience::Side(me) => {
            let side = &x.c.scenario.sides[me.index()];
            section(s, &format!("Your briefing: {}", side.name));
            s.push_str(&wrap(&side.briefing, "  ", WIDTH));
        }
    }
}

fn sides(x: &Ctx, s: &mut String) {
    let sc = &x.c.scenario;
    section(s, "Sides");
    let w = crate::report::text::width(sc.sides.iter().map(|s| s.id.as_str()));
    for (i, side) in sc.sides.iter().enumerate() {
        let you = x.who == Audience::Side(SideId(i as u16));
        let mark = if you { "  <- you" } else { "" };
        let _ = write!(s, "  {:<w$}  {} ({})", side.id, side.name, side.colour);
        if x.who == Audience::Umpire {
            let _ = write!(
                s,
                ", bot policy {}",
                side.policy.as_deref().unwrap_or("random")
            );
        }
        let _ = writeln!(s, "{mark}");
        if x.who == Audience::Umpire && !side.briefing.is_empty() {
            s.push_str(&wrap(
                &format!("Briefing: {}", side.briefing),
                "      ",
                WIDTH,
            ));
        }
    }
    section(s, "Relations at the start (unlisted pairs are neutral)");
    for a in x.c.side_ids() {
        for b in x.c.side_ids().filter(|b| *b > a) {
            let _ = writeln!(
                s,
                "  {} - {}: {}",
                x.c.side_name(a),
                x.c.side_name(b),
                terms::relation(x.c.relations.get(a, b))
            );
        }
    }
}

fn zones(x: &Ctx, s: &mut String) {
    section(s, "Zones");
    for z in &x.c.scenario.zones {
        let _ = write!(
            s,
            "  {} \"{}\": {:?}, value {}",
            z.id, z.name, z.kind, z.value
        );
        let _ = write!(
            s,
            ", controlled by {}",
            z.controller.as_deref().unwrap_or("nobody")
        );
        if let Some(sup) = &z.supply {
            let _ = write!(s, ", supply source for {sup}");
        }
        if let Some((lx, ly)) = z.layout {
            let _ = write!(s, ", drawn at ({lx}, {ly})");
        }
        let _ = writeln!(s);
        let _ = writeln!(s, "      neighbours: {}", z.neighbours.join(", "));
        s.push_str(&wrap(&z.note, "      ", WIDTH));
    }
}

fn unit_types(x: &Ctx, s: &mut String) {
    section(s, "Unit types (abstract play factors, 0-10)");
    for t in &x.c.scenario.unit_types {
        let enters: Vec<String> = t.enters.iter().map(|k| format!("{k:?}")).collect();
        let _ = writeln!(
            s,
            "  {} \"{}\": {:?}, movement {}, attack {}, defence {}, detection {}, stealth {}; enters {}",
            t.id,
            t.name,
            t.domain,
            t.movement,
            t.attack,
            t.defence,
            t.detection,
            t.stealth,
            enters.join(", ")
        );
        s.push_str(&wrap(&t.note, "      ", WIDTH));
    }
}

fn unit_block(s: &mut String, u: &Unit) {
    let _ = writeln!(s, "    {}", terms::unit_line(u));
    s.push_str(&wrap(&format!("source: {}", u.source), "        ", WIDTH));
}

fn units(x: &Ctx, s: &mut String) {
    let sc = &x.c.scenario;
    let title = match x.who {
        Audience::Umpire => "Units at the start, by side",
        Audience::Side(_) => "Units at the start: yours and your allies' (allies share positions)",
    };
    section(s, title);
    for (i, side) in sc.sides.iter().enumerate() {
        let sid = SideId(i as u16);
        if !x.sees_units_of(sid) {
            continue;
        }
        let mine: Vec<&Unit> = sc.units.iter().filter(|u| u.side == side.id).collect();
        let _ = writeln!(s, "  {} ({} unit(s)):", side.id, mine.len());
        for u in mine {
            unit_block(s, u);
        }
    }
    if x.who == Audience::Umpire {
        let added: Vec<(&str, &Unit)> = sc
            .events
            .iter()
            .flat_map(|e| {
                e.effects.iter().filter_map(move |fx| match fx {
                    crate::scenario::Effect::AddUnit(u) => Some((e.id.as_str(), u)),
                    _ => None,
                })
            })
            .collect();
        if !added.is_empty() {
            let _ = writeln!(s, "  Added by events (not on the map at the start):");
            for (ev, u) in added {
                let _ = writeln!(s, "    [event {ev}]");
                unit_block(s, u);
            }
        }
    }
}

fn tracks(x: &Ctx, s: &mut String) {
    let sc = &x.c.scenario;
    section(s, "Tracks");
    for t in sc.tracks.iter().filter(|t| !x.hidden(&t.id)) {
        let vis = if t.public { "" } else { " [white cell only]" };
        let _ = writeln!(
            s,
            "  {} \"{}\": {}..={}, starts at {}{vis}",
            t.id, t.name, t.min, t.max, t.start
        );
        for th in &t.thresholds {
            let _ = write!(s, "      at {:>3}: {}", th.at, th.label);
            if let (Audience::Umpire, Some(e)) = (x.who, &th.event) {
                let _ = write!(s, " (fires event {e})");
            }
            let _ = writeln!(s);
        }
    }
    if let Some(e) = &sc.escalation {
        let line = format!(
            "How orders move {}: engaging a neutral side {:+} (the relation turns hostile), \
             each engagement {:+}, show of force {:+}, signal Warn {:+}, Deescalate {:+}, Hotline {:+}",
            e.track,
            e.engage_neutral,
            e.engagement,
            e.show_of_force,
            e.warn,
            e.deescalate,
            e.hotline
        );
        s.push_str(&hang(&line, "  ", "    ", WIDTH));
    }
}

fn events(x: &Ctx, s: &mut String) {
    section(s, "Events (white cell only)");
    for e in &x.c.scenario.events {
        let once = if e.once { "" } else { ", every time it holds" };
        let _ = writeln!(
            s,
            "  {} \"{}\": {}{once}",
            e.id,
            e.name,
            terms::trigger(&e.trigger, &|n| x.label(n))
        );
        s.push_str(&wrap(&e.text, "      ", WIDTH));
        for fx in &e.effects {
            s.push_str(&hang(
                &format!("- {}", terms::effect(fx)),
                "        ",
                "          ",
                WIDTH,
            ));
        }
    }
}

fn victory(x: &Ctx, s: &mut String) {
    let sc = &x.c.scenario;
    section(s, "Victory");
    s.push_str(&wrap(
        "At the end each side scores the value of the zones it controls plus the points of its \
         objectives met; the most points wins (a tie for first is a draw).",
        "  ",
        WIDTH,
    ));
    // In side order, not the file's map order.
    for (i, side) in sc.sides.iter().enumerate() {
        if matches!(x.who, Audience::Side(me) if me.index() != i) {
            continue;
        }
        let Some(objs) = sc.victory.objectives.get(&side.id) else {
            continue;
        };
        let _ = writeln!(s, "  Objectives of {}:", side.id);
        for o in objs {
            let line = format!("{} point(s): {} [{}]", o.points, o.name, x.cond(&o.when));
            s.push_str(&hang(&line, "    ", "      ", WIDTH));
        }
    }
    if !sc.victory.sudden_death.is_empty() {
        let _ = writeln!(
            s,
            "  Sudden death (checked every turn; ends the game at once):"
        );
        for sd in &sc.victory.sudden_death {
            let who = match &sd.winner {
                Some(w) => format!("{w} wins"),
                None => "every side loses".into(),
            };
            let line = format!("{}: when {}, {who}. {}", sd.id, x.cond(&sd.when), sd.text);
            s.push_str(&hang(&line, "    ", "      ", WIDTH));
        }
    }
}
