//! A team's session at the prompt: the orders and signals given so far, the undo stack (an undone
//! order that replaced another brings the old one back), the lists (`units`, `zones`, `legal`,
//! `orders`, `score`), orders and signals with the warnings that teach, and `submit`.

use super::super::CliError;
use super::lines::Lines;
use crate::game::desk::prompt::{parse_order, pick};
use crate::game::desk::warn::{self, Given};
use crate::game::store::intake::SideKey;
use crate::game::views::redact::Picture;
use crate::orders::file::{SignalText, UnitOrderText};
use crate::orders::{Command, Order, Signal, SignalKind, check, legal::legal_orders};
use crate::report::text::width;
use crate::report::words;
use std::io::Write;
use std::path::PathBuf;

/// One step `undo` takes back.
enum Step {
    /// An order for a unit; the order it replaced and where that stood.
    Order(Option<(usize, UnitOrderText)>),
    /// A signal.
    Signal,
}

/// The state of one prompt session.
pub struct Session {
    /// What the side knows.
    pub p: Picture,
    /// The game folder, when playing at the instructor's machine (opened again to submit, so the
    /// session does not hold the folder's lock while the team thinks).
    pub game: Option<PathBuf>,
    /// The side's key.
    pub key: SideKey,
    /// Orders so far, in the order given.
    pub orders: Vec<UnitOrderText>,
    /// Signals so far.
    pub signals: Vec<SignalText>,
    steps: Vec<Step>,
    /// Where `submit` writes the signed file.
    pub out: Option<PathBuf>,
    /// Confirm every warning without asking (`--yes`).
    pub yes: bool,
    /// The side's objectives, score and the sudden-death rules, as text for `score`.
    pub aims: String,
    /// Whether the orders as they stand have been handed in.
    pub submitted: bool,
}

fn say(m: String) -> CliError {
    CliError::rejected(m)
}

impl Session {
    /// A session starting from orders already handed in for the turn (`orders`, `signals`).
    pub fn new(
        p: Picture,
        key: SideKey,
        orders: Vec<UnitOrderText>,
        signals: Vec<SignalText>,
    ) -> Self {
        let mut steps: Vec<Step> = orders.iter().map(|_| Step::Order(None)).collect();
        steps.extend(signals.iter().map(|_| Step::Signal));
        Session {
            p,
            game: None,
            key,
            orders,
            signals,
            steps,
            out: None,
            yes: false,
            aims: String::new(),
            submitted: false,
        }
    }

    /// Orders and signals not yet handed in.
    pub fn unsent(&self) -> usize {
        if self.submitted {
            0
        } else {
            self.orders.len() + self.signals.len()
        }
    }

    /// `units`: own units with readiness and posture; other sides' units with what is known.
    pub fn units(&self, out: &mut dyn Write) -> Result<(), CliError> {
        let c = &self.p.c;
        let st = &self.p.state;
        let w = width(st.units.iter().map(|u| c.unit_name(u.id)));
        let ws = width(st.units.iter().map(|u| c.side_name(u.side))).max(5);
        let wz = width(st.units.iter().map(|u| c.zone_name(u.zone)));
        for u in &st.units {
            let who = if u.side == self.p.side {
                "yours".to_string()
            } else {
                c.side_name(u.side).to_string()
            };
            let rel = st.relations.get(self.p.side, u.side);
            let what = if self.p.knows_detail(u) {
                format!(
                    "{}, posture {}",
                    words::readiness(u.readiness),
                    words::posture(u.posture)
                )
            } else {
                "readiness and posture unknown".to_string()
            };
            let tag = if u.side == self.p.side {
                String::new()
            } else {
                format!(" ({})", words::relation(rel))
            };
            writeln!(
                out,
                "  {:<w$}  {:<ws$}  in {:<wz$}  strength {}  {what}{tag}",
                c.unit_name(u.id),
                who,
                c.zone_name(u.zone),
                u.strength,
            )?;
        }
        Ok(())
    }

    /// `zones`: each zone's kind, value, controller and neighbours.
    pub fn zones(&self, out: &mut dyn Write) -> Result<(), CliError> {
        let c = &self.p.c;
        let w = width(c.zones.iter().map(|z| z.id.as_str()));
        let ws = width(c.scenario.sides.iter().map(|s| s.id.as_str()).chain(["-"]));
        for (i, z) in c.zones.iter().enumerate() {
            let n: Vec<&str> = z.neighbours.iter().map(|x| c.zone_name(*x)).collect();
            let ctl = self.p.state.control.get(i).copied().flatten();
            let ctl = ctl.map_or("-", |x| c.side_name(x));
            writeln!(
                out,
                "  {:<w$}  {:<7}  value {:<2} control {:<ws$}  -> {}",
                z.id,
                format!("{:?}", z.kind),
                z.value,
                ctl,
                n.join(", ")
            )?;
        }
        Ok(())
    }

    fn own_unit(&self, w: Option<&String>) -> Result<crate::model::UnitState, CliError> {
        let own = self.p.own_ids();
        let w = w.ok_or_else(|| say(format!("which unit? yours are: {}", own.join(", "))))?;
        let id = pick("unit of yours", w, &own).map_err(say)?;
        self.p
            .state
            .units
            .iter()
            .find(|u| self.p.c.unit_name(u.id) == id)
            .copied()
            .ok_or_else(|| say(format!("no unit `{id}`")))
    }

    /// `legal UNIT`.
    pub fn legal(&self, out: &mut dyn Write, ws: &[String]) -> Result<(), CliError> {
        let u = self.own_unit(ws.get(1))?;
        let b = self.p.board();
        let known = |z, t| crate::policy::known_in(&b, &self.p.state, self.p.side, z, t);
        let c = &self.p.c;
        writeln!(
            out,
            "legal orders for {} (in {}):",
            c.unit_name(u.id),
            c.zone_name(u.zone)
        )?;
        for cmd in legal_orders(&b, self.p.side, &u, &known) {
            writeln!(out, "  {}", words::plain(&crate::orders::describe(c, &cmd)))?;
        }
        Ok(())
    }

    fn given(&self, except: &str) -> (Vec<Order>, Vec<Signal>) {
        let c = &self.p.c;
        let orders = self
            .orders
            .iter()
            .filter(|o| o.unit != except)
            .filter_map(|o| {
                Some(Order {
                    unit: c.unit(&o.unit)?,
                    command: crate::orders::resolve_command(c, &o.order).ok()?,
                })
            })
            .collect();
        let signals = self
            .signals
            .iter()
            .filter_map(|s| {
                Some(Signal {
                    to: c.side(&s.to)?,
                    kind: s.kind,
                })
            })
            .collect();
        (orders, signals)
    }

    /// Shows `warnings` and asks whether to go on (yes with `--yes`).
    fn confirm(
        &self,
        out: &mut dyn Write,
        lines: &mut dyn Lines,
        warnings: &[String],
    ) -> Result<bool, CliError> {
        if warnings.is_empty() {
            return Ok(true);
        }
        for w in warnings {
            writeln!(out, "warning: {w}")?;
        }
        if self.yes {
            writeln!(out, "(--yes: going ahead)")?;
            return Ok(true);
        }
        let a = lines.ask(out, "give it anyway? [y/N] ")?;
        Ok(a.is_some_and(|a| matches!(a.trim().to_ascii_lowercase().as_str(), "y" | "yes")))
    }

    /// An order in any accepted form.
    pub fn order(
        &mut self,
        out: &mut dyn Write,
        lines: &mut dyn Lines,
        ws: &[String],
    ) -> Result<(), CliError> {
        let (unit, cmd) = parse_order(&self.p, ws).map_err(say)?;
        let c = self.p.c.clone();
        let shown = words::order(&cmd);
        let id = c.unit(&unit).unwrap_or_default();
        let resolved = crate::orders::resolve_command(&c, &cmd).map_err(|r| say(r.to_string()))?;
        let (given, signals) = self.given(&unit);
        let o = Order {
            unit: id,
            command: resolved,
        };
        if let Err(why) = check(&self.p.board(), self.p.side, &o, &|u| {
            given.iter().any(|g| g.unit == u)
        }) {
            return Err(say(format!(
                "rejected: {unit} {shown}: {why}\n  (type `legal {unit}` for the orders it can take)"
            )));
        }
        let g = Given {
            orders: &given,
            signals: &signals,
        };
        if !self.confirm(out, lines, &warn::order(&self.p, &g, &o))? {
            writeln!(out, "not given: {unit} keeps its orders as they were")?;
            return Ok(());
        }
        let replaced = self
            .orders
            .iter()
            .position(|x| x.unit == unit)
            .map(|i| (i, self.orders.remove(i)));
        self.orders.push(UnitOrderText {
            unit: unit.clone(),
            order: cmd.clone(),
        });
        self.submitted = false;
        match &replaced {
            Some((_, old)) => writeln!(
                out,
                "ok: {unit} {shown} (replaces {})",
                words::order(&old.order)
            )?,
            None => writeln!(out, "ok: {unit} {shown}")?,
        }
        self.steps.push(Step::Order(replaced));
        if let Command::Engage(z, t) = &cmd {
            let text =
                crate::game::desk::odds::odds(&self.p, &self.orders, z, t, &[]).map_err(say)?;
            write!(out, "{text}")?;
        }
        Ok(())
    }

    /// `signal SIDE KIND`.
    pub fn signal(
        &mut self,
        out: &mut dyn Write,
        lines: &mut dyn Lines,
        ws: &[String],
    ) -> Result<(), CliError> {
        let sides = self.p.other_sides();
        let to = pick("side", ws.get(1).map_or("", String::as_str), &sides).map_err(say)?;
        let kinds = ["warn", "deescalate", "hotline"];
        let kind = match ws.get(2).map(|w| w.to_ascii_lowercase()).as_deref() {
            Some("warn") => SignalKind::Warn,
            Some("deescalate") => SignalKind::Deescalate,
            Some("hotline") => SignalKind::Hotline,
            other => {
                let hint = other
                    .and_then(|w| crate::scenario::de::closest(w, &kinds))
                    .map(|c| format!(" (did you mean `{c}`?)"))
                    .unwrap_or_default();
                return Err(say(format!(
                    "write `signal SIDE warn|deescalate|hotline`{hint}"
                )));
            }
        };
        if let Some(x) = self.signals.first() {
            return Err(say(format!(
                "a side sends at most one signal a turn, and yours is `{}` to {}: `undo` it first to send another",
                words::signal(x.kind),
                x.to
            )));
        }
        let (given, signals) = self.given("");
        let s = Signal {
            to: self.p.c.side(&to).unwrap_or_default(),
            kind,
        };
        let g = Given {
            orders: &given,
            signals: &signals,
        };
        if !self.confirm(out, lines, &warn::signal(&self.p, &g, &s))? {
            writeln!(out, "not sent")?;
            return Ok(());
        }
        self.signals.push(SignalText {
            to: to.clone(),
            kind,
        });
        self.steps.push(Step::Signal);
        self.submitted = false;
        writeln!(out, "ok: signal {} to {to}", words::signal(kind))?;
        Ok(())
    }

    /// `undo`: the last order or signal; an order that replaced another brings it back.
    pub fn undo(&mut self, out: &mut dyn Write) -> Result<(), CliError> {
        match self.steps.pop() {
            Some(Step::Order(replaced)) => {
                let o = self.orders.pop();
                let what = o
                    .map(|o| format!("{} {}", o.unit, words::order(&o.order)))
                    .unwrap_or_default();
                match replaced {
                    Some((i, old)) => {
                        writeln!(
                            out,
                            "undone: {what}; {} has its earlier order again: {}",
                            old.unit,
                            words::order(&old.order)
                        )?;
                        self.orders.insert(i.min(self.orders.len()), old);
                    }
                    None => writeln!(out, "undone: {what}")?,
                }
            }
            Some(Step::Signal) => {
                let x = self.signals.pop();
                let what = x
                    .map(|x| format!("signal {} to {}", words::signal(x.kind), x.to))
                    .unwrap_or_default();
                writeln!(out, "undone: {what}")?;
            }
            None => writeln!(out, "nothing to undo")?,
        }
        self.submitted = false;
        Ok(())
    }

    /// `orders` (or `show` alone): the orders so far.
    pub fn list(&self, out: &mut dyn Write) -> Result<(), CliError> {
        if self.orders.is_empty() && self.signals.is_empty() {
            writeln!(out, "no orders yet (units without orders hold)")?;
        }
        let w = width(self.orders.iter().map(|o| o.unit.as_str()));
        for o in &self.orders {
            writeln!(out, "  {:<w$}  {}", o.unit, words::order(&o.order))?;
        }
        for x in &self.signals {
            writeln!(out, "  signal {} to {}", words::signal(x.kind), x.to)?;
        }
        Ok(())
    }
}
