//! Which sides could ever control each zone: a zone passes to a side whose `Ground` or
//! `Amphibious` units hold it, so a side can take a zone only if one of those units (on the map at
//! the start or added by an event) has a path to it through zones its type may enter. An event's
//! `SetControl` can also hand it over, and its controller at the start holds it already.

use crate::model::Compiled;
use crate::model::compiled::Fx;
use crate::scenario::Domain;

/// Per zone, per side: could the side ever control it?
pub fn controllers(c: &Compiled) -> Vec<Vec<bool>> {
    let n = c.zones.len();
    let mut out = vec![vec![false; c.side_count()]; n];
    for (z, zone) in c.zones.iter().enumerate() {
        if let Some(s) = zone.controller {
            out[z][s.index()] = true;
        }
    }
    for e in &c.events {
        for fx in &e.effects {
            if let Fx::SetControl(z, Some(s)) = fx {
                out[z.index()][s.index()] = true;
            }
        }
    }
    for u in &c.units {
        let kind = &c.kinds[u.kind.index()];
        if !matches!(kind.domain, Domain::Ground | Domain::Amphibious) {
            continue;
        }
        let mut seen = vec![false; n];
        let mut stack = vec![u.zone];
        seen[u.zone.index()] = true;
        while let Some(z) = stack.pop() {
            out[z.index()][u.side.index()] = true;
            for nb in &c.zones[z.index()].neighbours {
                if !seen[nb.index()] && kind.can_enter(c.zones[nb.index()].kind) {
                    seen[nb.index()] = true;
                    stack.push(*nb);
                }
            }
        }
    }
    out
}
