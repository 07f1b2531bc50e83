//! Emulated Partner Central Selling API (awsJson1_0): opportunities, their associations with
//! solutions, AWS products and Marketplace offers, and their submission to AWS through
//! engagement tasks, and the AWS referrals (engagement invitations) a seller accepts or rejects —
//! the part of the service mpctl's co-sell workflow and lifecycle commands use — and the rest of
//! the service (aws-events-cosell part B): engagements shared between partner accounts (`hub`)
//! with their contexts, members and invitations, AWS leads and their conversion into
//! opportunities, resource snapshots and snapshot jobs, AWS's summary of an opportunity,
//! assignment, selling system settings and tags — all 42 operations of the model.
//!
//! The `AWS` and `Sandbox` catalogs are separate data sets. Requests are validated against the
//! embedded botocore model before an operation runs; the operation then applies the service's
//! business rules (aws-behavior §A.3, §C). Choices the sources leave open are marked `[I]`.

mod accept_task;
mod associate;
mod aws_review;
mod aws_summary;
mod catalog_name;
mod contexts;
mod create;
mod dataset;
mod engagements;
mod errors;
mod events;
mod extras;
mod hub;
mod idempotency;
mod invitation;
mod invitation_ops;
mod invite;
mod lead;
mod model;
mod opportunity;
mod paging;
mod progress;
mod read;
mod review;
mod selling_settings;
mod snapshot_jobs;
mod snapshots;
mod solutions;
mod submission;
mod submitted;
mod tags;
mod tasks;
mod time;
mod update;
mod validate;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde_json::Value;

use self::catalog_name::CatalogName;
use self::dataset::Dataset;
use super::clock::Timings;
use super::outbox::Outbox;
use super::service::{Operation as Op, Table};
use super::views::Offers;
use super::wire::{ApiError, OpResult};

/// Every partner account's data: opportunities, tasks and invitations belong to the account
/// that created (or received) them, and no other account finds them (ResourceNotFound).
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct PartnerState {
    accounts: BTreeMap<String, Catalogs>,
    /// Engagements, which every member reaches.
    #[serde(default)]
    hub: hub::Hub,
}

/// One account's two catalogs.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Catalogs {
    aws: Dataset,
    sandbox: Dataset,
}

impl PartnerState {
    /// Finishes every engagement task and AWS review whose time has come. Whether anything
    /// changed.
    pub fn advance(&mut self, now: DateTime<Utc>, timings: &Timings, outbox: &mut Outbox) -> bool {
        let mut changed = false;
        for c in self.accounts.values_mut() {
            changed |= progress::advance(&mut c.aws, now, timings, outbox);
            changed |= progress::advance(&mut c.sandbox, now, timings, outbox);
        }
        for c in self.accounts.values_mut() {
            for data in [&mut c.aws, &mut c.sandbox] {
                changed |= submitted::register(&mut self.hub, data, now, outbox);
                changed |= invite::join_accepted(&mut self.hub, data, now, outbox);
                changed |= snapshot_jobs::advance(&mut self.hub, data, now, outbox);
            }
        }
        changed
    }

    /// Every account's invitations in `catalog` (a sender's view spans its receivers' inboxes).
    fn all_invitations(&self, catalog: CatalogName) -> Vec<&invitation::Invitation> {
        self.accounts
            .values()
            .flat_map(|c| match catalog {
                CatalogName::Aws => &c.aws.invitations,
                CatalogName::Sandbox => &c.sandbox.invitations,
            })
            .collect()
    }

    /// One account's data set and the engagements, borrowed together.
    fn split(&mut self, account: &str, catalog: CatalogName) -> (&mut Dataset, &mut hub::Hub) {
        self.data(account, catalog);
        let c = self.accounts.get_mut(account).expect("just created");
        let data = match catalog {
            CatalogName::Aws => &mut c.aws,
            CatalogName::Sandbox => &mut c.sandbox,
        };
        (data, &mut self.hub)
    }

    fn data(&mut self, account: &str, catalog: CatalogName) -> &mut Dataset {
        let c = self
            .accounts
            .entry(account.to_string())
            .or_insert_with(|| Catalogs {
                aws: Dataset::new(account, CatalogName::Aws),
                sandbox: Dataset::new(account, CatalogName::Sandbox),
            });
        match catalog {
            CatalogName::Aws => &mut c.aws,
            CatalogName::Sandbox => &mut c.sandbox,
        }
    }
}

/// What an operation may touch: this service's state, the Marketplace Catalog's offers
/// (read-only), the timings and the request's instant.
pub(crate) struct Ctx<'a> {
    pub state: &'a mut PartnerState,
    pub offers: &'a dyn Offers,
    pub outbox: &'a mut Outbox,
    pub timings: Timings,
    pub now: DateTime<Utc>,
    /// The partner account making the request.
    pub caller: &'a str,
}

impl Ctx<'_> {
    fn data(&mut self, catalog: CatalogName) -> &mut Dataset {
        self.state.data(self.caller, catalog)
    }

    /// The data set of `catalog` and the outbox, borrowed together.
    fn data_and_outbox(&mut self, catalog: CatalogName) -> (&mut Dataset, &mut Outbox) {
        (self.state.data(self.caller, catalog), &mut *self.outbox)
    }

    /// `Opportunity <what>` for the caller's opportunity `id`, now.
    fn announce(&mut self, catalog: CatalogName, what: &str, id: &str) {
        let owner = (self.caller, catalog.as_str());
        events::opportunity(self.outbox, owner, what, id, self.now);
    }

    /// The caller's data set, the engagements and the outbox, borrowed together.
    fn parts(&mut self, catalog: CatalogName) -> (&mut Dataset, &mut hub::Hub, &mut Outbox) {
        let (data, hub) = self.state.split(self.caller, catalog);
        (data, hub, &mut *self.outbox)
    }

    /// The data set the request's `Catalog` member names.
    fn dataset(&mut self, input: &Value) -> Result<&mut Dataset, ApiError> {
        Ok(self.data(CatalogName::from_input(input)?))
    }
}

/// A Partner Central handler: the service's context and the request's members.
pub(crate) type Handler = fn(&mut Ctx, &Value) -> OpResult;

/// The operations the emulator serves.
pub(crate) static TABLE: Table<Handler> = Table {
    api: mpctl_facts::Api::PartnerCentral,
    model: &model::MODEL,
    operations: &[
        Op::write("CreateOpportunity", create::create),
        Op::read("GetOpportunity", read::get),
        Op::write("UpdateOpportunity", update::update),
        Op::read("ListOpportunities", read::list),
        Op::write("AssociateOpportunity", associate::associate),
        Op::write("DisassociateOpportunity", associate::disassociate),
        Op::read("ListSolutions", solutions::list),
        Op::write("StartEngagementFromOpportunityTask", submission::start),
        Op::read("ListEngagementFromOpportunityTasks", submission::list),
        Op::write("SubmitOpportunity", submission::submit),
        Op::read("GetEngagementInvitation", invitation_ops::get),
        Op::read("ListEngagementInvitations", invitation_ops::list),
        Op::write("RejectEngagementInvitation", invitation_ops::reject),
        Op::write("AcceptEngagementInvitation", invitation_ops::accept),
        Op::write(
            "StartEngagementByAcceptingInvitationTask",
            invitation_ops::start_task,
        ),
        Op::read(
            "ListEngagementByAcceptingInvitationTasks",
            invitation_ops::list_tasks,
        ),
        Op::read("GetAwsOpportunitySummary", aws_summary::get),
        Op::write("AssignOpportunity", aws_summary::assign),
        Op::write("CreateEngagement", engagements::create),
        Op::read("GetEngagement", engagements::get),
        Op::read("ListEngagements", engagements::list),
        Op::read("ListEngagementMembers", engagements::members),
        Op::write("CreateEngagementContext", contexts::create),
        Op::write("UpdateEngagementContext", contexts::update),
        Op::write("CreateEngagementInvitation", invite::create),
        Op::write("StartOpportunityFromEngagementTask", lead::start),
        Op::read("ListOpportunityFromEngagementTasks", lead::list),
        Op::write("CreateResourceSnapshot", snapshots::create),
        Op::read("GetResourceSnapshot", snapshots::get),
        Op::read("ListResourceSnapshots", snapshots::list),
        Op::read(
            "ListEngagementResourceAssociations",
            snapshots::associations,
        ),
        Op::write("CreateResourceSnapshotJob", snapshot_jobs::create),
        Op::read("GetResourceSnapshotJob", snapshot_jobs::get),
        Op::read("ListResourceSnapshotJobs", snapshot_jobs::list),
        Op::write("StartResourceSnapshotJob", snapshot_jobs::start),
        Op::write("StopResourceSnapshotJob", snapshot_jobs::stop),
        Op::write("DeleteResourceSnapshotJob", snapshot_jobs::delete),
        Op::read("GetSellingSystemSettings", selling_settings::get),
        Op::write("PutSellingSystemSettings", selling_settings::put),
        Op::write("TagResource", tags::tag),
        Op::write("UntagResource", tags::untag),
        Op::read("ListTagsForResource", tags::list),
    ],
    timestamps: &[],
    unknown: |request| {
        ApiError::new(
            400,
            "UnknownOperationException",
            format!(
                "The emulator does not implement the Partner Central Selling operation '{}'.",
                request.op
            ),
        )
    },
    invalid: validate::invalid,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_answers_every_operation_of_the_model() {
        let mut model = model::MODEL.operations();
        model.sort_unstable();
        let mut served: Vec<&str> = TABLE.operations.iter().map(|o| o.name).collect();
        served.sort_unstable();
        assert_eq!(served, model);
        assert_eq!(served.len(), 42);
    }
}
