//! What fuzzing found (README, "Fuzzing"), each the finding's input as a plain test written before
//! its fix. The fuzzer's own inputs are in `tests/fixtures/fuzz/TARGET/` and run through the fuzz
//! target's code in `tests/fuzz_seeds.rs` too.

use std::path::Path;
use whitecell::game::store::intake::to_ron;
use whitecell::orders::parse_orders;

fn fixture(name: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// `orders` target, crash-fda24d09: an orders file whose game id holds a line break (written
/// `\n` in the file). `to_ron` — what `play` and `orders sign` write — put the id raw into the
/// header comment, so the text after the line break fell out of the comment and the written file
/// no longer read back.
#[test]
fn orders_with_a_line_break_in_the_game_id_are_written_so_they_read_back() {
    let path = Path::new("line-break-in-game.ron");
    let f = parse_orders(path, &fixture("orders/line-break-in-game.ron")).expect("the file parses");
    assert_eq!(f.game, "eastern-med-2018-7a8d400a\n");
    let written = to_ron(&f);
    let back = parse_orders(path, &written)
        .unwrap_or_else(|r| panic!("written as\n{written}\nit does not read back:\n{r}"));
    assert_eq!(back, f, "written as\n{written}\nit reads back otherwise");
}

/// Found beside crash-fda24d09, reading the writer the fuzzer led to: a zone or side in an order
/// holding a `"` or a `\` (written `\"`, `\\` in the file). The order's RON form put the text
/// between quotes unescaped, so the written file no longer read back.
#[test]
fn orders_naming_a_zone_with_a_quote_are_written_so_they_read_back() {
    let path = Path::new("quote-in-zone.ron");
    let f = parse_orders(path, &fixture("orders/quote-in-zone.ron")).expect("the file parses");
    let written = to_ron(&f);
    let back = parse_orders(path, &written)
        .unwrap_or_else(|r| panic!("written as\n{written}\nit does not read back:\n{r}"));
    assert_eq!(back, f, "written as\n{written}\nit reads back otherwise");
}
