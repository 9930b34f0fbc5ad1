//! The scenario as one side may read it, and the board it may plan on. A redacted scenario keeps the
//! map, the rules, the side's own briefing and the units in its view (at their current zone and
//! strength); it drops every other unit, the umpire's notes, other sides' briefings, private tracks,
//! events and victory conditions. A [`Picture`] is a board built from what the side knows: the
//! orders prompt and `orders check` plan on it, whether from the game folder or a view file.

use super::view::View;
use crate::model::{Compiled, Intel, Relations, SideId, State, UnitId, UnitState};
use crate::scenario::{self as sc, Scenario};
use std::sync::Arc;

/// The scenario redacted for `side`: only the units `in_view` (in their state now).
pub fn scenario(c: &Compiled, state: &State, side: SideId, in_view: &[UnitId]) -> Scenario {
    let mut s = c.scenario.clone();
    let me = c.side_name(side).to_string();
    s.meta.umpire_note.clear();
    for x in &mut s.sides {
        if x.id != me {
            x.briefing.clear();
        }
        x.policy = None;
        x.missing = None;
    }
    s.units = state
        .units
        .iter()
        .filter(|u| in_view.contains(&u.id))
        .map(|u| {
            let d = &c.units[u.id.index()];
            // A detected enemy shows where it is and how strong, nothing more: its readiness and
            // posture (which tell its last orders) and its source note stay hidden.
            let friend = state.relations.get(side, u.side) == crate::scenario::Relation::Allied;
            sc::Unit {
                id: d.id.clone(),
                name: d.name.clone(),
                side: c.side_name(u.side).to_string(),
                unit_type: c.kinds[u.kind.index()].id.clone(),
                zone: c.zone_name(u.zone).to_string(),
                strength: u.strength.max(1),
                readiness: if friend {
                    u.readiness
                } else {
                    Default::default()
                },
                posture: if friend {
                    u.posture
                } else {
                    Default::default()
                },
                source: if friend {
                    d.source.clone()
                } else {
                    String::new()
                },
            }
        })
        .collect();
    let kinds: Vec<&str> = s.units.iter().map(|u| u.unit_type.as_str()).collect();
    s.unit_types.retain(|k| kinds.contains(&k.id.as_str()));
    s.tracks.retain(|t| t.public);
    for t in &mut s.tracks {
        for th in &mut t.thresholds {
            th.event = None;
        }
    }
    if let Some(e) = &s.escalation
        && !s.tracks.iter().any(|t| t.id == e.track)
    {
        s.escalation = None;
    }
    s.events.clear();
    s.victory = sc::Victory {
        objectives: Default::default(),
        sudden_death: Vec::new(),
    };
    s
}

/// A side's picture of the game: a compiled scenario and a state holding only the units it knows.
#[derive(Clone)]
pub struct Picture {
    /// The scenario (the real one in a game folder, the redacted one from a view).
    pub c: Arc<Compiled>,
    /// The state, with only own, allied and detected units.
    pub state: State,
    /// The side.
    pub side: SideId,
    /// The game id.
    pub game: String,
    /// The side's units that were on the map at the start and are off it now (destroyed).
    pub off_map: Vec<String>,
}

/// `side`'s units that were on the map at the start and are off it now (destroyed or removed).
pub fn off_map(c: &Compiled, state: &State, side: SideId) -> Vec<String> {
    c.units
        .iter()
        .enumerate()
        .filter(|(i, d)| {
            d.side == side && d.initial && !state.units.iter().any(|u| u.id.index() == *i)
        })
        .map(|(_, d)| d.id.clone())
        .collect()
}

impl Picture {
    /// From the instructor's full state: drops every unit `side` does not know of now.
    pub fn from_state(c: Arc<Compiled>, full: &State, side: SideId, game: &str) -> Picture {
        let mut state = full.clone();
        // Own and allied units as they are; detected enemies by position and strength only.
        state.units = crate::policy::view::known_units(full, side);
        Picture {
            off_map: off_map(&c, full, side),
            c,
            state,
            side,
            game: game.to_string(),
        }
    }

    /// From a view file: compiles its redacted scenario and rebuilds the state it shows.
    pub fn from_view(v: &View) -> Result<Picture, String> {
        if let Some(p) = crate::scenario::validate::check_ruleset(&v.ruleset).first() {
            return Err(format!(
                "the view's ruleset is damaged ({}: {}); ask the white cell for a fresh view",
                p.path, p.message
            ));
        }
        let c = Compiled::from_parts(v.scenario.clone(), v.ruleset.clone(), String::new())
            .map_err(|e| format!("the view's scenario does not compile: {e}"))?;
        let side = c
            .side(&v.side)
            .ok_or_else(|| format!("the view names side `{}`, which it does not list", v.side))?;
        if v.turn >= c.turns || v.outcome.is_some() {
            return Err(format!(
                "the view is of turn {} and the game is over (it has {} turns): no orders are due",
                v.turn, c.turns
            ));
        }
        let n = c.side_count();
        let mut relations = Relations::new(n);
        for (o, r) in &v.relations {
            if let Some(t) = c.side(o) {
                relations.set(side, t, *r);
            }
        }
        let mut units = Vec::new();
        let mut intel = Intel::new(n);
        for (i, d) in c.units.iter().enumerate() {
            let id = UnitId(i as u32);
            let (readiness, posture) = v
                .own
                .iter()
                .chain(&v.allied)
                .find(|u| u.id == d.id)
                .map(|u| (u.readiness, u.posture))
                .unwrap_or((d.readiness, d.posture));
            if d.side != side && relations.get(side, d.side) != sc::Relation::Allied {
                intel.current[side.index()].push(id);
            }
            units.push(UnitState {
                id,
                side: d.side,
                kind: d.kind,
                zone: d.zone,
                strength: d.strength,
                readiness,
                posture,
            });
        }
        let control = c
            .zones
            .iter()
            .map(|z| {
                v.control
                    .iter()
                    .find(|(id, _)| *id == z.id)
                    .and_then(|(_, o)| o.as_deref())
                    .and_then(|o| c.side(o))
            })
            .collect();
        let state = State {
            turn: v.turn,
            units,
            control,
            relations,
            tracks: c
                .tracks
                .iter()
                .map(|t| {
                    v.tracks
                        .iter()
                        .find(|x| x.id == t.id)
                        .map_or(t.start, |x| x.value)
                })
                .collect(),
            reached: c
                .tracks
                .iter()
                .map(|t| vec![false; t.thresholds.len()])
                .collect(),
            fired: Vec::new(),
            steps_lost: vec![0; n],
            intel,
            messages: Vec::new(),
            outcome: None,
        };
        Ok(Picture {
            c: Arc::new(c),
            state,
            side,
            game: v.game.clone(),
            off_map: v.off_map.clone(),
        })
    }

    /// The board to plan the next turn on.
    pub fn board(&self) -> crate::rules::Board<'_> {
        crate::rules::Board::new(
            &self.c,
            &self.state.units,
            &self.state.relations,
            &self.state.control,
            self.state.turn.saturating_add(1),
        )
    }

    /// The turn orders are due for.
    pub fn next_turn(&self) -> u32 {
        self.state.turn.saturating_add(1)
    }

    /// Whether the side knows `u`'s readiness and posture: its own units' and its allies', never
    /// those of a unit it only detected.
    pub fn knows_detail(&self, u: &UnitState) -> bool {
        u.side == self.side || self.state.relations.get(self.side, u.side) == sc::Relation::Allied
    }

    /// The side's own unit ids on the map, in id order.
    pub fn own_ids(&self) -> Vec<&str> {
        self.state
            .units
            .iter()
            .filter(|u| u.side == self.side)
            .map(|u| self.c.unit_name(u.id))
            .collect()
    }

    /// The ids of the other sides.
    pub fn other_sides(&self) -> Vec<&str> {
        self.c
            .side_ids()
            .filter(|&x| x != self.side)
            .map(|x| self.c.side_name(x))
            .collect()
    }

    /// The zone ids.
    pub fn zone_ids(&self) -> Vec<&str> {
        self.c.zones.iter().map(|z| z.id.as_str()).collect()
    }
}
