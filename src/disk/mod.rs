//! Files on disk that must survive a crash: [`atomic`] writes (a temporary file beside the target,
//! synced, renamed into place) and the crash-test hooks ([`testhook`]) that count and stop those
//! steps. It stands below both the game folder ([`crate::game`]) and batch runs ([`crate::batch`]),
//! which write through it.

pub mod atomic;
pub mod testhook;
