//! Engagement invitations: what AWS sends a partner when it refers an opportunity. In the
//! Sandbox catalog an opportunity created with `Origin: "AWS Referral"` simulates such a referral
//! and produces a `PENDING` invitation for the seller (aws-behavior §C), carrying the referral's
//! customer and project as an `OpportunityInvitation` payload. The seller then accepts it (an
//! accept task, see `accept_task`) or rejects it; a pending invitation expires after
//! `EXPIRY_DAYS`.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::catalog_name::CatalogName;
use super::time::wire;
use crate::ids;

pub const PENDING: &str = "PENDING";
pub const ACCEPTED: &str = "ACCEPTED";
pub const REJECTED: &str = "REJECTED";
pub const EXPIRED: &str = "EXPIRED";

/// [I] How long a referral waits for an answer; the model states no duration.
const EXPIRY_DAYS: i64 = 15;
/// [I] Who sends referrals: AWS itself (the model allows a 1–12 word-character alias).
pub const SENDER_ACCOUNT: &str = "AWS";
const SENDER_COMPANY: &str = "Amazon Web Services";
/// `EngagementTitle` is at most 40 characters (model pattern `.{1,40}`).
const TITLE_CHARS: usize = 40;

/// One engagement invitation received by the seller.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Invitation {
    pub id: String,
    pub arn: String,
    pub catalog: String,
    pub engagement_id: String,
    pub title: String,
    pub status: String,
    pub invited: DateTime<Utc>,
    pub expires: DateTime<Utc>,
    /// The `OpportunityInvitationPayload`.
    pub payload: Value,
    pub rejection_reason: Option<String>,
    /// The partner account the referral reached (the one that owns it).
    #[serde(default = "ids::seller_account")]
    pub receiver: String,
    /// The Sandbox opportunity that simulated the referral (empty for other invitations).
    pub source_opportunity_id: String,
    /// The partner account that sent it; `None` for AWS.
    #[serde(default)]
    pub sender: Option<String>,
    /// `OpportunityInvitation` or `LeadInvitation`.
    #[serde(default = "opportunity_invitation")]
    pub payload_type: String,
    /// The sender's `Invitation.Message`.
    #[serde(default)]
    pub message: Option<String>,
}

fn opportunity_invitation() -> String {
    OPPORTUNITY_INVITATION.to_string()
}

/// The two `EngagementInvitationPayloadType` values.
pub const OPPORTUNITY_INVITATION: &str = "OpportunityInvitation";
pub const LEAD_INVITATION: &str = "LeadInvitation";

/// Who sends an invitation, to whom, about what: what `Invitation::new` needs.
pub struct Sent<'a> {
    pub sender: Option<&'a str>,
    pub receiver: &'a str,
    pub catalog: CatalogName,
    pub engagement_id: &'a str,
    pub title: &'a str,
    pub payload_type: &'a str,
    pub payload: Value,
    pub message: &'a str,
}

impl Invitation {
    /// The invitation an AWS-referral opportunity (its CreateOpportunity request) produces.
    pub fn from_referral(
        account: &str,
        catalog: CatalogName,
        source_opportunity_id: &str,
        input: &Value,
        now: DateTime<Utc>,
    ) -> Self {
        let id = format!("engi-{}", ids::alnum(13));
        let text = |path: &[&str]| {
            lookup(input, path)
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        let title = text(&["Project", "Title"]).unwrap_or_else(|| "AWS referral".to_string());
        Invitation {
            arn: ids::partner_arn(account, catalog.as_str(), "engagement-invitation", &id),
            id,
            catalog: catalog.as_str().to_string(),
            engagement_id: format!("eng-{}", ids::alnum(14)),
            title: title.chars().take(TITLE_CHARS).collect(),
            status: PENDING.to_string(),
            invited: now,
            expires: now + Duration::days(EXPIRY_DAYS),
            payload: payload(input),
            rejection_reason: None,
            source_opportunity_id: source_opportunity_id.to_string(),
            receiver: account.to_string(),
            sender: None,
            payload_type: opportunity_invitation(),
            message: None,
        }
    }

    /// An invitation into an existing engagement (a partner's, or an AWS lead), pending for
    /// `EXPIRY_DAYS` on the emulator's clock.
    pub fn new(sent: Sent, now: DateTime<Utc>) -> Self {
        let id = format!("engi-{}", ids::alnum(13));
        Invitation {
            arn: ids::partner_arn(
                sent.receiver,
                sent.catalog.as_str(),
                "engagement-invitation",
                &id,
            ),
            id,
            catalog: sent.catalog.as_str().to_string(),
            engagement_id: sent.engagement_id.to_string(),
            title: sent.title.chars().take(TITLE_CHARS).collect(),
            status: PENDING.to_string(),
            invited: now,
            expires: now + Duration::days(EXPIRY_DAYS),
            payload: sent.payload,
            rejection_reason: None,
            receiver: sent.receiver.to_string(),
            source_opportunity_id: String::new(),
            sender: sent.sender.map(str::to_string),
            payload_type: sent.payload_type.to_string(),
            message: Some(sent.message.to_string()),
        }
    }

    /// `SenderAwsAccountId`: the sending partner, or AWS.
    pub fn sender_id(&self) -> &str {
        self.sender.as_deref().unwrap_or(SENDER_ACCOUNT)
    }

    /// Whether `identifier` (an id or ARN) names this invitation.
    pub fn is(&self, identifier: &str) -> bool {
        self.id == identifier || self.arn == identifier
    }

    /// Marks a pending invitation whose time is up as expired.
    pub fn expire_if_due(&mut self, now: DateTime<Utc>) {
        if self.status == PENDING && self.expires <= now {
            self.status = EXPIRED.to_string();
        }
    }

    /// The `EngagementInvitationSummary` ListEngagementInvitations returns.
    /// The summary as the sender (`SENDER`) or the receiver (`RECEIVER`) lists it.
    pub fn summary_as(&self, participant: &str) -> Value {
        let mut out = self.common();
        out.insert("ParticipantType".into(), json!(participant));
        Value::Object(out)
    }

    /// The GetEngagementInvitation output.
    pub fn get_view(&self) -> Value {
        let mut out = self.common();
        out.insert(
            "Payload".into(),
            json!({self.payload_type.clone(): self.payload}),
        );
        let message = self
            .message
            .clone()
            .unwrap_or_else(|| format!("AWS invites you to co-sell: {}", self.title));
        out.insert("InvitationMessage".into(), json!(message));
        if let Some(reason) = &self.rejection_reason {
            out.insert("RejectionReason".into(), json!(reason));
        }
        Value::Object(out)
    }

    fn common(&self) -> Map<String, Value> {
        let mut out = Map::new();
        out.insert("Catalog".into(), json!(self.catalog));
        out.insert("Id".into(), json!(self.id));
        out.insert("Arn".into(), json!(self.arn));
        out.insert("PayloadType".into(), json!(self.payload_type));
        out.insert("EngagementId".into(), json!(self.engagement_id));
        out.insert("EngagementTitle".into(), json!(self.title));
        out.insert("Status".into(), json!(self.status));
        out.insert("InvitationDate".into(), wire(self.invited));
        out.insert("ExpirationDate".into(), wire(self.expires));
        out.insert("SenderAwsAccountId".into(), json!(self.sender_id()));
        let company = match &self.sender {
            Some(account) => super::hub::Member::of(account).company,
            None => SENDER_COMPANY.to_string(),
        };
        out.insert("SenderCompanyName".into(), json!(company));
        out.insert(
            "Receiver".into(),
            json!({"Account": {"AwsAccountId": self.receiver}}),
        );
        out
    }

    /// The CreateOpportunity-shaped members of the opportunity an accepted invitation creates
    /// for the seller: the referral's customer, project and close date.
    pub fn opportunity_input(&self) -> Value {
        let p = &self.payload;
        let customer = &p["Customer"];
        let project = &p["Project"];
        json!({
            "OpportunityType": "Net New Business",
            "Customer": {"Account": {
                "CompanyName": customer["CompanyName"],
                "Industry": customer["Industry"],
                "WebsiteUrl": customer["WebsiteUrl"],
                "Address": {"CountryCode": customer["CountryCode"]},
            }},
            "Project": {
                "Title": project["Title"],
                "CustomerBusinessProblem": project["BusinessProblem"],
                "ExpectedCustomerSpend": project["ExpectedCustomerSpend"],
            },
            "LifeCycle": {"Stage": "Prospect", "TargetCloseDate": project["TargetCompletionDate"]},
        })
    }
}

/// The `OpportunityInvitationPayload` of a referral. Required members the referral lacks are
/// sent empty (the SDKs need them present; aws-behavior §A.6); `CountryCode` defaults to `US`.
fn payload(input: &Value) -> Value {
    let get = |path: &[&str]| lookup(input, path).cloned();
    let or_empty = |path: &[&str]| get(path).unwrap_or_else(|| json!(""));
    json!({
        "ReceiverResponsibilities": ["Software Partner"],
        "Customer": {
            "CompanyName": or_empty(&["Customer", "Account", "CompanyName"]),
            "Industry": or_empty(&["Customer", "Account", "Industry"]),
            "WebsiteUrl": or_empty(&["Customer", "Account", "WebsiteUrl"]),
            "CountryCode": get(&["Customer", "Account", "Address", "CountryCode"]).unwrap_or_else(|| json!("US")),
        },
        "Project": {
            "Title": or_empty(&["Project", "Title"]),
            "BusinessProblem": or_empty(&["Project", "CustomerBusinessProblem"]),
            "TargetCompletionDate": or_empty(&["LifeCycle", "TargetCloseDate"]),
            "ExpectedCustomerSpend": get(&["Project", "ExpectedCustomerSpend"]).unwrap_or_else(|| json!([])),
        },
    })
}

fn lookup<'a>(value: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter()
        .try_fold(value, |v, key| v.get(*key))
        .filter(|v| !v.is_null())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn referral_payload_and_accepted_opportunity_carry_the_referral_data() {
        let input = json!({
            "Origin": "AWS Referral",
            "Customer": {"Account": {"CompanyName": "Acme", "Industry": "Gaming",
                                     "WebsiteUrl": "https://acme.example", "Address": {"CountryCode": "DE"}}},
            "Project": {"Title": "A very long project title that exceeds forty characters",
                        "CustomerBusinessProblem": "Needs a data lake quickly."},
            "LifeCycle": {"TargetCloseDate": "2030-01-31"},
        });
        let now = Utc::now();
        let inv =
            Invitation::from_referral(ids::SELLER_ACCOUNT, CatalogName::Sandbox, "O1", &input, now);
        assert_eq!(inv.status, PENDING);
        assert_eq!(inv.title.chars().count(), 40);
        assert_eq!(inv.payload["Customer"]["CountryCode"], "DE");
        assert_eq!(inv.payload["Project"]["ExpectedCustomerSpend"], json!([]));
        let opp = inv.opportunity_input();
        assert_eq!(opp["Customer"]["Account"]["CompanyName"], "Acme");
        assert_eq!(opp["LifeCycle"]["TargetCloseDate"], "2030-01-31");
        let mut later = inv.clone();
        later.expire_if_due(now + Duration::days(EXPIRY_DAYS));
        assert_eq!(later.status, EXPIRED);
    }
}
