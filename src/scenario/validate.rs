//! Semantic checks over a decoded scenario: references, ranges, the shape of the map. Every problem
//! is reported, each with the field path at fault; the loader turns paths into lines and columns.

use super::load::Partial;
use super::schema::*;
use std::collections::{BTreeMap, BTreeSet};

mod ruleset;
mod script;
mod swap;

pub use ruleset::check_ruleset;
use script::{check_condition, check_effect, check_objectives, check_reachable, check_thresholds};

/// One semantic problem: where (a field path) and what.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Field path, e.g. `units[3].zone`.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

/// The most turns a scenario may have.
pub const MAX_TURNS: u32 = 200;

pub(super) struct Ctx<'a> {
    out: Vec<Problem>,
    broken: &'a BTreeSet<String>,
    sides: BTreeSet<&'a str>,
    zones: BTreeMap<&'a str, &'a Zone>,
    types: BTreeMap<&'a str, &'a UnitType>,
    units: BTreeSet<&'a str>,
    tracks: BTreeSet<&'a str>,
    events: BTreeSet<&'a str>,
    /// Ids looked up and not found, by kind, for the hint of [`swap`].
    missing: Vec<swap::Missing>,
}

impl<'a> Ctx<'a> {
    pub(super) fn err(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.out.push(Problem {
            path: path.into(),
            message: message.into(),
        });
    }

    pub(super) fn known(&mut self, set: &str, id: &str, path: String) {
        let ok = match set {
            "side" => self.sides.contains(id),
            "zone" => self.zones.contains_key(id),
            "unit type" => self.types.contains_key(id),
            "unit" => self.units.contains(id),
            "track" => self.tracks.contains(id),
            "event" => self.events.contains(id),
            _ => false,
        };
        if ok || self.broken.contains(id) {
            return;
        }
        self.missing.push((set.to_string(), id.to_string()));
        let names: Vec<&str> = match set {
            "side" => self.sides.iter().copied().collect(),
            "zone" => self.zones.keys().copied().collect(),
            "unit type" => self.types.keys().copied().collect(),
            "unit" => self.units.iter().copied().collect(),
            "track" => self.tracks.iter().copied().collect(),
            _ => self.events.iter().copied().collect(),
        };
        let hint = match super::de::closest(id, &names) {
            Some(c) => format!("; did you mean `{c}`?"),
            None if names.is_empty() => format!("; the scenario defines no {set}"),
            None if names.len() <= 12 => format!("; known: {}", names.join(", ")),
            None => String::new(),
        };
        self.err(path, format!("no {set} has the id `{id}`{hint}"));
    }

    fn factor(&mut self, path: String, name: &str, v: u8, lo: u8, hi: u8) {
        if v < lo || v > hi {
            self.err(
                path,
                format!(
                    "{name} {v} is out of range: factors are abstract small integers {lo}..={hi}"
                ),
            );
        }
    }
}

fn dup_ids<'a>(ctx: &mut Ctx, what: &str, items: impl Iterator<Item = (String, &'a str)>) {
    let mut seen = BTreeSet::new();
    for (path, id) in items {
        if id.is_empty() {
            ctx.err(path, format!("a {what} id may not be empty"));
        } else if !seen.insert(id) {
            ctx.err(
                path,
                format!("duplicate {what} id `{id}`: ids must be unique"),
            );
        }
    }
}

/// Every semantic problem in a (possibly partly decoded) scenario.
pub fn check(s: &Partial, ruleset: Option<&Ruleset>) -> Vec<Problem> {
    let added: Vec<(String, &Unit)> = s
        .events
        .iter()
        .flat_map(|(i, e)| {
            e.effects
                .iter()
                .enumerate()
                .filter_map(move |(k, fx)| match fx {
                    Effect::AddUnit(u) => Some((format!("events[{i}].effects[{k}][0]"), u)),
                    _ => None,
                })
        })
        .collect();
    let mut c = Ctx {
        out: Vec::new(),
        broken: &s.broken_ids,
        sides: s.sides.iter().map(|x| x.id.as_str()).collect(),
        zones: s.zones.iter().map(|z| (z.id.as_str(), z)).collect(),
        types: s.unit_types.iter().map(|t| (t.id.as_str(), t)).collect(),
        units: s
            .units
            .iter()
            .map(|(_, u)| u.id.as_str())
            .chain(added.iter().map(|(_, u)| u.id.as_str()))
            .collect(),
        tracks: s.tracks.iter().map(|(_, t)| t.id.as_str()).collect(),
        events: s.events.iter().map(|(_, e)| e.id.as_str()).collect(),
        missing: Vec::new(),
    };
    if let Some(f) = s.format
        && f != FORMAT
    {
        let what = if f > FORMAT {
            "newer than this build of whitecell reads: upgrade whitecell"
        } else {
            "not a format this build reads"
        };
        c.err(
            "format",
            format!("unsupported format {f}: this is {what}; this build reads format {FORMAT}"),
        );
    }
    if let Some(m) = &s.meta
        && m.id.trim().is_empty()
    {
        c.err(
            "meta.id",
            "the scenario needs a short id, e.g. \"tutorial\"",
        );
    }
    let turns = s.turns.as_ref().map(|t| t.count);
    if let Some(t) = turns
        && !(1..=MAX_TURNS).contains(&t)
    {
        c.err(
            "turns.count",
            format!("{t} turns: a scenario has 1..={MAX_TURNS} turns"),
        );
    }

    dup_ids(
        &mut c,
        "side",
        s.sides
            .iter()
            .enumerate()
            .map(|(i, x)| (format!("sides[{i}].id"), x.id.as_str())),
    );
    dup_ids(
        &mut c,
        "zone",
        s.zones
            .iter()
            .enumerate()
            .map(|(i, x)| (format!("zones[{i}].id"), x.id.as_str())),
    );
    dup_ids(
        &mut c,
        "unit type",
        s.unit_types
            .iter()
            .enumerate()
            .map(|(i, x)| (format!("unit_types[{i}].id"), x.id.as_str())),
    );
    let unit_ids = s
        .units
        .iter()
        .map(|(i, u)| (format!("units[{i}].id"), u.id.as_str()));
    let added_ids = added
        .iter()
        .map(|(p, u)| (format!("{p}.id"), u.id.as_str()));
    dup_ids(&mut c, "unit", unit_ids.chain(added_ids));
    dup_ids(
        &mut c,
        "track",
        s.tracks
            .iter()
            .map(|(i, x)| (format!("tracks[{i}].id"), x.id.as_str())),
    );
    dup_ids(
        &mut c,
        "event",
        s.events
            .iter()
            .map(|(i, x)| (format!("events[{i}].id"), x.id.as_str())),
    );
    if s.sides.is_empty() && !s.incomplete {
        c.err("sides", "a scenario needs at least one side");
    }

    for (i, side) in s.sides.iter().enumerate() {
        if side.id == super::NO_SIDE {
            c.err(
                format!("sides[{i}].id"),
                format!(
                    "`{}` cannot name a side: batch results write it for \"no side\" (no winner, a zone \
                     nobody controls); choose another id",
                    side.id
                ),
            );
        }
        if !is_colour(&side.colour) {
            c.err(
                format!("sides[{i}].colour"),
                format!("`{}` is not a colour: write `#rrggbb`", side.colour),
            );
        }
        if let Some(p) = &side.policy
            && let Err(e) = crate::policy::PolicySpec::parse(p)
        {
            c.err(format!("sides[{i}].policy"), e);
        }
    }
    for r in &s.broken_refs {
        c.known(r.set, &r.id, r.path.clone());
    }
    check_relations(&mut c, s);
    check_zones(&mut c, s);
    for (i, t) in s.unit_types.iter().enumerate() {
        let p = |f: &str| format!("unit_types[{i}].{f}");
        c.factor(p("movement"), "movement", t.movement, 0, 10);
        c.factor(p("attack"), "attack", t.attack, 0, 10);
        c.factor(p("defence"), "defence", t.defence, 0, 10);
        c.factor(p("detection"), "detection", t.detection, 0, 10);
        c.factor(p("stealth"), "stealth", t.stealth, 0, 10);
        if t.enters.is_empty() {
            c.err(
                p("enters"),
                "a unit type must be able to enter at least one zone kind",
            );
        }
    }
    for (i, u) in &s.units {
        check_unit(&mut c, u, format!("units[{i}]"));
    }
    for (p, u) in &added {
        check_unit(&mut c, u, p.clone());
    }
    for (i, t) in &s.tracks {
        let p = format!("tracks[{i}]");
        if t.min > t.max {
            c.err(
                format!("{p}.min"),
                format!("min {} is above max {}", t.min, t.max),
            );
        }
        if t.start < t.min || t.start > t.max {
            c.err(
                format!("{p}.start"),
                format!("start {} is outside {}..={}", t.start, t.min, t.max),
            );
        }
        check_thresholds(&mut c, t, &p);
        for (k, th) in t.thresholds.iter().enumerate() {
            if th.at < t.min || th.at > t.max {
                c.err(
                    format!("{p}.thresholds[{k}].at"),
                    format!("threshold {} is outside {}..={}", th.at, t.min, t.max),
                );
            }
            if let Some(e) = &th.event {
                c.known("event", e, format!("{p}.thresholds[{k}].event"));
            }
        }
    }
    if let Some(e) = &s.escalation {
        c.known("track", &e.track, "escalation.track".into());
    }
    for (i, e) in &s.events {
        let p = format!("events[{i}]");
        match &e.trigger {
            Trigger::AtTurn(t) => {
                if turns.is_some_and(|n| *t < 1 || *t > n) {
                    c.err(
                        format!("{p}.trigger"),
                        format!(
                            "turn {t} is outside the game's turns 1..={}",
                            turns.unwrap_or(0)
                        ),
                    );
                }
            }
            Trigger::When(cond) => check_condition(&mut c, cond, format!("{p}.trigger[0]")),
            Trigger::Manual => {}
        }
        for (k, fx) in e.effects.iter().enumerate() {
            check_effect(&mut c, fx, format!("{p}.effects[{k}]"));
        }
    }
    if let Some(v) = &s.victory {
        for (side, objs) in &v.objectives {
            c.known("side", side, format!("victory.objectives[\"{side}\"]"));
            check_objectives(&mut c, side, objs);
            for (k, o) in objs.iter().enumerate() {
                check_condition(
                    &mut c,
                    &o.when,
                    format!("victory.objectives[\"{side}\"][{k}].when"),
                );
            }
        }
        let mut ids = BTreeSet::new();
        for (k, sd) in v.sudden_death.iter().enumerate() {
            if !ids.insert(sd.id.as_str()) {
                c.err(
                    format!("victory.sudden_death[{k}].id"),
                    format!("duplicate sudden-death id `{}`", sd.id),
                );
            }
            check_condition(&mut c, &sd.when, format!("victory.sudden_death[{k}].when"));
            if let Some(w) = &sd.winner {
                c.known("side", w, format!("victory.sudden_death[{k}].winner"));
            }
        }
        check_reachable(&mut c, s, v);
    }
    if let Some(rs) = ruleset {
        let _ = rs; // The ruleset is checked on its own; nothing in it refers to the scenario.
    }
    let defined: Vec<(&str, &str, String)> = s
        .sides
        .iter()
        .enumerate()
        .map(|(i, x)| ("side", x.id.as_str(), format!("sides[{i}].id")))
        .chain(
            s.zones
                .iter()
                .enumerate()
                .map(|(i, x)| ("zone", x.id.as_str(), format!("zones[{i}].id"))),
        )
        .chain(
            s.unit_types
                .iter()
                .enumerate()
                .map(|(i, x)| ("unit type", x.id.as_str(), format!("unit_types[{i}].id"))),
        )
        .collect();
    let mut hints = swap::hints(&c.missing, &defined);
    hints.append(&mut c.out);
    hints
}

fn is_colour(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].chars().all(|c| c.is_ascii_hexdigit())
}

fn check_relations(c: &mut Ctx, s: &Partial) {
    let mut pairs = BTreeSet::new();
    for (i, r) in s.relations.iter().enumerate() {
        let p = format!("relations[{i}].between");
        let (a, b) = (&r.between.0, &r.between.1);
        c.known("side", a, format!("{p}[0]"));
        c.known("side", b, format!("{p}[1]"));
        if a == b {
            c.err(
                p.clone(),
                format!("a side has no relation with itself (`{a}`)"),
            );
        }
        let key = if a < b { (a, b) } else { (b, a) };
        if !pairs.insert(key) {
            c.err(
                p,
                format!("the relation between `{a}` and `{b}` is given twice"),
            );
        }
    }
}

fn check_zones(c: &mut Ctx, s: &Partial) {
    for (i, z) in s.zones.iter().enumerate() {
        let p = format!("zones[{i}]");
        if z.value > 10 {
            c.err(
                format!("{p}.value"),
                format!("value {} is out of range 0..=10", z.value),
            );
        }
        if let Some(side) = &z.controller {
            c.known("side", side, format!("{p}.controller"));
        }
        if let Some(side) = &z.supply {
            c.known("side", side, format!("{p}.supply"));
        }
        if let Some((x, y)) = z.layout
            && (x.abs() > 1000 || y.abs() > 1000)
        {
            c.err(
                format!("{p}.layout"),
                format!("layout ({x}, {y}) is outside -1000..=1000: it is an abstract drawing position on a small grid, never a coordinate"),
            );
        }
        let mut seen = BTreeSet::new();
        for (k, n) in z.neighbours.iter().enumerate() {
            let np = format!("{p}.neighbours[{k}]");
            if n == &z.id {
                c.err(np, format!("zone `{n}` lists itself as a neighbour"));
                continue;
            }
            if !seen.insert(n) {
                c.err(np, format!("neighbour `{n}` is listed twice"));
                continue;
            }
            match c.zones.get(n.as_str()) {
                None => c.known("zone", n, np),
                Some(other) if !other.neighbours.contains(&z.id) => c.err(
                    np,
                    format!("`{}` lists `{n}` as a neighbour but `{n}` does not list `{}`: adjacency goes both ways", z.id, z.id),
                ),
                Some(_) => {}
            }
        }
    }
}

fn check_unit(c: &mut Ctx, u: &Unit, p: String) {
    c.known("side", &u.side, format!("{p}.side"));
    c.known("unit type", &u.unit_type, format!("{p}.type"));
    c.known("zone", &u.zone, format!("{p}.zone"));
    c.factor(format!("{p}.strength"), "strength", u.strength, 1, 10);
    if u.source.trim().is_empty() {
        c.err(format!("{p}.source"), crate::scenario::load::SOURCE_HELP);
    }
    if let (Some(t), Some(z)) = (
        c.types.get(u.unit_type.as_str()),
        c.zones.get(u.zone.as_str()),
    ) && !t.enters.contains(&z.kind)
    {
        let msg = format!(
            "unit type `{}` cannot enter zone `{}` ({:?}); it enters {:?}",
            t.id, z.id, z.kind, t.enters
        );
        c.err(format!("{p}.zone"), msg);
    }
}
