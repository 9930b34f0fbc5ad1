//! One process per shard. The process that plays a shard holds an exclusive OS file lock on
//! `lock` in the shard's work folder (`.part-…work/lock`) from before it touches any file of the
//! shard until its work folder is gone. A second process started on the same shard (an array
//! index given twice, a job requeued while the first still runs) is refused, naming the first,
//! instead of writing the chunks the first is writing and failing half-way when the first
//! removes them. The operating system releases the lock when the process ends, however it ends,
//! so an interrupted shard resumes as before. On a filesystem without file locks the shard is
//! played unguarded, as before claims, and the caller says so ([`Attempt::NoLocks`]).
//!
//! The lock file goes with the work folder, removed while the lock is held. A process that opened
//! it just before then and takes the lock after finds that its path no longer names the file it
//! holds, and knows the shard was finished meanwhile ([`Attempt::Gone`]).

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Seek, Write};
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

/// The lock file's name, in the work folder.
pub const LOCK_FILE: &str = "lock";

/// A held claim on a shard; released on drop (and by the OS if the process dies).
#[derive(Debug)]
pub struct Claim {
    _file: File,
}

/// What trying to claim a shard's work folder came to.
#[derive(Debug)]
pub enum Attempt {
    /// The shard is this process's to play.
    Held(Claim),
    /// Another process plays it: who, as it wrote itself into the lock file
    /// ("process 812, since 03:20:11 UTC").
    Busy(String),
    /// The work folder went away meanwhile: another process finished the shard.
    Gone,
    /// The filesystem has no file locks (Lustre mounted without `flock`, some network
    /// filesystems): the shard can be played, unguarded, as it was before claims.
    NoLocks(std::io::Error),
}

/// Tries to claim the work folder `work` of a shard, without waiting.
pub fn try_claim(work: &Path) -> std::io::Result<Attempt> {
    let path = work.join(LOCK_FILE);
    let file = match OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Attempt::Gone),
        Err(e) => return Err(e),
    };
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => return Ok(Attempt::Busy(holder(&path))),
        Err(TryLockError::Error(e)) => return Ok(Attempt::NoLocks(e)),
    }
    let held = file.metadata()?;
    match std::fs::metadata(&path) {
        Ok(now) if now.dev() == held.dev() && now.ino() == held.ino() => {}
        Ok(_) => return Ok(Attempt::Gone),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Attempt::Gone),
        Err(e) => return Err(e),
    }
    sign(&file);
    Ok(Attempt::Held(Claim { _file: file }))
}

/// Writes this process into the lock file (best effort: the claim holds whatever this writes).
fn sign(mut file: &File) {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let line = format!("{} {since}\n", std::process::id());
    let _ = file
        .set_len(0)
        .and_then(|()| file.rewind())
        .and_then(|()| file.write_all(line.as_bytes()));
}

/// Who holds the lock at `path`, as it wrote itself.
fn holder(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut f = text.split_whitespace();
    match (f.next(), f.next().and_then(|s| s.parse::<u64>().ok())) {
        (Some(pid), Some(since)) => {
            let day = since % 86_400;
            format!(
                "process {pid}, since {:02}:{:02}:{:02} UTC",
                day / 3600,
                day / 60 % 60,
                day % 60
            )
        }
        _ => "a process that has not said which".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_claim_is_refused_naming_the_first_and_a_removed_folder_is_gone() {
        let t = tempfile::tempdir().unwrap();
        let work = t.path().join(".part-00000-of-00001.work");
        std::fs::create_dir_all(&work).unwrap();
        let Attempt::Held(first) = try_claim(&work).unwrap() else {
            panic!("the first claim is refused");
        };
        match try_claim(&work).unwrap() {
            Attempt::Busy(who) => {
                assert!(
                    who.contains(&format!("process {}", std::process::id())),
                    "{who}"
                );
            }
            other => panic!("a second claim: {other:?}"),
        }
        // The holder finishes: its work folder goes while it still holds the claim.
        std::fs::remove_dir_all(&work).unwrap();
        drop(first);
        assert!(matches!(try_claim(&work).unwrap(), Attempt::Gone));
        std::fs::create_dir_all(&work).unwrap();
        assert!(matches!(try_claim(&work).unwrap(), Attempt::Held(_)));
    }
}
