//! Damaged key files, 1,200 of them: bit flips, truncations, appended bytes, swapped lines, and a
//! key digit changed with the check line made good again. Each is refused with the file named and
//! where a good copy is (the white cell's `keys/`), or — only the forged ones, which are another
//! key — reads and is refused by the game it is used on. Never a panic, never read as the right
//! key. The folder's own copy, damaged, is rewritten from the save. `WHITECELL_CORRUPT_CASES` and
//! `WHITECELL_CORRUPT_SEED` as for saves.

// The tally is printed for whoever runs it with --nocapture.
#![allow(clippy::print_stdout)]

mod common;
use common::*;

fn key_cases(base: &str, mix: &mut Mix, n: usize) -> (String, Vec<u8>) {
    let b = base.as_bytes();
    match n % 5 {
        0 => {
            let (i, bit) = (mix.below(b.len()), mix.below(8));
            let mut x = b.to_vec();
            x[i] ^= 1 << bit;
            (format!("byte {i} bit {bit} flipped"), x)
        }
        1 => {
            let cut = mix.below(b.len());
            (format!("cut to {cut} bytes"), b[..cut].to_vec())
        }
        2 => {
            let mut x = b.to_vec();
            let pool: [&[u8]; 4] = [b"\n", b" ", b"key = \"00\"\n", &[0xfe]];
            x.extend_from_slice(pool[mix.below(pool.len())]);
            ("bytes appended".into(), x)
        }
        3 => {
            let mut l: Vec<&str> = base.split_inclusive('\n').collect();
            let i = mix.below(l.len());
            let j = (i + 1 + mix.below(l.len() - 1)) % l.len();
            l.swap(i, j);
            (
                format!("lines {i} and {j} swapped"),
                l.concat().into_bytes(),
            )
        }
        _ => {
            // A digit of the key changed, and the check line made good again over it.
            let k = whitecell::game::store::keyfile::parse(base).unwrap();
            let mut key: Vec<u8> = k.key.into_bytes();
            let i = mix.below(key.len());
            key[i] = if key[i] == b'0' { b'1' } else { b'0' };
            let forged = whitecell::game::store::intake::SideKey {
                key: String::from_utf8(key).unwrap(),
                ..k
            };
            (
                format!("key digit {i} changed, check recomputed"),
                whitecell::game::store::keyfile::to_text(&forged).into_bytes(),
            )
        }
    }
}

#[test]
fn a_thousand_damaged_key_files_are_refused_with_the_way_back() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("g");
    new_game(&dir, 12);
    let side = sides()[0].clone();
    let keyp = dir.join("keys").join(format!("{side}.key"));
    let good = std::fs::read_to_string(&keyp).unwrap();
    let real = whitecell::game::store::keyfile::parse(&good).unwrap();
    let v = view(&dir, &side);
    let orders = tmp.path().join("o.ron");
    std::fs::write(
        &orders,
        orders_ron(&v.game, &side, 1, &[(&v.own[0].id, "Hold")]),
    )
    .unwrap();
    let mut mix = Mix(env_u64("WHITECELL_CORRUPT_SEED", 99));
    let cases = env_u64("WHITECELL_CORRUPT_CASES", 1_200) as usize;
    let (mut refused, mut forged, mut same) = (0, 0, 0);
    let bad = tmp.path().join("bad.key");
    for n in 0..cases {
        let (what, bytes) = key_cases(&good, &mut mix, n);
        let normal = String::from_utf8_lossy(&bytes).replace("\r\n", "\n");
        if normal == good {
            same += 1;
            continue;
        }
        std::fs::write(&bad, &bytes).unwrap();
        match std::panic::catch_unwind(|| whitecell::game::store::keyfile::read(&bad)) {
            Err(_) => panic!("{what}: reading the key panicked"),
            Ok(Err(e)) => {
                assert!(e.rejected, "{what}: {}", e.message);
                assert!(
                    e.message.contains(&bad.to_string_lossy().to_string())
                        && e.message.contains("keys/SIDE.key"),
                    "{what}: names the file and where a good copy is: {}",
                    e.message
                );
                refused += 1;
            }
            Ok(Ok(k)) => {
                // Only a forged key reads: it is another key, which signs nothing the white
                // cell accepts.
                assert_ne!(k.key, real.key, "{what}");
                forged += 1;
            }
        }
        if n % 50 == 0 || n % 50 == 29 {
            let (o, b, d) = (
                orders.to_string_lossy().to_string(),
                bad.to_string_lossy().to_string(),
                dir.to_string_lossy().to_string(),
            );
            let r = wc(&["orders", "submit", &o, &d, "--key", &b]);
            assert_eq!(r.status.code(), Some(1), "{what}: {}", err(&r));
            assert!(err(&r).contains("key"), "{}", err(&r));
            assert!(!err(&r).contains("panicked"));
        }
    }
    println!(
        "{} damaged key files: {refused} refused as damaged, {forged} forged (re-checked) keys \
         refused by the game, {same} changed nothing",
        refused + forged
    );
    assert!(refused + forged >= cases * 9 / 10);
    assert_eq!(forged, cases / 5, "every forged key read as a key file");
    // The folder's own copy, damaged, is rewritten from the save with a word; a forged one that
    // reads but holds another key is refused.
    std::fs::write(&keyp, &good[..good.len() - 3]).unwrap();
    let o = wc(&["status", &dir.to_string_lossy()]);
    assert!(o.status.success() && err(&o).contains("was damaged: rewritten"));
    assert_eq!(std::fs::read_to_string(&keyp).unwrap(), good);
    let forged_key = key_cases(&good, &mut Mix(1), 4).1;
    std::fs::write(&keyp, forged_key).unwrap();
    let e = fails(wc(&["status", &dir.to_string_lossy()]), 1, "another key");
    assert!(e.contains("game.save.bak"), "{e}");
}
