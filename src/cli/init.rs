//! `whitecell init FILE.ron`: writes a small commented scenario to grow from (see
//! [`crate::scenario::template`]). It never overwrites a file.

use super::CliError;
use std::io::Write;
use std::path::Path;

/// Writes the template to `path`, which must end in `.ron` and must not exist yet.
pub fn run(out: &mut dyn Write, path: &Path) -> Result<(), CliError> {
    if path.extension().is_none_or(|e| e != "ron") {
        return Err(CliError::rejected(format!(
            "error: {}: a scenario file ends in `.ron`; e.g. `whitecell init my-crisis.ron`",
            path.display()
        )));
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = crate::scenario::template::text(&stem);
    let mut f = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(CliError::rejected(format!(
                "error: {} already exists; whitecell init never overwrites a file: name a new one",
                path.display()
            )));
        }
        Err(e) => {
            return Err(CliError::error(format!(
                "error: cannot create {}: {e}",
                path.display()
            )));
        }
    };
    if let Err(e) = f.write_all(text.as_bytes()).and_then(|()| f.sync_all()) {
        // Leave no half-written scenario behind.
        drop(f);
        let _ = std::fs::remove_file(path);
        return Err(CliError::error(format!(
            "error: cannot write {}: {e}",
            path.display()
        )));
    }
    // Quoted for a shell when it needs to be, so the lines below can be pasted as they are.
    let shown = path.display().to_string();
    let p = if shown.contains(|c: char| c.is_whitespace() || "'\"$`\\".contains(c)) {
        format!("'{}'", shown.replace('\'', "'\\''"))
    } else {
        shown
    };
    writeln!(
        out,
        "wrote {}: a two-side scenario to grow from, using the built-in default ruleset\n\
         next:\n  \
         whitecell validate {p}            # every problem, located\n  \
         whitecell lint {p}                # what validates but is probably a mistake\n  \
         whitecell describe {p} --map map.html   # the map at turn 0\n  \
         whitecell run {p} --seed 1        # one game with the bots\n\
         scenarios/README.md explains each section.",
        path.display()
    )?;
    Ok(())
}
