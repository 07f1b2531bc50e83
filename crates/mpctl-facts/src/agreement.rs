//! Marketplace Agreement enum values (botocore `marketplace-agreement` 2020-03-01).

/// `A:AgreementStatus`: every value SearchAgreements' `Status` filter and DescribeAgreement's
/// `status` may carry.
pub const AGREEMENT_STATUSES: &[&str] = &[
    "ACTIVE",
    "ARCHIVED",
    "CANCELLED",
    "EXPIRED",
    "RENEWED",
    "REPLACED",
    "ROLLED_BACK",
    "SUPERSEDED",
    "TERMINATED",
];
