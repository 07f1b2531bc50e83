//! Accounts on one emulator see only their own data (issue 13): Agreement scopes
//! SearchAgreements by party and denies non-parties, Catalog keeps each seller's entities and
//! change sets to itself, Partner Central keeps opportunities to their owner, and Discovery shows
//! a private offer only to the buyers it targets. Every rule is checked through the Rust SDK.

use aws_sdk_marketplaceagreement::types::Filter;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use serde_json::json;

use crate::support::accounts::{
    as_account, private_offer, product, As, BUYER, OTHER_SELLER, SELLER, STRANGER,
};
use crate::support::catalog::{change_errors, finish, start_changes};
use crate::support::{clock, emulator};

/// Agreement ids `who` finds as `party` (Acceptor or Proposer).
async fn agreements_as(who: &As, party: &str) -> Vec<String> {
    let filter = |n: &str, v: &str| Filter::builder().name(n).values(v).build();
    let out = who
        .agreement
        .search_agreements()
        .catalog("AWSMarketplace")
        .filters(filter("PartyType", party))
        .filters(filter("AgreementType", "PurchaseAgreement"))
        .send()
        .await
        .expect("SearchAgreements");
    out.agreement_view_summaries()
        .iter()
        .filter_map(|a| a.agreement_id().map(str::to_string))
        .collect()
}

/// The agreement the (emulated) buyer makes by accepting a fresh private offer from `seller`.
async fn accepted_agreement(seller: &As) -> String {
    let p = product(&seller.catalog, "Scoped product").await;
    private_offer(&seller.catalog, &p, BUYER, json!({}), &[]).await;
    clock::until(
        &seller.catalog.clock,
        clock::step(),
        "buyer accepts",
        || async { agreements_as(seller, "Proposer").await.into_iter().next() },
    )
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn acceptor_and_proposer_each_find_their_own_agreements() {
    let h = emulator().await;
    let seller = as_account(&h, SELLER);
    let buyer = as_account(&h, BUYER);
    let id = accepted_agreement(&seller).await;
    assert_eq!(agreements_as(&buyer, "Acceptor").await, vec![id.clone()]);
    assert!(agreements_as(&buyer, "Proposer").await.is_empty());
    assert_eq!(agreements_as(&seller, "Proposer").await, vec![id]);
    assert!(agreements_as(&seller, "Acceptor").await.is_empty());
    let other = as_account(&h, OTHER_SELLER);
    assert!(agreements_as(&other, "Proposer").await.is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_non_party_is_denied_the_agreement_and_the_buyer_reads_its_own() {
    let h = emulator().await;
    let seller = as_account(&h, SELLER);
    let id = accepted_agreement(&seller).await;
    let stranger = as_account(&h, STRANGER);
    let describe = stranger
        .agreement
        .describe_agreement()
        .agreement_id(&id)
        .send()
        .await
        .expect_err("denied");
    assert_eq!(
        describe.code(),
        Some("AccessDeniedException"),
        "{describe:?}"
    );
    assert!(describe.into_service_error().is_access_denied_exception());
    let terms = stranger
        .agreement
        .get_agreement_terms()
        .agreement_id(&id)
        .send()
        .await
        .expect_err("denied");
    assert!(terms.into_service_error().is_access_denied_exception());
    let entitlements = stranger
        .agreement
        .get_agreement_entitlements()
        .agreement_id(&id)
        .send()
        .await
        .expect_err("denied");
    assert_eq!(entitlements.code(), Some("AccessDeniedException"));
    let buyer = as_account(&h, BUYER);
    let own = buyer
        .agreement
        .describe_agreement()
        .agreement_id(&id)
        .send()
        .await
        .expect("the buyer reads its agreement");
    assert_eq!(
        own.acceptor().and_then(|a| a.account_id()),
        Some(BUYER),
        "{own:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn two_sellers_never_see_each_others_catalog() {
    let h = emulator().await;
    let a = as_account(&h, SELLER);
    let b = as_account(&h, OTHER_SELLER);
    let p = product(&a.catalog, "Seller A's product").await;
    let listed = b
        .catalog
        .list_entities()
        .catalog("AWSMarketplace")
        .entity_type("SaaSProduct")
        .send()
        .await
        .expect("ListEntities");
    assert!(listed.entity_summary_list().is_empty(), "{listed:?}");
    let described = b
        .catalog
        .describe_entity()
        .catalog("AWSMarketplace")
        .entity_id(&p)
        .send()
        .await
        .expect_err("not B's");
    assert_eq!(described.code(), Some("ResourceNotFoundException"));
    let sets = a
        .catalog
        .list_change_sets()
        .catalog("AWSMarketplace")
        .send()
        .await
        .expect("ListChangeSets");
    let a_set = sets.change_set_summary_list()[0]
        .change_set_id()
        .expect("id")
        .to_string();
    let b_sets = b
        .catalog
        .list_change_sets()
        .catalog("AWSMarketplace")
        .send()
        .await
        .expect("ListChangeSets");
    assert!(b_sets.change_set_summary_list().is_empty());
    let foreign_set = b
        .catalog
        .describe_change_set()
        .catalog("AWSMarketplace")
        .change_set_id(&a_set)
        .send()
        .await
        .expect_err("not B's");
    assert_eq!(foreign_set.code(), Some("ResourceNotFoundException"));
    // B's change on A's product fails as one on a product nobody has.
    let update = json!({"ChangeType": "UpdateInformation", "Entity": {"Type": "SaaSProduct@1.0", "Identifier": p}, "DetailsDocument": {"ProductTitle": "Hijacked"}});
    let id = start_changes(&b.catalog, &[update]).await.expect("started");
    let out = finish(&b.catalog, &id).await;
    let errors = change_errors(&out);
    assert!(
        errors.iter().any(|(_, code, _)| code == "ENTITY_NOT_FOUND"),
        "{errors:?}"
    );
    let (_, mine) = crate::support::catalog::entity(&a.catalog, &p).await;
    assert_eq!(mine["Description"]["ProductTitle"], "Seller A's product");
}

#[tokio::test(flavor = "multi_thread")]
async fn two_partners_never_see_each_others_opportunities() {
    let h = emulator().await;
    let a = as_account(&h, SELLER);
    let b = as_account(&h, OTHER_SELLER);
    let created = a
        .partner
        .create_opportunity()
        .catalog("Sandbox")
        .client_token("accounts-1")
        .send()
        .await
        .expect("CreateOpportunity");
    let id = created.id().to_string();
    let listed = b
        .partner
        .list_opportunities()
        .catalog("Sandbox")
        .send()
        .await
        .expect("ListOpportunities");
    assert!(listed.opportunity_summaries().is_empty());
    let got = b
        .partner
        .get_opportunity()
        .catalog("Sandbox")
        .identifier(&id)
        .send()
        .await
        .expect_err("not B's");
    assert_eq!(got.code(), Some("ResourceNotFoundException"));
    let own = a
        .partner
        .list_opportunities()
        .catalog("Sandbox")
        .send()
        .await
        .expect("ListOpportunities");
    assert_eq!(own.opportunity_summaries().len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn discovery_shows_a_private_offer_to_its_buyer_and_its_seller_only() {
    let h = emulator().await;
    let seller = as_account(&h, SELLER);
    let p = product(&seller.catalog, "Discovered product").await;
    let offer = private_offer(&seller.catalog, &p, BUYER, json!({}), &[]).await;
    let sees = |who: As| {
        let offer = offer.clone();
        async move {
            match who.discovery.get_offer().offer_id(&offer).send().await {
                Ok(_) => true,
                Err(e) => {
                    assert_eq!(e.code(), Some("ResourceNotFoundException"), "{e:?}");
                    false
                }
            }
        }
    };
    assert!(sees(as_account(&h, BUYER)).await);
    assert!(sees(as_account(&h, SELLER)).await);
    assert!(!sees(as_account(&h, STRANGER)).await);
    assert!(!sees(as_account(&h, OTHER_SELLER)).await);
}

#[test]
fn boto3_sees_the_same_agreement_access_rules_over_json() {
    if !crate::support::served::boto3_available() {
        assert!(
            std::env::var_os("MPCTL_REQUIRE_BOTO3").is_none(),
            "MPCTL_REQUIRE_BOTO3 is set but boto3 is not installed"
        );
        eprintln!("skipped: python3 with boto3 is not installed");
        return;
    }
    let server = crate::support::server::Server::fast();
    let seller = as_account(server.handle(), SELLER);
    let id = server.block_on(accepted_agreement(&seller));
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/boto3_agreement_access.py");
    let out = std::process::Command::new("python3")
        .arg(script)
        .args([&server.url(), &id, BUYER, STRANGER])
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "script failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(doc["acceptor"], json!([id]), "{doc:#}");
    assert_eq!(doc["proposer"], json!([]), "{doc:#}");
    assert_eq!(doc["own"], BUYER);
    for op in ["describe", "terms", "entitlements"] {
        assert_eq!(doc[op]["code"], "AccessDeniedException", "{op}: {doc:#}");
        assert_eq!(doc[op]["status"], 403, "{op}: {doc:#}");
        assert!(
            doc[op]["message"]
                .as_str()
                .is_some_and(|m| m.contains(STRANGER)),
            "{op}: {doc:#}"
        );
    }
}
