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

/// `scenario` target, found by CI's minute of fuzzing (crash-e07a04cf): a number written with
/// two signs, `--170141183460469231731687303715884105728`. The lexer took one sign off and parsed
/// the rest, itself signed, as a whole number; negating the smallest one overflowed (a panic in a
/// debug build, a silently wrapped value in release), and `--5` read as 5. A number has at most
/// one sign, as in RON: every such value is refused where it stands, naming it (and so are `-inf`
/// and `+NaN`, which Rust's float parser takes and which were called "far too large").
#[test]
fn a_number_with_two_signs_is_refused_at_its_place() {
    use whitecell::scenario::load::load_str;
    let path = Path::new("scenarios/two-signs.ron");
    let text = fixture("scenario/crash-two-signs.ron");
    let no_file = |_: &Path| Err(std::io::Error::from(std::io::ErrorKind::NotFound));
    let report = match load_str(path, &text, &no_file) {
        Ok(_) => panic!("the scenario loaded"),
        Err(r) => r.to_string(),
    };
    assert!(
        report.contains("two-signs.ron:3:12")
            && report.contains("`--1701411834604692317316...` (41 characters) is not a number"),
        "{report}"
    );
    for bad in [
        "--5", "+-5", "-+5", "++5", "0x-80", "-0x+1", "0b-1", "-inf", "+NaN",
    ] {
        let text = format!("(\n    turns: {bad},\n)\n");
        let report = match load_str(path, &text, &no_file) {
            Ok(_) => panic!("turns: {bad} loaded"),
            Err(r) => r.to_string(),
        };
        assert!(
            report.contains(":2:12") && report.contains(&format!("`{bad}` is not a number")),
            "{bad}:\n{report}"
        );
    }
}
