//! ChaCha with 8 rounds, one 64-byte block at a time: the keystream of `rand_chacha`'s
//! `ChaCha8Rng` (key = the 32-byte seed, stream 0, 64-bit block counter from 0), word for word.
//!
//! `rand_chacha` makes four blocks at a time, which is quick for long streams; most of the game's
//! streams draw a handful of words (a bot's choices, one engagement's die), so a block at a time
//! wastes nothing. `tests/dice_vectors.rs` holds the two to each other over many keys and draws.

const SIGMA: [u32; 4] = [0x6170_7865, 0x3320_646e, 0x7962_2d32, 0x6b20_6574];

/// A ChaCha8 keystream read as `u32` words.
#[derive(Debug, Clone)]
pub struct ChaCha8 {
    key: [u32; 8],
    counter: u64,
    block: [u32; 16],
    /// The next word of `block` to hand out (16: make the next block).
    next: usize,
}

#[inline(always)]
fn quarter(s: &mut [u32; 16], a: usize, b: usize, c: usize, d: usize) {
    s[a] = s[a].wrapping_add(s[b]);
    s[d] = (s[d] ^ s[a]).rotate_left(16);
    s[c] = s[c].wrapping_add(s[d]);
    s[b] = (s[b] ^ s[c]).rotate_left(12);
    s[a] = s[a].wrapping_add(s[b]);
    s[d] = (s[d] ^ s[a]).rotate_left(8);
    s[c] = s[c].wrapping_add(s[d]);
    s[b] = (s[b] ^ s[c]).rotate_left(7);
}

impl ChaCha8 {
    /// The stream of a 32-byte key.
    pub fn new(seed: [u8; 32]) -> ChaCha8 {
        let mut key = [0u32; 8];
        for (k, chunk) in key.iter_mut().zip(seed.chunks_exact(4)) {
            *k = u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
        }
        ChaCha8 {
            key,
            counter: 0,
            block: [0; 16],
            next: 16,
        }
    }

    fn refill(&mut self) {
        let mut input = [0u32; 16];
        input[..4].copy_from_slice(&SIGMA);
        input[4..12].copy_from_slice(&self.key);
        input[12] = self.counter as u32;
        input[13] = (self.counter >> 32) as u32;
        let mut s = input;
        for _ in 0..4 {
            quarter(&mut s, 0, 4, 8, 12);
            quarter(&mut s, 1, 5, 9, 13);
            quarter(&mut s, 2, 6, 10, 14);
            quarter(&mut s, 3, 7, 11, 15);
            quarter(&mut s, 0, 5, 10, 15);
            quarter(&mut s, 1, 6, 11, 12);
            quarter(&mut s, 2, 7, 8, 13);
            quarter(&mut s, 3, 4, 9, 14);
        }
        for (o, i) in s.iter_mut().zip(&input) {
            *o = o.wrapping_add(*i);
        }
        self.block = s;
        self.counter = self.counter.wrapping_add(1);
        self.next = 0;
    }

    /// The next word of the keystream.
    #[inline]
    pub fn next_u32(&mut self) -> u32 {
        if self.next == 16 {
            self.refill();
        }
        let w = self.block[self.next];
        self.next += 1;
        w
    }
}

/// A `rand` generator like any other, so the game's streams can drive `rand`'s own tools where a
/// caller wants them (the game itself maps draws to faces itself: see the module above).
impl rand::TryRng for ChaCha8 {
    type Error = std::convert::Infallible;

    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        Ok(ChaCha8::next_u32(self))
    }

    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        // Low word first, as rand_chacha reads two words.
        let lo = u64::from(ChaCha8::next_u32(self));
        let hi = u64::from(ChaCha8::next_u32(self));
        Ok(hi << 32 | lo)
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        for chunk in dst.chunks_mut(4) {
            let w = ChaCha8::next_u32(self).to_le_bytes();
            chunk.copy_from_slice(&w[..chunk.len()]);
        }
        Ok(())
    }
}

impl rand::SeedableRng for ChaCha8 {
    type Seed = [u8; 32];

    fn from_seed(seed: [u8; 32]) -> ChaCha8 {
        ChaCha8::new(seed)
    }
}
