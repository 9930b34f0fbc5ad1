//! The small cryptography a game folder needs: SHA-256 digests, HMAC-SHA256 (RFC 2104, over the
//! `sha2` crate) to sign orders with a side's key, OS randomness for keys, salts and seeds, and the
//! seed commitment published in every view.

use crate::scenario::load::hex;
use sha2::{Digest, Sha256};
use std::io::Read;

/// SHA-256 of `bytes`, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// HMAC-SHA256 of `msg` under `key`, lower-case hex.
pub fn hmac_sha256_hex(key: &[u8], msg: &[u8]) -> String {
    const BLOCK: usize = 64;
    let mut k = [0u8; BLOCK];
    if key.len() > BLOCK {
        k[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let mut inner = Sha256::new();
    inner.update(k.map(|b| b ^ 0x36));
    inner.update(msg);
    let mut outer = Sha256::new();
    outer.update(k.map(|b| b ^ 0x5c));
    outer.update(inner.finalize());
    hex(&outer.finalize())
}

/// Compares two strings in time independent of where they differ.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// `n` bytes from the operating system's randomness. Keys and seeds must be unpredictable, so there
/// is no fallback: without `/dev/urandom` this fails and no game is made.
pub fn random_bytes(n: usize) -> std::io::Result<Vec<u8>> {
    let mut buf = vec![0u8; n];
    let mut f = std::fs::File::open("/dev/urandom")?;
    f.read_exact(&mut buf)?;
    Ok(buf)
}

/// A random key (or salt) of `bytes` bytes, hex.
pub fn random_hex(bytes: usize) -> std::io::Result<String> {
    Ok(hex(&random_bytes(bytes)?))
}

/// A random game seed.
pub fn random_seed() -> std::io::Result<u64> {
    let b = random_bytes(8)?;
    let mut a = [0u8; 8];
    a.copy_from_slice(&b);
    Ok(u64::from_le_bytes(a))
}

/// The public commitment to a seed: SHA-256 of a domain tag, the salt and the seed. Publishing it
/// binds the white cell to the seed without revealing it; after the game, revealing the seed and the
/// salt lets anyone check the dice.
pub fn seed_commitment(seed: u64, salt: &str) -> String {
    sha256_hex(format!("whitecell seed commitment v1\n{salt}\n{seed}").as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc4231_case_2() {
        assert_eq!(
            hmac_sha256_hex(b"Jefe", b"what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn hmac_long_key_rfc4231_case_6() {
        let key = [0xaau8; 131];
        assert_eq!(
            hmac_sha256_hex(
                &key,
                b"Test Using Larger Than Block-Size Key - Hash Key First"
            ),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn commitment_depends_on_seed_and_salt() {
        let a = seed_commitment(7, "aa");
        assert_ne!(a, seed_commitment(8, "aa"));
        assert_ne!(a, seed_commitment(7, "ab"));
        assert_eq!(a, seed_commitment(7, "aa"));
    }

    #[test]
    fn same_compares() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "ab"));
    }
}
