//! Regressions found by the property tests (`tests/properties.rs`), each the shrunk failing case
//! written out as a plain test, so it runs on its own and states what went wrong.

mod common;

/// Found by the scenario generator: a scenario with its ruleset written inline
/// (`ruleset: Inline((...))`, which the format allows) was always refused, because the loader
/// took the detection rule's `target` field for targeting data — it allowed the field at
/// `ruleset.detection.target` but an inline ruleset's path is `ruleset[0].detection.target`.
#[test]
fn a_scenario_with_an_inline_ruleset_loads() {
    let file = common::root().join("scenarios/tutorial.ron");
    let text = std::fs::read_to_string(&file).expect("tutorial.ron");
    let ruleset_file = common::root().join("scenarios/rulesets/default.ron");
    let ruleset = std::fs::read_to_string(&ruleset_file).expect("default.ron");
    let at = ruleset.find("Ruleset(").expect("the ruleset's struct") + "Ruleset".len();
    let body = &ruleset[at..];
    let inline = text.replace(
        "ruleset: File(\"rulesets/default.ron\")",
        &format!("ruleset: Inline({})", body.trim()),
    );
    assert_ne!(inline, text, "the tutorial names its ruleset file");
    let loaded = whitecell::scenario::load::load_str(&file, &inline, &|_| {
        Err(std::io::Error::other("an inline ruleset reads no file"))
    })
    .unwrap_or_else(|r| panic!("a scenario with an inline ruleset should load:\n{r}"));
    let from_file = whitecell::scenario::load_file(&file).expect("the tutorial loads");
    assert_eq!(loaded.ruleset, from_file.ruleset, "the same rules, inline");
    // A field that really is targeting data is still refused inside an inline ruleset.
    let bad = inline.replacen("detection: (", "detection: (target_range: 3, ", 1);
    let err = whitecell::scenario::load::load_str(&file, &bad, &|_| {
        Err(std::io::Error::other("no file"))
    })
    .expect_err("a range field is refused");
    assert!(err.to_string().contains("target_range"), "{err}");
}

/// Found by the view property: a side that handed in an order for another side's unit it had
/// never detected was told, in its view's results, `unit `X` belongs to `OWNER`, not to you` —
/// the view named a unit the side never detected, and its owner. The side is now told what it
/// would be told of a unit that does not exist (as the orders intake already answers).
#[test]
fn a_view_does_not_confirm_another_sides_unit_that_an_order_named() {
    use whitecell::game::views::build::build;
    use whitecell::game::views::view::Header;
    use whitecell::model::SideId;
    use whitecell::orders::file::Unresolved;
    use whitecell::orders::{Command, Order, Rejection, SideOrders};
    use whitecell::sim::Engine;
    let c = common::compile("scenarios/tutorial.ron");
    let (me, them) = (SideId(0), SideId(1));
    let h = Header {
        game: "g",
        commitment: "c",
        key: "k",
    };
    for seed in 0..20 {
        let mut e = Engine::new(c.clone(), whitecell::dice::Dice::seeded(seed));
        let theirs: Vec<_> = (0..c.units.len() as u32)
            .map(whitecell::model::UnitId)
            .filter(|u| c.units[u.index()].side == them && c.units[u.index()].initial)
            .collect();
        let orders = SideOrders {
            orders: theirs
                .iter()
                .map(|&unit| Order {
                    unit,
                    command: Command::Hold,
                })
                .collect(),
            signals: Vec::new(),
        };
        let nobody = Unresolved {
            unit: "nobody".into(),
            order: "Hold".into(),
            reason: Rejection::UnknownUnit("nobody".into()).to_string(),
        };
        e.submit(me, orders, vec![nobody]);
        let events = e.step_turn().expect("turn 1 plays");
        let state = e.state();
        let v = build(&c, &state, &events, me, &h);
        let told = |unit: &str| -> String {
            let r = v
                .last_turn
                .iter()
                .find(|r| r.unit.as_deref() == Some(unit))
                .unwrap_or_else(|| panic!("{unit}'s rejection is reported"));
            r.text.replace(unit, "X")
        };
        let unknown = told("nobody");
        for u in &theirs {
            if state.intel.last_seen[me.index()].contains_key(u) {
                continue; // detected: the side knows of it anyway
            }
            let id = c.unit_name(*u);
            assert_eq!(
                told(id),
                unknown,
                "seed {seed}: an order for {id}, never detected, is answered as for a unit that does not exist"
            );
            return;
        }
    }
    panic!("no seed left a unit of the other side undetected");
}
