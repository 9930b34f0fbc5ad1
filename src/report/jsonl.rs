//! JSON Lines: one event per line, for programs.

use crate::log::LogEvent;
use std::io::{self, Write};

/// Writes events as JSON Lines.
pub fn write(out: &mut dyn Write, events: &[LogEvent]) -> io::Result<()> {
    for e in events {
        serde_json::to_writer(&mut *out, e).map_err(io::Error::other)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
