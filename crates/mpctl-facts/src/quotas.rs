//! Per-operation request quotas, per account and second, as AWS documents them: the one table
//! the CLI's campaign limiter spaces its requests by and the emulator's `--enforce-quotas`
//! throttles at.
//!
//! Sources: Marketplace Catalog and Agreement — aws-behavior.md "Quotas", Agreement's post-sale
//! operations aws-postsale.md §2 (TPS column, from AWS's agreement-service-quotas page); Partner Central Selling
//! — the Partner Central quotas page (aws-events-cosell.md §B.8): reads 10/s, writes 1/s.
//!
//! Decisions where the documentation is silent ([I]), made here once:
//! - `AcceptEngagementInvitation` is in neither of Partner Central's published lists. It changes
//!   the invitation's state exactly as its documented sibling `RejectEngagementInvitation` (a
//!   1/s write) does, so it is a 1/s write too. (The CLI's limiter used to allow it 10/s; the
//!   emulator 1/s. 1/s is the safe side: a client spacing at 1/s is never throttled by a 10/s
//!   service, the reverse is.) `SubmitOpportunity` likewise counts as a write.
//! - Catalog's `BatchDescribeEntities` shares the List rate (10/s).
//! - Catalog's tag and resource-policy operations have no published rate: the writes
//!   (TagResource, UntagResource, PutResourcePolicy, DeleteResourcePolicy) take the change set
//!   write rate (5/s), the reads (ListTagsForResource, GetResourcePolicy) the List rate (10/s).
//! - Agreement's buyer operations (CreateAgreementRequest, AcceptAgreementRequest,
//!   GetAgreementEntitlements) share the service's common 5/s; GetAgreementTerms is documented
//!   as "5–10/s": 10/s.
//! - Marketplace Discovery publishes no quotas: the common read rate, 10/s.
//! - EventBridge's rule and target operations: 50/s for reads, 100/s for writes (the order of
//!   EventBridge's published per-Region API quotas; none is per account and second).
//! - SQS: standard queues have no published API quota ("nearly unlimited"): 100/s, well above
//!   what a consumer of Marketplace events needs.

/// The AWS API an operation belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Api {
    /// Marketplace Catalog (rest-json; operations are URI paths).
    Catalog,
    /// Partner Central Selling (awsJson1_0, `AWSPartnerCentralSelling.<op>`).
    PartnerCentral,
    /// Marketplace Agreement (awsJson1_0 or RPCv2 CBOR).
    Agreement,
    /// Marketplace Discovery (rest-json).
    Discovery,
    /// Marketplace Metering (awsJson1_1, `AWSMPMeteringService.<op>`).
    Metering,
    /// Marketplace Entitlement (RPCv2 CBOR or awsJson1_1).
    Entitlement,
    /// Amazon EventBridge (awsJson1_1, `AWSEvents.<op>`).
    EventBridge,
    /// Amazon SQS (awsJson1_0, `AmazonSQS.<op>`).
    Sqs,
}

/// One operation's default quota.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quota {
    pub api: Api,
    pub operation: &'static str,
    /// Requests per second per account (the burst AWS allows is one second's worth).
    pub per_second: f64,
}

const fn q(api: Api, operation: &'static str, per_second: f64) -> Quota {
    Quota {
        api,
        operation,
        per_second,
    }
}

use Api::{Agreement, Catalog, Discovery, EventBridge, PartnerCentral as Partner, Sqs};
use Api::{Entitlement, Metering};

/// EventBridge reads and writes, SQS ([I] in the header).
const EB_READ: f64 = 50.0;
const EB_WRITE: f64 = 100.0;
const SQS_RATE: f64 = 100.0;

/// Partner Central: reads and writes.
const PC_READ: f64 = 10.0;
const PC_WRITE: f64 = 1.0;

/// Every operation mpctl calls or the emulator serves, with its default quota.
pub const QUOTAS: &[Quota] = &[
    q(Catalog, "StartChangeSet", 5.0),
    q(Catalog, "DescribeChangeSet", 10.0),
    q(Catalog, "ListChangeSets", 5.0),
    q(Catalog, "CancelChangeSet", 5.0),
    q(Catalog, "DescribeEntity", 20.0),
    q(Catalog, "ListEntities", 10.0),
    q(Catalog, "BatchDescribeEntities", 10.0),
    // [I] Tags and resource policies: no published rate; writes at the change set write rate
    // (5/s), reads at the List rate (10/s).
    q(Catalog, "TagResource", 5.0),
    q(Catalog, "UntagResource", 5.0),
    q(Catalog, "ListTagsForResource", 10.0),
    q(Catalog, "PutResourcePolicy", 5.0),
    q(Catalog, "GetResourcePolicy", 10.0),
    q(Catalog, "DeleteResourcePolicy", 5.0),
    q(Partner, "CreateOpportunity", PC_WRITE),
    q(Partner, "GetOpportunity", PC_READ),
    q(Partner, "UpdateOpportunity", PC_WRITE),
    q(Partner, "ListOpportunities", PC_READ),
    q(Partner, "AssociateOpportunity", PC_WRITE),
    q(Partner, "DisassociateOpportunity", PC_WRITE),
    q(Partner, "AssignOpportunity", PC_WRITE),
    q(Partner, "ListSolutions", PC_READ),
    q(Partner, "StartEngagementFromOpportunityTask", PC_WRITE),
    q(Partner, "ListEngagementFromOpportunityTasks", PC_READ),
    q(Partner, "SubmitOpportunity", PC_WRITE),
    q(Partner, "GetAwsOpportunitySummary", PC_READ),
    q(Partner, "GetEngagementInvitation", PC_READ),
    q(Partner, "ListEngagementInvitations", PC_READ),
    q(Partner, "RejectEngagementInvitation", PC_WRITE),
    q(Partner, "AcceptEngagementInvitation", PC_WRITE),
    q(
        Partner,
        "StartEngagementByAcceptingInvitationTask",
        PC_WRITE,
    ),
    q(Partner, "ListEngagementByAcceptingInvitationTasks", PC_READ),
    q(Partner, "CreateEngagement", 15.0),
    // [I] No published rate (aws-events-cosell §B.8, Q15): `fallback`'s figures, listed.
    q(Partner, "GetEngagement", PC_READ),
    q(Partner, "ListEngagements", PC_READ),
    q(Partner, "ListEngagementMembers", PC_READ),
    q(Partner, "CreateEngagementContext", PC_WRITE),
    q(Partner, "UpdateEngagementContext", PC_WRITE),
    q(Partner, "CreateEngagementInvitation", PC_WRITE),
    q(Partner, "StartOpportunityFromEngagementTask", PC_WRITE),
    q(Partner, "ListOpportunityFromEngagementTasks", PC_READ),
    q(Partner, "CreateResourceSnapshot", PC_WRITE),
    q(Partner, "GetResourceSnapshot", PC_READ),
    q(Partner, "ListResourceSnapshots", PC_READ),
    q(Partner, "ListEngagementResourceAssociations", PC_READ),
    q(Partner, "CreateResourceSnapshotJob", PC_WRITE),
    q(Partner, "GetResourceSnapshotJob", PC_READ),
    q(Partner, "ListResourceSnapshotJobs", PC_READ),
    q(Partner, "StartResourceSnapshotJob", PC_READ),
    q(Partner, "StopResourceSnapshotJob", PC_READ),
    q(Partner, "DeleteResourceSnapshotJob", PC_READ),
    q(Partner, "GetSellingSystemSettings", PC_READ),
    q(Partner, "PutSellingSystemSettings", PC_READ),
    q(Partner, "TagResource", PC_READ),
    q(Partner, "UntagResource", PC_READ),
    q(Partner, "ListTagsForResource", PC_READ),
    q(Agreement, "SearchAgreements", 5.0),
    q(Agreement, "DescribeAgreement", 5.0),
    q(Agreement, "GetAgreementTerms", 10.0),
    q(Agreement, "CreateAgreementRequest", 5.0),
    q(Agreement, "AcceptAgreementRequest", 5.0),
    q(Agreement, "GetAgreementEntitlements", 5.0),
    q(Agreement, "SendAgreementCancellationRequest", 2.0),
    q(Agreement, "GetAgreementCancellationRequest", 5.0),
    q(Agreement, "ListAgreementCancellationRequests", 5.0),
    q(Agreement, "CancelAgreementCancellationRequest", 2.0),
    q(Agreement, "AcceptAgreementCancellationRequest", 2.0),
    q(Agreement, "RejectAgreementCancellationRequest", 2.0),
    q(Agreement, "BatchCreateBillingAdjustmentRequest", 2.0),
    q(Agreement, "GetBillingAdjustmentRequest", 5.0),
    q(Agreement, "ListBillingAdjustmentRequests", 5.0),
    q(Agreement, "ListAgreementInvoiceLineItems", 10.0),
    q(Agreement, "SendAgreementPaymentRequest", 5.0),
    q(Agreement, "GetAgreementPaymentRequest", 5.0),
    q(Agreement, "ListAgreementPaymentRequests", 5.0),
    q(Agreement, "CancelAgreementPaymentRequest", 5.0),
    q(Agreement, "AcceptAgreementPaymentRequest", 5.0),
    q(Agreement, "RejectAgreementPaymentRequest", 5.0),
    q(Agreement, "ListAgreementCharges", 15.0),
    q(Agreement, "UpdatePurchaseOrders", 3.0),
    q(Agreement, "CancelAgreement", 3.0),
    q(Discovery, "GetOffer", 10.0),
    q(Discovery, "GetOfferTerms", 10.0),
    q(Discovery, "GetListing", 10.0),
    q(Discovery, "GetOfferSet", 10.0),
    q(Discovery, "GetProduct", 10.0),
    q(Discovery, "ListFulfillmentOptions", 10.0),
    q(Discovery, "ListPurchaseOptions", 10.0),
    q(Discovery, "SearchFacets", 10.0),
    q(Discovery, "SearchListings", 10.0),
    // Metering: AWS's published per-account rates (metering-service-quotas). [I] ResolveCustomer
    // and GetEntitlements have no published figure: the Metering's 10/s.
    q(Metering, "BatchMeterUsage", 10.0),
    q(Metering, "MeterUsage", 10.0),
    q(Metering, "RegisterUsage", 5.0),
    q(Metering, "ResolveCustomer", 10.0),
    q(Entitlement, "GetEntitlements", 10.0),
    q(EventBridge, "PutRule", EB_WRITE),
    q(EventBridge, "DescribeRule", EB_READ),
    q(EventBridge, "ListRules", EB_READ),
    q(EventBridge, "EnableRule", EB_WRITE),
    q(EventBridge, "DisableRule", EB_WRITE),
    q(EventBridge, "DeleteRule", EB_WRITE),
    q(EventBridge, "PutTargets", EB_WRITE),
    q(EventBridge, "ListTargetsByRule", EB_READ),
    q(EventBridge, "RemoveTargets", EB_WRITE),
    q(Sqs, "CreateQueue", SQS_RATE),
    q(Sqs, "GetQueueUrl", SQS_RATE),
    q(Sqs, "GetQueueAttributes", SQS_RATE),
    q(Sqs, "SetQueueAttributes", SQS_RATE),
    q(Sqs, "PurgeQueue", SQS_RATE),
    q(Sqs, "DeleteQueue", SQS_RATE),
    q(Sqs, "SendMessage", SQS_RATE),
    q(Sqs, "ReceiveMessage", SQS_RATE),
    q(Sqs, "ChangeMessageVisibility", SQS_RATE),
    q(Sqs, "DeleteMessage", SQS_RATE),
    q(Sqs, "DeleteMessageBatch", SQS_RATE),
];

/// The default quota of `api`'s `operation`, if the table has it.
pub fn per_second(api: Api, operation: &str) -> Option<f64> {
    QUOTAS
        .iter()
        .find(|q| q.api == api && q.operation == operation)
        .map(|q| q.per_second)
}

/// [I] The rate for an operation the table does not list (one AWS publishes no figure for and
/// mpctl does not call yet): Partner Central's write rate for what looks like a write, else the
/// API's common read rate — the conservative side of what AWS documents for its siblings.
pub fn fallback(api: Api, operation: &str) -> f64 {
    match api {
        Api::PartnerCentral => {
            const WRITES: &[&str] = &["Create", "Update", "Associate", "Disassociate", "Assign"];
            let write = WRITES.iter().any(|p| operation.starts_with(p))
                || (operation.starts_with("Start") && operation.ends_with("Task"));
            if write {
                PC_WRITE
            } else {
                PC_READ
            }
        }
        Api::Agreement => 5.0,
        Api::Catalog | Api::Discovery => 10.0,
        Api::Metering | Api::Entitlement => 10.0,
        Api::EventBridge => EB_READ,
        Api::Sqs => SQS_RATE,
    }
}

/// The quota a client should assume for `api`'s `operation`: the table's, else [`fallback`].
pub fn rate(api: Api, operation: &str) -> f64 {
    per_second(api, operation).unwrap_or_else(|| fallback(api, operation))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_operation_is_listed_once() {
        for (i, a) in QUOTAS.iter().enumerate() {
            let again = QUOTAS[i + 1..]
                .iter()
                .any(|b| b.api == a.api && b.operation == a.operation);
            assert!(!again, "{:?} {} twice", a.api, a.operation);
        }
    }

    #[test]
    fn invitation_answers_are_partner_central_writes() {
        assert_eq!(per_second(Partner, "AcceptEngagementInvitation"), Some(1.0));
        assert_eq!(per_second(Partner, "RejectEngagementInvitation"), Some(1.0));
        assert_eq!(rate(Partner, "StartResourceSnapshotJob"), 10.0);
        assert_eq!(rate(Partner, "CreateResourceSnapshotJob"), 1.0);
    }
}
