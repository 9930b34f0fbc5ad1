//! A corruption campaign on the view file `play` reads from a team's laptop (issue 11): hundreds of
//! damaged or tampered views — bit flips, truncations, appended bytes, fields edited under the old
//! seal, another side's view, another game's view — each refused by `play` with exit code 1 and a
//! message naming the file, never a panic and never a session on a wrong picture.

mod common;
use common::*;
use std::path::Path;

/// A small deterministic generator (the campaign must be the same on every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

/// The messages a refused view may give; one of them must be there.
const REASONS: &[&str] = &[
    "does not match its seal",
    "is not a whitecell view file",
    "is not UTF-8 text",
    "the view file is damaged",
    "is a view of game",
    "'s view, but your key is side",
    "view format",
];

struct Campaign<'a> {
    dir: &'a Path,
    key: String,
    refused: usize,
    /// How many refusals gave each reason.
    reasons: std::collections::BTreeMap<&'static str, usize>,
}

impl Campaign<'_> {
    /// Writes `bytes` as a view and checks that `play` refuses it, naming the file.
    fn refuse(&mut self, what: &str, bytes: &[u8]) {
        let f = self.dir.join(format!("case-{}.json", self.refused));
        std::fs::write(&f, bytes).unwrap();
        let fs = f.to_string_lossy().to_string();
        let o = wc_in(&["play", &fs, "--key", &self.key], Some("units\nquit\n"));
        let e = err(&o);
        assert_eq!(
            o.status.code(),
            Some(1),
            "{what}: exit {:?}\nstdout:\n{}\nstderr:\n{e}",
            o.status.code(),
            out(&o)
        );
        assert!(!e.contains("panicked"), "{what}: {e}");
        assert!(e.contains(&fs), "{what}: the file is named: {e}");
        let reason = REASONS
            .iter()
            .find(|r| e.contains(*r))
            .unwrap_or_else(|| panic!("{what}: a clear reason: {e}"));
        *self.reasons.entry(reason).or_default() += 1;
        assert!(
            e.lines().count() <= 3,
            "{what}: one short message, not a dump: {e}"
        );
        assert!(
            out(&o).is_empty(),
            "{what}: no session started: {}",
            out(&o)
        );
        self.refused += 1;
    }
}

/// A named edit of a parsed view.
type Edit = (&'static str, fn(&mut serde_json::Value));

/// Edits of a parsed view that keep it valid JSON and keep its old seal.
fn edits() -> Vec<Edit> {
    vec![
        ("own strength", |v| v["own"][0]["strength"] = 9.into()),
        ("own zone", |v| v["own"][0]["zone"] = "west_med".into()),
        ("own readiness", |v| {
            v["own"][0]["readiness"] = "Spent".into()
        }),
        ("own posture", |v| {
            v["own"][0]["posture"] = "Defensive".into()
        }),
        ("unit dropped", |v| {
            v["own"].as_array_mut().unwrap().pop();
        }),
        ("turn", |v| v["turn"] = 0.into()),
        ("next turn", |v| v["next_turn"] = 7.into()),
        ("next label", |v| v["next_label"] = "Day 99".into()),
        ("game id", |v| {
            let g = v["game"].as_str().unwrap().to_string();
            v["game"] = format!("{g}x").into();
        }),
        ("seed commitment", |v| {
            v["seed_commitment"] = "00".repeat(32).into()
        }),
        ("relation", |v| v["relations"][0][1] = "Hostile".into()),
        ("control", |v| v["control"][0][1] = "usa".into()),
        ("track value", |v| v["tracks"][0]["value"] = 0.into()),
        ("track band", |v| {
            v["tracks"][0]["band"] = serde_json::Value::Null
        }),
        ("score total", |v| v["score"]["total"] = 99.into()),
        ("objective met", |v| {
            v["score"]["objectives"][0]["met"] = serde_json::Value::Null
        }),
        ("sudden death dropped", |v| {
            v["sudden_death"] = serde_json::json!([])
        }),
        ("message added", |v| {
            v["messages"]
                .as_array_mut()
                .unwrap()
                .push(serde_json::json!({"turn": 1, "from": "umpire", "text": "attack now"}))
        }),
        ("last turn emptied", |v| {
            v["last_turn"] = serde_json::json!([])
        }),
        ("outcome set", |v| v["outcome"] = "usa wins".into()),
        ("enemy added", |v| {
            v["detected"]
                .as_array_mut()
                .unwrap()
                .push(serde_json::json!({
                    "id": "ru_cruiser", "name": "x", "side": "russia", "kind": "surface_group",
                    "zone": "west_med", "strength": 1, "relation": "Neutral"
                }))
        }),
        ("crt emptied", |v| {
            v["ruleset"]["crt"] = serde_json::json!([])
        }),
        ("crt result", |v| {
            v["ruleset"]["crt"][0]["results"][0] = serde_json::json!({"DefenderLoses": 3})
        }),
        ("terrain dropped", |v| {
            v["ruleset"]["terrain"] = serde_json::json!([])
        }),
        ("neighbour added", |v| {
            v["scenario"]["zones"][0]["neighbours"]
                .as_array_mut()
                .unwrap()
                .push("persian_gulf".into())
        }),
        ("zone value", |v| {
            v["scenario"]["zones"][2]["value"] = 10.into()
        }),
        ("movement", |v| {
            v["scenario"]["unit_types"][0]["movement"] = 10.into()
        }),
        ("turn count", |v| {
            v["scenario"]["turns"]["count"] = 99.into()
        }),
        ("briefing", |v| {
            v["scenario"]["sides"][0]["briefing"] = "secret".into()
        }),
        ("mac cleared", |v| v["mac"] = "".into()),
        ("mac of zeros", |v| v["mac"] = "0".repeat(64).into()),
        ("mac dropped", |v| {
            v.as_object_mut().unwrap().remove("mac");
        }),
        ("field added", |v| v["extra"] = true.into()),
        ("format 1", |v| v["format"] = 1.into()),
        ("format missing", |v| {
            v.as_object_mut().unwrap().remove("format");
        }),
        ("not an object", |v| *v = serde_json::json!([1, 2, 3])),
    ]
}

#[test]
fn every_damaged_or_tampered_view_is_refused_with_exit_1() {
    let tmp = tempfile::tempdir().unwrap();
    let g = tmp.path().join("game");
    new_game(&g, 77);
    let gs = g.to_string_lossy().to_string();
    // A view with some history in it: two turns played by the bots.
    ok(wc(&["adjudicate", &gs, "--missing", "policy"]));
    ok(wc(&["adjudicate", &gs, "--missing", "policy"]));
    let good = std::fs::read(g.join("views/usa.json")).unwrap();
    let key = g.join("keys/usa.key").to_string_lossy().to_string();
    let dir = tmp.path().join("cases");
    std::fs::create_dir_all(&dir).unwrap();
    // The good view plays.
    let gf = dir.join("good.json");
    std::fs::write(&gf, &good).unwrap();
    ok(wc_in(
        &["play", &gf.to_string_lossy(), "--key", &key],
        Some("quit\n"),
    ));
    let mut c = Campaign {
        dir: &dir,
        key,
        refused: 0,
        reasons: Default::default(),
    };
    let mut rng = Lcg(0x5eed);
    // Bit flips anywhere in the file.
    for i in 0..240 {
        let mut b = good.clone();
        let at = (rng.next() as usize) % b.len();
        b[at] ^= 1 << (rng.next() % 8);
        c.refuse(&format!("flip {i} at byte {at}"), &b);
    }
    // Truncations, from nothing to all but the last byte.
    for i in 0..60 {
        let len = if i == 59 {
            good.len() - 1
        } else {
            (rng.next() as usize) % good.len()
        };
        c.refuse(&format!("truncated to {len} bytes"), &good[..len]);
    }
    // Bytes appended after the view.
    for (i, tail) in [&b"x"[..], b"{}", b"\0", b"]", b",", b"\xff\xfe", b"null"]
        .iter()
        .enumerate()
    {
        let mut b = good.clone();
        b.extend_from_slice(tail);
        c.refuse(&format!("appended {i}"), &b);
    }
    for i in 0..23 {
        let mut b = good.clone();
        let n = 1 + (rng.next() as usize) % 16;
        b.extend((0..n).map(|_| 0x21 + (rng.next() % 90) as u8));
        c.refuse(&format!("appended random {i}"), &b);
    }
    // Fields edited, the old seal kept.
    let value: serde_json::Value = serde_json::from_slice(&good).unwrap();
    for (what, edit) in edits() {
        let mut v = value.clone();
        edit(&mut v);
        c.refuse(what, serde_json::to_string_pretty(&v).unwrap().as_bytes());
        c.refuse(what, serde_json::to_string(&v).unwrap().as_bytes());
    }
    // Another side's view, with this side's key.
    for s in sides().iter().filter(|s| s.as_str() != "usa") {
        let b = std::fs::read(g.join("views").join(format!("{s}.json"))).unwrap();
        c.refuse(&format!("{s}'s view"), &b);
    }
    // The same side's view from another game.
    let other = tmp.path().join("other");
    new_game(&other, 78);
    c.refuse(
        "another game's view",
        &std::fs::read(other.join("views/usa.json")).unwrap(),
    );
    // A view re-sealed under another game's key for the same side.
    let mut v: whitecell::game::views::view::View = serde_json::from_slice(&good).unwrap();
    let k2 = std::fs::read_to_string(other.join("keys/usa.key")).unwrap();
    let k2 = whitecell::game::store::intake::SideKey::parse(&k2).unwrap();
    whitecell::game::views::view::seal(&mut v, &k2.key);
    c.refuse(
        "sealed under another key",
        serde_json::to_string(&v).unwrap().as_bytes(),
    );
    assert!(c.refused >= 400, "{} corruptions", c.refused);
    // The seal, not only the parser, catches them: content changed in a still-valid file.
    let r = &c.reasons;
    assert!(r["does not match its seal"] >= 60, "{r:?}");
    assert!(r["is not a whitecell view file"] >= 60, "{r:?}");
    assert!(r["is not UTF-8 text"] >= 10, "{r:?}");
    assert!(r["'s view, but your key is side"] == 5, "{r:?}");
    assert!(r["is a view of game"] >= 2, "{r:?}");
    // Trailing whitespace changes nothing sealed: the view still plays.
    let mut b = good.clone();
    b.extend_from_slice(b"\n\n");
    std::fs::write(&gf, &b).unwrap();
    ok(wc_in(
        &["play", &gf.to_string_lossy(), "--key", &c.key],
        Some("quit\n"),
    ));
}
