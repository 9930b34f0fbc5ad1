//! Bots plan: each side that has a bot and has handed nothing in gets its bot's orders, planned on
//! what the side knows at the end of the last turn, with the side's policy stream of the dice.

use super::Read;
use crate::dice::Phase;
use crate::policy::Situation;
use crate::sim::components::*;
use crate::sim::scratch::Scratch;
use bevy_ecs::prelude::*;

/// Fills the orders of every side a bot plays.
pub fn plan_bots(
    r: Read,
    bots: Res<Bots>,
    contacts: Res<Contacts>,
    dice: Res<DiceBox>,
    mut submitted: ResMut<Submitted>,
    mut scratch: ResMut<Scratch>,
) {
    if r.history.ending.is_some() || bots.0.iter().all(Option::is_none) {
        return;
    }
    let c = &*r.game.0;
    let s = &mut *scratch;
    s.all.clear();
    for row in r.units.iter_many(&r.index.0).flatten() {
        if row.1.on_map {
            s.all.push(unit_state(row));
        }
    }
    let sit = Situation {
        c,
        turn: r.clock.0,
        units: &s.all,
        relations: &r.diplomacy.0,
        control: &r.control.0,
        tracks: &r.tracks.values,
        sees: &*contacts,
    };
    for (i, bot) in bots.0.iter().enumerate() {
        let Some(bot) = bot else { continue };
        let slot = &mut submitted.0[i];
        if slot.pending {
            continue;
        }
        let side = crate::model::SideId(i as u16);
        let mut stream = dice.0.stream(r.clock.0 + 1, Phase::Policy(side.0));
        bot.plan(&sit, side, &mut stream, &mut s.policy, &mut slot.orders);
        slot.unresolved.clear();
        slot.pending = true;
    }
}
