//! One white-cell command at a time per game folder: a command that changes the game takes an
//! exclusive OS file lock on `game.lock` before it reads the save and holds it until it is done, so
//! two commands (the instructor adjudicating while a team hands in orders at the same machine)
//! cannot both read the old save and the second write lose the first's change. The operating system
//! releases the lock when the process ends, however it ends, so a crash never leaves the game
//! locked; the file itself stays and is never deleted (deleting a lock file races with its next
//! user).
//!
//! A command that holds the lock writes into the file who it is (`adjudicate`, its process id, since
//! when), so a command that has to wait can say for whom, through the [`on_wait`] notice the CLI
//! sets (the library prints nothing).

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Seek, Write};
use std::path::Path;
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The lock file's name.
pub const LOCK_FILE: &str = "game.lock";
const WAIT: Duration = Duration::from_secs(10);

/// The name of this process's command, written into the lock it holds.
static COMMAND: OnceLock<String> = OnceLock::new();
/// Where a command that has to wait says so.
static NOTICE: OnceLock<fn(&str)> = OnceLock::new();

/// Names this process's command (`adjudicate`...) in the locks it takes; and says where a command
/// that has to wait for another's lock tells so (once, when it starts to wait).
pub fn on_wait(command: &str, notice: fn(&str)) {
    let _ = COMMAND.set(command.to_string());
    let _ = NOTICE.set(notice);
}

/// Who holds the lock, as its holder wrote it ("`whitecell adjudicate` (process 812, since
/// 03:20:11 UTC)"), if it did.
pub fn holder(dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(dir.join(LOCK_FILE)).ok()?;
    let mut f = text.split_whitespace();
    let (command, pid, since) = (f.next()?, f.next()?, f.next()?.parse::<u64>().ok()?);
    let day = since % 86_400;
    Some(format!(
        "`whitecell {command}` (process {pid}, since {:02}:{:02}:{:02} UTC)",
        day / 3600,
        day / 60 % 60,
        day % 60
    ))
}

/// Writes who holds the lock into its file (best effort: a lock is no less held if it fails).
fn sign(mut file: &File) {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let command = COMMAND.get().map_or("command", String::as_str);
    let line = format!("{command} {} {since}\n", std::process::id());
    let _ = file
        .set_len(0)
        .and_then(|()| file.rewind())
        .and_then(|()| file.write_all(line.as_bytes()));
}

/// A held lock; released on drop (and by the OS if the process dies).
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

fn open(path: &Path) -> std::io::Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
}

impl Lock {
    /// Takes the lock of game folder `dir` if no other command holds it, without waiting.
    pub fn try_take(dir: &Path) -> Option<Lock> {
        let file = open(&dir.join(LOCK_FILE)).ok()?;
        file.try_lock().ok()?;
        sign(&file);
        Some(Lock { _file: file })
    }

    /// Takes the lock of game folder `dir`, waiting a few seconds for another command to finish.
    pub fn take(dir: &Path) -> Result<Lock, String> {
        let path = dir.join(LOCK_FILE);
        let file = open(&path).map_err(|e| {
            format!(
                "error: cannot open the game's lock file {}: {e}",
                path.display()
            )
        })?;
        let start = Instant::now();
        let who = || holder(dir).unwrap_or_else(|| "another whitecell command".into());
        let mut told = false;
        loop {
            match file.try_lock() {
                Ok(()) => {
                    sign(&file);
                    return Ok(Lock { _file: file });
                }
                Err(TryLockError::WouldBlock) if start.elapsed() < WAIT => {
                    if !told && let Some(n) = NOTICE.get() {
                        n(&format!(
                            "waiting for {} to finish with {} (up to {} s)",
                            who(),
                            dir.display(),
                            WAIT.as_secs()
                        ));
                    }
                    told = true;
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(format!(
                        "error: another whitecell command is working on this game: {} (it holds {}); wait for it to finish and try again",
                        who(),
                        path.display()
                    ));
                }
                Err(TryLockError::Error(e)) => {
                    return Err(format!(
                        "error: cannot lock the game ({}): {e}",
                        path.display()
                    ));
                }
            }
        }
    }
}
