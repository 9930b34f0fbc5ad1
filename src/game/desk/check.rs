//! `orders check`'s whole answer on a file written by hand: every problem at once (what refuses
//! the file and what would be rejected now, from the intake's [`check_all`]), and the warnings the
//! prompt gives before an order escalates or exposes a unit ([`super::warn`]), so a team writing
//! its file learns what a team at `play` learns.

use crate::game::store::intake::{Checked, check_all};
use crate::game::views::redact::Picture;
use crate::orders::{Order, OrdersFile, Signal};

/// Every problem of `f`, and the prompt's warnings, each with the entry it is about.
pub fn everything(p: &Picture, f: &OrdersFile) -> (Checked, Vec<(String, String)>) {
    let all = check_all(p, f);
    let orders: Vec<Order> = all.orders.iter().map(|(_, o)| *o).collect();
    let signals: Vec<Signal> = all.signals.iter().map(|(_, s)| *s).collect();
    let mut warnings = Vec::new();
    // As at the prompt: each order on top of those given before it.
    for (i, (at, o)) in all.orders.iter().enumerate() {
        let given = super::warn::Given {
            orders: &orders[..i],
            signals: &[],
        };
        for w in super::warn::order(p, &given, o) {
            warnings.push((at.clone(), w));
        }
    }
    for (k, (at, s)) in all.signals.iter().enumerate() {
        let given = super::warn::Given {
            orders: &orders,
            signals: &signals[..k],
        };
        for w in super::warn::signal(p, &given, s) {
            warnings.push((at.clone(), w));
        }
    }
    (all, warnings)
}
