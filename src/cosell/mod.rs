//! The Partner Central co-sell lifecycle beyond the six workflow steps: reading, listing and
//! re-staging opportunities, and answering AWS referrals (engagement invitations); AWS leads
//! (`leads`: accepted and turned into opportunities). Functions
//! here call the SDK and return JSON values with stable keys; `commands/` prints them as JSON
//! or as the tables built by `views`.

pub mod aws_view;
pub mod bulk;
pub mod engagement_edits;
pub mod engagements;
pub mod invitations;
pub mod leads;
pub mod opportunities;
pub mod snapshots;
pub mod tags;
pub mod views;
