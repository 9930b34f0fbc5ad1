//! Playing a range of runs on worker threads. Each worker keeps one [`Engine`] for all its games
//! (reset between them: a fresh World and Schedule per game costs several times more) and takes
//! small chunks of run indices from a shared counter. Rows come back over a bounded channel and are
//! handed on strictly in run order through a small reorder buffer, so the output is the same
//! whatever the number of threads.

use super::plan::Plan;
use super::row::{Row, play};
use crate::sim::Engine;
use std::collections::BTreeMap;
use std::io;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;

/// Worker threads are named this, then their number: a panic hook can tell a failing game (which
/// its row records) from a failure of the batch itself.
pub const WORKER: &str = "whitecell-batch-";

/// Run indices a worker takes at a time.
const CHUNK: u64 = 8;

/// Plays `runs` of `plan` on `threads` workers, giving each row to `each` in run order. Stops at
/// the first error `each` returns.
pub fn run_range(
    plan: &Plan,
    runs: Range<u64>,
    threads: usize,
    each: &mut dyn FnMut(Row) -> io::Result<()>,
) -> io::Result<()> {
    // No more workers than games.
    let threads = threads.clamp(1, (runs.end - runs.start).clamp(1, 4096) as usize);
    let next = AtomicU64::new(runs.start);
    let stop = AtomicBool::new(false);
    let (tx, rx) = mpsc::sync_channel::<Row>(threads * CHUNK as usize * 4);
    std::thread::scope(|scope| {
        for t in 0..threads {
            let tx = tx.clone();
            let (next, stop) = (&next, &stop);
            let end = runs.end;
            let worker = std::thread::Builder::new().name(format!("{WORKER}{t}"));
            worker.spawn_scoped(scope, move || {
                let mut engine: Option<Engine> = None;
                while !stop.load(Ordering::Relaxed) {
                    let first = next.fetch_add(CHUNK, Ordering::Relaxed);
                    if first >= end {
                        break;
                    }
                    for i in first..(first + CHUNK).min(end) {
                        if tx.send(play(plan, i, &mut engine)).is_err() {
                            return;
                        }
                    }
                }
            })?;
        }
        drop(tx);
        let mut pending: BTreeMap<u64, Row> = BTreeMap::new();
        let mut want = runs.start;
        let mut result = Ok(());
        for row in rx.iter() {
            pending.insert(row.run, row);
            while let Some(row) = pending.remove(&want) {
                want += 1;
                if let Err(e) = each(row) {
                    stop.store(true, Ordering::Relaxed);
                    result = Err(e);
                    break;
                }
            }
            if result.is_err() {
                break;
            }
        }
        // Dropping the receiver makes any worker still sending stop.
        drop(rx);
        result
    })
}
