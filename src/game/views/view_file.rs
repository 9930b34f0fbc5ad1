//! Reading a view file as a team's laptop does: text, JSON, the format this build reads, then the
//! seal. A view that is damaged, edited, another side's or another game's is refused with a message
//! that names the file, says what is wrong, and says how to get a good copy; nothing here panics.

use super::view::{VIEW_FORMAT, View, verify};
use crate::game::store::intake::SideKey;
use std::path::Path;

/// Line and column (1-based) of byte offset `at` in `bytes`.
pub fn line_col(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, col)
}

/// The file's text, or a located message if it is not UTF-8. `what` says what the file should be.
pub fn utf8<'a>(path: &Path, bytes: &'a [u8], what: &str) -> Result<&'a str, String> {
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let (l, c) = line_col(bytes, at);
        format!(
            "{}:{l}:{c}: byte 0x{:02x} is not UTF-8 text: {what}",
            path.display(),
            bytes[at]
        )
    })
}

const FRESH: &str = "ask the white cell for a fresh copy (`whitecell view GAME_DIR --side SIDE` rewrites views/SIDE.json)";

/// Parses a view file's bytes, checking its format; the seal is not checked.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<View, String> {
    let d = path.display();
    let text = utf8(
        path,
        bytes,
        &format!("a view file is the JSON text whitecell writes; this one is damaged: {FRESH}"),
    )?;
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        format!(
            "{d}:{}:{}: this is not a whitecell view file ({e}); pass your side's views/SIDE.json or the game folder, or {FRESH}",
            e.line(),
            e.column()
        )
    })?;
    match value.get("format").and_then(serde_json::Value::as_u64) {
        Some(f) if f == u64::from(VIEW_FORMAT) => {}
        Some(f) => {
            return Err(format!(
                "{d}: view format {f}, but this whitecell reads format {VIEW_FORMAT}: {FRESH}"
            ));
        }
        None => {
            return Err(format!(
                "{d} is not a whitecell view file (it has no `format` number); pass your side's views/SIDE.json or the game folder"
            ));
        }
    }
    serde_json::from_str(text).map_err(|e| {
        format!(
            "{d}:{}:{}: the view file is damaged ({e}): {FRESH}",
            e.line(),
            e.column()
        )
    })
}

/// Reads a view file for the holder of `key`: its game and side must be the key's, and its seal must
/// match under the key.
pub fn open(path: &Path, bytes: &[u8], key: &SideKey) -> Result<View, String> {
    let v = parse(path, bytes)?;
    let d = path.display();
    if v.game != key.game {
        return Err(format!(
            "{d} is a view of game `{}`, but your key is for game `{}`: use the view of your own game",
            v.game, key.game
        ));
    }
    if v.side != key.side {
        return Err(format!(
            "{d} is side `{}`'s view, but your key is side `{}`'s: use your own side's view (views/{}.json)",
            v.side, key.side, key.side
        ));
    }
    if !verify(&v, &key.key) {
        return Err(format!(
            "{d} does not match its seal: it was edited or damaged after the white cell wrote it: {FRESH}"
        ));
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_from_one() {
        let b = b"ab\ncd\xffe";
        assert_eq!(line_col(b, 0), (1, 1));
        assert_eq!(line_col(b, 4), (2, 2));
        let e = utf8(Path::new("f.ron"), b, "write UTF-8").unwrap_err();
        assert_eq!(e, "f.ron:2:3: byte 0xff is not UTF-8 text: write UTF-8");
    }
}
