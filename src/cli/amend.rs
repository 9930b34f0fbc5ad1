//! `whitecell amend GAME_DIR ... --reason ...`: the white cell changes a unit's strength, zone or
//! readiness, a track, a relation or a zone's control, with a reason recorded in the log.

use super::CliError;
use crate::game::umpire::amend::{Amendment, events};
use crate::scenario::{Readiness, Relation};
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `amend`: exactly one change.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The game folder.
    pub game_dir: PathBuf,
    /// The unit to change (with --strength, --zone or --readiness).
    #[arg(long)]
    pub unit: Option<String>,
    /// New strength in steps (0 removes the unit).
    #[arg(long, requires = "unit")]
    pub strength: Option<u8>,
    /// Zone to put the unit in.
    #[arg(long, requires = "unit")]
    pub zone: Option<String>,
    /// New readiness: fresh, worn or spent.
    #[arg(long, requires = "unit", value_parser = ["fresh", "worn", "spent"])]
    pub readiness: Option<String>,
    /// A track to set (with --value).
    #[arg(long, requires = "value")]
    pub track: Option<String>,
    /// The track's new value.
    #[arg(long, requires = "track", allow_negative_numbers = true)]
    pub value: Option<i32>,
    /// Two sides, `A,B`, whose relation to set (with --to allied|neutral|hostile).
    #[arg(long, value_name = "A,B")]
    pub relation: Option<String>,
    /// A zone whose controller to set (with --to SIDE or --to none).
    #[arg(long, value_name = "ZONE")]
    pub control: Option<String>,
    /// The new relation or controller.
    #[arg(long)]
    pub to: Option<String>,
    /// Why (recorded in the log for the class). A side whose units it changes is told the reason
    /// up to any `//`: what follows is the white cell's own note.
    #[arg(long)]
    pub reason: String,
}

fn amendment(a: &Args) -> Result<Amendment, String> {
    let mut all = Vec::new();
    if let Some(u) = &a.unit {
        if let Some(s) = a.strength {
            all.push(Amendment::Strength(u.clone(), s));
        }
        if let Some(z) = &a.zone {
            all.push(Amendment::Zone(u.clone(), z.clone()));
        }
        if let Some(r) = &a.readiness {
            let r = match r.as_str() {
                "fresh" => Readiness::Fresh,
                "worn" => Readiness::Worn,
                _ => Readiness::Spent,
            };
            all.push(Amendment::Readiness(u.clone(), r));
        }
    }
    if let (Some(t), Some(v)) = (&a.track, a.value) {
        all.push(Amendment::Track(t.clone(), v));
    }
    if let Some(pair) = &a.relation {
        let Some((x, y)) = pair.split_once(',') else {
            return Err(format!(
                "--relation `{pair}`: write two sides as A,B, e.g. --relation blue,red"
            ));
        };
        let r = match a.to.as_deref().map(str::to_ascii_lowercase).as_deref() {
            Some("allied") => Relation::Allied,
            Some("neutral") => Relation::Neutral,
            Some("hostile") => Relation::Hostile,
            other => {
                return Err(format!(
                    "--relation needs --to allied|neutral|hostile (got {})",
                    other.unwrap_or("nothing")
                ));
            }
        };
        all.push(Amendment::Relation(x.trim().into(), y.trim().into(), r));
    }
    if let Some(z) = &a.control {
        let to = match a.to.as_deref() {
            Some("none") | Some("nobody") => None,
            Some(s) => Some(s.to_string()),
            None => return Err("--control needs --to SIDE (or --to none)".into()),
        };
        all.push(Amendment::Control(z.clone(), to));
    }
    match all.len() {
        1 => Ok(all.remove(0)),
        0 => Err("say what to change: --unit U --strength N | --unit U --zone Z | --unit U --readiness R | --track T --value V | --relation A,B --to R | --control Z --to SIDE".into()),
        _ => Err("one change per amend, so each has its own reason in the log".into()),
    }
}

/// Applies the amendment.
pub fn run(out: &mut dyn Write, a: &Args) -> Result<(), CliError> {
    let mut g = super::new::open(&a.game_dir)?;
    let am = amendment(a).map_err(|m| CliError::rejected(format!("error: {m}")))?;
    let state = g.engine.state();
    let evs = events(&g.c, &state, &am, &a.reason)
        .map_err(|m| CliError::rejected(format!("error: {m}")))?;
    g.umpire(evs.clone())?;
    write!(out, "{}", crate::report::text::turn_summary(&evs))?;
    writeln!(out, "saved; views rewritten")?;
    Ok(())
}
