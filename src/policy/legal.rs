//! The legal orders of every unit of a side, on what that side knows (its own and allied units, the
//! units it detected this turn): the set the random bot draws from, and the action mask a learning
//! agent gets in the Python environment. An order the hidden truth makes illegal is still offered,
//! as it would be to a team, and rejected at adjudication with its reason.

use super::view::{self, Scratch, Situation};
use crate::model::{SideId, UnitState, ZoneId};
use crate::orders::Command;
use crate::orders::legal::{Known, legal_into};

/// Calls `each(unit, orders)` for every unit of `side` on the map, in the picture's unit order,
/// with its legal orders in the generator's fixed order.
pub fn each_unit(
    s: &Situation,
    side: SideId,
    x: &mut Scratch,
    mut each: impl FnMut(&UnitState, &[Command<ZoneId, SideId>]),
) {
    // Legal orders read only which sides a zone is known to hold: with masks of that, no picture
    // need be built.
    let by_masks = x.know_masks(s, side);
    let (b, known) = if by_masks {
        (view::true_board(s), Known::Masks(&x.masks))
    } else {
        x.know(s, side);
        (view::board(s, &x.place), Known::OnBoard)
    };
    for u in &x.own {
        legal_into(&b, side, u, known, &mut x.search, &mut x.one);
        each(u, &x.one);
    }
}
