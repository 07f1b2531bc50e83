//! Pacing requests at AWS's per-operation quotas, as an interface: code that must keep its
//! own calls within the quotas (the dashboard's background reads) waits on [`Pace::acquire`]
//! without depending on who implements it. The campaign's token-bucket limiter does, and the
//! command that wires the two hands it in, so the dashboard need not import the campaign.

use std::future::Future;
use std::pin::Pin;

/// Spaces requests per operation (e.g. `AWSPartnerCentralSelling.GetOpportunity`).
pub trait Pace: Send + Sync {
    /// Waits for `op`'s next slot and books it.
    fn acquire<'a>(&'a self, op: &'a str) -> Pin<Box<dyn Future<Output = ()> + Send + 'a>>;
}
