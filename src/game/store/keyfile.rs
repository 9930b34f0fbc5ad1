//! Side key files, whole or refused. A key file is five lines: a comment, `game = "..."`,
//! `side = "..."`, `key = "64 hex digits"` and `check = "..."`, the SHA-256 of the four lines
//! before it. The check makes every damaged byte show — a flipped digit in the key would otherwise
//! sign orders the white cell then refuses, long after the file was damaged. Key files written
//! before the check line (four lines, the first the old comment) are still read, as they were.
//!
//! Windows line ends are read as plain ones (a key file mailed to a laptop may come back with
//! them); anything else — a changed, missing or added byte, a line out of place — is refused with
//! the file's name and the way back: the white cell's game folder holds every side's key.

use super::crypto::{same, sha256_hex};
use super::intake::SideKey;
use crate::game::GameError;
use std::path::Path;

/// The first line of a key file with a check line.
const COMMENT: &str = "# whitecell side key v2: give this file only to the `{side}` team; it signs their orders; its last line checks the others.";
/// The first line of a key file written before the check line.
const LEGACY_COMMENT: &str = "# whitecell side key: give this file only to the `";

/// The key file's text, check line included.
pub fn to_text(k: &SideKey) -> String {
    let body = format!(
        "{}\ngame = \"{}\"\nside = \"{}\"\nkey = \"{}\"\n",
        COMMENT.replace("{side}", &k.side),
        k.game,
        k.side,
        k.key
    );
    format!("{body}check = \"{}\"\n", check(&body))
}

fn check(body: &str) -> String {
    sha256_hex(format!("whitecell key check v1\n{body}").as_bytes())
}

/// `name = "value"`, exactly.
fn field<'a>(line: &'a str, name: &str) -> Result<&'a str, String> {
    line.strip_prefix(name)
        .and_then(|r| r.strip_prefix(" = \""))
        .and_then(|r| r.strip_suffix('"'))
        .filter(|v| !v.is_empty() && !v.contains('"'))
        .ok_or_else(|| format!("the line `{name} = \"...\"` is damaged or out of place"))
}

/// Parses a key file's text, refusing any damage.
pub fn parse(text: &str) -> Result<SideKey, String> {
    let text = text.replace("\r\n", "\n");
    let Some(body) = text.strip_suffix('\n') else {
        return Err("the file does not end with a line end: it was cut short or added to".into());
    };
    let lines: Vec<&str> = body.split('\n').collect();
    let legacy = lines.len() == 4 && lines[0].starts_with(LEGACY_COMMENT);
    if !legacy && lines.len() != 5 {
        return Err(format!(
            "a key file has 5 lines, this one has {}: it was cut short or added to",
            lines.len()
        ));
    }
    if !lines[0].starts_with('#') {
        return Err("the first line (the comment) is damaged".into());
    }
    let key = SideKey {
        game: field(lines[1], "game")?.to_string(),
        side: field(lines[2], "side")?.to_string(),
        key: field(lines[3], "key")?.to_string(),
    };
    if key.key.len() != 64 || !key.key.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err("the key is not 64 hex digits".into());
    }
    if !legacy {
        let sum = field(lines[4], "check")?;
        let covered = &text[..text.len() - lines[4].len() - 1];
        if !same(sum, &check(covered)) {
            return Err("its check line does not match the lines above it (a changed byte)".into());
        }
        if lines[0] != COMMENT.replace("{side}", &key.side) {
            return Err("the first line (the comment) is not a whitecell key file's".into());
        }
    }
    Ok(key)
}

/// Reads a key file, refusing (exit 1) a damaged one with its name and the way back.
pub fn read(path: &Path) -> Result<SideKey, GameError> {
    let bytes = std::fs::read(path).map_err(|e| {
        GameError::error(format!(
            "error: cannot read the key file {}: {e}",
            path.display()
        ))
    })?;
    let why = match std::str::from_utf8(&bytes) {
        Ok(text) => match parse(text) {
            Ok(k) => return Ok(k),
            Err(why) => why,
        },
        Err(_) => "it is not text (UTF-8)".to_string(),
    };
    Err(GameError::rejected(format!(
        "error: {} is not a good whitecell key file: {why}. Nothing was signed or sent. The white \
         cell's game folder holds every side's key: ask for a fresh copy of keys/SIDE.key",
        path.display()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k() -> SideKey {
        SideKey {
            game: "g-1".into(),
            side: "usa".into(),
            key: "ab".repeat(32),
        }
    }

    #[test]
    fn round_trips_with_either_line_end() {
        let t = to_text(&k());
        assert_eq!(parse(&t), Ok(k()));
        assert_eq!(parse(&t.replace('\n', "\r\n")), Ok(k()));
    }

    #[test]
    fn every_single_byte_change_is_refused() {
        let t = to_text(&k()).into_bytes();
        let mut checked = 0;
        for i in 0..t.len() {
            for bit in 0..8 {
                let mut b = t.clone();
                b[i] ^= 1 << bit;
                let Ok(s) = String::from_utf8(b) else {
                    continue;
                };
                if s.replace("\r\n", "\n") == to_text(&k()) {
                    continue;
                }
                assert!(parse(&s).is_err(), "byte {i} bit {bit} accepted:\n{s}");
                checked += 1;
            }
        }
        // Every flip but those of an ASCII byte's top bit (not UTF-8, refused before parsing).
        assert_eq!(checked, t.len() * 7);
    }

    #[test]
    fn a_key_file_from_before_the_check_line_still_reads() {
        let old = format!(
            "# whitecell side key: give this file only to the `usa` team; it signs their orders.\n\
             game = \"g-1\"\nside = \"usa\"\nkey = \"{}\"\n",
            "ab".repeat(32)
        );
        assert_eq!(parse(&old), Ok(k()));
        // A new file cut before its check line is refused, not read as an old one.
        let new = to_text(&k());
        let cut = &new[..new.find("check").unwrap()];
        assert!(parse(cut).is_err());
    }
}
