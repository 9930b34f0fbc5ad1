//! Helpers shared by the integration tests: load scenarios through the real loader, give orders in
//! the orders-file syntax, play turns with scripted dice.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use whitecell::dice::Dice;
use whitecell::model::Compiled;
use whitecell::orders::parse_orders;
use whitecell::report::LogEvent;
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
