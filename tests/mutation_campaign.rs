//! A held-out mutation campaign over the shipped scenarios (issue 11): each shipped scenario and the
//! default ruleset, damaged the ways hands and tools damage text — a line deleted, duplicated or
//! swapped with the next, a number changed, an identifier misspelt, a bracket dropped, junk or a
//! control character inserted, the file cut short — and loaded by the real loader. A mutant may
//! load (a changed number can still be valid) or be refused; it must never panic, and every problem
//! a refusal names must say where: file, line and column, with the line shown. Half as many
//! mutants of a team's orders file go through the orders parser, held to the same.
//!
//! Seeded: `WHITECELL_MUTANT_SEED=S` draws another campaign, `WHITECELL_MUTANTS=N` a larger one,
//! `WHITECELL_MUTANT_SHOW=1` prints every refusal.

#![allow(clippy::print_stdout)]

mod common;

use common::Mix as Rng;
use std::path::{Path, PathBuf};
use whitecell::scenario::load::load_str;

/// The mutation operators, by name.
const OPERATORS: &[&str] = &[
    "delete line",
    "duplicate line",
    "swap lines",
    "change number",
    "change identifier",
    "delete bracket",
    "insert junk",
    "truncate",
];

/// Byte offsets where a token matching `pred` starts, with its length.
fn tokens(
    text: &str,
    pred: impl Fn(char) -> bool,
    first: impl Fn(char) -> bool,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match start {
            None if first(c) => start = Some(i),
            Some(s) if !pred(c) => {
                out.push((s, i - s));
                start = if first(c) { Some(i) } else { None };
            }
            _ => {}
        }
    }
    out
}

fn mutate(text: &str, op: &str, r: &mut Rng) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let li = r.below(lines.len());
    match op {
        "delete line" => {
            let mut l = lines.clone();
            l.remove(li);
            l.concat()
        }
        "duplicate line" => {
            let mut l = lines.clone();
            l.insert(li, lines[li]);
            l.concat()
        }
        "swap lines" => {
            let mut l = lines.clone();
            let j = (li + 1).min(l.len() - 1);
            l.swap(li, j);
            l.concat()
        }
        "change number" => {
            let nums = tokens(text, |c| c.is_ascii_digit(), |c| c.is_ascii_digit());
            let Some(&(at, len)) = nums.get(r.below(nums.len())) else {
                return text.to_string();
            };
            let big = "9".repeat(400);
            let choices = [
                "0",
                "-1",
                "11",
                "255",
                "256",
                "4294967296",
                "1.5",
                "1e400",
                "0x",
                &big,
            ];
            let new = choices[r.below(choices.len())];
            format!("{}{new}{}", &text[..at], &text[at + len..])
        }
        "change identifier" => {
            let ids = tokens(
                text,
                |c| c.is_alphanumeric() || c == '_',
                char::is_alphabetic,
            );
            let Some(&(at, len)) = ids.get(r.below(ids.len())) else {
                return text.to_string();
            };
            let word = &text[at..at + len];
            let mut chars: Vec<char> = word.chars().collect();
            let k = r.below(chars.len());
            match r.below(3) {
                0 => {
                    chars.remove(k);
                }
                1 => chars.insert(k, 'x'),
                _ => chars[k] = if chars[k] == 'q' { 'z' } else { 'q' },
            }
            let new: String = chars.into_iter().collect();
            format!("{}{new}{}", &text[..at], &text[at + len..])
        }
        "delete bracket" => {
            let at: Vec<usize> = text
                .char_indices()
                .filter(|(_, c)| "()[]{}\"".contains(*c))
                .map(|(i, _)| i)
                .collect();
            let Some(&i) = at.get(r.below(at.len())) else {
                return text.to_string();
            };
            format!("{}{}", &text[..i], &text[i + 1..])
        }
        "insert junk" => {
            let junk = [
                ",",
                ":",
                "(",
                "]",
                "\"",
                "'",
                "#",
                "/*",
                "\u{0}",
                "\u{1f}",
                "\u{1b}[31m",
                "\t",
                "é",
                "\u{feff}",
                "r#\"",
                "\\",
                "None",
                "Some(",
                "1.0",
                "-",
            ];
            let j = junk[r.below(junk.len())];
            let at: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            let i = at[r.below(at.len())];
            format!("{}{j}{}", &text[..i], &text[i..])
        }
        "truncate" => {
            let at: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            text[..at[r.below(at.len())]].to_string()
        }
        _ => unreachable!("operator {op}"),
    }
}

#[test]
fn every_refusal_of_a_mutant_names_file_line_and_column() {
    let seed = common::env_u64("WHITECELL_MUTANT_SEED", 11);
    let count = common::env_u64("WHITECELL_MUTANTS", 520) as usize;
    let show = std::env::var_os("WHITECELL_MUTANT_SHOW").is_some();
    let dir = common::root().join("scenarios");
    let ruleset_dir = dir.join("rulesets");
    let shipped: Vec<PathBuf> = vec![
        dir.join("tutorial.ron"),
        dir.join("eastern-med-2018.ron"),
        ruleset_dir.join("default.ron"),
    ];
    let texts: Vec<String> = shipped
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("shipped file"))
        .collect();
    let ruleset_text = texts[2].clone();
    let mut r = Rng(seed);
    let (mut refused, mut loaded, mut problems) = (0, 0, 0);
    let mut failures = Vec::new();
    let mut per_op = vec![0usize; OPERATORS.len()];
    for n in 0..count {
        let op_i = n % OPERATORS.len();
        let op = OPERATORS[op_i];
        per_op[op_i] += 1;
        // The ruleset is mutated one time in five; otherwise a scenario, which reads it intact.
        let target = if r.below(5) == 0 { 2 } else { r.below(2) };
        let mutant = mutate(&texts[target], op, &mut r);
        let (path, text, ruleset): (&Path, String, String) = if target == 2 {
            // A scenario that reads the mutated ruleset: its problems are the ruleset file's.
            (&shipped[0], texts[0].clone(), mutant.clone())
        } else {
            (&shipped[target], mutant.clone(), ruleset_text.clone())
        };
        let read = move |_: &Path| Ok(ruleset.clone());
        let got = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            load_str(path, &text, &read)
        }));
        let report = match got {
            Err(_) => {
                failures.push(format!(
                    "mutant {n} ({op} of {}): panicked",
                    shipped[target].display()
                ));
                continue;
            }
            Ok(Ok(_)) => {
                loaded += 1;
                continue;
            }
            Ok(Err(report)) => report,
        };
        refused += 1;
        if show {
            println!("mutant {n} ({op}):\n{report}\n");
        }
        for d in &report.diagnostics {
            problems += 1;
            if d.pos.is_none() || d.line_text.is_none() {
                failures.push(format!(
                    "mutant {n} ({op} of {}): a problem without its place:\n{d}",
                    shipped[target].display()
                ));
            }
        }
    }
    println!(
        "{count} mutants (seed {seed}; {}): {refused} refused with {problems} problems, {loaded} loaded, {} failures",
        OPERATORS
            .iter()
            .zip(&per_op)
            .map(|(o, k)| format!("{k} {o}"))
            .collect::<Vec<_>>()
            .join(", "),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(
        refused > count / 2,
        "most mutants should be refused: {refused} of {count}"
    );
}

/// A team's orders file, as `play` writes one, for the orders mutants.
const ORDERS: &str = r#"// whitecell orders: game eastern-med-2018-3560de40, side usa, turn 1
(
    game: "eastern-med-2018-3560de40",
    side: "usa",
    turn: 1,
    orders: [
        (unit: "us_ross", order: Move("west_med")),
        (unit: "us_b1b", order: Engage("idlib", "armed_groups")),
        (unit: "us_tanf_garrison", order: Hold),
    ],
    signals: [
        (to: "russia", kind: Hotline),
    ],
    signature: Some("8f2c0d6b6e5a4f3e2d1c0b9a8f7e6d5c4b3a29180f0e0d0c0b0a090807060504"),
)
"#;

#[test]
fn every_refusal_of_a_mutant_orders_file_names_its_line_and_column() {
    let seed = common::env_u64("WHITECELL_MUTANT_SEED", 11);
    let count = common::env_u64("WHITECELL_MUTANTS", 520) as usize / 2;
    let path = Path::new("orders.ron");
    let mut r = Rng(seed.wrapping_add(1));
    let mut failures = Vec::new();
    let mut refused = 0;
    for n in 0..count {
        let op = OPERATORS[n % OPERATORS.len()];
        let mutant = mutate(ORDERS, op, &mut r);
        let got = std::panic::catch_unwind(|| whitecell::orders::parse_orders(path, &mutant));
        match got {
            Err(_) => failures.push(format!("orders mutant {n} ({op}): panicked")),
            Ok(Ok(_)) => {}
            Ok(Err(report)) => {
                refused += 1;
                for d in &report.diagnostics {
                    if d.pos.is_none() || d.line_text.is_none() {
                        failures.push(format!("orders mutant {n} ({op}): no place:\n{d}"));
                    }
                }
            }
        }
    }
    println!(
        "{count} orders mutants (seed {seed}): {refused} refused, {} failures",
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
