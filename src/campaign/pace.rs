//! The campaign's [`Limiter`] as the neutral [`Pace`], so callers outside the campaign (the
//! dashboard's background reads) are paced by the same token buckets without importing it.

use std::future::Future;
use std::pin::Pin;

use super::limiter::Limiter;
use crate::aws::pace::Pace;

impl Pace for Limiter {
    fn acquire<'a>(&'a self, op: &'a str) -> Pin<Box<dyn Future<Output = ()> + Send + 'a>> {
        Box::pin(Limiter::acquire(self, op))
    }
}
