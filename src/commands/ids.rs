//! Every id typed on the command line is checked for its documented shape before the command
//! connects (see [`crate::project::ids`]): one table of which argument holds which kind.

use crate::cli::PaymentIdArgs;
use crate::cli::{
    AgreementCommand as A, BuyerCommand as B, CancellationIdArgs, Command, EntityCommand as E,
    EntityPolicyCommand as EP, InvitationCommand as I, ListingCommand, OfferCommand as O,
    OpportunityCommand as P,
};
use crate::exit::bad_input;
use crate::project::ids::{check, Kind};

/// The ids `command` names, each with its kind and the argument it came from.
fn ids(command: &Command) -> Vec<(Kind, &'static str, Option<&str>)> {
    match command {
        Command::Offer(o) => match o {
            O::List(a) => vec![(Kind::Product, "--product", a.product.as_deref())],
            O::Describe(a) => vec![(Kind::Offer, "ID", s(&a.id))],
            O::Extend(a) => vec![(Kind::Offer, "ID", s(&a.id))],
            O::Expire(a) => vec![(Kind::Offer, "ID", s(&a.id))],
            O::Clone(a) => vec![(Kind::Offer, "ID", s(&a.id))],
            O::Replace(a) => vec![(Kind::Agreement, "AGREEMENT_ID", s(&a.agreement_id))],
        },
        Command::Agreement(a) => match a {
            A::Search(q) => vec![
                (Kind::Offer, "--offer", q.offer.as_deref()),
                (Kind::Product, "--product", q.product.as_deref()),
            ],
            A::Describe(d) | A::Terms(d) => vec![(Kind::Agreement, "ID", s(&d.id))],
            A::Cancel(c) => vec![(Kind::Agreement, "AGREEMENT_ID", s(&c.agreement_id))],
            A::Cancellations(c) => {
                vec![(Kind::Agreement, "AGREEMENT_ID", c.agreement_id.as_deref())]
            }
            A::Cancellation(r) => request(r),
            A::WithdrawCancellation(w) => request(&w.request),
            A::Invoices(i) => vec![(Kind::Agreement, "AGREEMENT_ID", s(&i.agreement_id))],
            A::Refund(r) => vec![(Kind::Agreement, "AGREEMENT_ID", s(&r.agreement_id))],
            A::Refunds(r) => vec![(Kind::Agreement, "AGREEMENT_ID", r.agreement_id.as_deref())],
            A::BulkRefund(_) => vec![],
            A::RequestPayment(r) => vec![(Kind::Agreement, "AGREEMENT_ID", s(&r.agreement_id))],
            A::PaymentRequests(r) => {
                vec![(Kind::Agreement, "AGREEMENT_ID", r.agreement_id.as_deref())]
            }
            A::PaymentRequest(r) | A::WithdrawPaymentRequest(r) => payment(r),
            A::RefundRequest(r) => vec![
                (Kind::Refund, "REFUND_ID", s(&r.refund_id)),
                (Kind::Agreement, "--agreement", s(&r.agreement)),
            ],
        },
        Command::Buyer(b) => match b {
            B::AcceptCancellation(a) => request(&a.request),
            B::RejectCancellation(a) => request(&a.request),
            B::Accept(a) => vec![(Kind::Offer, "OFFER_ID", s(&a.offer_id))],
            B::PaymentRequests(a) => vec![(Kind::Agreement, "--agreement", a.agreement.as_deref())],
            B::AcceptPayment(a) => payment(&a.request),
            B::RejectPayment(a) => payment(&a.request),
            B::Charges(a) => vec![(Kind::Agreement, "--agreement", a.agreement.as_deref())],
            B::SetPurchaseOrder(a) => vec![(Kind::Agreement, "--agreement", s(&a.agreement))],
            B::CancelAgreement(a) => vec![(Kind::Agreement, "AGREEMENT_ID", s(&a.agreement_id))],
            B::Replace(a) => vec![
                (Kind::Agreement, "AGREEMENT_ID", s(&a.agreement_id)),
                (Kind::Offer, "--offer", s(&a.offer)),
            ],
        },
        Command::Opportunity(p) => match p {
            P::Get { id } => vec![(Kind::Opportunity, "ID", id.as_deref())],
            P::SetStage { id, .. } => vec![(Kind::Opportunity, "ID", s(id))],
            P::List(_) | P::Export { .. } | P::Import { .. } => vec![],
            P::AwsSummary { id } => vec![(Kind::Opportunity, "ID", id.as_deref())],
            P::Assign(a) => vec![(Kind::Opportunity, "ID", s(&a.id))],
            P::Tags { id, .. } => vec![(Kind::Opportunity, "ID", s(id))],
            P::Detach(a) => vec![
                (Kind::Opportunity, "ID", s(&a.id)),
                (Kind::Offer, "--offer", a.offer.as_deref()),
            ],
        },
        Command::Lead(crate::cli::LeadCommand::Accept { id }) => {
            vec![(Kind::Invitation, "ID", s(id))]
        }
        Command::Metering(crate::cli::MeteringCommand::Send(a)) => {
            vec![(Kind::Product, "--product", s(&a.product))]
        }
        Command::Entitlement(crate::cli::EntitlementCommand::List(a)) => {
            vec![(Kind::Product, "--product", s(&a.product))]
        }
        Command::Engagement(e) => engagement(e),
        Command::Invitation(i) => match i {
            I::Accept { id } | I::Reject { id, .. } => vec![(Kind::Invitation, "ID", s(id))],
            I::List { .. } => vec![],
        },
        _ => vec![],
    }
}

/// The opportunities and snapshot jobs the engagement commands name (engagement ids are
/// checked in `commands/engagement.rs`).
fn engagement(e: &crate::cli::EngagementCommand) -> Vec<(Kind, &'static str, Option<&str>)> {
    use crate::cli::{EngagementCommand as G, SnapshotJobCommand as J};
    match e {
        G::Snapshot(a) | G::SnapshotShow { of: a, .. } | G::SnapshotJob(J::Create(a)) => {
            vec![(Kind::Opportunity, "--opportunity", s(&a.opportunity))]
        }
        G::SnapshotJob(J::Start { job_id } | J::Stop { job_id } | J::Delete { job_id }) => {
            vec![(Kind::SnapshotJob, "JOB_ID", s(job_id))]
        }
        _ => vec![],
    }
}

/// A cancellation request's id and its agreement's.
fn request(r: &CancellationIdArgs) -> Vec<(Kind, &'static str, Option<&str>)> {
    vec![
        (Kind::Cancellation, "REQUEST_ID", s(&r.request_id)),
        (Kind::Agreement, "--agreement", s(&r.agreement)),
    ]
}

/// A payment request's id and its agreement's.
fn payment(r: &PaymentIdArgs) -> Vec<(Kind, &'static str, Option<&str>)> {
    vec![
        (
            Kind::Payment,
            "PAYMENT_REQUEST_ID",
            s(&r.payment_request_id),
        ),
        (Kind::Agreement, "--agreement", s(&r.agreement)),
    ]
}

fn s(v: &str) -> Option<&str> {
    Some(v)
}

/// The entity id `command` names where any entity type is accepted (`entity tag|untag|tags`,
/// and `entity policy`, whose entity may be named by ARN: the id is its last segment).
fn entity_id(command: &Command) -> Option<&str> {
    match command {
        Command::Entity(E::Tag(a)) => Some(&a.id),
        Command::Entity(E::Untag(a)) => Some(&a.id),
        Command::Entity(E::Tags(a)) => Some(&a.id),
        Command::Entity(E::Policy { command }) => {
            let named = match command {
                EP::Get(a) | EP::Delete(a) => &a.entity,
                EP::Put(a) => &a.entity,
            };
            match named.strip_prefix("arn:") {
                Some(arn) => arn.rsplit('/').next(),
                None => Some(named),
            }
        }
        _ => None,
    }
}

/// Entity id prefixes the Catalog gives (products, offers, resale authorizations, offer sets,
/// solutions, experiences), each followed by lowercase letters and digits.
const ENTITY_PREFIXES: [&str; 6] = [
    "prod-",
    "offer-",
    "resaleauthz-",
    "offerset-",
    "soln-",
    "exp-",
];

/// An entity id of any type: a known prefix and a non-empty alphanumeric tail.
fn check_entity(id: &str) -> anyhow::Result<()> {
    let fits = ENTITY_PREFIXES.iter().any(|p| {
        id.strip_prefix(p)
            .is_some_and(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_alphanumeric()))
    });
    if fits {
        return Ok(());
    }
    Err(bad_input(format!(
        "ID '{id}' is not an entity id; nothing was sent\n  hint: e.g. prod-1a2b3c4d5e6f7 or offer-1a2b3c4d5e6f7 (`mpctl entity list TYPE` shows them)"
    )))
}

/// Exit 2 for the first id of the wrong shape; nothing is sent.
pub fn check_all(command: &Command) -> anyhow::Result<()> {
    for (kind, what, id) in ids(command) {
        if let Some(id) = id {
            check(kind, what, id)?;
        }
    }
    if let Some(id) = entity_id(command) {
        check_entity(id)?;
    }
    if let Command::Listing(ListingCommand::Preview(a)) = command {
        crate::listing::preview::check_id(&a.id)?;
    }
    if let Command::Listing(ListingCommand::Pull(a)) = command {
        crate::listing::file::check_ids(&a.ids)?;
    }
    Ok(())
}

/// `eng-` and 14 lowercase letters or digits (the model's pattern).
pub fn check_engagement(id: &str, flag: &str) -> anyhow::Result<()> {
    let ok = id.strip_prefix("eng-").is_some_and(|t| {
        t.len() == 14
            && t.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    });
    match ok {
        true => Ok(()),
        false => Err(bad_input(format!("{flag} '{id}' is not an engagement id (eng- and 14 lowercase letters or digits); nothing was sent"))),
    }
}
