//! Test vectors for the dice: the stream keys, the raw draws and the faces are pinned, so a change
//! to the generator, the key derivation or the face mapping cannot pass unnoticed. If one of these
//! fails, every saved game and published result would change: do not update them lightly.

use whitecell::dice::{Dice, Phase, d6_from, splitmix64, stream_key};

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

#[test]
fn splitmix64_matches_the_reference_sequence() {
    // Reference values of SplitMix64 from state 0 (Vigna's splitmix64.c).
    let mut s = 0u64;
    assert_eq!(splitmix64(&mut s), 0xe220a8397b1dcdaf);
    assert_eq!(splitmix64(&mut s), 0x6e789e6aa1b965f4);
    assert_eq!(splitmix64(&mut s), 0x06c45d188009454f);
}

#[test]
fn stream_keys_are_pinned() {
    assert_eq!(hex(&stream_key(1, 1, Phase::Detection)), KEY_1_1_DETECTION);
    assert_ne!(
        stream_key(1, 1, Phase::Detection),
        stream_key(1, 1, Phase::Engagement)
    );
    assert_ne!(
        stream_key(1, 1, Phase::Detection),
        stream_key(1, 2, Phase::Detection)
    );
    assert_ne!(
        stream_key(1, 1, Phase::Detection),
        stream_key(2, 1, Phase::Detection)
    );
    assert_ne!(
        stream_key(1, 1, Phase::Policy(0)),
        stream_key(1, 1, Phase::Policy(1))
    );
}

#[test]
fn raw_draws_and_faces_are_pinned() {
    let mut s = Dice::seeded(1).stream(1, Phase::Detection);
    let raw: Vec<u32> = (0..4).map(|_| s.next_u32()).collect();
    assert_eq!(raw, RAW_1_1_DETECTION);
    let mut s = Dice::seeded(1).stream(1, Phase::Detection);
    let faces: Vec<u8> = (0..12).map(|_| s.d6()).collect();
    assert_eq!(faces, D6_1_1_DETECTION);
    let mut s = Dice::seeded(42).stream(3, Phase::Engagement);
    let faces: Vec<u8> = (0..12).map(|_| s.d6()).collect();
    assert_eq!(faces, D6_42_3_ENGAGEMENT);
}

#[test]
fn faces_map_from_raw_draws_by_rejection() {
    // x % 6 + 1, rejecting the 4 values at the top of the u32 range that would bias the die.
    let cases = [(0u32, 1u8), (5, 6), (6, 1), (4_294_967_291, 6)];
    for (x, face) in cases {
        assert_eq!(d6_from(|| x), face, "{x}");
    }
    let mut draws = [4_294_967_292u32, 4_294_967_295, 13].into_iter();
    assert_eq!(d6_from(|| draws.next().unwrap()), 2);
}

#[test]
fn faces_are_uniform() {
    let mut s = Dice::seeded(9).stream(1, Phase::Engagement);
    let mut n = [0u32; 6];
    for _ in 0..60_000 {
        n[usize::from(s.d6()) - 1] += 1;
    }
    assert!(n.iter().all(|c| (9_500..10_500).contains(c)), "{n:?}");
}

#[test]
fn scripted_dice_replay_their_faces_per_phase() {
    let d = Dice::scripted_phases(&[6, 5], &[2], &[]);
    let mut det = d.stream(1, Phase::Detection);
    let mut eng = d.stream(1, Phase::Engagement);
    assert_eq!((det.d6(), eng.d6(), det.d6()), (6, 2, 5));
}

const KEY_1_1_DETECTION: &str = "12117831d82d4b9127df0a03a7fd66d556564078addc92be220de3a91484bfee";
const RAW_1_1_DETECTION: [u32; 4] = [2946951018, 1284522854, 141207093, 1108285839];
const D6_1_1_DETECTION: [u8; 12] = [1, 3, 4, 4, 6, 3, 1, 1, 4, 2, 3, 6];
const D6_42_3_ENGAGEMENT: [u8; 12] = [1, 3, 5, 3, 2, 1, 6, 1, 4, 2, 3, 5];

#[test]
fn the_block_at_a_time_chacha8_is_rand_chachas_keystream() {
    use rand::{Rng, SeedableRng};
    // Many keys, and long enough streams to cross many blocks (and rand_chacha's 4-block batches).
    for k in 0..64u64 {
        let key = stream_key(
            k.wrapping_mul(0x9E37_79B9_7F4A_7C15),
            k as u32,
            Phase::Policy(k as u16),
        );
        let mut ours = whitecell::dice::ChaCha8::new(key);
        let mut theirs = rand_chacha::ChaCha8Rng::from_seed(key);
        for i in 0..(1 + k * 37) {
            assert_eq!(ours.next_u32(), theirs.next_u32(), "key {k}, word {i}");
        }
    }
}

#[test]
fn the_games_chacha8_is_a_rand_generator_with_rand_chachas_words() {
    use rand::{Rng, SeedableRng};
    let key = stream_key(7, 3, Phase::Engagement);
    let mut ours = whitecell::dice::ChaCha8::from_seed(key);
    let mut theirs = rand_chacha::ChaCha8Rng::from_seed(key);
    for _ in 0..40 {
        assert_eq!(Rng::next_u64(&mut ours), theirs.next_u64());
    }
    let (mut a, mut b) = ([0u8; 37], [0u8; 37]);
    ours.fill_bytes(&mut a);
    theirs.fill_bytes(&mut b);
    assert_eq!(a, b);
}
