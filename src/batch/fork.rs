//! Fork (to come).
