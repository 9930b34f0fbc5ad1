//! What each fuzz target does with one input, shared by the libFuzzer targets
//! (`fuzz/fuzz_targets/*.rs`) and by `cargo test` (`tests/fuzz_seeds.rs`, which runs every
//! checked-in seed and every past finding through these same functions). A panic anywhere here is
//! a finding: whitecell must refuse bad input with a message, never panic, hang or run out of
//! memory. No function touches a file per input.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use whitecell::batch::{Edit, Plan, Sweep};
use whitecell::dice::Dice;
use whitecell::game::Game;
use whitecell::game::store::crypto::sha256_hex;
use whitecell::game::store::folder::submit_turn;
use whitecell::game::store::intake;
use whitecell::game::store::save::{FORMAT, Save};
use whitecell::model::Compiled;
use whitecell::orders::parse_orders;
use whitecell::scenario::Loaded;
use whitecell::scenario::load::load_str;
use whitecell::sim::Engine;

const DEFAULT_RULESET: &str = include_str!("../scenarios/rulesets/default.ron");
const TUTORIAL: &str = include_str!("../scenarios/tutorial.ron");
/// The eastern-med game the orders target hands files in to: `whitecell new
/// scenarios/eastern-med-2018.ron DIR --seed 7`, turn 0 (game `eastern-med-2018-7a8d400a`).
const GAME_SAVE: &[u8] = include_bytes!("fixtures/eastern-med-turn0.save");
/// The folder named in messages; nothing is ever read from or written to it.
const NO_DIR: &str = "/nonexistent/whitecell-fuzz-game";

/// The shipped ruleset, from memory: the only file a scenario may name here.
fn read(p: &Path) -> std::io::Result<String> {
    if p.ends_with("rulesets/default.ron") {
        Ok(DEFAULT_RULESET.to_string())
    } else {
        Err(std::io::Error::from(std::io::ErrorKind::NotFound))
    }
}

/// The scenario loader, as `whitecell validate` runs it: text -> parse, forbidden fields, decode,
/// validate -> compile (as `run`, `new` and `batch` do next), every problem rendered as printed.
pub fn scenario(data: &[u8]) {
    // `validate` reads the file as UTF-8 text; other bytes never reach the loader.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match load_str(Path::new("scenarios/fuzz.ron"), text, &read) {
        Ok(loaded) => {
            let _ = Compiled::new(&loaded);
        }
        Err(report) => {
            // Each diagnostic quotes its line with a caret under the column.
            let _ = report.to_string();
        }
    }
}

thread_local! {
    static GAME: RefCell<Game> = RefCell::new({
        let dir = Path::new(NO_DIR);
        let save = Save::decode(&dir.join("game.save"), GAME_SAVE).expect("the fixture save decodes");
        Game::from_save(dir, save).expect("the fixture save opens")
    });
}

/// An orders file through the parser and the white cell's intake against the fixture game, as
/// `orders check` and `orders submit --key` run them: UTF-8, parse (every problem rendered), binding
/// to game, side and turn, signature, units and orders; a file the intake accepts is played for
/// the turn on a fresh engine as `adjudicate` plays it. What `orders sign` writes must read back.
pub fn orders(data: &[u8]) {
    let path = Path::new("orders.ron");
    let Ok(text) =
        whitecell::game::views::view_file::utf8(path, data, "an orders file is UTF-8 text")
    else {
        return;
    };
    let mut f = match parse_orders(path, text) {
        Ok(f) => f,
        Err(report) => {
            let _ = report.to_string();
            return;
        }
    };
    let written = intake::to_ron(&f);
    match parse_orders(path, &written) {
        Ok(back) => assert_eq!(back, f, "orders written as\n{written}\nread back otherwise"),
        Err(r) => panic!("orders written as\n{written}\ndo not read back:\n{r}"),
    }
    GAME.with_borrow_mut(|g| {
        let Ok(side) = g.side(&f.side) else {
            return;
        };
        let p = g.picture(side);
        let bound = intake::check_binding(&p, &f).is_ok();
        let key = g.save.keys.get(&f.side).cloned().unwrap_or_default();
        let _ = intake::check_signature(&f, &key);
        // Hot-seat intake (`orders submit --key`) signs the file with the side's key.
        f.signature = Some(intake::sign(&f, &key));
        intake::check_signature(&f, &key).expect("a file signed with its side's key verifies");
        let _ = intake::receipt(&f);
        if intake::check_orders(&p, &f).is_err() || !bound {
            return;
        }
        let c = g.c.clone();
        let mut engine = Engine::new(c.clone(), Dice::seeded(g.save.seed));
        let pending = |s: &str| (s == f.side).then_some(&f);
        submit_turn(&c, &mut engine, &pending, &BTreeMap::new())
            .expect("`hold` plays every silent side");
        engine.step_turn().expect("a turn of accepted orders plays");
        let _ = engine.state_hash();
    });
}

/// One save's bytes -> an open game, as every command that opens a folder reads `game.save`.
fn open(bytes: &[u8]) {
    let dir = Path::new(NO_DIR);
    let save = match Save::decode(&dir.join("game.save"), bytes) {
        Ok(s) => s,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    match Game::from_save(dir, save) {
        Ok(mut g) => {
            let _ = g.hash();
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
}

/// The bytes with the header line whitecell would write for the body after the first line.
pub fn resealed(bytes: &[u8]) -> Vec<u8> {
    let body = match bytes.iter().position(|&b| b == b'\n') {
        Some(i) => &bytes[i + 1..],
        None => bytes,
    };
    let body = body.strip_suffix(b"\n").unwrap_or(body);
    let mut out = format!(
        "whitecell-game format={FORMAT} sha256={}\n",
        sha256_hex(body)
    )
    .into_bytes();
    out.extend_from_slice(body);
    out.push(b'\n');
    out
}

/// The save loader: decode (magic, header, checksum, JSON), compile the stored scenario, check the
/// keys, replay the journal checking every record and recorded hash. The folder-side checks (key
/// files and views on disk) are left out. Each input is tried as it is and resealed with the right
/// checksum, so mutations of the body reach the decoder and the replay (as a save edited by hand
/// with its checksum recomputed would).
pub fn save(data: &[u8]) {
    open(data);
    let sealed = resealed(data);
    if sealed != data {
        open(&sealed);
    }
}

/// The repository's root, from the fuzz crate or the main package.
fn root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    match here.join("scenarios").is_dir() {
        true => here.to_path_buf(),
        false => here.join(".."),
    }
}

fn tutorial() -> &'static Loaded {
    static L: OnceLock<Loaded> = OnceLock::new();
    L.get_or_init(|| {
        // Named by its real path: an edited scenario reads its ruleset file beside it.
        let p = root().join("scenarios/tutorial.ron");
        load_str(&p, TUTORIAL, &read).expect("the shipped tutorial loads")
    })
}

/// The `--set PATH=VALUE` and `--sweep PATH=V1,V2,...` values of `run` and `batch` on the shipped
/// tutorial (whose ids the README's examples use), as `batch` checks them: parsed, every point
/// edited, checked and compiled. One flag a line: `--sweep ...` is a sweep, `--set ...` or any
/// other line a set. Plans of more than 4 points have only their first point edited, to keep an
/// input short (every point is a full scenario load).
pub fn set(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut sets = Vec::new();
    let mut sweeps = Vec::new();
    for line in text.lines().take(16) {
        if let Some(flag) = line.strip_prefix("--sweep ") {
            match Sweep::parse(flag) {
                Ok(s) => sweeps.push(s),
                Err(_) => return,
            }
        } else {
            match Edit::parse(line.strip_prefix("--set ").unwrap_or(line)) {
                Ok(e) => sets.push(e),
                Err(_) => return,
            }
        }
    }
    let points = sweeps
        .iter()
        .try_fold(1usize, |n, s| n.checked_mul(s.values.len()));
    if points.is_none_or(|n| n > 4) {
        let mut edits = sets;
        edits.extend(sweeps.iter().map(|s| Edit {
            path: s.path.clone(),
            value: s.values[0].clone(),
            swept: true,
        }));
        let _ = whitecell::batch::edit::load_edited(tutorial(), &edits);
        return;
    }
    let policies = |c: &Compiled| whitecell::cli::policies(c, &[]).map_err(|e| e.message);
    let _ = Plan::new(tutorial(), 1, 1, sets, sweeps, &policies);
}
