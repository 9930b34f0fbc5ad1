//! `whitecell play VIEW_OR_GAME_DIR --key KEYFILE`: the team's orders prompt. On a terminal it edits
//! lines (history kept beside the key across sessions, Tab completion, hints of the legal orders);
//! from a pipe it reads plain lines, so it scripts. List units and legal orders, give orders in a
//! forgiving syntax with ids matched by prefix, see the odds of an engagement before ordering it,
//! be warned before an order escalates or leaves a zone exposed, undo, and submit signed orders.

mod lines;
mod session;
mod submit;

use super::CliError;
use super::orders::{check_key, picture, read_key};
use crate::game::desk::prompt::{balanced, starts_order, unknown_command, words};
use lines::{Lines, Piped, Terminal};
use session::Session;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

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
    /// Where `submit` writes the signed orders (default: orders-SIDE-turn-N.ron here).
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// Answer yes to every warning and to `quit` (for scripts).
    #[arg(long)]
    pub yes: bool,
    /// The file that keeps your lines for the up arrow (default: SIDE.history beside the key).
    #[arg(long)]
    pub history: Option<PathBuf>,
}

/// Refuses a destination whose folder does not exist, naming both.
pub(super) fn check_out_dir(dest: &Path) -> Result<(), CliError> {
    let dir = match dest.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if dir.is_dir() {
        return Ok(());
    }
    Err(CliError::rejected(format!(
        "error: cannot write the orders to {}: the folder {} does not exist; create it or give another --out",
        dest.display(),
        dir.display()
    )))
}

/// Opens the session: key, picture (the view's seal checked), orders already handed in.
fn open(a: &Args) -> Result<Session, CliError> {
    let key = read_key(&a.key)?;
    let side = a.side.clone().unwrap_or_else(|| key.side.clone());
    if let Some(o) = &a.out {
        check_out_dir(o)?;
    }
    let (p, game, view) = picture(&a.source, Some(&side), Some(&key))?;
    check_key(&key, &p, game.as_ref())?;
    let mut game = game;
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
    let aims = match (&view, &mut game) {
        (Some(v), _) => crate::game::views::view_report::aims(&v.score, &v.sudden_death),
        (None, Some(g)) => {
            let v = g.view(p.side);
            crate::game::views::view_report::aims(&v.score, &v.sudden_death)
        }
        (None, None) => String::new(),
    };
    let mut s = Session::new(p, key, orders, signals);
    s.game = game.map(|g| g.dir.clone());
    s.out = a.out.clone();
    s.yes = a.yes;
    s.aims = aims;
    s.submitted = s.orders.len() + s.signals.len() > 0;
    Ok(s)
}

/// Runs the prompt on standard input: the line editor on a terminal, plain lines otherwise.
pub fn run(out: &mut dyn Write, a: &Args) -> Result<(), CliError> {
    let mut s = open(a)?;
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        let history = a.history.clone().or_else(|| {
            a.key
                .parent()
                .map(|d| d.join(format!("{}.history", s.key.side)))
        });
        let mut t = Terminal::new(s.p.clone(), history)?;
        prompt(out, &mut t, &mut s)
    } else {
        prompt(out, &mut Piped(&mut stdin.lock()), &mut s)
    }
}

fn prompt(out: &mut dyn Write, lines: &mut dyn Lines, s: &mut Session) -> Result<(), CliError> {
    let side = s.p.c.side_name(s.p.side).to_string();
    let turn = s.p.next_turn();
    writeln!(
        out,
        "whitecell play — side {side} in game {}, orders for turn {turn} ({})",
        s.p.game,
        s.p.c.turn_label(turn)
    )?;
    if s.orders.len() + s.signals.len() > 0 {
        writeln!(
            out,
            "your side already handed in {} order(s) for this turn: `orders` lists them; `submit` replaces them",
            s.orders.len() + s.signals.len()
        )?;
    }
    writeln!(out, "type `help` for the commands")?;
    let here = format!("{side} turn {turn}> ");
    loop {
        let Some(line) = lines.read(out, &here)? else {
            writeln!(out)?;
            // Ctrl-D at a terminal is a way to quit: it asks as `quit` does.
            if lines.interactive() {
                if leave(out, lines, s)? {
                    return Ok(());
                }
                continue;
            }
            if s.unsent() > 0 {
                writeln!(out, "end of input: {} order(s) not submitted", s.unsent())?;
            }
            return Ok(());
        };
        let line = line.trim();
        let ws = words(line);
        let Some(cmd) = ws.first().map(|w| w.to_ascii_lowercase()) else {
            continue;
        };
        if cmd == "quit" || cmd == "exit" || cmd == "q" {
            if leave(out, lines, s)? {
                return Ok(());
            }
            continue;
        }
        let r = balanced(line)
            .map_err(CliError::rejected)
            .and_then(|()| command(out, lines, s, &cmd, &ws));
        if let Err(e) = r {
            // Every failure is shown and the session goes on, so a team never loses its orders to
            // a busy or unreadable game folder; a terminal that cannot be written ends it here.
            writeln!(out, "{}", e.message)?;
        }
    }
}

/// `quit`: asks first when orders would be lost.
fn leave(out: &mut dyn Write, lines: &mut dyn Lines, s: &Session) -> Result<bool, CliError> {
    let n = s.unsent();
    if n == 0 || s.yes {
        return Ok(true);
    }
    let a = lines.ask(
        out,
        &format!("{n} order(s) not submitted: quit and lose them? [y/N] "),
    )?;
    if a.is_some_and(|a| matches!(a.trim().to_ascii_lowercase().as_str(), "y" | "yes")) {
        return Ok(true);
    }
    writeln!(out, "staying: `submit` hands them in")?;
    Ok(false)
}

fn command(
    out: &mut dyn Write,
    lines: &mut dyn Lines,
    s: &mut Session,
    cmd: &str,
    ws: &[String],
) -> Result<(), CliError> {
    let arg = |i: usize| ws.get(i).map_or("", String::as_str);
    match cmd {
        "help" | "?" => write!(out, "{}", crate::game::desk::help::text(&s.p))?,
        "units" => s.units(out)?,
        "zones" | "map" => s.zones(out)?,
        "legal" => s.legal(out, ws)?,
        "odds" => {
            let text = crate::game::desk::odds::odds(
                &s.p,
                &s.orders,
                arg(1),
                arg(2),
                &ws[ws.len().min(3)..],
            )
            .map_err(CliError::rejected)?;
            write!(out, "{text}")?;
        }
        "signal" => s.signal(out, lines, ws)?,
        "undo" => s.undo(out)?,
        "orders" => s.list(out)?,
        "show" if ws.len() == 1 => s.list(out)?,
        "score" | "aims" => write!(out, "{}", s.aims)?,
        "submit" => s.submit(out)?,
        _ if starts_order(&s.p, &ws[0]) => s.order(out, lines, ws)?,
        _ => return Err(CliError::rejected(unknown_command(&ws[0]))),
    }
    Ok(())
}
