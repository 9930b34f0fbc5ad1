//! Writing files so that a crash never leaves one half-written: write a temporary file beside the
//! target (`.NAME.tmp-PID`), fsync it, rename it over the target, then fsync the folder. A process
//! killed on the way leaves at most its temporary file, which the next command to open the game
//! folder removes.

use super::testhook as hook;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;

/// Writes `bytes` to `path` atomically.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_with(path, |f| f.write_all(bytes))
}

/// Writes `bytes` to `path` atomically, readable by its owner only (saves and keys hold secrets).
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_mode(path, true, |f| f.write_all(bytes))
}

/// Writes to `path` atomically through `fill`, which writes the contents.
pub fn write_with(
    path: &Path,
    fill: impl FnOnce(&mut io::BufWriter<&File>) -> io::Result<()>,
) -> io::Result<()> {
    write_mode(path, false, fill)
}

fn create(tmp: &Path, private: bool) -> io::Result<File> {
    let mut o = fs::OpenOptions::new();
    o.write(true).create(true).truncate(true);
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = private;
    o.open(tmp)
}

static WROTE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether this process has begun to write a file (so a command stopped by a bug can say whether
/// it changed anything).
pub fn wrote_in_this_process() -> bool {
    WROTE.load(std::sync::atomic::Ordering::SeqCst)
}

fn write_mode(
    path: &Path,
    private: bool,
    fill: impl FnOnce(&mut io::BufWriter<&File>) -> io::Result<()>,
) -> io::Result<()> {
    // Never rename over a device, a folder or a link: only regular files are replaced.
    if let Ok(m) = fs::symlink_metadata(path)
        && !m.file_type().is_file()
    {
        return Err(io::Error::other(format!(
            "{} exists and is not a regular file; not replacing it",
            path.display()
        )));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::other("the path names no file"))?;
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    WROTE.store(true, std::sync::atomic::Ordering::SeqCst);
    let step = |what: &str| hook::step(|| format!("{what} {}", path.display()));
    let result = (|| {
        let f = create(&tmp, private)?;
        step("created the temporary file of");
        {
            let mut w = io::BufWriter::new(&f);
            fill(&mut w)?;
            w.flush()?;
        }
        step("wrote the temporary file of");
        f.sync_all()?;
        step("synced the temporary file of");
        fs::rename(&tmp, path)?;
        step("renamed into place");
        if let Ok(d) = File::open(dir) {
            // Some filesystems refuse to fsync a directory; the rename is done either way.
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}
