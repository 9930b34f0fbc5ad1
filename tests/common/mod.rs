//! Helpers shared by the integration tests: load scenarios through the real loader, give orders in
//! the orders-file syntax, play turns with scripted dice; run the built binary and read views.
#![allow(dead_code)]

pub mod browser;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use whitecell::dice::Dice;
use whitecell::log::LogEvent;
use whitecell::model::Compiled;
use whitecell::orders::parse_orders;
use whitecell::sim::Engine;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Loads and compiles a scenario file, panicking with the loader's report if it is invalid.
pub fn compile(rel: &str) -> Arc<Compiled> {
    let path = root().join(rel);
    let loaded =
        whitecell::scenario::load_file(&path).unwrap_or_else(|r| panic!("{rel} should load:\n{r}"));
    Arc::new(Compiled::new(&loaded).expect("compiles"))
}

/// Loads scenario text as if it were the file `rel` (so relative ruleset paths resolve).
pub fn compile_text(rel: &str, text: &str) -> Arc<Compiled> {
    let path = root().join(rel);
    let loaded =
        whitecell::scenario::load::load_str(&path, text, &|p: &Path| std::fs::read_to_string(p))
            .unwrap_or_else(|r| panic!("scenario text should load:\n{r}"));
    Arc::new(Compiled::new(&loaded).expect("compiles"))
}

/// The rule-test scenario with text replacements applied.
pub fn rules_scenario(replace: &[(&str, &str)]) -> Arc<Compiled> {
    let rel = "scenarios/tests/rules.ron";
    let mut text = std::fs::read_to_string(root().join(rel)).expect("rules.ron");
    for (from, to) in replace {
        assert!(text.contains(from), "rules.ron has no `{from}` to replace");
        text = text.replace(from, to);
    }
    compile_text(rel, &text)
}

/// Submits `side`'s orders, each `(unit, order)` in orders-file syntax, e.g. `("bt", "Move(\"d\")")`.
pub fn give(engine: &mut Engine, side: &str, orders: &[(&str, &str)]) {
    give_with_signals(engine, side, orders, "");
}

/// Like [`give`], with signals written as in an orders file, e.g. `(to: "red", kind: Warn)`.
pub fn give_with_signals(engine: &mut Engine, side: &str, orders: &[(&str, &str)], signals: &str) {
    let c = engine.compiled().clone();
    let body: Vec<String> = orders
        .iter()
        .map(|(u, o)| format!("(unit: \"{u}\", order: {o})"))
        .collect();
    let text = format!(
        "(game: \"test\", side: \"{side}\", turn: {}, orders: [{}], signals: [{signals}])",
        engine.turn() + 1,
        body.join(", ")
    );
    let file = parse_orders(Path::new("test-orders.ron"), &text)
        .unwrap_or_else(|r| panic!("orders parse:\n{r}"));
    let (resolved, unresolved) = file.resolve(&c);
    engine.submit(c.side(side).expect("side"), resolved, unresolved);
}

/// Plays one turn with the given orders and returns its events.
pub fn turn(engine: &mut Engine, blue: &[(&str, &str)], red: &[(&str, &str)]) -> Vec<LogEvent> {
    give(engine, "blue", blue);
    give(engine, "red", red);
    engine.step_turn().expect("turn plays").to_vec()
}

/// A new engine with per-phase scripted dice.
pub fn engine(c: Arc<Compiled>, detection: &[u8], engagement: &[u8]) -> Engine {
    Engine::new(c, Dice::scripted_phases(detection, engagement, &[]))
}

/// The turn's readable summary, for golden comparisons and failure messages.
pub fn summary(events: &[LogEvent]) -> String {
    whitecell::report::text::turn_summary(events)
}

/// Compares `actual` with the golden file `tests/golden/NAME.txt`; `UPDATE_GOLDEN=1` rewrites it.
pub fn golden(name: &str, actual: &str) {
    let path = root().join("tests/golden").join(format!("{name}.txt"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "missing golden file {}; run with UPDATE_GOLDEN=1 and review it",
            path.display()
        )
    });
    if expected != actual {
        let mut diff = String::new();
        let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
        for i in 0..e.len().max(a.len()) {
            match (e.get(i), a.get(i)) {
                (Some(x), Some(y)) if x == y => diff.push_str(&format!("  {x}\n")),
                (x, y) => {
                    if let Some(x) = x {
                        diff.push_str(&format!("- {x}\n"));
                    }
                    if let Some(y) = y {
                        diff.push_str(&format!("+ {y}\n"));
                    }
                }
            }
        }
        panic!("{name} differs from its golden file (- expected, + actual):\n{diff}");
    }
}

/// Events of one variant, by a matcher.
pub fn count(events: &[LogEvent], f: impl Fn(&LogEvent) -> bool) -> usize {
    events.iter().filter(|e| f(e)).count()
}

/// The scenario the classroom tests play. Switching the whole suite to another scenario (e.g.
/// `scenarios/eastern-med-2018.ron`) is this one line: the tests read ids from the views.
pub const SCENARIO: &str = "scenarios/eastern-med-2018.ron";

/// The scenario's path from the crate root.
pub fn scenario() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(SCENARIO)
}

/// Runs `whitecell ARGS`.
pub fn wc(args: &[&str]) -> Output {
    wc_in(args, None)
}

/// Runs `whitecell ARGS` with `stdin` piped in.
pub fn wc_in(args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_whitecell"));
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("the binary runs");
    {
        let mut i = child.stdin.take().expect("stdin");
        if let Some(s) = stdin {
            // A command that refuses its arguments exits before reading: a closed pipe is fine.
            let _ = i.write_all(s.as_bytes());
        }
    }
    child.wait_with_output().expect("the binary finishes")
}

/// Stdout as text.
pub fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Stderr as text.
pub fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Asserts success and returns stdout.
pub fn ok(o: Output) -> String {
    assert!(
        o.status.success(),
        "expected success, got {:?}\nstdout:\n{}\nstderr:\n{}",
        o.status.code(),
        out(&o),
        err(&o)
    );
    out(&o)
}

/// Asserts exit code `code` and that stderr mentions `needle`; returns stderr.
pub fn fails(o: Output, code: i32, needle: &str) -> String {
    let e = err(&o);
    assert_eq!(
        o.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{e}",
        out(&o)
    );
    assert!(e.contains(needle), "stderr should mention `{needle}`:\n{e}");
    e
}

/// Creates a game in `dir` with `seed`.
pub fn new_game(dir: &Path, seed: u64) {
    ok(wc(&[
        "new",
        &scenario().to_string_lossy(),
        &dir.to_string_lossy(),
        "--seed",
        &seed.to_string(),
    ]));
}

/// A side's view file, parsed.
pub fn view(dir: &Path, side: &str) -> whitecell::game::views::view::View {
    let text =
        std::fs::read_to_string(dir.join("views").join(format!("{side}.json"))).expect("view file");
    serde_json::from_str(&text).expect("view parses")
}

/// The sides, from the scenario.
pub fn sides() -> Vec<String> {
    let l = whitecell::scenario::load_file(&scenario()).expect("scenario loads");
    l.scenario.sides.iter().map(|s| s.id.clone()).collect()
}

/// The first legal `Move` of a side's first unit that has one, from its view: (unit, zone).
pub fn some_move(v: &whitecell::game::views::view::View) -> (String, String) {
    use whitecell::orders::{Command, legal::legal_orders};
    let p = whitecell::game::views::redact::Picture::from_view(v).expect("view compiles");
    let b = p.board();
    for u in p.state.units.iter().filter(|u| u.side == p.side) {
        for cmd in legal_orders(&b, p.side, u, &|_, _| false) {
            if let Command::Move(z) = cmd {
                return (
                    p.c.unit_name(u.id).to_string(),
                    p.c.zone_name(z).to_string(),
                );
            }
        }
    }
    panic!("side {} has no unit that can move", v.side);
}

/// An orders file's RON text.
pub fn orders_ron(game: &str, side: &str, turn: u32, orders: &[(&str, &str)]) -> String {
    let mut s =
        format!("(\n  game: \"{game}\",\n  side: \"{side}\",\n  turn: {turn},\n  orders: [\n");
    for (u, o) in orders {
        s.push_str(&format!("    (unit: \"{u}\", order: {o}),\n"));
    }
    s.push_str("  ],\n)\n");
    s
}

/// The first pair of sides (by index) that are not allied at the start: they can engage each other.
pub fn opponents() -> (usize, usize) {
    let c = whitecell::cli::load(&scenario()).expect("the scenario loads");
    let n = c.side_count();
    (0..n)
        .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
        .find(|&(a, b)| {
            let (x, y) = (
                whitecell::model::SideId(a as u16),
                whitecell::model::SideId(b as u16),
            );
            c.relations.get(x, y) != whitecell::scenario::Relation::Allied
        })
        .expect("two sides that are not allied")
}

/// SplitMix64: the dice of the seeded campaigns (crash, corruption), a fixed tiny generator so a
/// campaign's plan is the same on every machine.
pub struct Mix(pub u64);

impl Mix {
    /// The next draw.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A draw in `0..n` (0 if `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A number from the environment variable `name`, else `default` (campaign sizes and seeds).
pub fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
