//! What a scenario defines that a batch's summary and report list even when no game reached it:
//! each objective (its row column, side, place in the side's list and name) and each
//! sudden death (its id and who wins it), and the ways a game can end, [`Ending`]. The plan builds
//! it from the scenario; the manifest carries it, so the report of a batch lists a sudden death
//! that never fired, at 0%, without the scenario file.

use crate::model::Compiled;
use serde::{Deserialize, Serialize};

/// One objective of a side, as a row column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Objective {
    /// The row column: `objective_<side>_<k>`.
    pub column: String,
    /// The side's id.
    pub side: String,
    /// Its place in the side's list (`victory.objectives["side"][k]`, from 0).
    pub index: usize,
    /// Its name (its points may differ between sweep points: see the manifest's key).
    pub name: String,
}

impl Objective {
    /// How lint and the summary name it: `side[k]`.
    pub fn subject(&self) -> String {
        format!("{}[{}]", self.side, self.index)
    }
}

/// One sudden death.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuddenDeath {
    /// Its id (the row's `sudden_death`).
    pub id: String,
    /// The side that wins it, or none: every side loses.
    pub winner: Option<String>,
}

/// The objectives and sudden deaths of a scenario, in scenario order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    /// Every objective, side by side in side order, each side's in its own order.
    pub objectives: Vec<Objective>,
    /// Every sudden death.
    pub sudden_deaths: Vec<SuddenDeath>,
}

/// The row column of `side`'s objective `k`.
pub fn column(side: &str, k: usize) -> String {
    format!("objective_{side}_{k}")
}

impl Outline {
    /// The outline of a compiled scenario.
    pub fn of(c: &Compiled) -> Outline {
        let sides = &c.scenario.sides;
        Outline {
            objectives: c
                .objectives
                .iter()
                .zip(sides)
                .flat_map(|(objs, s)| {
                    objs.iter().enumerate().map(|(k, o)| Objective {
                        column: column(&s.id, k),
                        side: s.id.clone(),
                        index: k,
                        name: o.name.clone(),
                    })
                })
                .collect(),
            sudden_deaths: c
                .sudden_death
                .iter()
                .map(|s| SuddenDeath {
                    id: s.id.clone(),
                    winner: s.winner.map(|w| sides[w.index()].id.clone()),
                })
                .collect(),
        }
    }
}

/// How one game ended, as a balancing author reads it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Ending {
    /// The last turn was played and one side had the most points.
    WonOnPoints,
    /// The last turn was played and sides tied for first.
    DrawOnPoints,
    /// A sudden death, by id, and the side it names (none: every side loses).
    SuddenDeath(String, Option<String>),
    /// The game stopped before an ending.
    Unfinished,
}

impl Ending {
    /// The ending of a row: its `outcome`, `sudden_death` and `winner` (empty for `none`).
    pub fn of(outcome: &str, sudden_death: &str, winner: &str) -> Ending {
        let w = (!winner.is_empty()).then(|| winner.to_string());
        match outcome {
            "points" if w.is_some() => Ending::WonOnPoints,
            "points" => Ending::DrawOnPoints,
            "sudden_death" => Ending::SuddenDeath(sudden_death.to_string(), w),
            _ => Ending::Unfinished,
        }
    }

    /// Its label: `won on points`, `draw on points`, `sudden death (id)`, `unfinished`.
    pub fn label(&self) -> String {
        match self {
            Ending::WonOnPoints => "won on points".into(),
            Ending::DrawOnPoints => "draw on points".into(),
            Ending::SuddenDeath(id, _) => format!("sudden death ({id})"),
            Ending::Unfinished => "unfinished".into(),
        }
    }

    /// What it means for the sides: `every side loses`, `red wins`, or empty.
    pub fn means(&self) -> String {
        match self {
            Ending::WonOnPoints => {
                "the last turn was played; the side with most points wins".into()
            }
            Ending::DrawOnPoints => "the last turn was played; sides tied for first".into(),
            Ending::SuddenDeath(_, None) => "every side loses".into(),
            Ending::SuddenDeath(_, Some(w)) => format!("{w} wins"),
            Ending::Unfinished => "the game stopped before an ending".into(),
        }
    }

    /// Every ending the outline defines, in order: on points (won, drawn), then each sudden death.
    pub fn defined(o: &Outline) -> Vec<Ending> {
        let mut v = vec![Ending::WonOnPoints, Ending::DrawOnPoints];
        v.extend(
            o.sudden_deaths
                .iter()
                .map(|s| Ending::SuddenDeath(s.id.clone(), s.winner.clone())),
        );
        v
    }
}
