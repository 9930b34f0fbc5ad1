//! Control, then readiness and supply.

use super::View;
use crate::log::event::Log;
use crate::log::event::{Cause, Event, ReadyWhy, Removal};
use crate::orders::Command;
use crate::rules::readiness::Reason;
use crate::rules::{control as ctl, readiness, supply};
use crate::sim::apply::Writer;
use crate::sim::scratch::Scratch;

/// A zone held alone by one side's ground units passes to it.
pub fn control(mut w: Writer) {
    let (r, j, _) = w.split();
    hold(&r, &mut j.log);
    w.end_phase();
}

fn hold(r: &View, log: &mut Log) {
    let c = r.c;
    let b = r.board();
    for z in 0..c.zones.len() {
        let zid = crate::model::ZoneId(z as u32);
        if let Some(to) = ctl::new_controller(&b, zid) {
            log.events.push(Event::ControlChanged {
                zone: zid,
                from: r.control[z],
                to: Some(to),
                cause: Cause::HeldAlone(to),
            });
        }
    }
}

/// Fighting and being cut off wear units down; resupply restores them; spent units cut off lose steps.
pub fn readiness(mut w: Writer) {
    let (r, j, scratch) = w.split();
    wear(&r, &mut j.log, scratch);
    w.end_phase();
}

fn wear(r: &View, log: &mut Log, s: &mut Scratch) {
    let c = r.c;
    let b = r.board();
    let nz = c.zones.len();
    // Supply depends only on control and relations: worked out again only when they changed.
    let same = s.supply_valid
        && s.supply_control.as_slice() == r.control
        && s.supply_relations == *r.relations;
    if !same {
        s.supplied.clear();
        for side in c.side_ids() {
            supply::supplied_into(&b, side, &mut s.supplied, &mut s.queue);
        }
        s.supply_control.clear();
        s.supply_control.extend_from_slice(r.control);
        s.supply_relations.copy_from(r.relations);
        s.supply_valid = true;
    }
    for u in b.units() {
        let order = r.order(u.id);
        let in_supply = s.supplied[u.side.index() * nz + u.zone.index()];
        let resupplying =
            matches!(order, Some(Command::Resupply)) && b.friendly_zone(u.zone, u.side);
        let Some(ch) = readiness::change(u.readiness, r.fought(u.id), in_supply, resupplying)
        else {
            continue;
        };
        if ch.attrition {
            let strength = u.strength - 1;
            log.events.push(Event::StepsLost {
                unit: u.id,
                side: u.side,
                steps: 1,
                strength,
                cause: Cause::Attrition,
            });
            if strength == 0 {
                log.events.push(Event::UnitRemoved {
                    unit: u.id,
                    cause: Removal::Attrition,
                });
            }
        } else {
            log.events.push(Event::ReadinessChanged {
                unit: u.id,
                from: u.readiness,
                to: ch.to,
                why: match ch.reason {
                    Reason::Resupplied => ReadyWhy::Resupplied,
                    Reason::Fought => ReadyWhy::Fought,
                    Reason::OutOfSupply | Reason::SpentOutOfSupply => ReadyWhy::OutOfSupply,
                    Reason::FoughtOutOfSupply => ReadyWhy::FoughtOutOfSupply,
                },
            });
        }
    }
}
