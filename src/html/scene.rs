//! The fixed parts of a report, from the compiled scenario: the sides and their colours, the zones
//! with their drawing positions (each zone's abstract `layout`; zones without one are set out on a
//! row below the others), and the tracks with their thresholds. Only the tracks a reader may see
//! are taken: the caller says which.

use super::model::{SideInfo, TrackInfo, ZoneInfo};
use crate::model::Compiled;

/// Every side.
pub fn sides(c: &Compiled) -> Vec<SideInfo> {
    c.scenario
        .sides
        .iter()
        .map(|s| SideInfo {
            id: s.id.clone(),
            name: s.name.clone(),
            colour: s.colour.clone(),
        })
        .collect()
}

/// Every zone, with a drawing position.
pub fn zones(c: &Compiled) -> Vec<ZoneInfo> {
    let laid: Vec<(i32, i32)> = c.scenario.zones.iter().filter_map(|z| z.layout).collect();
    let below = laid.iter().map(|p| p.1).max().map_or(0, |y| y + 1);
    let left = laid.iter().map(|p| p.0).min().unwrap_or(0);
    let mut next = left;
    c.zones
        .iter()
        .zip(&c.scenario.zones)
        .map(|(z, s)| {
            let at = s.layout.unwrap_or_else(|| {
                next += 1;
                (next - 1, below)
            });
            ZoneInfo {
                id: z.id.clone(),
                name: z.name.clone(),
                kind: format!("{:?}", z.kind),
                value: z.value,
                at,
                neighbours: z.neighbours.iter().map(|n| n.index()).collect(),
            }
        })
        .collect()
}

/// The tracks `keep` accepts, in scenario order.
pub fn tracks(c: &Compiled, keep: &dyn Fn(&str) -> bool) -> Vec<TrackInfo> {
    c.tracks
        .iter()
        .filter(|t| keep(&t.id))
        .map(|t| TrackInfo {
            id: t.id.clone(),
            name: t.name.clone(),
            min: t.min,
            max: t.max,
            public: t.public,
            thresholds: t
                .thresholds
                .iter()
                .map(|(at, label, _)| (*at, label.clone()))
                .collect(),
        })
        .collect()
}

/// The side's index by id.
pub fn side_index(c: &Compiled, id: &str) -> Option<usize> {
    c.side(id).map(|s| s.index())
}

/// The zone's index by id.
pub fn zone_index(c: &Compiled, id: &str) -> Option<usize> {
    c.zone(id).map(|z| z.index())
}
