//! CreateEngagementInvitation (a member invites one partner into its engagement; the invitation
//! reaches that receiver's inbox and nobody else's), and membership on acceptance: once an
//! invitation into a known engagement is `ACCEPTED` — by AcceptEngagementInvitation or by a
//! finished accept task — its receiver becomes a member (`join_accepted`, run as the world
//! advances, so both ways of accepting share it).
//!
//! Caps (aws-events-cosell §B.8): at most 9 partners invited per engagement and 10 members, else
//! `ServiceQuotaExceededException`. [I] Inviting an account that is already a member, or that
//! holds a pending invitation into the same engagement, is a `ConflictException`.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::catalog_name::CatalogName;
use super::dataset::Dataset;
use super::errors::{code, request_field};
use super::events;
use super::hub::{Hub, Member, MAX_MEMBERS};
use super::invitation::{
    Invitation, Sent, ACCEPTED, LEAD_INVITATION, OPPORTUNITY_INVITATION, PENDING, REJECTED,
};
use super::Ctx;
use crate::outbox::Outbox;
use crate::wire::{required_str, ApiError, OpResult};

/// At most 9 partners invited per engagement (aws-events-cosell §B.8).
const MAX_INVITED: usize = 9;

pub fn create(ctx: &mut Ctx, input: &Value) -> OpResult {
    let catalog = CatalogName::from_input(input)?;
    let token = required_str(input, "ClientToken")?;
    let engagement_id = required_str(input, "EngagementIdentifier")?;
    let invitation = &input["Invitation"];
    let receiver = invitation["Receiver"]["Account"]["AwsAccountId"]
        .as_str()
        .ok_or_else(|| {
            request_field(
                "Invitation.Receiver.Account.AwsAccountId",
                code::REQUIRED_FIELD_MISSING,
                "Invitation.Receiver.Account.AwsAccountId is required.",
            )
        })?
        .to_string();
    let (payload_type, payload) = payload_of(invitation)?;
    let (now, caller) = (ctx.now, ctx.caller.to_string());
    if let Some(reply) = ctx
        .data(catalog)
        .extras
        .tokens("CreateEngagementInvitation")
        .replay(token, input)?
    {
        return Ok(reply.clone());
    }
    let engagement = ctx.state.hub.visible(catalog, engagement_id, &caller)?;
    let title = engagement.title.clone();
    let members = engagement.members.len();
    let is_member = engagement.is_member(&receiver);
    let sent = sent_invitations(&ctx.state.all_invitations(catalog), engagement_id);
    check_caps(&receiver, is_member, members, &sent)?;
    let message = invitation["Message"].as_str().unwrap_or_default();
    let created = Invitation::new(
        Sent {
            sender: Some(&caller),
            receiver: &receiver,
            catalog,
            engagement_id,
            title: &title,
            payload_type,
            payload,
            message,
        },
        now,
    );
    let reply = json!({"Id": created.id, "Arn": created.arn});
    events::invitation(ctx.outbox, &created, "Created", now);
    events::invitation_sender(ctx.outbox, &created, "Created", now);
    ctx.state.data(&receiver, catalog).invitations.push(created);
    ctx.data(catalog)
        .extras
        .tokens("CreateEngagementInvitation")
        .record(token, input, reply.clone());
    Ok(reply)
}

/// The payload union's one member: its name and value.
fn payload_of(invitation: &Value) -> Result<(&'static str, Value), ApiError> {
    for kind in [OPPORTUNITY_INVITATION, LEAD_INVITATION] {
        if let Some(p) = invitation["Payload"].get(kind) {
            return Ok((kind, p.clone()));
        }
    }
    Err(request_field(
        "Invitation.Payload",
        code::REQUIRED_FIELD_MISSING,
        "Invitation.Payload needs OpportunityInvitation or LeadInvitation.",
    ))
}

/// `(receiver, status)` of every invitation into `engagement_id`, whoever holds it.
fn sent_invitations(invitations: &[&Invitation], engagement_id: &str) -> Vec<(String, String)> {
    invitations
        .iter()
        .filter(|i| i.engagement_id == engagement_id)
        .map(|i| (i.receiver.clone(), i.status.clone()))
        .collect()
}

fn check_caps(
    receiver: &str,
    is_member: bool,
    members: usize,
    sent: &[(String, String)],
) -> Result<(), ApiError> {
    let pending = sent.iter().any(|(r, s)| r == receiver && s == PENDING);
    if is_member || pending {
        return Err(ApiError::conflict(format!(
            "Account {receiver} is already a member of this engagement or holds a pending invitation into it."
        )));
    }
    let quota = |what: String| Err(ApiError::new(400, "ServiceQuotaExceededException", what));
    if members >= MAX_MEMBERS {
        return quota(format!(
            "An engagement holds at most {MAX_MEMBERS} members."
        ));
    }
    let invited = sent.iter().filter(|(_, s)| s != REJECTED).count();
    if invited >= MAX_INVITED {
        return quota(format!(
            "At most {MAX_INVITED} partners can be invited into one engagement."
        ));
    }
    Ok(())
}

/// Makes the receiver of every accepted invitation in `data` a member of its engagement, once,
/// announcing `Engagement Member Added` to all members and `Accepted` to a partner sender.
pub fn join_accepted(
    hub: &mut Hub,
    data: &mut Dataset,
    now: DateTime<Utc>,
    outbox: &mut Outbox,
) -> bool {
    let mut changed = false;
    for invitation in data.invitations.iter().filter(|i| i.status == ACCEPTED) {
        let Some(engagement) = hub.engagements.get_mut(&invitation.engagement_id) else {
            continue;
        };
        if engagement.is_member(&invitation.receiver) {
            continue;
        }
        let member = Member::of(&invitation.receiver);
        engagement.members.push(member.clone());
        engagement.touch(&invitation.receiver, now);
        events::member_added(outbox, engagement, &member, now);
        events::invitation_sender(outbox, invitation, "Accepted", now);
        changed = true;
    }
    changed
}
