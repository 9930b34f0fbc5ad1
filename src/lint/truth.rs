//! Whether a condition is settled before the game is played: always true, never true, or open.
//! Only what the file alone decides counts: the turn against the game's length, a track's value
//! against its bounds, an event that nothing can fire; anything else is open.

use crate::model::Compiled;
use crate::model::compiled::{Cond, When};

/// What the file alone says of a condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Truth {
    /// True whatever happens.
    Always,
    /// False whatever happens.
    Never,
    /// Play decides.
    Open,
}

impl Truth {
    fn not(self) -> Truth {
        match self {
            Truth::Always => Truth::Never,
            Truth::Never => Truth::Always,
            Truth::Open => Truth::Open,
        }
    }
}

/// An event that no trigger, threshold or play can ever fire.
pub fn unfireable(c: &Compiled, e: usize) -> bool {
    unfireable_within(c, e, 0)
}

/// Events fired only by conditions on other events are followed this deep (a cycle stops here).
const DEPTH: u8 = 8;

fn unfireable_within(c: &Compiled, e: usize, depth: u8) -> bool {
    if depth > DEPTH {
        return false;
    }
    let by_threshold = c.tracks.iter().any(|t| {
        t.thresholds
            .iter()
            .any(|th| th.2.is_some_and(|x| x.index() == e))
    });
    if by_threshold {
        return false;
    }
    match &c.events[e].when {
        When::AtTurn(_) => false,
        When::Manual => true,
        When::Cond(cond) => eval(c, cond, None, depth + 1) == Truth::Never,
    }
}

/// The condition at the end of the last turn (where objectives are scored).
pub fn at_end(c: &Compiled, cond: &Cond) -> Truth {
    eval(c, cond, Some(c.turns), 0)
}

/// The condition over the whole game: `Never` if it can hold at no turn, `Always` if it holds at
/// every turn.
pub fn at_any_turn(c: &Compiled, cond: &Cond) -> Truth {
    eval(c, cond, None, 0)
}

fn eval(c: &Compiled, cond: &Cond, turn: Option<u32>, depth: u8) -> Truth {
    let t = |b: bool| if b { Truth::Always } else { Truth::Never };
    match cond {
        Cond::TurnAtLeast(n) => match turn {
            Some(end) => t(end >= *n),
            None if *n > c.turns => Truth::Never,
            None if *n <= 1 => Truth::Always,
            None => Truth::Open,
        },
        Cond::TrackAtLeast(tr, v) => {
            let d = &c.tracks[tr.index()];
            if *v <= d.min {
                Truth::Always
            } else if *v > d.max {
                Truth::Never
            } else {
                Truth::Open
            }
        }
        Cond::TrackAtMost(tr, v) => {
            let d = &c.tracks[tr.index()];
            if *v >= d.max {
                Truth::Always
            } else if *v < d.min {
                Truth::Never
            } else {
                Truth::Open
            }
        }
        Cond::Fired(e) if unfireable_within(c, e.index(), depth) => Truth::Never,
        Cond::All(v) => {
            let xs: Vec<Truth> = v.iter().map(|x| eval(c, x, turn, depth)).collect();
            if xs.contains(&Truth::Never) {
                Truth::Never
            } else if xs.iter().all(|x| *x == Truth::Always) {
                Truth::Always
            } else {
                Truth::Open
            }
        }
        Cond::Any(v) => {
            let xs: Vec<Truth> = v.iter().map(|x| eval(c, x, turn, depth)).collect();
            if xs.contains(&Truth::Always) {
                Truth::Always
            } else if xs.iter().all(|x| *x == Truth::Never) {
                Truth::Never
            } else {
                Truth::Open
            }
        }
        Cond::Not(x) => eval(c, x, turn, depth).not(),
        _ => Truth::Open,
    }
}
