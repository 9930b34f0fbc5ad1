//! The order check: every order handed in is accepted or rejected with its reason; signals are
//! sent. Sides are taken in side order, each side's orders in the order given.

use super::View;
use crate::log::event::Log;
use crate::log::event::{Cause, Event, Msg, Refused};
use crate::orders::{SignalKind, judge, judge_signal};
use crate::sim::apply::Writer;
use crate::sim::components::*;
use crate::sim::scratch::Scratch;
use bevy_ecs::prelude::*;

/// Checks the orders handed in by every side, and consumes them.
pub fn check_orders(mut w: Writer, mut submitted: ResMut<Submitted>) {
    let (r, j, scratch) = w.split();
    check(&r, &mut j.log, &mut submitted, scratch);
    w.end_phase();
}

fn check(r: &View, log: &mut Log, submitted: &mut Submitted, s: &mut Scratch) {
    let c = r.c;
    let b = r.board();
    let on_map = r.on_map();
    let mut ch = r.changes(&mut s.work, &on_map, log);
    s.done.clear();
    s.done.resize(c.units.len(), false);
    for (i, slot) in submitted.0.iter_mut().enumerate() {
        if !slot.pending {
            continue;
        }
        slot.pending = false;
        let side = crate::model::SideId(i as u16);
        for u in slot.unresolved.drain(..) {
            let what = Refused::Written {
                unit: ch.log.notes.note(u.unit),
                order: ch.log.notes.note(u.order),
                reason: ch.log.notes.note(u.reason),
            };
            ch.log.events.push(Event::OrderRejected { side, what });
        }
        // Units already ordered this turn, by id (a flag per unit keeps the check linear).
        s.touched.clear();
        for o in &slot.orders.orders {
            let done = &s.done;
            match judge(&b, side, o, &|u| done[u.index()], &mut s.search, None) {
                Ok(()) => {
                    s.done[o.unit.index()] = true;
                    s.touched.push(o.unit);
                    ch.log.events.push(Event::OrderAccepted {
                        side,
                        unit: o.unit,
                        order: o.command,
                    });
                }
                Err(why) => ch.log.events.push(Event::OrderRejected {
                    side,
                    what: Refused::Unit {
                        unit: o.unit,
                        order: o.command,
                        why,
                    },
                }),
            }
        }
        for u in &s.touched {
            s.done[u.index()] = false;
        }
        let mut sent = false;
        for sig in &slot.orders.signals {
            let verdict = if sent {
                Err(crate::orders::Why::OneSignalPerTurn)
            } else {
                judge_signal(side, sig)
            };
            if let Err(why) = verdict {
                ch.log.events.push(Event::OrderRejected {
                    side,
                    what: Refused::Signal {
                        to: sig.to,
                        kind: sig.kind,
                        why,
                    },
                });
                continue;
            }
            sent = true;
            let (to, kind) = (sig.to, sig.kind);
            ch.log.events.push(Event::SignalSent {
                from: side,
                to,
                kind,
            });
            ch.escalate(
                |e| match kind {
                    SignalKind::Warn => e.warn,
                    SignalKind::Deescalate => e.deescalate,
                    SignalKind::Hotline => e.hotline,
                },
                Cause::Signal {
                    from: side,
                    to,
                    kind,
                },
            );
            ch.log.events.push(Event::MessageSent {
                msg: Msg::Signal {
                    from: side,
                    to,
                    kind,
                },
            });
        }
    }
}
