//! The game's dice: seeded, portable, and derived per (game seed, turn, phase).
//!
//! Each phase of each turn draws from its own ChaCha8 stream ([`ChaCha8`], the keystream of
//! `rand_chacha`'s `ChaCha8Rng`) whose key is derived from the game seed,
//! the turn and the phase with SplitMix64, so a save holds only the seed, never generator internals,
//! and a change in one phase's draws cannot shift another's. Die faces are mapped from raw `u32`
//! draws here, by rejection, not by `rand`'s range sampling (whose algorithm may change between
//! releases). The test vectors in `tests/dice_vectors.rs` pin every step.
//!
//! For rule tests, [`Dice::scripted`] replaces the generator with a list of faces.

mod chacha;

pub use chacha::ChaCha8;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

/// What a stream is for: each gets its own draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Detection rolls.
    Detection,
    /// Combat rolls.
    Engagement,
    /// A bot policy choosing a side's orders (the side's index is mixed in).
    Policy(u16),
}

impl Phase {
    fn code(self) -> u64 {
        match self {
            Phase::Detection => 1,
            Phase::Engagement => 2,
            Phase::Policy(side) => 0x100 + u64::from(side),
        }
    }
}

/// One step of SplitMix64: a fast, well-mixed, portable 64-bit permutation.
pub fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The 32-byte ChaCha key of the stream for (seed, turn, phase).
pub fn stream_key(seed: u64, turn: u32, phase: Phase) -> [u8; 32] {
    let mut s = seed ^ 0x7768_6974_6563_656C; // "whitecel"
    splitmix64(&mut s);
    s ^= u64::from(turn).wrapping_mul(0xD6E8_FEB8_6659_FD93);
    splitmix64(&mut s);
    s ^= phase.code().wrapping_mul(0xA076_1D64_78BD_642F);
    let mut key = [0u8; 32];
    for chunk in key.chunks_exact_mut(8) {
        chunk.copy_from_slice(&splitmix64(&mut s).to_le_bytes());
    }
    key
}

/// Largest multiple of 6 that fits in a u32 draw's range: draws at or above it are rejected.
const D6_LIMIT: u32 = u32::MAX - (u32::MAX % 6); // 2^32 - (2^32 mod 6) = 4_294_967_292

/// Maps raw draws to a d6 face by rejection: uniform, and the same on every platform.
pub fn d6_from(mut next: impl FnMut() -> u32) -> u8 {
    loop {
        let x = next();
        if x < D6_LIMIT {
            return (x % 6) as u8 + 1;
        }
    }
}

/// Maps raw draws to a uniform index in `0..n` by rejection (`n` of 0 is taken as 1).
pub fn below_from(n: u32, mut next: impl FnMut() -> u32) -> u32 {
    let n = n.max(1);
    // Accept draws below the largest multiple of n that fits in 2^32.
    let span = 1u64 << 32;
    let limit = span - span % u64::from(n);
    loop {
        let x = next();
        if u64::from(x) < limit {
            return x % n;
        }
    }
}

/// The dice of one game: a seed, or a script of faces for tests.
#[derive(Debug, Clone)]
pub struct Dice {
    seed: u64,
    script: Option<Script>,
}

/// Scripted faces: one queue for every stream, or one per kind of phase.
#[derive(Debug, Clone)]
enum Script {
    Shared(Arc<Mutex<VecDeque<u8>>>),
    ByPhase {
        detection: Arc<Mutex<VecDeque<u8>>>,
        engagement: Arc<Mutex<VecDeque<u8>>>,
        policy: Arc<Mutex<VecDeque<u8>>>,
    },
}

fn queue(faces: &[u8]) -> Arc<Mutex<VecDeque<u8>>> {
    Arc::new(Mutex::new(faces.iter().copied().collect()))
}

impl Dice {
    /// Seeded dice.
    pub fn seeded(seed: u64) -> Dice {
        Dice { seed, script: None }
    }

    /// Dice that return these faces in order, in every stream, then fail loudly.
    pub fn scripted(faces: &[u8]) -> Dice {
        Dice {
            seed: 0,
            script: Some(Script::Shared(queue(faces))),
        }
    }

    /// Dice with one script per kind of phase: detection rolls, engagement rolls, policy choices.
    pub fn scripted_phases(detection: &[u8], engagement: &[u8], policy: &[u8]) -> Dice {
        let script = Script::ByPhase {
            detection: queue(detection),
            engagement: queue(engagement),
            policy: queue(policy),
        };
        Dice {
            seed: 0,
            script: Some(script),
        }
    }

    /// The game seed.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Is this a script?
    pub fn is_scripted(&self) -> bool {
        self.script.is_some()
    }

    /// The stream for one phase of one turn.
    pub fn stream(&self, turn: u32, phase: Phase) -> Stream {
        match &self.script {
            Some(Script::Shared(q)) => Stream::Scripted(q.clone()),
            Some(Script::ByPhase {
                detection,
                engagement,
                policy,
            }) => Stream::Scripted(
                match phase {
                    Phase::Detection => detection,
                    Phase::Engagement => engagement,
                    Phase::Policy(_) => policy,
                }
                .clone(),
            ),
            None => Stream::Seeded(ChaCha8::new(stream_key(self.seed, turn, phase))),
        }
    }
}

/// A stream of draws.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)]
pub enum Stream {
    /// From the portable generator.
    Seeded(ChaCha8),
    /// From a script.
    Scripted(Arc<Mutex<VecDeque<u8>>>),
}

impl Stream {
    /// A raw 32-bit draw (seeded streams only; a script supplies faces).
    pub fn next_u32(&mut self) -> u32 {
        match self {
            Stream::Seeded(r) => r.next_u32(),
            Stream::Scripted(_) => u32::from(self.scripted_face()) - 1,
        }
    }

    fn scripted_face(&mut self) -> u8 {
        match self {
            Stream::Scripted(q) => {
                let mut q = q.lock().unwrap_or_else(|e| e.into_inner());
                q.pop_front()
                    .unwrap_or_else(|| panic!("scripted dice ran out: the test needs more faces"))
            }
            Stream::Seeded(_) => unreachable!("only scripted streams hold faces"),
        }
    }

    /// One d6.
    pub fn d6(&mut self) -> u8 {
        match self {
            Stream::Seeded(r) => d6_from(|| r.next_u32()),
            Stream::Scripted(_) => {
                let f = self.scripted_face();
                assert!((1..=6).contains(&f), "scripted die face {f} is not 1..=6");
                f
            }
        }
    }

    /// A uniform index in `0..n` (n >= 1). A script gives `face - 1`, taken modulo n.
    pub fn below(&mut self, n: u32) -> u32 {
        match self {
            Stream::Seeded(r) => below_from(n, || r.next_u32()),
            Stream::Scripted(_) => (u32::from(self.scripted_face()).saturating_sub(1)) % n.max(1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn d6_rejects_the_biased_top_of_the_range() {
        assert_eq!(D6_LIMIT, 4_294_967_292);
        let mut draws = [u32::MAX, 4_294_967_292, 7].into_iter();
        assert_eq!(d6_from(|| draws.next().unwrap()), 2);
    }

    #[test]
    fn below_is_uniform_over_small_ranges() {
        let mut r = Dice::seeded(3).stream(1, Phase::Policy(0));
        let mut counts = [0u32; 5];
        for _ in 0..50_000 {
            counts[r.below(5) as usize] += 1;
        }
        assert!(
            counts.iter().all(|c| (9_000..11_000).contains(c)),
            "{counts:?}"
        );
    }
}
