//! Over many mid-game states of real games (random bots, several seeds, orders signed and handed
//! in like a team's), no view file holds an enemy unit the side has not detected, another side's
//! orders, the seed, the salt or a key.

mod common;
use common::*;
use std::collections::BTreeSet;
use whitecell::game::Game;
use whitecell::game::store::intake;
use whitecell::model::SideId;
use whitecell::orders::OrdersFile;
use whitecell::orders::file::UnitOrderText;
use whitecell::scenario::Relation;

fn tokens(s: &str) -> BTreeSet<String> {
    s.split(|ch: char| !(ch.is_alphanumeric() || ch == '_' || ch == '-'))
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

struct Seen {
    detected: usize,
    last_seen: usize,
    states: usize,
    told: usize,
}

fn check_views(
    g: &mut Game,
    secrets: &[String],
    others_orders: &[(String, String)],
    seen: &mut Seen,
) {
    let c = g.c.clone();
    let st = g.engine.state();
    let log = g.engine.log();
    seen.states += 1;
    for side in c.side_ids() {
        let name = c.side_name(side).to_string();
        let json =
            std::fs::read_to_string(g.dir.join("views").join(format!("{name}.json"))).unwrap();
        let text =
            std::fs::read_to_string(g.dir.join("views").join(format!("{name}.txt"))).unwrap();
        let v: whitecell::game::views::view::View = serde_json::from_str(&json).unwrap();
        let (jt, tt) = (tokens(&json), tokens(&text));
        for s in secrets {
            assert!(
                !json.contains(s.as_str()) && !text.contains(s.as_str()),
                "{name}'s view holds a secret `{s}`"
            );
        }
        for (owner, sig) in others_orders {
            if *owner != name {
                assert!(
                    !json.contains(sig.as_str()) && !text.contains(sig.as_str()),
                    "{name}'s view holds {owner}'s orders"
                );
            }
        }
        let enemy = |o: SideId| o != side && st.relations.get(side, o) != Relation::Allied;
        let ever: BTreeSet<_> = st.intel.last_seen[side.index()].keys().copied().collect();
        for (i, d) in c.units.iter().enumerate() {
            let id = whitecell::model::UnitId(i as u32);
            if enemy(d.side) && !ever.contains(&id) {
                assert!(
                    !jt.contains(&d.id) && !tt.contains(&d.id),
                    "{name}'s view names `{}`, never detected (turn {})",
                    d.id,
                    st.turn
                );
                assert!(!json.contains(&d.name), "{name}'s view names `{}`", d.name);
            }
        }
        // A detected enemy shows position and strength only: not its readiness, posture (which
        // would tell its orders) or source note.
        for u in &v.scenario.units {
            let owner = c.side(&u.side).expect("a side of the scenario");
            if enemy(owner) {
                assert_eq!(
                    (u.readiness, u.posture, u.source.as_str()),
                    (Default::default(), Default::default(), ""),
                    "{name}'s view shows more than position and strength of `{}`",
                    u.id
                );
            }
        }
        let now: BTreeSet<String> = st.intel.current[side.index()]
            .iter()
            .filter(|u| enemy(c.units[u.index()].side))
            .filter(|u| st.units.iter().any(|x| x.id == **u))
            .map(|u| c.unit_name(*u).to_string())
            .collect();
        let shown: BTreeSet<String> = v.detected.iter().map(|x| x.id.clone()).collect();
        assert_eq!(
            shown, now,
            "{name}'s detected list is exactly this turn's detections"
        );
        for x in &v.detected {
            let u = st.units.iter().find(|u| c.unit_name(u.id) == x.id).unwrap();
            assert_eq!(x.zone, c.zone_name(u.zone));
        }
        for x in &v.last_seen {
            let u = c.unit(&x.id).unwrap();
            let s = st.intel.last_seen[side.index()][&u];
            assert_eq!((x.zone.as_str(), x.turn), (c.zone_name(s.zone), s.turn));
            assert!(!now.contains(&x.id));
        }
        let scen_units: BTreeSet<&str> = v.scenario.units.iter().map(|u| u.id.as_str()).collect();
        for u in &scen_units {
            let d = &c.units[c.unit(u).unwrap().index()];
            assert!(
                d.side == side || !enemy(d.side) || now.contains(*u),
                "the redacted scenario holds `{u}`"
            );
        }
        assert!(v.scenario.meta.umpire_note.is_empty());
        for r in &v.last_turn {
            if let (Some(u), "accepted" | "rejected" | "loss" | "move" | "retreat" | "readiness") =
                (&r.unit, r.what.as_str())
            {
                assert_eq!(
                    c.side_name(c.units[c.unit(u).unwrap().index()].side),
                    name,
                    "{name} sees another side's result: {}",
                    r.text
                );
            }
        }
        // What the side reads of every turn played (its view's last turn, `account --side`):
        // never a unit it has not detected, never a cause it could not see.
        let log = &log;
        let mut told: Vec<String> = v.last_turn.iter().map(|r| r.text.clone()).collect();
        if st.turn > 0 {
            let events = whitecell::game::views::build::turn_events(log, st.turn);
            told.extend(
                whitecell::game::views::build::results(&c, &st, events, side)
                    .into_iter()
                    .map(|r| r.text),
            );
        }
        for t in &told {
            let tt = tokens(t);
            for (i, d) in c.units.iter().enumerate() {
                let id = whitecell::model::UnitId(i as u32);
                if enemy(d.side) && !ever.contains(&id) {
                    assert!(!tt.contains(&d.id), "{name} is told of `{}`: {t}", d.id);
                }
            }
            for cause in [
                "hostile units are there",
                "passes hostile units",
                "meeting hostile",
            ] {
                assert!(
                    !t.contains(cause),
                    "{name} is told what it did not see: {t}"
                );
            }
            seen.told += 1;
        }
        seen.detected += v.detected.len();
        seen.last_seen += v.last_seen.len();
    }
}

#[test]
fn no_view_leaks_over_many_mid_game_states() {
    let mut seen = Seen {
        detected: 0,
        last_seen: 0,
        states: 0,
        told: 0,
    };
    for k in 0..6u64 {
        let tmp = tempfile::tempdir().unwrap();
        let seed = 0x9E37_79B9_7F4A_7C15u64.wrapping_mul(k + 1);
        let mut g = Game::create(&scenario(), &tmp.path().join("g"), Some(seed)).unwrap();
        let mut secrets = vec![seed.to_string(), format!("{seed:x}"), g.save.salt.clone()];
        secrets.extend(g.save.keys.values().cloned());
        let c = g.c.clone();
        let policy = whitecell::policy::PolicySpec::Random;
        check_views(&mut g, &secrets, &[], &mut seen);
        while g.engine.outcome().is_none() {
            let state = g.engine.state();
            let dice = g.engine.dice().clone();
            let mut sent = Vec::new();
            for side in c.side_ids() {
                let name = c.side_name(side).to_string();
                let orders = policy.orders(&c, &state, side, &dice);
                let mut f = OrdersFile {
                    game: g.save.game.clone(),
                    side: name.clone(),
                    turn: g.next_turn(),
                    orders: orders
                        .orders
                        .iter()
                        .map(|o| UnitOrderText {
                            unit: c.unit_name(o.unit).to_string(),
                            order: o.command.map(
                                |z| c.zone_name(*z).to_string(),
                                |s| c.side_name(*s).to_string(),
                            ),
                        })
                        .collect(),
                    signals: Vec::new(),
                    signature: None,
                };
                f.signature = Some(intake::sign(&f, &g.save.keys[&name]));
                let p = g.picture(side);
                intake::check_binding(&p, &f).unwrap();
                intake::check_orders(&p, &f).unwrap();
                let receipt = g.accept(f.clone()).unwrap();
                sent.push((name.clone(), receipt));
                sent.push((name, f.signature.clone().unwrap()));
                check_views(&mut g, &secrets, &sent, &mut seen);
            }
            g.adjudicate(Some("hold")).unwrap();
            check_views(&mut g, &secrets, &sent, &mut seen);
        }
    }
    assert!(seen.states > 60, "{} states", seen.states);
    assert!(seen.told > 0, "the sides must be told something");
    assert!(
        seen.detected > 0 && seen.last_seen > 0,
        "the games must include detections ({} now, {} last seen)",
        seen.detected,
        seen.last_seen
    );
}
