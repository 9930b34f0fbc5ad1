//! The one executor behind `batch`, `fork` and `bench`: independent jobs (one game each) on worker
//! threads, results handed on strictly in job order.
//!
//! Each worker keeps one [`Engine`] for all its jobs (reset between them: a fresh World and
//! Schedule per game costs several times more) and takes chunks of job indices from a shared
//! counter. A chunk's results come back together over a bounded channel (one message, and so at
//! most one wake-up of the receiving thread, per chunk rather than per game) and go through a small
//! reorder buffer (it holds what came early: a few chunks a worker while every game takes about
//! as long), so the output is the same whatever the number of threads.

use super::plan::Plan;
use super::row::{Row, play};
use crate::sim::Engine;
use std::collections::BTreeMap;
use std::io;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;

/// Worker threads are named this, then their number: a panic hook can tell a failing game (which
/// its row records) from a failure of the executor itself.
pub const WORKER: &str = "whitecell-batch-";

/// The most job indices a worker takes at a time (fewer when there are few jobs a thread, so that
/// every worker gets some).
const CHUNK: u64 = 32;

/// The most worker threads, whatever is asked.
pub const MAX_THREADS: usize = 256;

/// Runs `work(job, engine)` for every job in `jobs` on `threads` workers (each with an engine slot
/// it keeps between jobs), giving each result to `each` in job order. Stops at the first error
/// `each` returns, or if a worker thread cannot be started.
pub fn ordered<R: Send>(
    jobs: Range<u64>,
    threads: usize,
    work: &(dyn Fn(u64, &mut Option<Engine>) -> R + Sync),
    each: &mut dyn FnMut(u64, R) -> io::Result<()>,
) -> io::Result<()> {
    // No more workers than jobs.
    let count = jobs.end.saturating_sub(jobs.start);
    let threads = threads.clamp(1, (count.max(1) as usize).min(MAX_THREADS));
    let next = AtomicU64::new(jobs.start);
    let stop = AtomicBool::new(false);
    let chunk = (count / (threads as u64 * 4)).clamp(1, CHUNK);
    let (tx, rx) = mpsc::sync_channel::<(u64, Vec<R>)>(threads * 4);
    std::thread::scope(|scope| {
        for t in 0..threads {
            let tx = tx.clone();
            let (next, stop) = (&next, &stop);
            let end = jobs.end;
            let worker = std::thread::Builder::new().name(format!("{WORKER}{t}"));
            let started = worker.spawn_scoped(scope, move || {
                // A worker that panics (a bug outside the work's own catching) stops the others.
                let _guard = StopOnPanic(stop);
                let mut engine: Option<Engine> = None;
                while !stop.load(Ordering::Relaxed) {
                    let first = next.fetch_add(chunk, Ordering::Relaxed);
                    if first >= end {
                        break;
                    }
                    let jobs = first..(first + chunk).min(end);
                    let want = jobs.end - jobs.start;
                    let results: Vec<R> = jobs
                        .take_while(|_| !stop.load(Ordering::Relaxed))
                        .map(|i| work(i, &mut engine))
                        .collect();
                    // A chunk cut short by a stop is not handed on: the receiving end has stopped.
                    if results.len() as u64 != want || tx.send((first, results)).is_err() {
                        return;
                    }
                }
            });
            if let Err(e) = started {
                stop.store(true, Ordering::Relaxed);
                return Err(io::Error::other(format!(
                    "cannot start worker thread {t}: {e}"
                )));
            }
        }
        drop(tx);
        // Chunks by their first job; `want` is the next job to hand on.
        let mut pending: BTreeMap<u64, Vec<R>> = BTreeMap::new();
        let mut want = jobs.start;
        let mut result = Ok(());
        'receive: for (first, rs) in rx.iter() {
            pending.insert(first, rs);
            while let Some(rs) = pending.remove(&want) {
                for r in rs {
                    want += 1;
                    if let Err(e) = each(want - 1, r) {
                        stop.store(true, Ordering::Relaxed);
                        result = Err(e);
                        break 'receive;
                    }
                }
            }
        }
        // Dropping the receiver makes any worker still sending stop.
        drop(rx);
        result
    })
}

/// Sets the stop flag when dropped during a panic.
struct StopOnPanic<'a>(&'a AtomicBool);

impl Drop for StopOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.store(true, Ordering::Relaxed);
        }
    }
}

/// Plays `runs` of `plan` on `threads` workers, giving each row to `each` in run order.
pub fn run_range(
    plan: &Plan,
    runs: Range<u64>,
    threads: usize,
    each: &mut dyn FnMut(Row) -> io::Result<()>,
) -> io::Result<()> {
    ordered(
        runs,
        threads,
        &|i, engine| play(plan, i, engine),
        &mut |_, row| each(row),
    )
}
