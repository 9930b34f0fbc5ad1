//! Control: a zone held alone by one side's ground units is controlled by that side (unless it is
//! already an ally's).

use super::board::Board;
use crate::model::{SideId, ZoneId};
use crate::scenario::Relation;

/// The zone's new controller, if it changes: the one side whose ground or amphibious units are
/// alone in it. Zones with no ground units, or with several sides' ground units, keep their controller.
pub fn new_controller(b: &Board, z: ZoneId) -> Option<SideId> {
    let mut holder: Option<SideId> = None;
    for u in b.units_in(z) {
        if !b.kind(u).domain.controls_ground() {
            continue;
        }
        match holder {
            None => holder = Some(u.side),
            Some(h) if h != u.side => return None,
            _ => {}
        }
    }
    // A zone never passes between allies: their troops share it.
    let current = b.control[z.index()];
    holder.filter(|h| {
        current != Some(*h) && current.is_none_or(|o| b.relations.get(o, *h) != Relation::Allied)
    })
}
