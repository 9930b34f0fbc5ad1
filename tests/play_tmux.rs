//! A team plays a turn through `play` on a real terminal, driven by tmux (send-keys to type,
//! capture-pane to read the screen), on the shipped eastern-med-2018 scenario: Tab completes a
//! command, a unit and a zone; a hint shows what may come next; the up arrow recalls an earlier
//! line, also in the next session; a warning is confirmed; `undo` brings back the replaced order;
//! `submit` hands the orders in. Skipped, saying why, when tmux is not installed.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// A tmux server of our own (its socket in the test's folder), killed when dropped.
struct Tmux {
    sock: PathBuf,
}

impl Tmux {
    fn cmd(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .arg("-S")
            .arg(&self.sock)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    /// Starts `shell` in a new 160x50 session called `play`.
    fn start(&self, shell: &str) {
        let o = self.cmd(&[
            "new-session",
            "-d",
            "-s",
            "play",
            "-x",
            "160",
            "-y",
            "50",
            shell,
        ]);
        assert!(o.status.success(), "tmux new-session: {o:?}");
    }

    fn keys(&self, keys: &[&str]) {
        let mut a = vec!["send-keys", "-t", "play"];
        a.extend(keys);
        let o = self.cmd(&a);
        assert!(o.status.success(), "send-keys {keys:?}: {o:?}");
    }

    /// Types `text` literally (no key names).
    fn type_text(&self, text: &str) {
        let o = self.cmd(&["send-keys", "-t", "play", "-l", text]);
        assert!(o.status.success(), "send-keys -l {text:?}: {o:?}");
    }

    /// Pastes `text` as a terminal does (bracketed, when the program asks for it).
    fn paste(&self, text: &str) {
        let o = self.cmd(&["set-buffer", "--", text]);
        assert!(o.status.success(), "set-buffer: {o:?}");
        let o = self.cmd(&["paste-buffer", "-p", "-t", "play"]);
        assert!(o.status.success(), "paste-buffer: {o:?}");
    }

    fn screen(&self) -> String {
        let o = self.cmd(&["capture-pane", "-p", "-t", "play", "-S", "-500"]);
        String::from_utf8_lossy(&o.stdout).into_owned()
    }

    /// Waits until the screen holds `text` (a test that waits for ever helps nobody: 10 s).
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "the screen never showed {text:?}:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the prompt `prompt` is the screen's last line, empty: the line editor is
    /// reading keys itself (a Ctrl-D sent before that would reach the terminal's own line
    /// discipline, not the prompt).
    fn wait_for_prompt(&self, prompt: &str) {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.lines().rev().find(|l| !l.trim().is_empty()) == Some(prompt) {
                // The editor turns raw mode on before it writes its prompt.
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "the screen never ended on the prompt {prompt:?}:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The last line on the screen that holds `text`.
    fn line_with(&self, text: &str) -> String {
        self.screen()
            .lines()
            .rev()
            .find(|l| l.contains(text))
            .unwrap_or_default()
            .to_string()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]);
    }
}

fn shell_quote(p: &Path) -> String {
    format!("'{}'", p.to_string_lossy().replace('\'', "'\\''"))
}

/// Whether tmux is here; without it the test is skipped, saying so (a failure under CI).
#[allow(clippy::print_stderr)]
fn have_tmux() -> bool {
    if Command::new("tmux").arg("-V").output().is_err() {
        // CI sets this: there a missing tmux is a failure, not a skip.
        assert!(
            std::env::var_os("WHITECELL_REQUIRE_TOOLS").is_none(),
            "tmux is not installed and WHITECELL_REQUIRE_TOOLS is set"
        );
        eprintln!(
            "skipped: tmux is not installed (apt-get install -y tmux) — the terminal test needs it"
        );
        return false;
    }
    true
}

/// The shell line that runs `play` for the United States in game `g`, then says how it exited.
fn play_shell(g: &Path) -> String {
    let key = g.join("keys/usa.key");
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_whitecell"));
    format!(
        "{} play {} --key {}; echo \"EXITED $?\"; sleep 60",
        shell_quote(&bin),
        shell_quote(g),
        shell_quote(&key)
    )
}

/// A new game of eastern-med-2018 (in a temporary folder) and `play` for the United States started
/// in tmux, at its first prompt; `None` when tmux is missing (see [`have_tmux`]).
fn at_the_prompt() -> Option<(tempfile::TempDir, PathBuf, Tmux)> {
    if !have_tmux() {
        return None;
    }
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("game");
    new_game(&g, 2018);
    let t = Tmux {
        sock: tmp.path().join("tmux.sock"),
    };
    t.start(&play_shell(&g));
    t.wait_for("usa turn 1>");
    Some((tmp, g, t))
}

#[test]
fn a_turn_at_the_terminal_with_completion_history_a_warning_undo_and_submit() {
    if !have_tmux() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("game");
    new_game(&g, 2018);
    let gs = g.to_string_lossy().to_string();
    let shell = play_shell(&g);
    let t = Tmux {
        sock: tmp.path().join("tmux.sock"),
    };
    t.start(&shell);
    t.wait_for("usa turn 1>");

    // Tab completes the command, the unit and the zone, each with the space after it (it used
    // to add none: `mo` Tab then `us_r` gave `moveus_r`).
    t.type_text("mov");
    t.keys(&["Tab"]);
    t.wait_for("usa turn 1> move");
    t.type_text("us_r");
    t.keys(&["Tab"]);
    t.wait_for("usa turn 1> move us_ross");
    // A hint of the legal zones, dimmed after the cursor.
    let s = t.wait_for("zone: ");
    let hint = t.line_with("usa turn 1> move us_ross ");
    assert!(hint.contains("zone: west_med"), "{hint}\n{s}");
    t.type_text("wes");
    t.keys(&["Tab"]);
    t.wait_for("usa turn 1> move us_ross west_med");
    t.keys(&["Enter"]);
    t.wait_for("ok: us_ross Move(west_med)");

    // History: the up arrow brings the order back; Enter gives it again.
    t.type_text("orders");
    t.keys(&["Enter"]);
    t.wait_for("  us_ross  Move(west_med)");
    t.keys(&["Up", "Up"]);
    t.wait_for("usa turn 1> move us_ross west_med\n");
    t.keys(&["C-u"]);

    // A warning before escalating, confirmed.
    t.type_text("engage us_ross east_med russia");
    t.keys(&["Enter"]);
    t.wait_for("give it anyway? [y/N]");
    let s = t.screen();
    assert!(s.contains("warning: you are not at war with russia"), "{s}");
    t.type_text("y");
    t.keys(&["Enter"]);
    t.wait_for("ok: us_ross Engage(east_med, russia) (replaces Move(west_med))");

    // Undo brings the replaced order back.
    t.type_text("undo");
    t.keys(&["Enter"]);
    t.wait_for("us_ross has its earlier order again: Move(west_med)");

    t.type_text("submit");
    t.keys(&["Enter"]);
    t.wait_for("submitted 1 order(s) into the game; receipt ");
    t.type_text("quit");
    t.keys(&["Enter"]);
    t.wait_for("EXITED 0");

    // What the screen showed is what the white cell holds.
    let desk = ok(wc(&["view", &gs, "--umpire"]));
    assert!(desk.contains("us_ross  Move(west_med)"), "{desk}");

    // The next session of the same team recalls the last one's lines.
    let hist = g.join("keys/usa.history");
    let h = std::fs::read_to_string(&hist).expect("the history is kept beside the key");
    assert!(h.contains("move us_ross west_med"), "{h}");
    drop(t);
    let t = Tmux {
        sock: tmp.path().join("tmux-2.sock"),
    };
    t.start(&shell);
    t.wait_for("usa turn 1>");
    t.keys(&["Up"]);
    t.wait_for("usa turn 1> quit");
    t.keys(&["Up"]);
    t.wait_for("usa turn 1> submit");
    t.keys(&["C-u"]);
    t.type_text("quit");
    t.keys(&["Enter"]);
    t.wait_for("EXITED 0");
}

/// Lines typed faster than the prompt reads them (typing ahead, or several lines pasted at once)
/// are each read in turn: none is dropped between one prompt and the next, or after a question.
#[test]
fn lines_typed_ahead_are_all_read() {
    let Some((_tmp, _g, t)) = at_the_prompt() else {
        return;
    };
    // One send-keys: every line reaches the terminal before the prompt has read the first.
    t.keys(&[
        "move us_ross west_med",
        "Enter",
        "move us_tanf_garrison syrian_desert",
        "Enter",
        "y",
        "Enter",
        "hold us_b1b",
        "Enter",
        "orders",
        "Enter",
    ]);
    let s = t.wait_for("  us_b1b            Hold");
    assert!(s.contains("ok: us_ross Move(west_med)"), "{s}");
    assert!(
        s.contains("ok: us_tanf_garrison Move(syrian_desert)"),
        "{s}"
    );
    assert!(s.contains("  us_ross           Move(west_med)"), "{s}");
    t.type_text("quit");
    t.keys(&["Enter"]);
    t.wait_for("quit and lose them? [y/N]");
    t.type_text("y");
    t.keys(&["Enter"]);
    t.wait_for("EXITED 0");
}

/// Ctrl-D at the prompt is a way to quit: with orders not submitted it asks first, as `quit`
/// does, and keeps them when told no.
#[test]
fn ctrl_d_with_orders_not_submitted_asks_first() {
    let Some((tmp, g, t)) = at_the_prompt() else {
        return;
    };
    t.type_text("move us_ross west_med");
    t.keys(&["Enter"]);
    t.wait_for("ok: us_ross Move(west_med)");
    t.wait_for_prompt("usa turn 1>");
    t.keys(&["C-d"]);
    t.wait_for_prompt("1 order(s) not submitted: quit and lose them? [y/N]");
    t.type_text("n");
    t.keys(&["Enter"]);
    t.wait_for("staying");
    t.type_text("orders");
    t.keys(&["Enter"]);
    t.wait_for("  us_ross  Move(west_med)");
    t.wait_for_prompt("usa turn 1>");
    t.keys(&["C-d"]);
    t.wait_for_prompt("1 order(s) not submitted: quit and lose them? [y/N]");
    t.type_text("y");
    t.keys(&["Enter"]);
    t.wait_for("EXITED 0");
    // With nothing to lose, Ctrl-D leaves at once.
    let t = Tmux {
        sock: tmp.path().join("tmux-2.sock"),
    };
    t.start(&play_shell(&g));
    t.wait_for_prompt("usa turn 1>");
    t.keys(&["C-d"]);
    let s = t.wait_for("EXITED 0");
    assert!(!s.contains("[y/N]"), "{s}");
}

/// Orders written elsewhere and pasted at the prompt in one go are each taken as a line of their
/// own; a question one of them raises is answered at the keyboard, not by the next pasted line.
#[test]
fn several_pasted_lines_are_each_a_line() {
    let Some((_tmp, _g, t)) = at_the_prompt() else {
        return;
    };
    t.paste("move us_ross west_med\nmove us_tanf_garrison syrian_desert\nhold us_b1b\n");
    t.keys(&["Enter"]);
    t.wait_for("ok: us_ross Move(west_med)");
    t.wait_for("give it anyway? [y/N]");
    t.type_text("y");
    t.keys(&["Enter"]);
    t.wait_for("ok: us_b1b Hold");
    t.type_text("orders");
    t.keys(&["Enter"]);
    let s = t.wait_for("  us_b1b            Hold");
    assert!(
        s.contains("ok: us_tanf_garrison Move(syrian_desert)"),
        "{s}"
    );
    assert!(
        s.contains("usa turn 1> hold us_b1b"),
        "each line shown with its prompt: {s}"
    );
    assert!(!s.contains("one word too many"), "{s}");
}
