//! Regression: an attack total of 0 gets the leftmost odds column, even against a defence of 0
//! (it used to get the rightmost, so spent units with no attack left won at the best odds).

use std::path::PathBuf;
use whitecell::rules::combat::column_for;

#[test]
fn zero_attack_is_the_worst_column_and_zero_defence_the_best() {
    let f = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios/tutorial.ron");
    let loaded = whitecell::scenario::load_file(&f).expect("tutorial loads");
    let r = &loaded.ruleset;
    let last = r.crt.len() - 1;
    assert_eq!(column_for(r, 0, 0), 0);
    assert_eq!(column_for(r, 0, 5), 0);
    assert_eq!(column_for(r, 3, 0), last);
    assert_eq!(r.crt[column_for(r, 2, 2)].label, "1:1");
}
