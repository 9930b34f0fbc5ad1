//! `whitecell orders check|sign|submit`: a team's orders file, checked against the game (or the
//! team's view), signed with the side's key, and handed in to the white cell for a receipt.

use super::CliError;
use crate::game::intake::{self, SideKey};
use crate::game::redact::Picture;
use crate::game::view::View;
use crate::game::{Game, atomic};
use crate::orders::{OrdersFile, parse_orders};
use std::io::Write;
use std::path::{Path, PathBuf};

/// `orders` subcommands.
#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    /// Check an orders file against the game folder or your view file; every problem explained.
    Check {
        /// The orders file (.ron).
        file: PathBuf,
        /// The game folder, or your side's view file (views/SIDE.json).
        #[arg(long)]
        game: PathBuf,
        /// Also check the signature against this key file.
        #[arg(long)]
        key: Option<PathBuf>,
    },
    /// Sign an orders file with your side's key (writes the signature into the file).
    Sign {
        /// The orders file (.ron).
        file: PathBuf,
        /// Your side's key file.
        #[arg(long)]
        key: PathBuf,
        /// Write the signed file here instead of over the original.
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
    /// Hand an orders file in to the game folder (white cell); prints the receipt.
    Submit {
        /// The orders file (.ron), signed, or signed now with --key.
        file: PathBuf,
        /// The game folder.
        game_dir: PathBuf,
        /// Sign with this key file while handing in (hot-seat play).
        #[arg(long)]
        key: Option<PathBuf>,
        /// Replace orders this side has already handed in for the turn.
        #[arg(long)]
        replace: bool,
    },
}

/// Reads and parses an orders file.
pub fn read_orders(p: &Path) -> Result<OrdersFile, CliError> {
    let text = std::fs::read_to_string(p)
        .map_err(|e| CliError::error(format!("error: cannot read {}: {e}", p.display())))?;
    parse_orders(p, &text).map_err(|r| CliError::rejected(r.to_string()))
}

/// Reads a key file, refusing a damaged one ([`crate::game::keyfile`]).
pub fn read_key(p: &Path) -> Result<SideKey, CliError> {
    Ok(crate::game::keyfile::read(p)?)
}

/// Reads a view file.
pub fn read_view(p: &Path) -> Result<View, CliError> {
    let text = std::fs::read_to_string(p)
        .map_err(|e| CliError::error(format!("error: cannot read {}: {e}", p.display())))?;
    serde_json::from_str(&text).map_err(|e| {
        CliError::rejected(format!(
            "error: {} is not a whitecell view file ({e}); pass the game folder or views/SIDE.json",
            p.display()
        ))
    })
}

/// A side's picture from a game folder or a view file, and the game if it is a folder.
pub fn picture(source: &Path, side: Option<&str>) -> Result<(Picture, Option<Game>), CliError> {
    if !source.exists() {
        return Err(CliError::error(format!(
            "error: {} does not exist: pass your side's view file (views/SIDE.json) or the game folder",
            source.display()
        )));
    }
    if source.is_dir() {
        let mut g = super::new::open(source)?;
        let Some(side) = side else {
            return Err(CliError::rejected(
                "error: with a game folder, say which side: --side SIDE",
            ));
        };
        let s = g.side(side)?;
        Ok((g.picture(s), Some(g)))
    } else {
        let v = read_view(source)?;
        if let Some(s) = side
            && s != v.side
        {
            return Err(CliError::rejected(format!(
                "error: {} is side `{}`'s view, not `{s}`'s",
                source.display(),
                v.side
            )));
        }
        Ok((
            Picture::from_view(&v).map_err(|m| CliError::error(format!("error: {m}")))?,
            None,
        ))
    }
}

/// Checks a key against the game's record (from the game folder) or the view's game and side.
pub fn check_key(key: &SideKey, p: &Picture, game: Option<&Game>) -> Result<(), CliError> {
    let side = p.c.side_name(p.side);
    if key.game != p.game {
        return Err(CliError::rejected(format!(
            "error: this key is for game `{}`, not this game `{}`",
            key.game, p.game
        )));
    }
    if key.side != side {
        return Err(CliError::rejected(format!(
            "error: this key is side `{}`'s, but the orders are for side `{side}`",
            key.side
        )));
    }
    if let Some(g) = game
        && !g
            .save
            .keys
            .get(side)
            .is_some_and(|k| crate::game::crypto::same(k, &key.key))
    {
        return Err(CliError::rejected(format!(
            "error: this is not side `{side}`'s key for this game (the key file was altered or is from another game)"
        )));
    }
    Ok(())
}

fn rejected(lines: &[String]) -> CliError {
    let mut m = String::from("error: the orders are refused:");
    for l in lines {
        m.push_str("\n  - ");
        m.push_str(l);
    }
    CliError::rejected(m)
}

/// Runs an `orders` subcommand.
pub fn run(out: &mut dyn Write, cmd: &Cmd) -> Result<(), CliError> {
    match cmd {
        Cmd::Check { file, game, key } => {
            let f = read_orders(file)?;
            let (p, g) = picture(game, Some(&f.side))?;
            let mut problems = Vec::new();
            if let Err(m) = intake::check_binding(&p, &f) {
                problems.push(m);
            }
            let key_hex = match (key, &g) {
                (Some(k), _) => {
                    let k = read_key(k)?;
                    check_key(&k, &p, g.as_ref())?;
                    Some(k.key)
                }
                (None, Some(g)) => g.save.keys.get(&f.side).cloned(),
                (None, None) => None,
            };
            if let Some(k) = key_hex
                && f.signature.is_some()
                && let Err(m) = intake::check_signature(&f, &k)
            {
                problems.push(m);
            }
            match intake::check_orders(&p, &f) {
                Ok(w) => problems.extend(w),
                Err(e) => problems.extend(e),
            }
            if !problems.is_empty() {
                return Err(rejected(&problems));
            }
            let signed = if f.signature.is_some() {
                "signed"
            } else {
                "not signed yet"
            };
            writeln!(
                out,
                "ok: {} order(s), {} signal(s) for {} turn {} ({signed})",
                f.orders.len(),
                f.signals.len(),
                f.side,
                f.turn
            )?;
            Ok(())
        }
        Cmd::Sign {
            file,
            key,
            out: dest,
        } => {
            let mut f = read_orders(file)?;
            let k = read_key(key)?;
            if k.side != f.side || k.game != f.game {
                return Err(CliError::rejected(format!(
                    "error: this key is side `{}`'s in game `{}`, but the orders are side `{}`'s in game `{}`",
                    k.side, k.game, f.side, f.game
                )));
            }
            f.signature = Some(intake::sign(&f, &k.key));
            let dest = dest.as_deref().unwrap_or(file);
            atomic::write(dest, intake::to_ron(&f).as_bytes()).map_err(|e| {
                CliError::error(format!("error: cannot write {}: {e}", dest.display()))
            })?;
            writeln!(
                out,
                "signed {}; hand it to the white cell. Receipt when accepted: {}",
                dest.display(),
                intake::receipt(&f)
            )?;
            Ok(())
        }
        Cmd::Submit {
            file,
            game_dir,
            key,
            replace,
        } => {
            let mut f = read_orders(file)?;
            let mut g = super::new::open(game_dir)?;
            let receipt = submit(out, &mut g, &mut f, key.as_deref(), *replace)?;
            writeln!(
                out,
                "accepted {} order(s) for {} turn {}; receipt {receipt}",
                f.orders.len(),
                f.side,
                f.turn
            )?;
            Ok(())
        }
    }
}

/// The white cell's intake of one orders file: binding, key, signature, units; prints warnings
/// for orders that would be rejected now; records the file and returns the receipt.
pub fn submit(
    out: &mut dyn Write,
    g: &mut Game,
    f: &mut OrdersFile,
    key: Option<&Path>,
    replace: bool,
) -> Result<String, CliError> {
    if let Some(o) = g.engine.outcome() {
        return Err(CliError::rejected(format!(
            "error: the game is over ({}); no more orders",
            o.summary()
        )));
    }
    if f.game != g.save.game {
        return Err(rejected(&[format!(
            "these orders are for game `{}`, but this game is `{}`",
            f.game, g.save.game
        )]));
    }
    let side = g.side(&f.side)?;
    let p = g.picture(side);
    intake::check_binding(&p, f).map_err(|m| rejected(&[m]))?;
    if let Some(k) = key {
        let k = read_key(k)?;
        check_key(&k, &p, Some(g))?;
        f.signature = Some(intake::sign(f, &k.key));
    }
    let k = g.save.keys.get(&f.side).cloned().unwrap_or_default();
    intake::check_signature(f, &k).map_err(|m| rejected(&[m]))?;
    let warnings = intake::check_orders(&p, f).map_err(|e| rejected(&e))?;
    for w in &warnings {
        writeln!(out, "warning: {w}")?;
    }
    // Once a side's orders for the turn are in, another file replaces them only when asked: an
    // older signed file handed in again must not silently undo a team's final orders.
    if let Some((_, earlier)) = g.pending.get(&f.side)
        && !replace
        && *earlier != intake::receipt(f)
    {
        return Err(rejected(&[format!(
            "orders for `{}` turn {} are already in (receipt {earlier}); to replace them with this file, hand it in with --replace",
            f.side, f.turn
        )]));
    }
    Ok(g.accept(f.clone())?)
}
