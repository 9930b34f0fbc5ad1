//! One white-cell command at a time per game folder: a command that changes the game takes an
//! exclusive OS file lock on `game.lock` before it reads the save and holds it until it is done, so
//! two commands (the instructor adjudicating while a team hands in orders at the same machine)
//! cannot both read the old save and the second write lose the first's change. The operating system
//! releases the lock when the process ends, however it ends, so a crash never leaves the game
//! locked; the file itself stays and is never deleted (deleting a lock file races with its next
//! user).

use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;
use std::time::{Duration, Instant};

/// The lock file's name.
pub const LOCK_FILE: &str = "game.lock";
const WAIT: Duration = Duration::from_secs(10);

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
        file.try_lock().ok().map(|()| Lock { _file: file })
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
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(Lock { _file: file }),
                Err(TryLockError::WouldBlock) if start.elapsed() < WAIT => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(format!(
                        "error: another whitecell command is working on this game (it holds {}); wait for it to finish and try again",
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
