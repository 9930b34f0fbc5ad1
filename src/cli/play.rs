//! `whitecell play VIEW_OR_GAME_DIR --side SIDE --key KEYFILE`: the team's orders prompt. Line
//! based, reading standard input (so it scripts and pipes): list units and legal orders, give orders
//! in a forgiving syntax with ids matched by prefix, see the odds of an engagement before
//! committing, undo, show, and submit signed orders.

use super::CliError;
use super::orders::{check_key, picture, read_key};
use crate::game::atomic;
use crate::game::intake::{self, SideKey};
use crate::game::prompt::{parse_order, pick, words};
use crate::game::redact::Picture;
use crate::orders::file::{SignalText, UnitOrderText};
use crate::orders::{Command, Order, OrdersFile, SignalKind, check, legal::legal_orders};
use std::io::{BufRead, Write};
use std::path::PathBuf;

/// Arguments of `play`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Your view file (views/SIDE.json), or the game folder when playing at the instructor's machine.
    pub source: PathBuf,
    /// Your side (default: the key's side).
    #[arg(long)]
    pub side: Option<String>,
    /// Your side's key file.
    #[arg(long)]
    pub key: PathBuf,
    /// Where `submit` writes the signed orders file (default: orders-SIDE-turn-N.ron here).
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

const HELP: &str = "commands:
  units                    your units, and the enemy units you know of
  zones                    the map: each zone, its kind, neighbours and controller
  legal UNIT               every legal order for a unit
  order UNIT ORDER         give an order, e.g. `order b_inf Move(town)`; also `move b_inf town`,
                           `engage b_inf town red`, `hold b_inf`, `patrol b_air strait`,
                           `resupply b_inf`, `withdraw b_inf plain`, `show b_frig strait`
  signal SIDE KIND         a signal: warn, deescalate or hotline
  odds ZONE SIDE           the odds column and the six possible results of engaging SIDE in ZONE
  undo                     take back the last order or signal
  show                     the orders so far
  submit                   sign and hand in the orders (prints the receipt)
  quit                     leave (unsubmitted orders are lost)
ids may be shortened to any unique prefix: `move b_i to` works for `move b_infantry town`.";

struct Session {
    p: Picture,
    /// The game folder, when playing at the instructor's machine (opened again to submit, so the
    /// session does not hold the folder's lock while the team thinks).
    game: Option<PathBuf>,
    key: SideKey,
    orders: Vec<UnitOrderText>,
    signals: Vec<SignalText>,
    history: Vec<bool>,
    out: Option<PathBuf>,
}

/// Runs the prompt on standard input.
pub fn run(out: &mut dyn Write, a: &Args) -> Result<(), CliError> {
    let stdin = std::io::stdin();
    run_with(out, &mut stdin.lock(), a)
}

/// Runs the prompt on any input.
pub fn run_with(out: &mut dyn Write, input: &mut dyn BufRead, a: &Args) -> Result<(), CliError> {
    let key = read_key(&a.key)?;
    let side = a.side.clone().unwrap_or_else(|| key.side.clone());
    let (p, game) = picture(&a.source, Some(&side))?;
    check_key(&key, &p, game.as_ref())?;
    if let Some(o) = game.as_ref().and_then(|g| g.engine.outcome()) {
        return Err(CliError::rejected(format!(
            "error: the game is over: {}",
            o.summary()
        )));
    }
    let (orders, signals) = game
        .as_ref()
        .and_then(|g| g.pending.get(&key.side))
        .map(|(f, _)| (f.orders.clone(), f.signals.clone()))
        .unwrap_or_default();
    let resumed = orders.len() + signals.len();
    let history = orders
        .iter()
        .map(|_| true)
        .chain(signals.iter().map(|_| false))
        .collect();
    let mut s = Session {
        p,
        game: game.map(|g| g.dir.clone()),
        key,
        orders,
        signals,
        history,
        out: a.out.clone(),
    };
    writeln!(
        out,
        "whitecell play — side {} in game {}, orders for turn {} ({})",
        side,
        s.p.game,
        s.p.next_turn(),
        s.p.c.turn_label(s.p.next_turn())
    )?;
    if resumed > 0 {
        writeln!(
            out,
            "your side already handed in {resumed} order(s) for this turn: `show` lists them; `submit` replaces them"
        )?;
    }
    writeln!(out, "type `help` for the commands")?;
    let mut line = String::new();
    loop {
        write!(out, "{side} turn {}> ", s.p.next_turn())?;
        out.flush()?;
        line.clear();
        if input.read_line(&mut line)? == 0 {
            writeln!(out)?;
            if !s.orders.is_empty() || !s.signals.is_empty() {
                writeln!(
                    out,
                    "end of input: {} order(s) not submitted",
                    s.orders.len() + s.signals.len()
                )?;
            }
            return Ok(());
        }
        let ws = words(line.trim());
        let Some(cmd) = ws.first().map(|w| w.to_ascii_lowercase()) else {
            continue;
        };
        let r = match cmd.as_str() {
            "help" | "?" => writeln!(out, "{HELP}").map_err(CliError::from),
            "quit" | "exit" | "q" => return Ok(()),
            "units" => units(out, &s),
            "zones" | "map" => zones(out, &s),
            "legal" => legal(out, &s, &ws),
            "odds" => odds(
                out,
                &s,
                ws.get(1).map(String::as_str),
                ws.get(2).map(String::as_str),
            ),
            "signal" => signal(out, &mut s, &ws),
            "undo" => undo(out, &mut s),
            "show" => show(out, &s),
            "submit" => submit(out, &mut s),
            _ => order(out, &mut s, &ws),
        };
        if let Err(e) = r {
            // Every failure is shown and the session goes on, so a team never loses its orders to
            // a busy or unreadable game folder; a terminal that cannot be written ends it here.
            writeln!(out, "{}", e.message)?;
        }
    }
}

fn say(m: String) -> CliError {
    CliError::rejected(m)
}

fn units(out: &mut dyn Write, s: &Session) -> Result<(), CliError> {
    let c = &s.p.c;
    for u in &s.p.state.units {
        let who = if u.side == s.p.side {
            "yours "
        } else {
            c.side_name(u.side)
        };
        writeln!(
            out,
            "  {:<14} {:<6} {:<10} in {:<12} strength {} {:?} {:?}",
            c.unit_name(u.id),
            who,
            c.kinds[u.kind.index()].id,
            c.zone_name(u.zone),
            u.strength,
            u.readiness,
            u.posture
        )?;
    }
    Ok(())
}

fn zones(out: &mut dyn Write, s: &Session) -> Result<(), CliError> {
    let c = &s.p.c;
    for (i, z) in c.zones.iter().enumerate() {
        let n: Vec<&str> = z.neighbours.iter().map(|x| c.zone_name(*x)).collect();
        let ctl =
            s.p.state
                .control
                .get(i)
                .copied()
                .flatten()
                .map(|x| c.side_name(x))
                .unwrap_or("-");
        writeln!(
            out,
            "  {:<12} {:<7} control {:<6} -> {}",
            z.id,
            format!("{:?}", z.kind),
            ctl,
            n.join(", ")
        )?;
    }
    Ok(())
}

fn own_unit(s: &Session, w: Option<&String>) -> Result<crate::model::UnitState, CliError> {
    let c = &s.p.c;
    let own: Vec<&str> =
        s.p.state
            .units
            .iter()
            .filter(|u| u.side == s.p.side)
            .map(|u| c.unit_name(u.id))
            .collect();
    let w = w.ok_or_else(|| say(format!("which unit? yours are: {}", own.join(", "))))?;
    let id = pick("unit of yours", w, &own).map_err(say)?;
    s.p.state
        .units
        .iter()
        .find(|u| c.unit_name(u.id) == id)
        .copied()
        .ok_or_else(|| say(format!("no unit `{id}`")))
}

fn legal(out: &mut dyn Write, s: &Session, ws: &[String]) -> Result<(), CliError> {
    let u = own_unit(s, ws.get(1))?;
    let b = s.p.board();
    let st = &s.p.state;
    let known = |z, t| crate::policy::known_in(&b, st, s.p.side, z, t);
    let all = legal_orders(&b, s.p.side, &u, &known);
    writeln!(
        out,
        "legal orders for {} (in {}):",
        s.p.c.unit_name(u.id),
        s.p.c.zone_name(u.zone)
    )?;
    for cmd in all {
        writeln!(out, "  {}", crate::orders::describe(&s.p.c, &cmd))?;
    }
    Ok(())
}

fn order(out: &mut dyn Write, s: &mut Session, ws: &[String]) -> Result<(), CliError> {
    let (unit, cmd) = parse_order(&s.p, ws).map_err(say)?;
    let c = s.p.c.clone();
    let id = c.unit(&unit).unwrap_or_default();
    let resolved = crate::orders::resolve_command(&c, &cmd).map_err(|r| say(r.to_string()))?;
    let already: Vec<_> = s
        .orders
        .iter()
        .filter(|o| o.unit != unit)
        .filter_map(|o| c.unit(&o.unit))
        .collect();
    if let Err(why) = check(
        &s.p.board(),
        s.p.side,
        &Order {
            unit: id,
            command: resolved,
        },
        &|u| already.contains(&u),
    ) {
        return Err(say(format!(
            "rejected: {unit} {cmd}: {why}\n  (type `legal {unit}` for the orders it can take)"
        )));
    }
    let replaced = s
        .orders
        .iter()
        .position(|o| o.unit == unit)
        .map(|i| s.orders.remove(i));
    s.orders.push(UnitOrderText {
        unit: unit.clone(),
        order: cmd.clone(),
    });
    s.history.push(true);
    match replaced {
        Some(old) => writeln!(out, "ok: {unit} {cmd} (replaces {})", old.order)?,
        None => writeln!(out, "ok: {unit} {cmd}")?,
    }
    if let Command::Engage(z, t) = &cmd {
        odds(out, s, Some(z), Some(t))?;
    }
    Ok(())
}

fn signal(out: &mut dyn Write, s: &mut Session, ws: &[String]) -> Result<(), CliError> {
    let c = &s.p.c;
    let sides: Vec<&str> = c
        .side_ids()
        .filter(|&x| x != s.p.side)
        .map(|x| c.side_name(x))
        .collect();
    let to = pick("side", ws.get(1).map(String::as_str).unwrap_or(""), &sides).map_err(say)?;
    let kind = match ws.get(2).map(|w| w.to_ascii_lowercase()).as_deref() {
        Some("warn") => SignalKind::Warn,
        Some("deescalate") => SignalKind::Deescalate,
        Some("hotline") => SignalKind::Hotline,
        other => {
            let hint = other
                .and_then(|w| crate::scenario::de::closest(w, &["warn", "deescalate", "hotline"]))
                .map(|c| format!(" (did you mean `{c}`?)"))
                .unwrap_or_default();
            return Err(say(format!(
                "write `signal SIDE warn|deescalate|hotline`{hint}"
            )));
        }
    };
    s.signals.push(SignalText {
        to: to.clone(),
        kind,
    });
    s.history.push(false);
    writeln!(out, "ok: signal {kind:?} to {to}")?;
    Ok(())
}

fn odds(
    out: &mut dyn Write,
    s: &Session,
    zone: Option<&str>,
    side: Option<&str>,
) -> Result<(), CliError> {
    let text = crate::game::prompt::odds(&s.p, &s.orders, zone.unwrap_or(""), side.unwrap_or(""))
        .map_err(say)?;
    write!(out, "{text}")?;
    Ok(())
}

fn undo(out: &mut dyn Write, s: &mut Session) -> Result<(), CliError> {
    match s.history.pop() {
        Some(true) => {
            let o = s.orders.pop();
            writeln!(
                out,
                "undone: {}",
                o.map(|o| format!("{} {}", o.unit, o.order))
                    .unwrap_or_default()
            )?
        }
        Some(false) => {
            let x = s.signals.pop();
            writeln!(
                out,
                "undone: {}",
                x.map(|x| format!("signal {:?} to {}", x.kind, x.to))
                    .unwrap_or_default()
            )?
        }
        None => writeln!(out, "nothing to undo")?,
    }
    Ok(())
}

fn show(out: &mut dyn Write, s: &Session) -> Result<(), CliError> {
    if s.orders.is_empty() && s.signals.is_empty() {
        writeln!(out, "no orders yet (units without orders hold)")?;
    }
    for o in &s.orders {
        writeln!(out, "  {} {}", o.unit, o.order)?;
    }
    for x in &s.signals {
        writeln!(out, "  signal {:?} to {}", x.kind, x.to)?;
    }
    Ok(())
}

fn submit(out: &mut dyn Write, s: &mut Session) -> Result<(), CliError> {
    let mut f = OrdersFile {
        game: s.p.game.clone(),
        side: s.key.side.clone(),
        turn: s.p.next_turn(),
        orders: s.orders.clone(),
        signals: s.signals.clone(),
        signature: None,
    };
    f.signature = Some(intake::sign(&f, &s.key.key));
    let dest = s
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("orders-{}-turn-{}.ron", f.side, f.turn)));
    if let Some(dir) = &s.game {
        let mut g = super::new::open(dir)?;
        let g = &mut g;
        // The team at the prompt has seen its earlier orders (they are loaded at start): its new
        // submission replaces them.
        let receipt = super::orders::submit(out, g, &mut f, None, true)?;
        writeln!(
            out,
            "submitted {} order(s) into the game; receipt {receipt}",
            f.orders.len()
        )?;
        if s.out.is_some() {
            atomic::write(&dest, intake::to_ron(&f).as_bytes())?;
            writeln!(out, "a copy is in {}", dest.display())?;
        }
    } else {
        atomic::write(&dest, intake::to_ron(&f).as_bytes())?;
        writeln!(
            out,
            "signed orders written to {}; hand this file to the white cell",
            dest.display()
        )?;
        writeln!(
            out,
            "receipt (the white cell's will match): {}",
            intake::receipt(&f)
        )?;
    }
    Ok(())
}
