//! Engagements: shows of force, then every attack in a zone, in (zone, attacker, defender) order.
//! Each gives its odds with every modifier, a d6, and the table's result; engaging a `Neutral` side
//! makes it `Hostile` and raises tension.

use super::View;
use crate::dice::Phase;
use crate::log::event::{Cause, Event, Log, Miss, Removal, Span};
use crate::model::{UnitId, UnitState};
use crate::orders::Command;
use crate::rules::combat;
use crate::scenario::Relation;
use crate::sim::apply::Writer;
use crate::sim::components::*;
use crate::sim::scratch::Scratch;
use bevy_ecs::prelude::*;

/// Resolves shows of force and engagements.
pub fn engage(mut w: Writer, dice: Res<DiceBox>) {
    let (r, j, scratch) = w.split();
    fight(&r, &dice.0, &mut j.log, scratch);
    w.end_phase();
}

fn fight(r: &View, dice: &crate::dice::Dice, log: &mut Log, s: &mut Scratch) {
    let c = r.c;
    let contacts = r.contacts;
    let b = r.board();
    let on_map = r.on_map();
    let mut ch = r.changes(&mut s.work, &on_map, log);
    // The working copy of the units, by id: strengths and zones change as engagements resolve.
    s.cur.clear();
    s.cur.resize(c.units.len(), UnitState::default());
    for u in b.units() {
        s.cur[u.id.index()] = *u;
    }

    // Attacks: Engage orders from units now in their zone, and patrols reacting to hostile contacts.
    s.groups.clear();
    for u in b.units() {
        let Some(cmd) = r.order(u.id) else { continue };
        match cmd {
            Command::ShowOfForce(z) => {
                ch.log.events.push(Event::ShowOfForce {
                    side: u.side,
                    unit: u.id,
                    zone: z,
                });
                ch.escalate(
                    |e| e.show_of_force,
                    Cause::ShowOfForce {
                        side: u.side,
                        zone: z,
                    },
                );
            }
            Command::Engage(z, target) => {
                if u.zone == z {
                    s.groups.push((z, u.side, target, u.id));
                } else {
                    ch.log.events.push(Event::NoContact {
                        zone: z,
                        attacker: u.side,
                        defender: target,
                        why: Miss::StoppedShort {
                            unit: u.id,
                            at: u.zone,
                        },
                    });
                }
            }
            Command::Patrol(z) if u.zone == z => {
                for t in c.side_ids() {
                    let seen = b
                        .units_in(z)
                        .iter()
                        .any(|x| x.side == t && contacts.sees(u.side, x.id));
                    if r.relations.hostile(u.side, t) && seen {
                        s.groups.push((z, u.side, t, u.id));
                    }
                }
            }
            _ => {}
        }
    }
    // Grouped by (zone, attacker, defender); each group's units in the order they joined.
    s.groups.sort_by_key(|g| (g.0, g.1, g.2));

    let mut stream = dice.stream(r.clock, Phase::Engagement);
    let mut g = 0;
    while g < s.groups.len() {
        let (z, att, def, _) = s.groups[g];
        let end = g + s.groups[g..]
            .iter()
            .take_while(|x| (x.0, x.1, x.2) == (z, att, def))
            .count();
        let group = g..end;
        g = end;
        s.att.clear();
        for &(_, _, _, id) in &s.groups[group.clone()] {
            let u = s.cur[id.index()];
            if u.zone == z && u.strength > 0 {
                s.att.push(u);
            }
        }
        // Candidates from the zone's units at the start of the phase; units that retreated have left.
        s.def.clear();
        for x in b.units_in(z) {
            let u = s.cur[x.id.index()];
            if u.side == def && u.zone == z && u.strength > 0 && contacts.sees(att, u.id) {
                s.def.push(u);
            }
        }
        let relation = ch.w.relations.get(att, def);
        let miss = |why| Event::NoContact {
            zone: z,
            attacker: att,
            defender: def,
            why,
        };
        if s.att.is_empty() {
            ch.log.events.push(miss(Miss::NoAttacker));
            continue;
        }
        if s.def.is_empty() {
            ch.log.events.push(miss(Miss::NotDetected));
            continue;
        }
        if relation == Relation::Allied {
            ch.log.events.push(miss(Miss::NowAllied));
            continue;
        }
        let start = ch.log.terms.len() as u32;
        let (mut at, mut dt) = (0u32, 0u32);
        for u in &s.att {
            let t = combat::term_rec(&c.tables, b.kind(u), u, true);
            at += t.value;
            ch.log.terms.push(t);
        }
        for u in &s.def {
            let t = combat::term_rec(&c.tables, b.kind(u), u, false);
            dt += t.value;
            ch.log.terms.push(t);
        }
        if at == 0 {
            ch.log.terms.truncate(start as usize);
            ch.log.events.push(miss(Miss::ZeroAttack));
            continue;
        }
        let terms = Span {
            start,
            len: ch.log.terms.len() as u32 - start,
        };
        let (base, col) = combat::columns(c, at, dt, c.zones[z.index()].kind);
        if relation == Relation::Neutral {
            let cause = Cause::EngagedNeutral {
                zone: z,
                attacker: att,
                defender: def,
            };
            ch.relation(att, def, Relation::Hostile, cause);
            ch.escalate(|e| e.engage_neutral, cause);
        } else {
            ch.escalate(
                |e| e.engagement,
                Cause::EngagementBetween {
                    zone: z,
                    attacker: att,
                    defender: def,
                },
            );
        }
        let roll = stream.d6();
        let result = combat::result(&c.ruleset, col, roll);
        ch.log.events.push(Event::Engagement {
            zone: z,
            attacker: att,
            defender: def,
            terms,
            attack_total: at,
            defence_total: dt,
            base_column: base as u8,
            column: col as u8,
            roll,
            result,
        });
        let (a_loss, d_loss, retreat) = combat::effects(result);
        let cause = Cause::Engagement(z);
        let mut lost = Losses {
            cur: &mut s.cur,
            pick: &mut s.current,
            alloc: &mut s.alloc,
            log: &mut *ch.log,
        };
        lost.lose(&s.att, a_loss, cause);
        lost.lose(&s.def, d_loss, cause);
        if retreat {
            for d in &s.def {
                let u = s.cur[d.id.index()];
                if u.strength == 0 {
                    continue;
                }
                match combat::retreat_zone(&b, &u, z, &ch.w.relations) {
                    Some(to) => {
                        s.cur[d.id.index()].zone = to;
                        ch.log.events.push(Event::Retreated {
                            unit: d.id,
                            from: z,
                            to,
                        });
                    }
                    None => {
                        let mut lost = Losses {
                            cur: &mut s.cur,
                            pick: &mut s.current,
                            alloc: &mut s.alloc,
                            log: &mut *ch.log,
                        };
                        lost.lose(&[u], 1, Cause::CutOff(z));
                    }
                }
            }
        }
    }
}

/// Losses taken from the working copy, logged.
struct Losses<'a> {
    cur: &'a mut [UnitState],
    pick: &'a mut Vec<UnitState>,
    alloc: &'a mut Vec<(UnitId, u8)>,
    log: &'a mut Log,
}

impl Losses<'_> {
    /// Takes `steps` from `group` (strongest first), logging losses and removals.
    fn lose(&mut self, group: &[UnitState], steps: u8, cause: Cause) {
        if steps == 0 {
            return;
        }
        self.pick.clear();
        for g in group {
            let u = self.cur[g.id.index()];
            if u.strength > 0 {
                self.pick.push(u);
            }
        }
        combat::allocate_into(self.pick, steps, self.alloc);
        for &(id, n) in self.alloc.iter() {
            let u = &mut self.cur[id.index()];
            u.strength -= n;
            self.log.events.push(Event::StepsLost {
                unit: id,
                side: u.side,
                steps: n,
                strength: u.strength,
                cause,
            });
            if u.strength == 0 {
                self.log.events.push(Event::UnitRemoved {
                    unit: id,
                    cause: Removal::Destroyed(cause),
                });
            }
        }
    }
}
