//! A bug in whitecell must not reach the user as a raw panic and a stack trace. `main` runs the
//! command under [`catch`]: a panic on the main thread is kept (its message and place) instead of
//! printed, and [`message`] turns it into one line — which command, that it is a bug and not the
//! user's input, whether a game folder changed, and how to report it — for exit code 2. A panic on
//! a worker of the batch executor (`batch`, `fork`, `bench`) is silent: the executor catches it and
//! records the game as failed (a worker that fails outside a game takes the command down, which
//! reaches the main thread as a panic). Panics on other threads go to the hook that was there
//! before.
//! `RUST_BACKTRACE=1` adds the backtrace for whoever fixes the bug.

use std::sync::Mutex;

static LAST: Mutex<Option<Bug>> = Mutex::new(None);

/// Runs `f`, returning the panic's message and place if it panicked on this (the main) thread.
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, Bug> {
    let before = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let name = std::thread::current().name().map(String::from);
        if name
            .as_deref()
            .is_some_and(|n| n.starts_with(crate::batch::exec::WORKER))
        {
            return;
        }
        if name.as_deref() != Some("main") {
            return before(info);
        }
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".into());
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let bt = std::backtrace::Backtrace::capture();
        let trace = if bt.status() == std::backtrace::BacktraceStatus::Captured {
            format!("\nbacktrace:\n{bt}")
        } else {
            String::new()
        };
        if let Ok(mut last) = LAST.lock() {
            *last = Some(Bug {
                what: format!("{what}{at}"),
                trace,
            });
        }
    }));
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|_| {
        LAST.lock()
            .ok()
            .and_then(|mut l| l.take())
            .unwrap_or_else(|| Bug {
                what: "a panic".into(),
                trace: String::new(),
            })
    })
}

/// A panic caught: its message and place, and the backtrace if one was asked for.
pub struct Bug {
    what: String,
    trace: String,
}

/// The one line a user sees when `whitecell COMMAND` stopped on a bug (then the backtrace, if
/// `RUST_BACKTRACE` asked for it).
pub fn message(command: &str, bug: &Bug) -> String {
    let folder = if crate::disk::atomic::wrote_in_this_process() {
        "It had begun to write files, each whole or not at all; in a game folder the next \
         whitecell command checks the save and rewrites the views and log from it"
    } else {
        "No game folder was changed"
    };
    format!(
        "error: `whitecell {command}` stopped on a bug in whitecell, not a problem with your input \
         ({}). {folder}. Please report it with the command you ran, this message and the \
         version (whitecell {}); RUST_BACKTRACE=1 shows where it happened{}",
        bug.what,
        crate::VERSION,
        bug.trace
    )
}
