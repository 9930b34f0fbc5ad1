//! `whitecell inject GAME_DIR EVENT_ID --reason ...`: the white cell fires a scenario event now.

use super::CliError;
use crate::log::LogEvent;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `inject`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The game folder.
    pub game_dir: PathBuf,
    /// The scenario event to fire.
    pub event: String,
    /// Why (recorded in the log for the class).
    #[arg(long)]
    pub reason: String,
}

/// Fires the event and prints what it did.
pub fn run(out: &mut dyn Write, a: &Args) -> Result<(), CliError> {
    let mut g = super::new::open(&a.game_dir)?;
    if a.reason.trim().is_empty() {
        return Err(CliError::rejected(
            "error: --reason is empty: say why, the class reads it in the log",
        ));
    }
    let Some(ev) = g.c.event(&a.event) else {
        let all: Vec<&str> = g.c.events.iter().map(|e| e.id.as_str()).collect();
        let hint = crate::scenario::de::closest(&a.event, &all)
            .map(|c| format!(" (did you mean `{c}`?)"))
            .unwrap_or_default();
        return Err(CliError::rejected(format!(
            "error: no event `{}`{hint}; the events are: {}",
            a.event,
            all.join(", ")
        )));
    };
    let def = &g.c.events[ev.index()];
    if def.once && g.engine.state().fired[ev.index()] {
        return Err(CliError::rejected(format!(
            "error: event `{}` has fired already and fires only once",
            a.event
        )));
    }
    let mut events = vec![LogEvent::Umpire {
        action: format!("inject {}", a.event),
        reason: a.reason.clone(),
    }];
    events.extend(g.engine.inject_events(ev, &a.reason));
    g.umpire(events.clone())?;
    write!(out, "{}", crate::report::text::turn_summary(&events))?;
    writeln!(out, "saved; views rewritten")?;
    Ok(())
}
