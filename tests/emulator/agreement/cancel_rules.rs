//! The rules around agreement cancellation requests, through aws-sdk-marketplaceagreement: who
//! may see and answer them, one pending request per agreement, `clientToken` idempotency, the
//! lists by party, and the EventBridge events recorded in the outbox.

use agreement::types::{
    AgreementCancellationRequestReasonCode as Reason,
    AgreementCancellationRequestStatus as CrStatus,
};

use super::cancel::{client_as, deal};
use super::*;

const STRANGER: &str = "999988887777";

#[tokio::test(flavor = "multi_thread")]
async fn an_account_that_is_no_party_gets_resource_not_found_everywhere() {
    let d = deal().await;
    let id = d.send().await;
    let stranger = client_as(&d.handle, &format!("AKIDACCT{STRANGER}"));
    let get = stranger
        .get_agreement_cancellation_request()
        .agreement_id(&d.agreement_id)
        .agreement_cancellation_request_id(&id)
        .send()
        .await
        .expect_err("not a party");
    assert_eq!(get.code(), Some("ResourceNotFoundException"));
    let send = stranger
        .send_agreement_cancellation_request()
        .agreement_id(&d.agreement_id)
        .reason_code(Reason::Other)
        .send()
        .await
        .expect_err("not a party");
    assert_eq!(send.code(), Some("ResourceNotFoundException"));
    let rnf = Err("ResourceNotFoundException".to_string());
    assert_eq!(d.accept(&stranger, &id).await, rnf);
    assert_eq!(d.reject(&stranger, &id, "x").await, rnf);
    assert_eq!(d.withdraw(&stranger, &id, "x").await, rnf);
    for party in ["Proposer", "Acceptor"] {
        let listed = stranger
            .list_agreement_cancellation_requests()
            .party_type(party)
            .send()
            .await
            .expect("List");
        assert!(listed.items().is_empty(), "{party}: {listed:?}");
    }
    // An unknown request id on the right agreement is the same error, for a party too.
    let unknown = d
        .seller
        .get_agreement_cancellation_request()
        .agreement_id(&d.agreement_id)
        .agreement_cancellation_request_id("acr-doesnotexist")
        .send()
        .await
        .expect_err("unknown");
    assert_eq!(unknown.code(), Some("ResourceNotFoundException"));
    // Still pending: nothing the stranger did counted.
    assert_eq!(d.get(&d.seller, &id).await.0, CrStatus::PendingApproval);
}

#[tokio::test(flavor = "multi_thread")]
async fn each_side_may_only_do_its_part() {
    let d = deal().await;
    let send = d
        .buyer
        .send_agreement_cancellation_request()
        .agreement_id(&d.agreement_id)
        .reason_code(Reason::Other)
        .send()
        .await
        .expect_err("the buyer cannot send");
    assert_eq!(send.code(), Some("ValidationException"));
    let id = d.send().await;
    let accept = d
        .seller
        .accept_agreement_cancellation_request()
        .agreement_id(&d.agreement_id)
        .agreement_cancellation_request_id(&id)
        .send()
        .await
        .expect_err("the seller cannot accept");
    assert_eq!(accept.code(), Some("ValidationException"));
    let reason = match accept.into_service_error() {
        agreement::operation::accept_agreement_cancellation_request::AcceptAgreementCancellationRequestError::ValidationException(e) => e.reason().cloned(),
        other => panic!("{other:?}"),
    };
    assert_eq!(reason, Some(ValidationExceptionReason::UnsupportedAction));
    let invalid = Err("ValidationException".to_string());
    assert_eq!(d.reject(&d.seller, &id, "x").await, invalid);
    assert_eq!(d.withdraw(&d.buyer, &id, "x").await, invalid);
    assert_eq!(d.get(&d.buyer, &id).await.0, CrStatus::PendingApproval);
}

#[tokio::test(flavor = "multi_thread")]
async fn only_one_request_may_be_pending_per_agreement() {
    let d = deal().await;
    let first = d.send().await;
    let err = d
        .seller
        .send_agreement_cancellation_request()
        .agreement_id(&d.agreement_id)
        .reason_code(Reason::ReplacingAgreement)
        .send()
        .await
        .expect_err("one pending");
    assert_eq!(err.code(), Some("ConflictException"));
    let listed = d
        .seller
        .list_agreement_cancellation_requests()
        .party_type("Proposer")
        .agreement_id(&d.agreement_id)
        .send()
        .await
        .expect("List");
    let ids: Vec<_> = listed
        .items()
        .iter()
        .filter_map(|r| r.agreement_cancellation_request_id())
        .collect();
    assert_eq!(ids, [first.as_str()]);
    // Once withdrawn, a new one is allowed; the buyer lists both as acceptor, none as proposer.
    let withdrawn = d.withdraw(&d.seller, &first, "Wrong reason code").await;
    assert_eq!(withdrawn, Ok(Some(CrStatus::Cancelled)));
    let second = d.send().await;
    let as_buyer = |party: &'static str| {
        d.buyer
            .list_agreement_cancellation_requests()
            .party_type(party)
            .send()
    };
    let acceptor = as_buyer("Acceptor").await.expect("List");
    let statuses: Vec<_> = acceptor
        .items()
        .iter()
        .map(|r| (r.agreement_cancellation_request_id(), r.status().cloned()))
        .collect();
    assert_eq!(
        statuses,
        [
            (Some(first.as_str()), Some(CrStatus::Cancelled)),
            (Some(second.as_str()), Some(CrStatus::PendingApproval)),
        ]
    );
    assert!(as_buyer("Proposer").await.expect("List").items().is_empty());
    // Paged one at a time, in the same order.
    let page = |token: Option<String>| {
        d.buyer
            .list_agreement_cancellation_requests()
            .party_type("Acceptor")
            .max_results(1)
            .set_next_token(token)
            .send()
    };
    let one = page(None).await.expect("page 1");
    let two = page(one.next_token().map(str::to_string))
        .await
        .expect("page 2");
    let ids: Vec<_> = [&one, &two]
        .iter()
        .flat_map(|p| p.items())
        .filter_map(|r| r.agreement_cancellation_request_id())
        .collect();
    assert_eq!(ids, [first.as_str(), second.as_str()]);
    assert_eq!(two.next_token(), None);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_retry_with_the_same_client_token_returns_the_same_request() {
    let d = deal().await;
    let send = |reason: Reason| {
        d.seller
            .send_agreement_cancellation_request()
            .agreement_id(&d.agreement_id)
            .reason_code(reason)
            .client_token("retry-token-1")
            .send()
    };
    let first = send(Reason::UnintendedRenewal).await.expect("first");
    let again = send(Reason::UnintendedRenewal).await.expect("retry");
    assert_eq!(
        first.agreement_cancellation_request_id(),
        again.agreement_cancellation_request_id()
    );
    let other = send(Reason::Other)
        .await
        .expect_err("same token, other request");
    assert_eq!(other.code(), Some("ConflictException"));
    let listed = d
        .seller
        .list_agreement_cancellation_requests()
        .party_type("Proposer")
        .send()
        .await
        .expect("List");
    assert_eq!(listed.items().len(), 1, "{listed:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn each_step_is_announced_to_both_parties_and_approval_ends_the_agreement() {
    let d = deal().await;
    let before = d.handle.events().len();
    let first = d.send().await;
    assert!(d.reject(&d.buyer, &first, "No").await.is_ok());
    let second = d.send().await;
    assert!(d.accept(&d.buyer, &second).await.is_ok());
    let events = d.handle.events();
    let seen: Vec<(&str, &str)> = events[before..]
        .iter()
        .map(|e| (e.detail_type.as_str(), e.account.as_str()))
        .collect();
    let buyer = BUYERS[0];
    assert_eq!(
        seen,
        [
            (
                "Agreement Cancellation Request Pending Approval - Proposer",
                SELLER
            ),
            (
                "Agreement Cancellation Request Pending Approval - Acceptor",
                buyer
            ),
            ("Agreement Cancellation Request Rejected - Proposer", SELLER),
            ("Agreement Cancellation Request Rejected - Acceptor", buyer),
            (
                "Agreement Cancellation Request Pending Approval - Proposer",
                SELLER
            ),
            (
                "Agreement Cancellation Request Pending Approval - Acceptor",
                buyer
            ),
            ("Agreement Cancellation Request Approved - Proposer", SELLER),
            ("Agreement Cancellation Request Approved - Acceptor", buyer),
            ("Purchase Agreement Ended - Proposer", SELLER),
            ("Purchase Agreement Ended - Acceptor", buyer),
        ]
    );
    for e in &events[before..] {
        assert_eq!(e.source, "aws.agreement-marketplace");
    }
    let rejected = &events[before + 2].detail;
    assert_eq!(rejected["agreement"]["id"], json!(d.agreement_id));
    assert_eq!(rejected["agreement"]["acceptorId"], json!(buyer));
    assert_eq!(
        events[before + 3].detail["agreement"]["proposerId"],
        json!(SELLER)
    );
    let request = &rejected["agreementCancellationRequest"];
    assert_eq!(request["id"], json!(first));
    assert_eq!(request["statusCode"], "REJECTED");
    assert_eq!(request["statusMessage"], "No");
    assert_eq!(request["reasonCode"], "TEST_AGREEMENT");
    assert_eq!(
        events[before + 8].detail["agreement"]["status"],
        "CANCELLED"
    );
}
