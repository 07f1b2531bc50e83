//! The Agreement API's part of `emulator seed catalog`: an agreement made by the constructor the
//! emulated buyer's acceptance uses (`accept::agreement_as`: accepted terms, end time, estimated
//! charges from the offer), accepted in the past so that it ends, ended, was cancelled or renewed
//! where the seeding asked, then given the state the clock would have given it. No event (AWS
//! announces changes, not history); its charges are planned and invoiced by the next advance, as
//! for any new agreement.

use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};

use super::accept::agreement_as;
use super::store::{Agreement, AgreementState, Status};
use crate::views::OfferView;

/// What became of a seeded agreement by now.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Fate {
    /// ACTIVE, ending about this many days from now (within its own term length).
    Active { ends_in_days: i64 },
    /// EXPIRED this many days ago.
    Expired { ended_days_ago: i64 },
    /// The buyer cancelled it this many days ago (CANCELLED); it would have ended later.
    Cancelled {
        ends_in_days: i64,
        cancelled_days_ago: i64,
    },
    /// The buyer turned auto-renew on and the first term renewed in place; the renewed term ends
    /// about this many days from now. Offers without a renewal term make it plain ACTIVE.
    Renewed { ends_in_days: i64 },
}

impl AgreementState {
    /// Adds the agreement `id` between the offer's seller and `buyer` with the given fate; its
    /// status as SearchAgreements shows it, its end time, and whether it renewed.
    pub(crate) fn seed_agreement(
        &mut self,
        offer: &OfferView<'_>,
        (buyer, id): (&str, String),
        fate: Fate,
        now: DateTime<Utc>,
    ) -> (&'static str, DateTime<Utc>, bool) {
        let earliest = offer.released_at.unwrap_or(now) + Duration::hours(1);
        let make = |accepted: DateTime<Utc>| {
            agreement_as(offer, buyer, accepted.max(earliest), id.clone())
        };
        let term = {
            let probe = make(now);
            probe.end_time - probe.start_time
        };
        let days = Duration::days;
        let a = match fate {
            Fate::Active { ends_in_days } => {
                make(accepted_for(now + days(ends_in_days), term, now))
            }
            Fate::Expired { ended_days_ago } => {
                let mut a = make(now - days(ended_days_ago) - term);
                a.end_time = a.end_time.min(now - Duration::minutes(1));
                a.status = Status::Expired;
                a.last_update_time = a.end_time;
                a
            }
            Fate::Cancelled {
                ends_in_days,
                cancelled_days_ago,
            } => {
                let mut a = make(accepted_for(now + days(ends_in_days), term, now));
                a.status = Status::Cancelled;
                a.last_update_time = (now - days(cancelled_days_ago)).max(a.acceptance_time);
                a
            }
            Fate::Renewed { ends_in_days } => renewed(make, term, now + days(ends_in_days), now),
        };
        let shown = (a.status.as_str(), a.end_time, a.auto_renews());
        self.insert(a);
        shown
    }
}

/// When a buyer accepted an agreement of length `term` that ends near `end`: `end - term`, or,
/// for a term shorter than the wait, some time in the last term so that it is still ACTIVE.
fn accepted_for(end: DateTime<Utc>, term: Duration, now: DateTime<Utc>) -> DateTime<Utc> {
    let accepted = end - term;
    if accepted <= now {
        return accepted;
    }
    let term_days = term.num_days().max(1);
    now - Duration::days((end - now).num_days() % term_days)
}

/// An agreement whose first term ended and renewed in place, exactly as `AgreementState::expire`
/// renews one with auto-renew on.
fn renewed(
    make: impl Fn(DateTime<Utc>) -> Agreement,
    term: Duration,
    end: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Agreement {
    let mut a = make(end - term - term);
    let first_end = a.end_time;
    if !a.has_renewal_term() || first_end > now {
        return make(accepted_for(end, term, now));
    }
    for t in a
        .terms
        .iter_mut()
        .filter(|t| t.get("renewalTerm").is_some())
    {
        t["renewalTerm"]["configuration"] = json!({ "enableAutoRenew": true });
    }
    let length = a.end_time - a.start_time;
    while a.end_time <= now {
        a.last_update_time = a.end_time;
        a.end_time += length;
    }
    debug_assert!(
        a.auto_renews(),
        "{:?}",
        a.terms.first().map(Value::to_string)
    );
    a
}
