//! `submit` at the prompt: signs the session's orders with the side's key and hands them in to the
//! game folder (hot-seat) or writes the signed file for the white cell, with the receipt.

use super::super::CliError;
use super::session::Session;
use crate::disk::atomic;
use crate::game::store::intake;
use crate::orders::OrdersFile;
use std::io::Write;
use std::path::PathBuf;

impl Session {
    /// `submit`: signs the orders and hands them in (game folder) or writes the signed file.
    pub fn submit(&mut self, out: &mut dyn Write) -> Result<(), CliError> {
        let mut f = OrdersFile {
            game: self.p.game.clone(),
            side: self.key.side.clone(),
            turn: self.p.next_turn(),
            orders: self.orders.clone(),
            signals: self.signals.clone(),
            signature: None,
        };
        f.signature = Some(intake::sign(&f, &self.key.key));
        let dest = self
            .out
            .clone()
            .unwrap_or_else(|| PathBuf::from(format!("orders-{}-turn-{}.ron", f.side, f.turn)));
        super::check_out_dir(&dest)?;
        let write = |dest: &PathBuf, f: &OrdersFile| {
            atomic::write(dest, intake::to_ron(f).as_bytes()).map_err(|e| {
                CliError::error(format!("error: cannot write {}: {e}", dest.display()))
            })
        };
        if let Some(dir) = &self.game {
            let mut g = super::super::new::open(dir)?;
            // The team at the prompt has seen its earlier orders (they are loaded at start): its
            // new submission replaces them.
            let (receipt, recorded) =
                super::super::orders::submit(out, &mut g, &mut f, None, None, true)?;
            if recorded {
                writeln!(
                    out,
                    "submitted {} order(s) into the game; receipt {receipt}",
                    f.orders.len()
                )?;
            } else {
                writeln!(
                    out,
                    "these orders are already in, unchanged; receipt {receipt}"
                )?;
            }
            if self.out.is_some() {
                write(&dest, &f)?;
                writeln!(out, "a copy is in {}", dest.display())?;
            }
        } else {
            write(&dest, &f)?;
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
        self.submitted = true;
        Ok(())
    }
}
