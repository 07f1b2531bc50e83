//! The engagement a submission creates (aws-events-cosell §B.2: StartEngagementFromOpportunityTask
//! creates an engagement if none, snapshots the opportunity and invites AWS): once a task is
//! COMPLETE, its engagement exists with the partner and AWS as members, a CustomerProject
//! context and a first `OpportunitySummaryView` snapshot — so GetEngagement and
//! ListEngagementResourceAssociations find it. A converted lead's submission reuses the lead's
//! engagement (its id was given to the task), which gains the snapshot only.

use chrono::{DateTime, Utc};

use super::dataset::Dataset;
use super::events;
use super::hub::{Engagement, Hub, Member, AWS};
use super::snapshots::take;
use super::tasks::COMPLETE;
use crate::outbox::Outbox;

const TEMPLATE: &str = "OpportunitySummaryView";

/// Registers the engagement of every completed submission of `data` not yet in `hub`.
pub fn register(
    hub: &mut Hub,
    data: &mut Dataset,
    now: DateTime<Utc>,
    outbox: &mut Outbox,
) -> bool {
    let mut changed = false;
    for task in data.tasks.iter().filter(|t| t.status == COMPLETE) {
        let Some(id) = task.engagement_id() else {
            continue;
        };
        let Some(o) = data.opportunities.get(&task.opportunity_id) else {
            continue;
        };
        let has_snapshot = hub
            .engagements
            .get(id)
            .is_some_and(|e| e.snapshots.iter().any(|s| s.resource_id == o.id));
        if has_snapshot {
            continue;
        }
        if !hub.engagements.contains_key(id) {
            let title: String = o
                .get_str(&["Project", "Title"])
                .unwrap_or("Opportunity")
                .chars()
                .take(40)
                .collect();
            let mut e = Engagement::new(data.catalog, &data.account, &title, "", now);
            e.id = id.to_string();
            e.arn = format!(
                "arn:aws:partnercentral:{}::catalog/{}/engagement/{id}",
                crate::ids::REGION,
                data.catalog.as_str()
            );
            e.members.push(Member::of(AWS));
            events::engagement(outbox, &e, "Created", &data.account, now);
            hub.insert(e);
        }
        let e = hub.engagements.get_mut(id).expect("just inserted");
        if !e.is_member(&data.account) {
            e.members.push(Member::of(&data.account));
        }
        let snapshot = take(e, o, TEMPLATE, &data.account, now);
        if !e.contexts.iter().any(|c| c.kind == "CustomerProject") {
            let project = super::snapshots::customer_project_of(o);
            e.add_context("CustomerProject", project, &data.account, now);
        }
        events::snapshot_created(outbox, e, &snapshot, now);
        changed = true;
    }
    changed
}
