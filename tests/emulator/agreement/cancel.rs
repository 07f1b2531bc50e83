//! Agreement cancellation requests through aws-sdk-marketplaceagreement (RPCv2 CBOR), on the
//! emulator's clock: the seller sends, the buyer (`AKIDBUYER<account>`) accepts or rejects, the
//! seller withdraws, silence approves after 7 days; an approved request ends the agreement as
//! CANCELLED. The rules (scoping, one pending request, idempotency, events) are in
//! `cancel_rules`.

use std::time::Duration;

use agreement::types::{
    AgreementCancellationRequestReasonCode as Reason,
    AgreementCancellationRequestStatus as CrStatus,
};

use super::*;

/// A seller, one buyer with an ACTIVE agreement on the seller's private offer, and their clients.
pub(super) struct Deal {
    pub handle: mpctl_emulator::Handle,
    pub seller: agreement::Client,
    pub buyer: agreement::Client,
    pub agreement_id: String,
}

/// An answer's new status, or the error code it got.
pub(super) type Answer = Result<Option<CrStatus>, String>;

fn code<E: ProvideErrorMetadata>(e: E) -> String {
    e.code().unwrap_or_default().to_string()
}

pub(super) fn client_as(handle: &mpctl_emulator::Handle, key: &str) -> agreement::Client {
    agreement::Client::new(&sdk_config_with_key(&handle.base_url, key))
}

pub(super) async fn deal() -> Deal {
    let handle = emulator().await;
    let (_, offer_id) = publish_private_offer(&handle, &BUYERS[..1]).await;
    let seller = agreement_client(&handle);
    let found = wait_for_agreements(&handle.clock(), &seller, &offer_id, 1).await;
    let agreement_id = found[0].agreement_id().expect("agreementId").to_string();
    let buyer = client_as(&handle, &format!("AKIDBUYER{}", BUYERS[0]));
    Deal {
        handle,
        seller,
        buyer,
        agreement_id,
    }
}

impl Deal {
    /// Sends a TEST_AGREEMENT request; returns its id.
    pub async fn send(&self) -> String {
        let out = self
            .seller
            .send_agreement_cancellation_request()
            .agreement_id(&self.agreement_id)
            .reason_code(Reason::TestAgreement)
            .description("Created by mistake")
            .send()
            .await
            .expect("SendAgreementCancellationRequest");
        assert_eq!(out.status(), Some(&CrStatus::PendingApproval));
        assert_eq!(out.agreement_id(), Some(self.agreement_id.as_str()));
        let id = out.agreement_cancellation_request_id().expect("id");
        assert!(id.starts_with("acr-") && id.len() == 29, "{id}");
        id.to_string()
    }

    /// The request as `client` reads it: (status, statusMessage).
    pub async fn get(&self, client: &agreement::Client, id: &str) -> (CrStatus, Option<String>) {
        let out = client
            .get_agreement_cancellation_request()
            .agreement_id(&self.agreement_id)
            .agreement_cancellation_request_id(id)
            .send()
            .await
            .expect("GetAgreementCancellationRequest");
        assert_eq!(out.reason_code(), Some(&Reason::TestAgreement));
        assert_eq!(out.description(), Some("Created by mistake"));
        let status = out.status().expect("status").clone();
        (status, out.status_message().map(str::to_string))
    }

    /// AcceptAgreementCancellationRequest as `client`: the new status, or the error's code.
    pub async fn accept(&self, client: &agreement::Client, id: &str) -> Answer {
        let sent = client
            .accept_agreement_cancellation_request()
            .agreement_id(&self.agreement_id)
            .agreement_cancellation_request_id(id)
            .send()
            .await;
        sent.map(|o| o.status().cloned()).map_err(code)
    }

    /// RejectAgreementCancellationRequest as `client`.
    pub async fn reject(&self, client: &agreement::Client, id: &str, why: &str) -> Answer {
        let sent = client
            .reject_agreement_cancellation_request()
            .agreement_id(&self.agreement_id)
            .agreement_cancellation_request_id(id)
            .rejection_reason(why)
            .send()
            .await;
        sent.map(|o| o.status().cloned()).map_err(code)
    }

    /// CancelAgreementCancellationRequest (the withdrawal) as `client`.
    pub async fn withdraw(&self, client: &agreement::Client, id: &str, why: &str) -> Answer {
        let sent = client
            .cancel_agreement_cancellation_request()
            .agreement_id(&self.agreement_id)
            .agreement_cancellation_request_id(id)
            .cancellation_reason(why)
            .send()
            .await;
        sent.map(|o| o.status().cloned()).map_err(code)
    }

    /// The agreement's status as the seller reads it.
    pub async fn agreement_status(&self) -> AgreementStatus {
        let out = self
            .seller
            .describe_agreement()
            .agreement_id(&self.agreement_id)
            .send()
            .await
            .expect("DescribeAgreement");
        out.status().expect("status").clone()
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_buyer_accepts_and_the_agreement_ends_cancelled() {
    let d = deal().await;
    let id = d.send().await;
    let accepted = d.accept(&d.buyer, &id).await;
    assert_eq!(accepted, Ok(Some(CrStatus::Approved)));
    assert_eq!(d.get(&d.seller, &id).await.0, CrStatus::Approved);
    assert_eq!(d.agreement_status().await, AgreementStatus::Cancelled);
    // Approved is final: a second answer conflicts.
    let again = d.reject(&d.buyer, &id, "Changed my mind").await;
    assert_eq!(again, Err("ConflictException".into()));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_buyer_rejects_with_a_reason_and_the_seller_may_ask_again() {
    let d = deal().await;
    let id = d.send().await;
    let rejected = d.reject(&d.buyer, &id, "We still use it").await;
    assert_eq!(rejected, Ok(Some(CrStatus::Rejected)));
    let seen = d.get(&d.seller, &id).await;
    assert_eq!(seen, (CrStatus::Rejected, Some("We still use it".into())));
    assert_eq!(d.agreement_status().await, AgreementStatus::Active);
    // Rejected stays rejected after the 7 days, and a new request may be sent.
    d.handle.clock().advance(Duration::from_secs(8 * 86_400));
    assert_eq!(d.get(&d.buyer, &id).await.0, CrStatus::Rejected);
    let again = d.send().await;
    assert_ne!(again, id);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_seller_withdraws_and_the_buyer_can_no_longer_answer() {
    let d = deal().await;
    let id = d.send().await;
    let withdrawn = d.withdraw(&d.seller, &id, "Sent to the wrong buyer").await;
    assert_eq!(withdrawn, Ok(Some(CrStatus::Cancelled)));
    let seen = d.get(&d.buyer, &id).await;
    assert_eq!(
        seen,
        (CrStatus::Cancelled, Some("Sent to the wrong buyer".into()))
    );
    let late = d.accept(&d.buyer, &id).await;
    assert_eq!(late, Err("ConflictException".into()));
    assert_eq!(d.agreement_status().await, AgreementStatus::Active);
}

#[tokio::test(flavor = "multi_thread")]
async fn unanswered_for_seven_days_the_request_is_approved_and_the_agreement_cancelled() {
    let d = deal().await;
    let id = d.send().await;
    let sent = d.handle.clock().advance(Duration::ZERO);
    d.handle
        .clock()
        .advance(Duration::from_secs(7 * 86_400 - 60));
    assert_eq!(d.get(&d.seller, &id).await.0, CrStatus::PendingApproval);
    assert_eq!(d.agreement_status().await, AgreementStatus::Active);
    d.handle.clock().advance(Duration::from_secs(120));
    let out = d
        .buyer
        .get_agreement_cancellation_request()
        .agreement_id(&d.agreement_id)
        .agreement_cancellation_request_id(&id)
        .send()
        .await
        .expect("Get");
    assert_eq!(out.status(), Some(&CrStatus::Approved));
    // Approved at createdAt + 7 days, not when the clock was next read.
    let created = out.created_at().expect("createdAt").secs();
    let updated = out.updated_at().expect("updatedAt").secs();
    assert_eq!(updated - created, 7 * 86_400);
    assert!(
        (created - sent.timestamp()).abs() <= 1,
        "{created} vs {sent}"
    );
    assert_eq!(d.agreement_status().await, AgreementStatus::Cancelled);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_request_pending_when_the_agreement_expires_fails_validation() {
    let d = deal().await;
    // Six days before the 12-month agreement ends, the buyer's 7 days outlast it.
    let described = d
        .seller
        .describe_agreement()
        .agreement_id(&d.agreement_id)
        .send()
        .await
        .expect("describe");
    let end = described.end_time().expect("endTime").secs();
    let now = d.handle.clock().advance(Duration::ZERO).timestamp();
    let until = u64::try_from(end - now - 6 * 86_400).expect("ends later");
    d.handle.clock().advance(Duration::from_secs(until));
    let id = d.send().await;
    d.handle.clock().advance(Duration::from_secs(8 * 86_400));
    let (status, message) = d.get(&d.seller, &id).await;
    assert_eq!(status, CrStatus::ValidationFailed);
    assert!(message.expect("statusMessage").contains("EXPIRED"));
    assert_eq!(d.agreement_status().await, AgreementStatus::Expired);
}
