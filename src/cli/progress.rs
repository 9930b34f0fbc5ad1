//! Progress bars for long work (`batch`, `fork`), through `indicatif`: count, rate and time left
//! on stderr, drawn only when stderr is a terminal.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// A bar counting `unit`s, hidden unless `on` and stderr is a terminal.
pub fn bar(on: bool, unit: &str) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden());
    if on && std::io::stderr().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::stderr());
    }
    let template =
        format!("[{{bar:30}}] {{pos}}/{{len}} {unit} {{percent:>3}}% {{per_sec}}, {{eta}} left");
    if let Ok(style) = ProgressStyle::with_template(&template) {
        bar.set_style(style.progress_chars("#>."));
    }
    bar
}
