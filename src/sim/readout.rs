//! What a batch row or a history row reads from a game in progress or ended: control, each side's
//! points, each objective met or not, and strength on the map. Read from the engine's resources,
//! without the log.

use super::components::{Game, Status};
use super::engine::Engine;
use crate::model::SideId;
use crate::rules::conditions::{Facts, holds};
use crate::rules::victory;

impl Engine {
    /// The controller of each zone now, in zone order.
    pub fn control(&self) -> &[Option<SideId>] {
        &self.world.resource::<Status>().control
    }

    /// Calls `f` with the scenario and the facts conditions read now.
    fn with_facts<R>(&self, f: impl FnOnce(&crate::model::Compiled, &Facts) -> R) -> R {
        let c = &self.world.resource::<Game>().0;
        let st = self.world.resource::<Status>();
        let facts = Facts {
            tracks: &st.tracks.values,
            control: &st.control,
            relations: &st.relations,
            turn: st.clock,
            steps_lost: &st.history.steps_lost,
            fired: &st.history.fired,
        };
        f(c, &facts)
    }

    /// Each side's victory points now (zones held plus objectives met), in side order: at the end
    /// of a game on points, its final scores.
    pub fn points(&self) -> Vec<u32> {
        self.with_facts(victory::scores)
    }

    /// Whether each objective holds now, side by side in side order, each side's in its own order
    /// (at the end of a game on points, what the scoring counted).
    pub fn objectives_met(&self) -> Vec<bool> {
        self.with_facts(|c, f| {
            c.objectives
                .iter()
                .flatten()
                .map(|o| holds(&o.when, f))
                .collect()
        })
    }

    /// Each side's strength on the map now (steps of its units), in side order.
    pub fn strength(&mut self) -> Vec<u32> {
        let sides = self.compiled().side_count();
        let mut out = vec![0u32; sides];
        // The units alone: the whole state would word every name for nothing.
        for u in self.units_on_map() {
            out[u.side.index()] += u32::from(u.strength);
        }
        out
    }
}
