//! The order check: every submitted order is accepted or rejected with its reason; signals are sent.

use crate::orders::{Rejection, SignalKind, check, check_signal, describe};
use crate::report::LogEvent;
use crate::rules::Board;
use crate::sim::changes::ChangeState;
use crate::sim::components::*;
use crate::sim::snapshot::Snapshot;
use bevy_ecs::prelude::*;

/// Checks the submitted orders of every side, in side order, and consumes them.
pub fn check_orders(
    s: Snapshot,
    st: ChangeState,
    mut submitted: ResMut<Submitted>,
    mut out: ResMut<Outbox>,
) {
    let c = &s.game.0;
    let units = s.units();
    let b = Board::new(c, &units, &s.diplomacy.0, &s.control.0, s.clock.0);
    let mut ch = st.start(c, &s.diplomacy.0, &s.control.0);
    let mut all = std::mem::take(&mut submitted.0);
    all.sort_by_key(|x| x.0);
    for (side, orders, unresolved) in all {
        let side_name = c.side_name(side).to_string();
        for u in unresolved {
            ch.out.push(LogEvent::OrderRejected {
                side: side_name.clone(),
                unit: u.unit,
                order: u.order,
                reason: u.reason,
            });
        }
        // Units already ordered this turn, by id: a flag per unit keeps the check linear.
        let mut done = vec![false; c.units.len()];
        for o in &orders.orders {
            let verdict = check(&b, side, o, &|u| done[u.index()]);
            match verdict {
                Ok(_) => {
                    done[o.unit.index()] = true;
                    let order = o.command.map(
                        |z| c.zone_name(*z).to_string(),
                        |x| c.side_name(*x).to_string(),
                    );
                    ch.out.push(LogEvent::OrderAccepted {
                        side: side_name.clone(),
                        unit: c.unit_name(o.unit).to_string(),
                        order,
                    });
                }
                Err(why) => ch.out.push(LogEvent::OrderRejected {
                    side: side_name.clone(),
                    unit: c.unit_name(o.unit).to_string(),
                    order: describe(c, &o.command),
                    reason: why.to_string(),
                }),
            }
        }
        let mut sent = false;
        for sig in &orders.signals {
            let to = c.side_name(sig.to).to_string();
            let verdict = if sent {
                Err(Rejection::OneSignalPerTurn)
            } else {
                check_signal(side, sig)
            };
            if let Err(why) = verdict {
                ch.out.push(LogEvent::OrderRejected {
                    side: side_name.clone(),
                    unit: String::new(),
                    order: format!("Signal({to}, {:?})", sig.kind),
                    reason: why.to_string(),
                });
                continue;
            }
            sent = true;
            ch.out.push(LogEvent::SignalSent {
                from: side_name.clone(),
                to: to.clone(),
                kind: sig.kind,
            });
            let cause = format!("{side_name} signalled {:?} to {to}", sig.kind);
            ch.escalate(
                |e| match sig.kind {
                    SignalKind::Warn => e.warn,
                    SignalKind::Deescalate => e.deescalate,
                    SignalKind::Hotline => e.hotline,
                },
                &cause,
            );
            ch.out.push(LogEvent::MessageSent {
                to: vec![to],
                from: side_name.clone(),
                text: format!(
                    "{} sends a signal: {:?}",
                    c.scenario.sides[side.index()].name,
                    sig.kind
                ),
            });
        }
    }
    out.0.extend(ch.out);
}
