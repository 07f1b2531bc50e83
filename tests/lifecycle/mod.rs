//! Issue 4's lifecycle flows through the built binary and the real SDK crates against the
//! emulator: offers (list, describe, clone, extend, expire, replace, rate cards), agreements
//! (search, describe, terms, cancellation requests) and the buyer side (Discovery + Agreement
//! buyer operations).

mod agreement;
mod buyer;
mod cancellation;
mod discovery;
mod offer;
mod payment;
mod rate_card;
mod refund;

pub use crate::support::deal::{json_ok, no_stand_in, seller, state};

/// The first account in the Project's buyer_ids.txt.
pub const BUYER: &str = "111122223333";
pub const OTHER_BUYER: &str = "444455556666";
