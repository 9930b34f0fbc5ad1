//! The game folder's store: the authoritative save and what keeps it whole — the journal of every
//! input, playback (open, replay, check hashes), the lock, the audit of a save against its folder,
//! the derived files rebuilt from it, the side keys and the intake of signed orders.

pub mod audit;
pub mod crypto;
pub mod derived;
pub mod folder;
pub mod intake;
pub mod journal;
pub mod keyfile;
pub mod lock;
pub mod playback;
pub mod save;
