//! Bots plan: each side that has a bot and has handed nothing in gets its bot's orders, planned on
//! what the side knows at the end of the last turn, with the side's policy stream of the dice.

use crate::sim::apply::Writer;
use crate::dice::Phase;
use crate::policy::Situation;
use crate::sim::components::*;
use bevy_ecs::prelude::*;

/// Fills the orders of every side a bot plays.
pub fn plan_bots(
    mut w: Writer,
    bots: Res<Bots>,
    dice: Res<DiceBox>,
    mut submitted: ResMut<Submitted>,
) {
    if bots.0.iter().all(Option::is_none) {
        return;
    }
    // Umpire events between turns may have changed units: see them as they stand.
    w.place_if_moved();
    let (r, _, s) = w.split();
    if r.history.ending.is_some() {
        return;
    }
    let sit = Situation {
        c: r.c,
        turn: r.clock,
        place: r.places,
        relations: r.relations,
        control: r.control,
        tracks: &r.tracks.values,
        sees: r.contacts,
    };
    for (i, bot) in bots.0.iter().enumerate() {
        let Some(bot) = bot else { continue };
        let slot = &mut submitted.0[i];
        if slot.pending {
            continue;
        }
        let side = crate::model::SideId(i as u16);
        let mut stream = dice.0.stream(r.clock + 1, Phase::Policy(side.0));
        bot.plan(&sit, side, &mut stream, &mut s.policy, &mut slot.orders);
        slot.unresolved.clear();
        slot.pending = true;
    }
}
