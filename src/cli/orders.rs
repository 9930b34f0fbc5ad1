//! `whitecell orders check|sign|submit`: a team's orders file, checked against the game (or the
//! team's view), signed with the side's key, and handed in to the white cell for a receipt.

use super::CliError;
use crate::disk::atomic;
use crate::game::Game;
use crate::game::store::intake::{self, Problem, SideKey};
use crate::game::views::redact::Picture;
use crate::game::views::view::View;
use crate::orders::file::{MAX_BYTES, MAX_LISTED};
use crate::orders::{OrdersFile, parse_orders};
use crate::scenario::diag::{Diagnostic, Report};
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
    /// Sign an orders file with your side's key (writes the signature into the file), after
    /// checking it orders only your side's units.
    Sign {
        /// The orders file (.ron).
        file: PathBuf,
        /// Your side's key file.
        #[arg(long)]
        key: PathBuf,
        /// Your view file or the game folder, to check the orders against (default: SIDE.json
        /// beside the key, or the game folder the key is in).
        #[arg(long)]
        game: Option<PathBuf>,
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

/// Reads and parses an orders file, keeping its text (to show the lines of later problems).
pub fn read_orders_text(p: &Path) -> Result<(OrdersFile, String), CliError> {
    let cannot =
        |e: std::io::Error| CliError::error(format!("error: cannot read {}: {e}", p.display()));
    // The size first, unread: a side's legal orders are small, and a huge file costs time and
    // memory to parse before anything else could refuse it.
    let size = std::fs::metadata(p).map_err(cannot)?.len();
    if size > MAX_BYTES {
        return Err(CliError::rejected(format!(
            "error: {} is {size} bytes; an orders file holds at most {MAX_BYTES} bytes (one order a unit, one signal a turn), so it is refused unread: is it the right file?",
            p.display()
        )));
    }
    let bytes = std::fs::read(p).map_err(cannot)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(CliError::rejected(format!(
            "error: {} grew past {MAX_BYTES} bytes while it was read; it is refused",
            p.display()
        )));
    }
    let text = crate::game::views::view_file::utf8(
        p,
        &bytes,
        "an orders file is RON text in UTF-8, as `whitecell play` writes it or a text editor saves it; save it again as UTF-8 (plain text)",
    )
    .map_err(|m| CliError::rejected(format!("error: {m}")))?;
    let f = parse_orders(p, text).map_err(|r| CliError::rejected(r.to_string()))?;
    Ok((f, text.to_string()))
}

/// Problems found in a parsed orders file, each shown at the entry it is about: file, line,
/// column, field path and the line.
fn located(file: &Path, text: &str, problems: &[Problem]) -> CliError {
    let root = crate::scenario::tree::parse(text).ok();
    // Only the first problems are located and listed; the rest are counted.
    let mut diagnostics: Vec<Diagnostic> = problems
        .iter()
        .take(MAX_LISTED)
        .map(|x| {
            let pos = root
                .as_ref()
                .and_then(|r| crate::scenario::load::resolve(r, &x.at));
            Diagnostic::new(file, text, pos, Some(x.at.clone()), x.message.clone())
        })
        .collect();
    if problems.len() > MAX_LISTED {
        diagnostics.push(Diagnostic::more(file, problems.len() - MAX_LISTED));
    }
    let report = Report { diagnostics }.finish();
    CliError::rejected(format!("{report}: the orders are refused"))
}

/// Reads a key file, refusing a damaged one ([`crate::game::store::keyfile`]).
pub fn read_key(p: &Path) -> Result<SideKey, CliError> {
    Ok(crate::game::store::keyfile::read(p)?)
}

/// Reads a view file for the holder of `key`, checking its seal.
pub fn read_view(p: &Path, key: &SideKey) -> Result<View, CliError> {
    let bytes = std::fs::read(p)
        .map_err(|e| CliError::error(format!("error: cannot read {}: {e}", p.display())))?;
    crate::game::views::view_file::open(p, &bytes, key)
        .map_err(|m| CliError::rejected(format!("error: {m}")))
}

/// What a side's picture was built from: the game folder, or the side's view file.
pub type Source = (Picture, Option<Game>, Option<View>);

/// A side's picture from a game folder or a view file (whose seal is checked under `key`, so a view
/// file needs the key), with the game or the view it came from.
pub fn picture(
    source: &Path,
    side: Option<&str>,
    key: Option<&SideKey>,
) -> Result<Source, CliError> {
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
        Ok((g.picture(s), Some(g), None))
    } else {
        let Some(key) = key else {
            return Err(CliError::rejected(format!(
                "error: to check against the view file {}, give your side's key too (--key SIDE.key): the key proves the view is the one the white cell wrote",
                source.display()
            )));
        };
        if let Some(s) = side
            && s != key.side
        {
            return Err(CliError::rejected(format!(
                "error: your key is side `{}`'s, but you asked for side `{s}`",
                key.side
            )));
        }
        let v = read_view(source, key)?;
        let p = Picture::from_view(&v)
            .map_err(|m| CliError::rejected(format!("error: {}: {m}", source.display())))?;
        Ok((p, None, Some(v)))
    }
}

/// The view or game folder to check orders against before signing: `--game`, else `SIDE.json`
/// beside the key, else the game folder the key file is in (`GAME/keys/SIDE.key`).
fn sign_source(key_file: &Path, side: &str, game: Option<&Path>) -> Result<PathBuf, CliError> {
    if let Some(g) = game {
        return Ok(g.to_path_buf());
    }
    let dir = key_file.parent().unwrap_or(Path::new("."));
    let beside = dir.join(format!("{side}.json"));
    if beside.is_file() {
        return Ok(beside);
    }
    if let Some(g) = dir.parent()
        && dir.file_name().is_some_and(|n| n == "keys")
        && g.join(crate::game::store::save::SAVE_FILE).is_file()
    {
        return Ok(g.to_path_buf());
    }
    Err(CliError::rejected(format!(
        "error: before signing, the orders are checked against your view: pass it with --game views/{side}.json (or the game folder); none was found beside {}",
        key_file.display()
    )))
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
            .is_some_and(|k| crate::game::store::crypto::same(k, &key.key))
    {
        return Err(CliError::rejected(format!(
            "error: this is not side `{side}`'s key for this game (the key file was altered or is from another game)"
        )));
    }
    Ok(())
}

fn rejected(lines: &[String]) -> CliError {
    let mut m = String::from("error: the orders are refused:");
    for l in lines.iter().take(MAX_LISTED) {
        m.push_str("\n  - ");
        m.push_str(l);
    }
    if lines.len() > MAX_LISTED {
        m.push_str(&format!(
            "\n  and {} more not listed: fix these and check again",
            lines.len() - MAX_LISTED
        ));
    }
    CliError::rejected(m)
}

/// Runs an `orders` subcommand.
pub fn run(out: &mut dyn Write, cmd: &Cmd) -> Result<(), CliError> {
    match cmd {
        Cmd::Check { file, game, key } => {
            let (f, text) = read_orders_text(file)?;
            let k = key.as_deref().map(read_key).transpose()?;
            let (p, g, _) = picture(game, Some(&f.side), k.as_ref())?;
            let mut problems = Vec::new();
            if let Err(m) = intake::check_binding_at(&p, &f) {
                problems.push(m);
            }
            let key_hex = match (k, &g) {
                (Some(k), _) => {
                    check_key(&k, &p, g.as_ref())?;
                    Some(k.key)
                }
                (None, Some(g)) => g.save.keys.get(&f.side).cloned(),
                (None, None) => None,
            };
            if let Some(k) = key_hex
                && f.signature.is_some()
                && let Err(message) = intake::check_signature(&f, &k)
            {
                problems.push(Problem {
                    at: "signature".into(),
                    message,
                });
            }
            // Every problem at once, and the warnings the prompt would give.
            let (all, warnings) = crate::game::desk::check::everything(&p, &f);
            problems.extend(all.errors);
            problems.extend(all.warnings);
            for (at, w) in &warnings {
                writeln!(out, "warning: {at}: {w}")?;
            }
            if !problems.is_empty() {
                return Err(located(file, &text, &problems));
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
            game,
            out: dest,
        } => {
            let (mut f, text) = read_orders_text(file)?;
            let k = read_key(key)?;
            if k.side != f.side || k.game != f.game {
                return Err(CliError::rejected(format!(
                    "error: this key is side `{}`'s in game `{}`, but the orders are side `{}`'s in game `{}`",
                    k.side, k.game, f.side, f.game
                )));
            }
            // A file that orders another side's units is refused before it is signed.
            let src = sign_source(key, &k.side, game.as_deref())?;
            let (p, g, _) = picture(&src, Some(&k.side), Some(&k))?;
            check_key(&k, &p, g.as_ref())?;
            let warnings = intake::check_orders_at(&p, &f).map_err(|e| located(file, &text, &e))?;
            for w in &warnings {
                writeln!(out, "warning: {}", w.message)?;
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
            let (mut f, text) = read_orders_text(file)?;
            let from = Some((file.as_path(), text.as_str()));
            // Everything is checked before the game's lock is taken: a bad or huge file never
            // keeps the white cell's other commands waiting.
            let mut g = super::new::open_read(game_dir)?;
            if let Some(receipt) = vet(out, &mut g, &mut f, from, key.as_deref(), *replace)? {
                return already(out, &f, &receipt);
            }
            drop(g);
            // Then the lock, and the same checks again (quietly) on the game as it is now: the
            // turn may have been played, or other orders handed in, in between.
            let mut g = super::new::open(game_dir)?;
            let mut quiet = std::io::sink();
            if let Some(receipt) = vet(&mut quiet, &mut g, &mut f, from, None, *replace)? {
                return already(out, &f, &receipt);
            }
            let receipt = g.accept(f.clone())?;
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

/// The white cell's intake of one orders file: [`vet`]s it, then records it and returns the
/// receipt and whether it was recorded now (`false`: the same file was already in).
pub fn submit(
    out: &mut dyn Write,
    g: &mut Game,
    f: &mut OrdersFile,
    from: Option<(&Path, &str)>,
    key: Option<&Path>,
    replace: bool,
) -> Result<(String, bool), CliError> {
    if let Some(receipt) = vet(out, g, f, from, key, replace)? {
        return Ok((receipt, false));
    }
    Ok((g.accept(f.clone())?, true))
}

/// Says that `f` is already in: nothing recorded, the original receipt.
fn already(out: &mut dyn Write, f: &OrdersFile, receipt: &str) -> Result<(), CliError> {
    writeln!(
        out,
        "these orders for {} turn {} are already in, unchanged: nothing new is recorded; receipt {receipt}",
        f.side, f.turn
    )?;
    Ok(())
}

/// The checks of the intake of one orders file: binding, key, signature, units, one order a
/// unit; prints warnings for orders that would be rejected now. `Some(receipt)` when this very
/// file is already in (nothing to record). `from` is the file and its text, when there is one,
/// to show each problem at its line.
pub fn vet(
    out: &mut dyn Write,
    g: &mut Game,
    f: &mut OrdersFile,
    from: Option<(&Path, &str)>,
    key: Option<&Path>,
    replace: bool,
) -> Result<Option<String>, CliError> {
    let refuse = |problems: Vec<Problem>| match from {
        Some((file, text)) => located(file, text, &problems),
        None => rejected(&problems.into_iter().map(|x| x.message).collect::<Vec<_>>()),
    };
    if let Some(o) = g.engine.outcome() {
        return Err(CliError::rejected(format!(
            "error: the game is over ({}); no more orders",
            o.summary()
        )));
    }
    if f.game != g.save.game {
        return Err(refuse(vec![Problem {
            at: "game".into(),
            message: format!(
                "these orders are for game `{}`, but this game is `{}`",
                f.game, g.save.game
            ),
        }]));
    }
    let side = g.side(&f.side)?;
    let p = g.picture(side);
    intake::check_binding_at(&p, f).map_err(|x| refuse(vec![x]))?;
    if let Some(k) = key {
        let k = read_key(k)?;
        check_key(&k, &p, Some(g))?;
        f.signature = Some(intake::sign(f, &k.key));
    }
    let k = g.save.keys.get(&f.side).cloned().unwrap_or_default();
    intake::check_signature(f, &k).map_err(|message| {
        refuse(vec![Problem {
            at: "signature".into(),
            message,
        }])
    })?;
    let warnings = intake::check_orders_at(&p, f).map_err(refuse)?;
    for w in &warnings {
        writeln!(out, "warning: {}", w.message)?;
    }
    // Once a side's orders for the turn are in, another file replaces them only when asked: an
    // older signed file handed in again must not silently undo a team's final orders.
    let receipt = intake::receipt(f);
    match g.pending.get(&f.side) {
        // The very file again: recognised, nothing new to record.
        Some((_, earlier)) if *earlier == receipt => Ok(Some(receipt)),
        Some((_, earlier)) if !replace => Err(rejected(&[format!(
            "orders for `{}` turn {} are already in (receipt {earlier}); to replace them with this file, hand it in with --replace",
            f.side, f.turn
        )])),
        _ => Ok(None),
    }
}
