//! What one account's resources say about their owner, and what AWS shares across accounts
//! (issue 13): Partner Central ARNs and an invitation's Receiver name the partner account that
//! owns them, not the emulator's default seller; a resale authorization a manufacturer released
//! for a reseller is visible to that reseller (DescribeEntity, and its own change sets that
//! create offers from it), and to no unrelated account. Checked through the Rust SDK.

use aws_sdk_partnercentralselling::types::ParticipantType;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use serde_json::{json, Value};

use crate::support::accounts::{as_account, product, OTHER_SELLER, SELLER, STRANGER};
use crate::support::catalog::{change_errors, entity_ids, finish, run_ok, start_changes};
use crate::support::emulator;
use crate::support::partner::create_referral;

/// The account field of an ARN.
fn account_of(arn: &str) -> &str {
    arn.split(':').nth(4).unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn partner_arns_and_the_invitation_receiver_name_the_owning_account() {
    let h = emulator().await;
    let other = as_account(&h, OTHER_SELLER);
    let created = other
        .partner
        .create_opportunity()
        .catalog("Sandbox")
        .client_token("sharing-1")
        .send()
        .await
        .expect("CreateOpportunity");
    assert_eq!(account_of(created.id()), "", "an id, not an ARN");
    let got = other
        .partner
        .get_opportunity()
        .catalog("Sandbox")
        .identifier(created.id())
        .send()
        .await
        .expect("GetOpportunity");
    assert_eq!(account_of(got.arn().expect("arn")), OTHER_SELLER);
    let solutions = other
        .partner
        .list_solutions()
        .catalog("Sandbox")
        .send()
        .await
        .expect("ListSolutions");
    for s in solutions.solution_summaries() {
        assert_eq!(account_of(s.arn().expect("arn")), OTHER_SELLER);
    }

    create_referral(&other.partner, "Vandelay").await;
    let invitations = other
        .partner
        .list_engagement_invitations()
        .catalog("Sandbox")
        .participant_type(ParticipantType::Receiver)
        .send()
        .await
        .expect("ListEngagementInvitations");
    let [summary] = invitations.engagement_invitation_summaries() else {
        panic!("{invitations:?}");
    };
    assert_eq!(account_of(summary.arn().expect("arn")), OTHER_SELLER);
    let receiver = |r: Option<&aws_sdk_partnercentralselling::types::Receiver>| {
        r.and_then(|r| r.as_account().ok())
            .map(|a| a.aws_account_id().to_string())
    };
    assert_eq!(receiver(summary.receiver()).as_deref(), Some(OTHER_SELLER));
    let invitation = other
        .partner
        .get_engagement_invitation()
        .catalog("Sandbox")
        .identifier(summary.id())
        .send()
        .await
        .expect("GetEngagementInvitation");
    assert_eq!(
        receiver(invitation.receiver()).as_deref(),
        Some(OTHER_SELLER)
    );
    // An AWS referral is sent by AWS, whoever receives it.
    assert_eq!(invitation.sender_aws_account_id(), Some("AWS"));

    // The default seller's own resources still name the default seller.
    let mine = as_account(&h, SELLER)
        .partner
        .list_solutions()
        .catalog("Sandbox")
        .send()
        .await
        .expect("ListSolutions");
    assert_eq!(
        account_of(mine.solution_summaries()[0].arn().expect("arn")),
        SELLER
    );
}

/// A released resale authorization on `product` for `reseller`; returns its id.
async fn resale_authorization(
    c: &crate::support::CatalogClient,
    product: &str,
    reseller: &str,
) -> String {
    let ty = "ResaleAuthorization@1.0";
    let at = json!({"Type": ty, "Identifier": "$R.Entity.Identifier"});
    let pricing = json!({"PricingModel": "Contract", "Terms": [
        {"Type": "ResaleFixedUpfrontPricingTerm", "CurrencyCode": "USD", "Price": "100.00", "Duration": "P12M", "Grants": [{"DimensionKey": "Seats", "MaxQuantity": 1}]}
    ]});
    let changes = [
        json!({"ChangeType": "CreateResaleAuthorization", "ChangeName": "R", "Entity": {"Type": ty}, "DetailsDocument": {"ProductId": product, "Name": "For the reseller", "Description": "Shared", "ResellerAccountId": reseller}}),
        json!({"ChangeType": "UpdatePricingTerms", "Entity": at, "DetailsDocument": pricing}),
        json!({"ChangeType": "ReleaseResaleAuthorization", "Entity": at, "DetailsDocument": {}}),
    ];
    run_ok(c, &changes).await.remove(0)
}

/// CreateOfferUsingResaleAuthorization as one account: the created offer id, or the errors.
async fn resell(c: &crate::support::CatalogClient, ra: &str) -> Result<String, Vec<String>> {
    let change = json!({"ChangeType": "CreateOfferUsingResaleAuthorization", "Entity": {"Type": "Offer@1.0"}, "DetailsDocument": {"ResaleAuthorizationId": ra, "Name": "Resold offer"}});
    let id = start_changes(c, &[change]).await.expect("StartChangeSet");
    let out = finish(c, &id).await;
    match entity_ids(&out).into_iter().next() {
        Some(offer) if change_errors(&out).is_empty() => Ok(offer),
        _ => Err(change_errors(&out)
            .into_iter()
            .map(|(_, code, _)| code)
            .collect()),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_resale_authorization_is_shared_with_its_reseller_only() {
    let h = emulator().await;
    let manufacturer = as_account(&h, SELLER);
    let reseller = as_account(&h, OTHER_SELLER);
    let stranger = as_account(&h, STRANGER);
    let p = product(&manufacturer.catalog, "Resold product").await;
    let ra = resale_authorization(&manufacturer.catalog, &p, OTHER_SELLER).await;

    // The reseller reads it, with the manufacturer as its owner; the stranger does not.
    let (_, shared) = crate::support::catalog::entity(&reseller.catalog, &ra).await;
    assert_eq!(shared["ManufacturerAccountId"], SELLER, "{shared}");
    let hidden = stranger
        .catalog
        .describe_entity()
        .catalog("AWSMarketplace")
        .entity_id(&ra)
        .send()
        .await
        .expect_err("not shared with the stranger");
    assert_eq!(hidden.code(), Some("ResourceNotFoundException"));

    // Listed as shared with the reseller, not as its own, and not to the stranger.
    let listed = |who: &'static str, ownership: &'static str| {
        let c = as_account(&h, who).catalog;
        async move {
            let out = c
                .list_entities()
                .catalog("AWSMarketplace")
                .entity_type("ResaleAuthorization")
                .ownership_type(ownership.into())
                .send()
                .await
                .expect("ListEntities");
            let ids = out.entity_summary_list().iter();
            ids.filter_map(|e| e.entity_id().map(str::to_string))
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(listed(OTHER_SELLER, "SHARED").await, vec![ra.clone()]);
    assert!(listed(OTHER_SELLER, "SELF").await.is_empty());
    assert!(listed(STRANGER, "SHARED").await.is_empty());
    assert_eq!(listed(SELLER, "SELF").await, vec![ra.clone()]);

    // The reseller's change set creates its offer from it; the offer is the reseller's.
    let offer = resell(&reseller.catalog, &ra)
        .await
        .expect("the reseller resells");
    let (_, doc) = crate::support::catalog::entity(&reseller.catalog, &offer).await;
    assert_eq!(doc["ProductId"], Value::from(p.as_str()), "{doc}");
    let (_, counted) = crate::support::catalog::entity(&manufacturer.catalog, &ra).await;
    assert_eq!(counted["OfferDetails"]["OfferCreatedCount"], 1, "{counted}");

    // An unrelated account's set finds no such resale authorization.
    let refused = resell(&stranger.catalog, &ra)
        .await
        .expect_err("not shared");
    assert_eq!(refused, vec!["ENTITY_NOT_FOUND".to_string()]);
    // And the reseller cannot change what was shared with it.
    let edit = json!({"ChangeType": "UpdateInformation", "Entity": {"Type": "ResaleAuthorization@1.0", "Identifier": ra}, "DetailsDocument": {"Name": "Mine now"}});
    let id = start_changes(&reseller.catalog, &[edit])
        .await
        .expect("StartChangeSet");
    let out = finish(&reseller.catalog, &id).await;
    let codes: Vec<String> = change_errors(&out).into_iter().map(|(_, c, _)| c).collect();
    assert_eq!(codes, vec!["ENTITY_NOT_FOUND".to_string()]);
    let (_, unchanged) = crate::support::catalog::entity(&manufacturer.catalog, &ra).await;
    assert_eq!(unchanged["Name"], "For the reseller", "{unchanged}");
}
