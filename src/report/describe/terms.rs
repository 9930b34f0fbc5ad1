//! Scenario terms in words for [`super::describe`]: conditions, triggers and effects as a reader
//! says them, and a plain word-wrapper for long notes.

use crate::scenario::{Condition, Effect, Relation, Trigger, Unit};

/// How to say a condition. `hidden(track)` marks tracks the reader may not see: a condition on one
/// reads as "a condition the white cell keeps".
pub fn condition(
    c: &Condition,
    hidden: &dyn Fn(&str) -> bool,
    label: &dyn Fn(u32) -> String,
) -> String {
    if mentions_hidden(c, hidden) {
        return "a condition the white cell keeps".into();
    }
    say(c, label)
}

fn say(c: &Condition, label: &dyn Fn(u32) -> String) -> String {
    match c {
        Condition::TrackAtLeast(t, v) => format!("{t} >= {v}"),
        Condition::TrackAtMost(t, v) => format!("{t} <= {v}"),
        Condition::Controls(s, z) => format!("{s} controls {z}"),
        Condition::TurnAtLeast(n) => format!("turn {n} ({}) or later", label(*n)),
        Condition::RelationIs(a, b, r) => format!("{a} and {b} are {}", relation(*r)),
        Condition::StepsLostAtLeast(s, n) => format!("{s} has lost at least {n} step(s)"),
        Condition::Fired(e) => format!("event {e} has fired"),
        Condition::All(v) => join(v, " and ", label),
        Condition::Any(v) => join(v, " or ", label),
        Condition::Not(x) => format!("not ({})", say(x, label)),
    }
}

fn join(v: &[Condition], sep: &str, label: &dyn Fn(u32) -> String) -> String {
    if v.is_empty() {
        return if sep == " and " { "always" } else { "never" }.into();
    }
    let parts: Vec<String> = v.iter().map(|x| format!("({})", say(x, label))).collect();
    parts.join(sep)
}

/// Whether a condition reads a track the reader may not see.
pub fn mentions_hidden(c: &Condition, hidden: &dyn Fn(&str) -> bool) -> bool {
    match c {
        Condition::TrackAtLeast(t, _) | Condition::TrackAtMost(t, _) => hidden(t),
        Condition::All(v) | Condition::Any(v) => v.iter().any(|x| mentions_hidden(x, hidden)),
        Condition::Not(x) => mentions_hidden(x, hidden),
        _ => false,
    }
}

/// A relation in lower case: "allied", "neutral", "hostile".
pub fn relation(r: Relation) -> &'static str {
    crate::report::words::relation(r)
}

/// When an event fires, in words (the white cell's view: hidden tracks are named).
pub fn trigger(t: &Trigger, label: &dyn Fn(u32) -> String) -> String {
    match t {
        Trigger::AtTurn(n) => format!("at the start of turn {n} ({})", label(*n)),
        Trigger::When(c) => format!("when {}", say(c, label)),
        Trigger::Manual => "by a track threshold or the umpire".into(),
    }
}

/// What an effect does, in words.
pub fn effect(e: &Effect) -> String {
    match e {
        Effect::AdjustTrack(t, d) => format!("{t} {d:+}"),
        Effect::SetTrack(t, v) => format!("{t} set to {v}"),
        Effect::SetRelation(a, b, r) => format!("{a} and {b} become {}", relation(*r)),
        Effect::AddUnit(u) => format!("adds {}", unit_line(u)),
        Effect::RemoveUnit(u) => format!("removes unit {u}"),
        Effect::SetControl(z, Some(s)) => format!("{s} takes control of {z}"),
        Effect::SetControl(z, None) => format!("{z} is controlled by nobody"),
        Effect::Message(to, text) => format!("message to {}: \"{text}\"", to.join(", ")),
    }
}

/// One unit on one line: id, name, type, zone, strength, readiness (source notes go below it).
pub fn unit_line(u: &Unit) -> String {
    format!(
        "{} \"{}\" ({}, {}) in {}: strength {}, {}, posture {}",
        u.id,
        u.name,
        u.side,
        u.unit_type,
        u.zone,
        u.strength,
        crate::report::words::readiness(u.readiness),
        crate::report::words::posture(u.posture)
    )
}

/// Wraps `text` to lines of at most `width` characters (longer words stand alone), each line
/// starting with `indent`, each ending in a newline. Empty text gives nothing.
pub fn wrap(text: &str, indent: &str, width: usize) -> String {
    hang(text, indent, indent, width)
}

/// Like [`wrap`], with the first line starting with `first` and the rest with `rest`.
pub fn hang(text: &str, first: &str, rest: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    let mut indent = first;
    for word in text.split_whitespace() {
        let len = line.chars().count() + 1 + word.chars().count();
        if !line.is_empty() && indent.chars().count() + len > width {
            out.push_str(indent);
            out.push_str(&line);
            out.push('\n');
            line.clear();
            indent = rest;
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push_str(indent);
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_the_width_and_keeps_every_word() {
        let w = wrap("one two three four five six", "  ", 12);
        assert_eq!(w, "  one two\n  three four\n  five six\n");
        assert_eq!(wrap("", "  ", 10), "");
        assert_eq!(
            wrap("unbreakablewordhere", "> ", 8),
            "> unbreakablewordhere\n"
        );
        assert_eq!(hang("- a b c d", "  ", "    ", 8), "  - a b\n    c d\n");
    }

    #[test]
    fn conditions_on_hidden_tracks_are_not_spelt_out() {
        let label = |n: u32| format!("Day {n}");
        let c = Condition::All(vec![
            Condition::TrackAtLeast("alarm".into(), 3),
            Condition::Controls("red".into(), "town".into()),
        ]);
        assert_eq!(
            condition(&c, &|t| t == "alarm", &label),
            "a condition the white cell keeps"
        );
        assert_eq!(
            condition(&c, &|_| false, &label),
            "(alarm >= 3) and (red controls town)"
        );
        let t = Condition::Not(Box::new(Condition::TurnAtLeast(4)));
        assert_eq!(
            condition(&t, &|_| false, &label),
            "not (turn 4 (Day 4) or later)"
        );
    }
}
