//! Conditions of events, objectives and sudden death, evaluated over the facts of a moment.

use crate::model::compiled::Cond;
use crate::model::{Relations, SideId};

/// What conditions may look at.
pub struct Facts<'a> {
    /// Track values.
    pub tracks: &'a [i32],
    /// Control per zone.
    pub control: &'a [Option<SideId>],
    /// Relations.
    pub relations: &'a Relations,
    /// Current turn.
    pub turn: u32,
    /// Steps lost so far per side.
    pub steps_lost: &'a [u32],
    /// Which events have fired.
    pub fired: &'a [bool],
}

/// Does the condition hold?
pub fn holds(c: &Cond, f: &Facts) -> bool {
    match c {
        Cond::TrackAtLeast(t, v) => f.tracks[t.index()] >= *v,
        Cond::TrackAtMost(t, v) => f.tracks[t.index()] <= *v,
        Cond::Controls(s, z) => f.control[z.index()] == Some(*s),
        Cond::TurnAtLeast(t) => f.turn >= *t,
        Cond::RelationIs(a, b, r) => f.relations.get(*a, *b) == *r,
        Cond::StepsLostAtLeast(s, n) => f.steps_lost[s.index()] >= *n,
        Cond::Fired(e) => f.fired[e.index()],
        Cond::All(v) => v.iter().all(|x| holds(x, f)),
        Cond::Any(v) => v.iter().any(|x| holds(x, f)),
        Cond::Not(x) => !holds(x, f),
    }
}
