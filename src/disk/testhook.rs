//! Test hooks: two environment variables that the crash-safety and panic tests set and nobody else
//! has a reason to (their names say so; docs/testing.md, "How we test", documents them). Unset, each
//! hook is one look at a cached environment variable.
//!
//! - `WHITECELL_TEST_STOP_AT=N`: every file step a command takes in a game folder (a temporary
//!   file created, written, synced, renamed into place; a stray one removed) is counted from 1 and
//!   printed on stderr as `whitecell-test: step K: WHAT`; at step N the process prints
//!   `whitecell-test: stopped at step N: WHAT` and waits to be killed. The crash test counts a
//!   command's steps once (N = 0 never stops), then SIGKILLs it at chosen steps: kill points spread
//!   over the command's whole life, reproducible, with no guessed sleeps.
//! - `WHITECELL_TEST_PANIC=POINT`: the process panics at POINT — `open` (a game folder just
//!   opened), `adjudicate`, `accept`, `umpire` or `rollback` (each just before it writes the save)
//!   — as an engine bug would, so the test can check what the user then sees; `fork:K` panics in
//!   fork K of a `fork` command (the fork is recorded as failed and the others go on).

use std::io::Write;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

fn stop_at() -> Option<u64> {
    static STOP: OnceLock<Option<u64>> = OnceLock::new();
    *STOP.get_or_init(|| {
        std::env::var("WHITECELL_TEST_STOP_AT")
            .ok()
            .and_then(|v| v.parse().ok())
    })
}

/// A file step; `what` names it (only worked out when the hook is on).
pub fn step(what: impl FnOnce() -> String) {
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let Some(n) = stop_at() else { return };
    let k = COUNT.fetch_add(1, Ordering::SeqCst) + 1;
    let what = what();
    let mut e = std::io::stderr().lock();
    if k == n {
        let _ = writeln!(e, "whitecell-test: stopped at step {k}: {what}");
        let _ = e.flush();
        drop(e);
        loop {
            std::thread::sleep(std::time::Duration::from_secs(3600));
        }
    }
    let _ = writeln!(e, "whitecell-test: step {k}: {what}");
}

fn forced() -> Option<&'static str> {
    static POINT: OnceLock<Option<String>> = OnceLock::new();
    POINT
        .get_or_init(|| std::env::var("WHITECELL_TEST_PANIC").ok())
        .as_deref()
}

/// Panics here if `WHITECELL_TEST_PANIC` names `point`.
pub fn panic_point(point: &str) {
    if forced() == Some(point) {
        panic!("WHITECELL_TEST_PANIC: a panic forced at `{point}` for the tests");
    }
}

/// Panics here if `WHITECELL_TEST_PANIC` names `point:n` (the `n`th of many, e.g. a fork).
pub fn panic_point_n(point: &str, n: u64) {
    if let Some(p) = forced()
        && p.strip_prefix(point).and_then(|r| r.strip_prefix(':')) == Some(n.to_string().as_str())
    {
        panic!("WHITECELL_TEST_PANIC: a panic forced at `{point}:{n}` for the tests");
    }
}
