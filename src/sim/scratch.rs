//! The buffers the phases work in, kept from turn to turn and game to game so that a warm game
//! allocates nothing: each phase clears what it uses and fills it again.

use super::changes::Working;
use super::phases::Leg;
use crate::model::{SideId, UnitId, UnitState, ZoneId};
use crate::rules::movement::Search;

/// Every phase's buffers.
#[derive(Debug, Clone, Default)]
pub struct Scratch {
    /// The working copy of tracks, relations, control and fired events.
    pub work: Working,
    /// Path searches.
    pub search: Search,
    /// A path.
    pub path: Vec<ZoneId>,
    /// Orders: units already ordered, by id, and which flags to clear.
    pub done: Vec<bool>,
    /// See `done`.
    pub touched: Vec<UnitId>,
    /// Movement: the moves planned.
    pub legs: Vec<Leg>,
    /// Movement: the zones they enter.
    pub leg_zones: Vec<ZoneId>,
    /// Movement: border crossings (from, to, step, side), grouped by the zone entered.
    pub crossings: Vec<(ZoneId, ZoneId, u32, SideId)>,
    /// Movement: where each zone's crossings begin (one more entry than zones).
    pub cross_start: Vec<u32>,
    /// Movement: the next free place of each zone's crossings while they are grouped.
    pub cross_fill: Vec<u32>,
    /// Detection: each side's best detection factor per zone.
    pub best: Vec<(i32, UnitId)>,
    /// Engagement: the attacks (zone, attacker, defender, unit).
    pub groups: Vec<(ZoneId, SideId, SideId, UnitId)>,
    /// Engagement: the working copy of the units, by id.
    pub cur: Vec<UnitState>,
    /// Engagement: one attack's attackers.
    pub att: Vec<UnitState>,
    /// Engagement: one attack's defenders.
    pub def: Vec<UnitState>,
    /// Engagement: units losses fall on.
    pub current: Vec<UnitState>,
    /// Engagement: losses per unit.
    pub alloc: Vec<(UnitId, u8)>,
    /// Readiness: supplied zones, per side.
    pub supplied: Vec<bool>,
    /// Readiness: search queue.
    pub queue: Vec<usize>,
    /// Readiness: `supplied` holds for this control...
    pub supply_control: Vec<Option<SideId>>,
    /// ...and these relations...
    pub supply_relations: crate::model::Relations,
    /// ...of this game's scenario.
    pub supply_valid: bool,
    /// Events: thresholds reached.
    pub reached: Vec<Vec<bool>>,
    /// Events: fired this turn.
    pub fired_now: Vec<bool>,
    /// Plan: every unit on the map.
    pub all: Vec<UnitState>,
    /// Plan: the policies' buffers.
    pub policy: crate::policy::Scratch,
}

impl Scratch {
    /// Makes room for a game of `units` units in the buffers whose size follows the units, so the
    /// first turns of a game do not grow them one step at a time.
    pub fn reserve(&mut self, units: usize) {
        for v in [
            &mut self.cur,
            &mut self.att,
            &mut self.def,
            &mut self.current,
        ] {
            v.reserve(units.saturating_sub(v.len()));
        }
        self.alloc.reserve(units);
        self.groups.reserve(2 * units);
        self.legs.reserve(units);
        self.touched.reserve(units);
    }
}
