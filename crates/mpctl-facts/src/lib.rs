//! AWS facts that both sides of mpctl use — the CLI (its campaign rate limiter, its input checks)
//! and the emulator (quota enforcement, its answers): quotas, enum values, member lists, AWS's money strings and currency precision — kept in one place so the two cannot
//! drift. Only facts AWS publishes (or that the emulator must decide once where AWS is silent,
//! marked `[I]`) live here; no behaviour. This crate depends on nothing.

pub mod agreement;
pub mod money;
pub mod opportunity;
pub mod quotas;

pub use quotas::{Api, Quota, QUOTAS};
