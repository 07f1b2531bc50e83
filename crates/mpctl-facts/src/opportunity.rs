//! Partner Central Selling opportunity members (botocore `partnercentral-selling` 2022-07-26).

/// The opportunity's content: the members CreateOpportunity and UpdateOpportunity share.
/// UpdateOpportunity replaces all of them at once (a member left out is cleared).
pub const CONTENT_MEMBERS: &[&str] = &[
    "PrimaryNeedsFromAws",
    "NationalSecurity",
    "PartnerOpportunityIdentifier",
    "Customer",
    "Project",
    "OpportunityType",
    "Marketing",
    "SoftwareRevenue",
    "LifeCycle",
];

/// The members only CreateOpportunity takes (besides `Catalog`).
pub const CREATE_ONLY_MEMBERS: &[&str] = &["ClientToken", "Origin", "OpportunityTeam", "Tags"];
