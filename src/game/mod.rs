//! The instructor's game folder and the file handling it needs.

pub mod atomic;
