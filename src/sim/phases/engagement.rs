//! Engagements: shows of force, then every attack in a zone, in (zone, attacker, defender) order.
//! Each gives its odds with every modifier, a d6, and the table's result; engaging a `Neutral` side
//! makes it `Hostile` and raises tension.

use crate::dice::Phase;
use crate::model::{SideId, UnitId, UnitState, ZoneId};
use crate::orders::Command;
use crate::report::LogEvent;
use crate::rules::{Board, combat};
use crate::scenario::Relation;
use crate::sim::changes::ChangeState;
use crate::sim::components::*;
use crate::sim::snapshot::Snapshot;
use bevy_ecs::prelude::*;
use std::collections::BTreeMap;

/// Resolves shows of force and engagements.
pub fn engage(
    s: Snapshot,
    st: ChangeState,
    this: Res<ThisTurn>,
    contacts: Res<Contacts>,
    dice: Res<DiceBox>,
    mut out: ResMut<Outbox>,
) {
    let c = &s.game.0;
    let start = s.units();
    let b = Board::new(c, &start, &s.diplomacy.0, &s.control.0, s.clock.0);
    let mut ch = st.start(c, &s.diplomacy.0, &s.control.0);
    let mut units: Vec<UnitState> = start.clone();
    let pos = |units: &[UnitState], id: UnitId| units.binary_search_by_key(&id, |u| u.id).ok();

    // Attacks: Engage orders from units now in their zone, and patrols reacting to hostile contacts.
    let mut groups: BTreeMap<(ZoneId, SideId, SideId), Vec<UnitId>> = BTreeMap::new();
    for (id, cmd) in &this.orders {
        let Some(u) = b.unit(*id) else { continue };
        match cmd {
            Command::ShowOfForce(z) => {
                let side = c.side_name(u.side).to_string();
                ch.out.push(LogEvent::ShowOfForce {
                    side: side.clone(),
                    unit: c.unit_name(*id).into(),
                    zone: c.zone_name(*z).into(),
                });
                ch.escalate(
                    |e| e.show_of_force,
                    &format!("show of force by {side} in {}", c.zone_name(*z)),
                );
            }
            Command::Engage(z, target) => {
                if u.zone == *z {
                    groups.entry((*z, u.side, *target)).or_default().push(*id);
                } else {
                    ch.out.push(LogEvent::NoContact {
                        zone: c.zone_name(*z).into(),
                        attacker: c.side_name(u.side).into(),
                        defender: c.side_name(*target).into(),
                        reason: format!(
                            "{} stopped short in {}",
                            c.unit_name(*id),
                            c.zone_name(u.zone)
                        ),
                    });
                }
            }
            Command::Patrol(z) if u.zone == *z => {
                for t in c.side_ids() {
                    let seen = b
                        .units_in(*z)
                        .any(|x| x.side == t && contacts.0.sees(u.side, x.id));
                    if s.diplomacy.0.hostile(u.side, t) && seen {
                        groups.entry((*z, u.side, t)).or_default().push(*id);
                    }
                }
            }
            _ => {}
        }
    }

    let mut stream = dice.0.stream(s.clock.0, Phase::Engagement);
    for ((z, att, def), ids) in groups {
        let (zn, an, dn) = (
            c.zone_name(z).to_string(),
            c.side_name(att).to_string(),
            c.side_name(def).to_string(),
        );
        let attackers: Vec<UnitState> = ids
            .iter()
            .filter_map(|id| pos(&units, *id).map(|i| units[i]))
            .filter(|u| u.zone == z && u.strength > 0)
            .collect();
        // Candidates from the zone's units at the start of the phase; units that retreated have left.
        let defenders: Vec<UnitState> = b
            .units_in(z)
            .filter_map(|x| pos(&units, x.id).map(|i| units[i]))
            .filter(|u| {
                u.side == def && u.zone == z && u.strength > 0 && contacts.0.sees(att, u.id)
            })
            .collect();
        let relation = ch.relations.get(att, def);
        let no = |reason: String| LogEvent::NoContact {
            zone: zn.clone(),
            attacker: an.clone(),
            defender: dn.clone(),
            reason,
        };
        if attackers.is_empty() {
            ch.out
                .push(no("no attacking unit is left in the zone".into()));
            continue;
        }
        if defenders.is_empty() {
            ch.out
                .push(no(format!("{an} has detected no unit of {dn} in {zn}")));
            continue;
        }
        if relation == Relation::Allied {
            ch.out.push(no(format!("{an} and {dn} are now allied")));
            continue;
        }
        let odds = combat::odds(&b, &attackers, &defenders, c.zones[z.index()].kind);
        if odds.attack_total == 0 {
            ch.out.push(no(format!(
                "{an}'s attack total is 0 (factors worn to nothing): no attack"
            )));
            continue;
        }
        if relation == Relation::Neutral {
            let cause = format!("{an} engaged neutral {dn} in {zn}");
            ch.relation(att, def, Relation::Hostile, &cause);
            ch.escalate(|e| e.engage_neutral, &cause);
        } else {
            ch.escalate(
                |e| e.engagement,
                &format!("engagement between {an} and {dn} in {zn}"),
            );
        }
        let roll = stream.d6();
        let result = combat::result(&c.ruleset, odds.column_index, roll);
        ch.out.push(LogEvent::Engagement {
            zone: zn.clone(),
            attacker: an.clone(),
            defender: dn.clone(),
            odds,
            roll,
            result,
        });
        let (a_loss, d_loss, retreat) = combat::effects(result);
        let cause = format!("engagement in {zn}");
        lose(&mut ch.out, c, &mut units, &attackers, a_loss, &cause);
        lose(&mut ch.out, c, &mut units, &defenders, d_loss, &cause);
        if retreat {
            for d in &defenders {
                let Some(i) = pos(&units, d.id) else { continue };
                if units[i].strength == 0 {
                    continue;
                }
                match combat::retreat_zone(&b, &units[i], z, &ch.relations) {
                    Some(to) => {
                        units[i].zone = to;
                        ch.out.push(LogEvent::Retreated {
                            unit: c.unit_name(d.id).into(),
                            from: zn.clone(),
                            to: c.zone_name(to).into(),
                        });
                    }
                    None => {
                        let one = [units[i]];
                        lose(
                            &mut ch.out,
                            c,
                            &mut units,
                            &one,
                            1,
                            &format!("cut off in {zn}, could not retreat"),
                        );
                    }
                }
            }
        }
    }
    out.0.extend(ch.out);
}

/// Takes `steps` from `group` (strongest first) in the working copy, logging losses and removals.
fn lose(
    out: &mut Vec<LogEvent>,
    c: &crate::model::Compiled,
    units: &mut [UnitState],
    group: &[UnitState],
    steps: u8,
    cause: &str,
) {
    if steps == 0 {
        return;
    }
    let at = |units: &[UnitState], id: UnitId| units.binary_search_by_key(&id, |u| u.id).ok();
    let current: Vec<UnitState> = group
        .iter()
        .filter_map(|g| at(units, g.id).map(|i| units[i]))
        .filter(|u| u.strength > 0)
        .collect();
    for (id, n) in combat::allocate(&current, steps) {
        let Some(i) = at(units, id) else { continue };
        let u = &mut units[i];
        u.strength -= n;
        let name = c.unit_name(id).to_string();
        out.push(LogEvent::StepsLost {
            unit: name.clone(),
            side: c.side_name(u.side).into(),
            steps: n,
            strength: u.strength,
            cause: cause.into(),
        });
        if u.strength == 0 {
            out.push(LogEvent::UnitRemoved {
                unit: name,
                cause: format!("destroyed: {cause}"),
            });
        }
    }
}
