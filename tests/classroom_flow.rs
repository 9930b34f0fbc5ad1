//! The whole classroom flow through the binary: new -> views -> orders from two teams (one via
//! `play` on scripted input, one via a signed file) -> adjudicate -> inject -> amend -> rollback ->
//! replay with every hash equal. Ids come from the views, so only `common::SCENARIO` names the
//! scenario.

mod common;
use common::*;

#[test]
fn new_views_orders_adjudicate_inject_amend_rollback_replay() {
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("game");
    let gs = g.to_string_lossy().to_string();
    new_game(&g, 4_242_424_242_424_242);
    let sides = sides();
    let (a, b) = (&sides[0], &sides[1]);
    for s in &sides {
        assert!(g.join("keys").join(format!("{s}.key")).is_file());
        assert!(g.join("views").join(format!("{s}.txt")).is_file());
    }
    let va = view(&g, a);
    let vb = view(&g, b);
    assert_eq!(va.next_turn, 1);
    assert_eq!(va.seed_commitment, vb.seed_commitment);

    // Team A plays at the prompt, on scripted input.
    let (ua, za) = some_move(&va);
    let key_a = g.join("keys").join(format!("{a}.key"));
    let script = format!(
        "help\nunits\nlegal {ua}\nmove {ua} nowhere_zone\nmove {ua} {za}\nshow\nsubmit\nquit\n"
    );
    let o = ok(wc_in(
        &["play", &gs, "--side", a, "--key", &key_a.to_string_lossy()],
        Some(&script),
    ));
    assert!(o.contains(&format!("ok: {ua} Move({za})")), "{o}");
    assert!(
        o.contains("no zone `nowhere_zone`"),
        "a typo is explained: {o}"
    );
    assert!(o.contains("receipt "), "{o}");

    // Team B writes a file from its view, signs it with its key, checks it, hands it in.
    let (ub, zb) = some_move(&vb);
    let file = tmp.path().join("b.ron");
    let mv = format!("Move(\"{zb}\")");
    std::fs::write(&file, orders_ron(&vb.game, b, 1, &[(&ub, &mv)])).unwrap();
    let key_b = g.join("keys").join(format!("{b}.key"));
    let (fs, ks) = (
        file.to_string_lossy().to_string(),
        key_b.to_string_lossy().to_string(),
    );
    let view_b = g.join("views").join(format!("{b}.json"));
    ok(wc(&[
        "orders",
        "check",
        &fs,
        "--game",
        &view_b.to_string_lossy(),
        "--key",
        &ks,
    ]));
    let signed = ok(wc(&["orders", "sign", &fs, "--key", &ks]));
    let receipt = signed.split_whitespace().last().unwrap().to_string();
    ok(wc(&["orders", "check", &fs, "--game", &gs]));
    let sub = ok(wc(&["orders", "submit", &fs, &gs]));
    assert!(
        sub.contains(&receipt),
        "the receipt at signing matches the white cell's: {sub}"
    );

    let st = ok(wc(&["status", &gs]));
    for s in [a, b] {
        assert!(
            st.lines()
                .any(|l| l.trim_start().starts_with(s.as_str()) && l.contains("received")),
            "{s} has sent orders: {st}"
        );
    }
    // Sides that sent nothing hold (a scenario may have more sides than teams in the room).
    let adj = ok(wc(&["adjudicate", &gs, "--missing", "hold"]));
    assert!(adj.contains("Turn 1"), "{adj}");
    assert!(
        adj.contains(&format!("move   {ua}")) && adj.contains(&format!("move   {ub}")),
        "{adj}"
    );
    assert_eq!(view(&g, a).turn, 1);

    // The umpire injects an event and amends a strength, each with a reason.
    let c = whitecell::cli::load(&scenario()).unwrap();
    // An umpire-only event if the scenario has one, else any that has not fired yet.
    let log = std::fs::read_to_string(g.join("log.jsonl")).unwrap();
    let unfired = |e: &&whitecell::model::compiled::EventDef| {
        !log.contains(&format!("\"event\":\"{}\"", e.id))
    };
    let ev = c
        .events
        .iter()
        .filter(unfired)
        .find(|e| matches!(e.when, whitecell::model::compiled::When::Manual))
        .or_else(|| c.events.iter().find(unfired))
        .expect("an event to inject")
        .id
        .clone();
    let inj = ok(wc(&[
        "inject",
        &gs,
        &ev,
        "--reason",
        "the class asked what if",
    ]));
    assert!(inj.contains(&format!("umpire inject {ev}")), "{inj}");
    let am = ok(wc(&[
        "amend",
        &gs,
        "--unit",
        &ua,
        "--strength",
        "1",
        "--reason",
        "hit by a storm",
    ]));
    assert!(am.contains("hit by a storm"), "{am}");
    assert_eq!(
        view(&g, a)
            .own
            .iter()
            .find(|u| u.id == ua)
            .unwrap()
            .strength,
        1
    );
    ok(wc(&["adjudicate", &gs, "--missing", "policy"]));
    let log = std::fs::read_to_string(g.join("log.jsonl")).unwrap();
    assert!(log.contains("hit by a storm") && log.contains("\"type\":\"Umpire\""));

    // Roll back to the end of turn 1: the umpire actions and turn 2 are discarded, kept, marked.
    let rb = ok(wc(&[
        "rollback",
        &gs,
        "--to-turn",
        "1",
        "--reason",
        "replay turn 2 differently",
    ]));
    assert!(rb.contains("discarded 3 step(s)"), "{rb}");
    assert_eq!(view(&g, a).turn, 1);
    assert!(g.join("rolled-back-1.jsonl").is_file());
    let save = whitecell::game::store::save::Save::read(&g).unwrap();
    assert_eq!(
        save.journal
            .iter()
            .filter(|r| r.discarded == Some(1))
            .count(),
        3
    );
    ok(wc(&["adjudicate", &gs, "--missing", "hold"]));

    let rep = ok(wc(&["replay", &gs]));
    assert!(rep.contains("every hash matches"), "{rep}");
    assert!(!rep.contains("DIFF"), "{rep}");
}

#[test]
fn replay_reports_the_first_turn_that_differs() {
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("game");
    let gs = g.to_string_lossy().to_string();
    new_game(&g, 99);
    ok(wc(&["adjudicate", &gs, "--missing", "policy"]));
    ok(wc(&["adjudicate", &gs, "--missing", "policy"]));
    // Tamper with the second turn's recorded hash and re-seal the save as if written by whitecell.
    let mut save = whitecell::game::store::save::Save::read(&g).unwrap();
    for r in &mut save.journal {
        if let whitecell::game::store::save::Entry::Turn { turn: 2, hash, .. } = &mut r.entry {
            *hash = "0000000000000000".into();
        }
    }
    std::fs::write(g.join("game.save"), save.encode().unwrap()).unwrap();
    let e = fails(wc(&["replay", &gs]), 1, "differs first at turn 2");
    assert!(e.contains("0000000000000000"), "{e}");
    // One rule for a bad save: refused as rejected input (exit 1) by every command.
    fails(wc(&["status", &gs]), 1, "does not replay");
}

#[test]
fn a_team_plays_from_its_view_file_alone_and_sees_the_odds() {
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("game");
    let gs = g.to_string_lossy().to_string();
    new_game(&g, 2024);
    let sides = sides();
    let (a, b) = opponents();
    let (a, b) = (&sides[a], &sides[b]);
    // The umpire puts one of b's units beside one of a's, then turns pass until a detects it.
    let c = whitecell::cli::load(&scenario()).unwrap();
    let (ua, ub, zone) = c
        .units
        .iter()
        .filter(|u| u.initial && c.side_name(u.side) == a)
        .flat_map(|u| {
            c.units
                .iter()
                .filter(|r| r.initial && c.side_name(r.side) == b)
                .map(move |r| (u, r))
        })
        .find(|(u, r)| c.kinds[r.kind.index()].can_enter(c.zones[u.zone.index()].kind))
        .map(|(u, r)| (u.id.clone(), r.id.clone(), c.zone_name(u.zone).to_string()))
        .expect("a unit of b can stand beside a unit of a");
    ok(wc(&[
        "amend",
        &gs,
        "--unit",
        &ub,
        "--zone",
        &zone,
        "--reason",
        "set up a contact",
    ]));
    let mut seen = false;
    for _ in 0..5 {
        ok(wc(&["adjudicate", &gs, "--missing", "hold"]));
        if view(&g, a).detected.iter().any(|x| x.id == ub) {
            seen = true;
            break;
        }
    }
    assert!(seen, "{a} detects {ub} within five turns");
    // The team's laptop holds only its view file and its key.
    let laptop = tmp.path().join("laptop");
    std::fs::create_dir_all(&laptop).unwrap();
    let vfile = laptop.join(format!("{a}.json"));
    std::fs::copy(g.join("views").join(format!("{a}.json")), &vfile).unwrap();
    let kfile = laptop.join(format!("{a}.key"));
    std::fs::copy(g.join("keys").join(format!("{a}.key")), &kfile).unwrap();
    let out_file = laptop.join("orders.ron");
    let script = format!(
        "units\nodds {zone} {b}\nengage {ua} {zone}\ny\nshow\nundo\nshow\nengage {ua} {zone} {b}\ny\nsubmit\n"
    );
    let o = ok(wc_in(
        &[
            "play",
            &vfile.to_string_lossy(),
            "--key",
            &kfile.to_string_lossy(),
            "--out",
            &out_file.to_string_lossy(),
        ],
        Some(&script),
    ));
    assert!(o.contains(&ub), "the detected unit is listed: {o}");
    assert!(o.contains(&format!("ok: {ua} Engage({zone}, {b})")), "{o}");
    assert!(
        o.contains("odds in") && o.contains("column") && o.contains("d6 -> 1: "),
        "the odds and the six results: {o}"
    );
    assert!(o.contains("undone:"), "{o}");
    let receipt = o
        .lines()
        .find_map(|l| l.strip_prefix("receipt (the white cell's will match): "))
        .expect("a receipt")
        .to_string();
    let sub = ok(wc(&["orders", "submit", &out_file.to_string_lossy(), &gs]));
    assert!(sub.contains(&receipt), "{sub}");
    let adj = ok(wc(&["adjudicate", &gs, "--missing", "hold"]));
    assert!(
        adj.contains(&format!("{a} engages {b} in {zone}"))
            || adj.contains(&format!("{a} vs {b} in {zone}")),
        "{adj}"
    );
    assert!(ok(wc(&["replay", &gs])).contains("every hash matches"));
}

/// `new --set`: a class plays a variant of a shipped scenario, edited as `run` and `batch` edit it.
/// The teams' views show the edited values, the folder keeps the edited text (so `replay`
/// verifies the game against it), `new` and `status` say the scenario was edited, and a bad edit
/// is refused with the loader's message before anything is written.
#[test]
fn new_with_sets_makes_a_folder_of_the_edited_scenario() {
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("game");
    let gs = g.to_string_lossy().to_string();
    let tutorial = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/tutorial.ron");
    let ts = tutorial.to_string_lossy().to_string();
    let sets = [
        "--set",
        "tracks.tension.start=5",
        "--set",
        "units.b_frigates.strength=2",
    ];
    let mut args = vec!["new", ts.as_str(), gs.as_str(), "--seed", "9"];
    args.extend(sets);
    let o = ok(wc(&args));
    assert!(
        o.contains("the scenario as edited: tracks.tension.start=5, units.b_frigates.strength=2"),
        "{o}"
    );
    let blue = view(&g, "blue");
    let frigates = blue.own.iter().find(|u| u.id == "b_frigates").unwrap();
    assert_eq!(frigates.strength, 2);
    let tension = blue.tracks.iter().find(|t| t.id == "tension").unwrap();
    assert_eq!(tension.value, 5);
    let save_path = g.join("game.save");
    let save =
        whitecell::game::store::save::Save::decode(&save_path, &std::fs::read(&save_path).unwrap())
            .unwrap();
    let kept = &save.files["scenario.ron"];
    assert!(kept.contains("start: 5"), "{kept}");
    let st = ok(wc(&["status", &gs]));
    assert!(
        st.contains(
            "scenario edited: --set tracks.tension.start=5 --set units.b_frigates.strength=2"
        ),
        "{st}"
    );
    ok(wc(&["adjudicate", &gs, "--missing", "policy"]));
    ok(wc(&["adjudicate", &gs, "--missing", "policy"]));
    let r = ok(wc(&["replay", &gs]));
    assert!(r.contains("every hash matches"), "{r}");

    // An unedited game's status does not mention edits.
    let plain = tmp.path().join("plain");
    ok(wc(&["new", &ts, &plain.to_string_lossy(), "--seed", "9"]));
    assert!(!ok(wc(&["status", &plain.to_string_lossy()])).contains("edited"));

    // A bad edit: the loader's message, exit 1, and no folder.
    let bad = tmp.path().join("bad");
    let e = fails(
        wc(&[
            "new",
            &ts,
            &bad.to_string_lossy(),
            "--set",
            "units.b_frigates.strength=11",
        ]),
        1,
        "units.b_frigates.strength=11",
    );
    assert!(e.contains("strength"), "{e}");
    assert!(!bad.exists(), "a refused `new` leaves no folder");
}
