//! AWS's co-sell review of a submitted opportunity in the `AWS` catalog, as a state rather than
//! an error: AWS takes days, and UpdateOpportunity is refused until it approves. `run-all` and
//! `commit` read the review status (GetOpportunity), wait up to `--review-timeout`, and then
//! either go on (Approved), stop with exit 4 and the command to re-run (Submitted, In review),
//! or stop with exit 3 and AWS's reasons (Action Required, Rejected).

use aws_sdk_partnercentralselling::types::ReviewStatus;

use super::Ctx;
use crate::aws::opportunity_update;
use crate::aws::wait::{self, Policy, Poll, Subject};
use crate::exit::Failure;
use crate::settings::Catalog;

/// The review as last read: status plus AWS's reason fields.
struct Review {
    status: ReviewStatus,
    reason: Option<String>,
    comments: Option<String>,
}

/// Returns once AWS has approved opportunity `id` (at once in `Sandbox`, where mpctl approves
/// it itself, and when the state already says Approved). `timeout` overrides
/// `wait.review_timeout_seconds`; 0 reads the status once.
pub async fn await_approval(
    ctx: &mut Ctx<'_>,
    id: &str,
    timeout: Option<f64>,
) -> anyhow::Result<()> {
    if ctx.settings.catalog != Catalog::Aws
        || ctx.state.review_status.as_deref() == Some("Approved")
    {
        return Ok(());
    }
    // Both sources are checked up front: --review-timeout by clap, the config on load.
    let seconds = timeout.unwrap_or(ctx.settings.config.wait.review_timeout_seconds);
    let policy = Policy::from_config(&ctx.settings.config.wait, seconds);
    let resume = crate::resume::command_line();
    let client = &ctx.clients.partner;
    let catalog = ctx.settings.catalog.as_str().to_string();
    let last = std::cell::RefCell::new(None);
    let what = format!("AWS's review of opportunity {id}");
    let subject = Subject {
        step: "review",
        what: &what,
        key: Some(id),
        fresh: false,
    };
    let outcome = wait::until(ctx.printer, subject, policy, || async {
        let review = read(client, &catalog, id).await?;
        let pending = matches!(
            review.status,
            ReviewStatus::Submitted | ReviewStatus::InReview | ReviewStatus::PendingSubmission
        );
        let status = review.status.as_str().to_string();
        *last.borrow_mut() = Some(status.clone());
        Ok(if pending {
            Poll::Pending(status)
        } else {
            Poll::Done(review)
        })
    })
    .await;
    let review = match outcome {
        Ok(review) => review,
        Err(e) if matches!(e.downcast_ref::<Failure>(), Some(Failure::TimedOut(_))) => {
            let status = last.take().unwrap_or_else(|| "Submitted".into());
            ctx.state.review_status = Some(status.clone());
            ctx.save()?;
            return Err(Failure::TimedOut(format!(
                "AWS is reviewing opportunity {id} (review status: {status}); everything is saved — re-run `{resume}` once it is Approved\n  hint: AWS reviews can take days; follow it with `mpctl status` or in Partner Central, and pass --review-timeout SECONDS to wait here"
            ))
            .into());
        }
        Err(e) => return Err(e),
    };
    ctx.state.review_status = Some(review.status.as_str().to_string());
    ctx.save()?;
    if review.status == ReviewStatus::Approved {
        ctx.printer
            .info(format!("review: AWS approved opportunity {id}"));
        return Ok(());
    }
    Err(Failure::ResourceFailed(format!(
        "AWS's review of opportunity {id} ended {}: {} — {}\n  hint: {}",
        review.status.as_str(),
        review.reason.as_deref().unwrap_or("no reason given"),
        review.comments.as_deref().unwrap_or("no comments"),
        if review.status == ReviewStatus::Rejected {
            "a rejected opportunity cannot be resubmitted; create a new one (clear OPPORTUNITY_ID and the engagement ids from the state file)"
        } else {
            "update the fields AWS names (Partner Central, or `mpctl opportunity` commands), then re-run this command"
        }
    ))
    .into())
}

async fn read(
    client: &aws_sdk_partnercentralselling::Client,
    catalog: &str,
    id: &str,
) -> anyhow::Result<Review> {
    let out = opportunity_update::read(client, catalog, id).await?;
    let lc = out.life_cycle();
    Ok(Review {
        status: lc
            .and_then(|l| l.review_status())
            .cloned()
            .unwrap_or(ReviewStatus::PendingSubmission),
        reason: lc
            .and_then(|l| l.review_status_reason())
            .map(str::to_string),
        comments: lc.and_then(|l| l.review_comments()).map(str::to_string),
    })
}
