//! The one task waiter: Partner Central's asynchronous tasks (engagement from opportunity,
//! engagement by accepting an invitation) are listed by id until they leave IN_PROGRESS. Only
//! the list call and the summary type differ between them, so callers pass those in.

use std::future::Future;

use aws_sdk_partnercentralselling::types::TaskStatus;

use super::wait::{self, Policy, Poll, Progress, Subject};

/// Polls `summary` (the task's entry in its List…Tasks answer, `None` if not listed yet) until
/// `status` says the task is over; returns that last summary, COMPLETE or not. `on_change`
/// hears each new status while it runs (see [`wait::until_observed`]).
pub async fn wait<T, F, Fut>(
    progress: &dyn Progress,
    subject: Subject<'_>,
    policy: Policy,
    mut summary: F,
    status: fn(&T) -> Option<&TaskStatus>,
    on_change: &mut dyn FnMut(&str) -> anyhow::Result<()>,
) -> anyhow::Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = anyhow::Result<Option<T>>>,
{
    let check = || {
        let next = summary();
        async move {
            let Some(t) = next.await? else {
                return Ok(Poll::Pending("not listed yet".into()));
            };
            Ok(match status(&t) {
                Some(TaskStatus::InProgress) | None => Poll::Pending("IN_PROGRESS".into()),
                Some(_) => Poll::Done(t),
            })
        }
    };
    wait::until_observed(progress, subject, policy, check, on_change).await
}
