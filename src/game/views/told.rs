//! What a side reads of a past turn beyond its orders' results (for `account --side`): its
//! contacts of that turn, the public tracks' changes and the messages it received — what its view
//! of that turn showed, so the account tells no less than the view did.

use crate::log::LogEvent;
use crate::model::Compiled;

/// The lines `me` is told of `events` (one turn's) besides its results.
pub fn besides_results(c: &Compiled, events: &[LogEvent], me: &str) -> Vec<String> {
    let mut out = Vec::new();
    for e in events {
        match e {
            LogEvent::DetectionRoll {
                side,
                unit,
                zone,
                detected: true,
                strength,
                ..
            } if side == me => {
                let owner = c
                    .unit(unit)
                    .map(|u| c.side_name(c.units[u.index()].side).to_string())
                    .unwrap_or_default();
                out.push(format!(
                    "contact: {unit} ({owner}) in {zone}, strength {strength}"
                ));
            }
            LogEvent::TrackChanged {
                track, from, to, ..
            } if c.tracks.iter().any(|t| t.id == *track && t.public) => {
                out.push(format!("track {track}: {from} -> {to}"));
            }
            LogEvent::MessageSent { to, from, text } if to.iter().any(|s| s == me) => {
                out.push(format!("message from {from}: {text}"));
            }
            _ => {}
        }
    }
    out
}
