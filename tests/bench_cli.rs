//! `whitecell bench`: the fixed set of games gives the signature recorded for the current rules
//! revision, on one thread and on two (the signature cannot depend on the thread count).

mod common;

use whitecell::batch::bench;

fn signature_line(threads: &str) -> String {
    let out = common::ok(common::wc(&[
        "bench",
        "--games",
        "200",
        "--threads",
        threads,
    ]));
    out.lines()
        .find_map(|l| l.strip_prefix("signature: "))
        .unwrap_or_else(|| panic!("no signature line in:\n{out}"))
        .to_string()
}

#[test]
fn the_signature_is_the_recorded_one_on_one_thread_and_on_two() {
    let one = signature_line("1");
    let two = signature_line("2");
    assert_eq!(one, two, "the signature depends on the thread count");
    assert!(
        one.starts_with(bench::SIGNATURE) && one.contains("matches this rules revision"),
        "bench signature {one}, recorded for {}: {}",
        whitecell::VERSION,
        bench::SIGNATURE
    );
}

#[test]
fn part_of_the_set_is_not_compared_and_zero_games_is_refused() {
    let out = common::ok(common::wc(&["bench", "--games", "8", "--threads", "2"]));
    assert!(out.contains("8 games on 2 thread(s)"), "{out}");
    assert!(
        out.contains("over the first 8 games of the set only"),
        "{out}"
    );
    common::fails(common::wc(&["bench", "--games", "0"]), 1, "--games 0");
}

#[test]
fn the_signature_is_over_every_final_hash_in_order() {
    let a = bench::signature(&["aa".into(), "bb".into()]);
    assert_eq!(a.len(), 16);
    assert_ne!(a, bench::signature(&["bb".into(), "aa".into()]));
    assert_ne!(a, bench::signature(&["aa".into()]));
}
