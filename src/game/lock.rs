//! One white-cell command at a time per game folder: `game.lock` is created exclusively before a
//! command reads the save and removed when it is done, so two commands (the instructor adjudicating
//! while a team hands in orders at the same machine) cannot both read the old save and the second
//! write lose the first's change. A lock left by a crashed command is detected by its process id
//! (where `/proc` exists) or by its age.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// The lock file's name.
pub const LOCK_FILE: &str = "game.lock";
const WAIT: Duration = Duration::from_secs(10);
const STALE: Duration = Duration::from_secs(600);

/// A held lock; released on drop.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
}

fn stale(path: &Path) -> bool {
    let pid = fs::read_to_string(path)
        .ok()
        .and_then(|s| s.trim().parse::<u32>().ok());
    if let Some(pid) = pid
        && Path::new("/proc/self").exists()
    {
        return !Path::new(&format!("/proc/{pid}")).exists();
    }
    fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| SystemTime::now().duration_since(t).ok())
        .is_some_and(|age| age > STALE)
}

impl Lock {
    /// Takes the lock of game folder `dir`, waiting a few seconds for another command to finish.
    pub fn take(dir: &Path) -> Result<Lock, String> {
        let path = dir.join(LOCK_FILE);
        let start = Instant::now();
        loop {
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(mut f) => {
                    let _ = write!(f, "{}", std::process::id());
                    return Ok(Lock { path });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    if stale(&path) {
                        let _ = fs::remove_file(&path);
                        continue;
                    }
                    if start.elapsed() > WAIT {
                        return Err(format!(
                            "error: another whitecell command is working on this game ({} exists); wait for it, or if none is running, delete that file",
                            path.display()
                        ));
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
                // A folder that does not exist (or cannot be written) is reported by what follows.
                Err(_) => {
                    return Ok(Lock {
                        path: PathBuf::new(),
                    });
                }
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        if !self.path.as_os_str().is_empty() {
            let _ = fs::remove_file(&self.path);
        }
    }
}
