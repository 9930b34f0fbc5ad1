//! The small cryptography a game folder needs, from well-kept crates rather than by hand: SHA-256
//! digests (`sha2`), HMAC-SHA256 (`hmac`, the same RustCrypto family) to sign orders with a side's
//! key, constant-time comparison (`subtle`), the operating system's randomness (`getrandom`, on
//! every platform it supports) for keys, salts and seeds, and the seed commitment published in
//! every view.

use crate::scenario::load::hex;
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// SHA-256 of `bytes`, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// HMAC-SHA256 (RFC 2104) of `msg` under `key`, lower-case hex.
pub fn hmac_sha256_hex(key: &[u8], msg: &[u8]) -> String {
    // HMAC takes a key of any length (a long key is hashed first), so this cannot fail.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else {
        unreachable!("HMAC accepts keys of every length")
    };
    mac.update(msg);
    hex(&mac.finalize().into_bytes())
}

/// Compares two strings in time independent of where they differ (their lengths are not secret).
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// `n` bytes from the operating system's randomness. Keys and seeds must be unpredictable, so there
/// is no fallback: without it this fails and no game is made.
pub fn random_bytes(n: usize) -> std::io::Result<Vec<u8>> {
    let mut buf = vec![0u8; n];
    getrandom::fill(&mut buf).map_err(|e| std::io::Error::other(e.to_string()))?;
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

    /// RFC 4231, test cases 1 to 7 (case 5's output is truncated to 128 bits).
    #[test]
    fn hmac_matches_rfc4231() {
        let h = |s: &str| -> Vec<u8> {
            (0..s.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
                .collect()
        };
        let cases: [(Vec<u8>, Vec<u8>, &str); 7] = [
            (
                vec![0x0b; 20],
                b"Hi There".to_vec(),
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
            ),
            (
                b"Jefe".to_vec(),
                b"what do ya want for nothing?".to_vec(),
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            ),
            (
                vec![0xaa; 20],
                vec![0xdd; 50],
                "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
            ),
            (
                h("0102030405060708090a0b0c0d0e0f10111213141516171819"),
                vec![0xcd; 50],
                "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
            ),
            (
                vec![0x0c; 20],
                b"Test With Truncation".to_vec(),
                "a3b6167473100ee06e0c796c2955552b",
            ),
            (
                vec![0xaa; 131],
                b"Test Using Larger Than Block-Size Key - Hash Key First".to_vec(),
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
            ),
            (
                vec![0xaa; 131],
                b"This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.".to_vec(),
                "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
            ),
        ];
        for (i, (key, msg, want)) in cases.iter().enumerate() {
            let got = hmac_sha256_hex(key, msg);
            assert!(got.starts_with(want), "RFC 4231 case {}: {got}", i + 1);
        }
    }

    #[test]
    fn random_bytes_differ() {
        let a = random_bytes(32).unwrap();
        let b = random_bytes(32).unwrap();
        assert_eq!(a.len(), 32);
        assert_ne!(a, b, "two draws of 256 bits from the OS");
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
