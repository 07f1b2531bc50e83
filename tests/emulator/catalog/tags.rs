//! Tags and resource policies through the real SDK: TagResource, UntagResource,
//! ListTagsForResource on entities and change sets (with the tags StartChangeSet gives), the
//! resource policy operations on entities, each scoped to the calling account, the documented
//! limits, and `--data` keeping both across a restart.

use aws_sdk_marketplacecatalog::types::{Change, ChangeStatus, Entity, Tag};
use aws_sdk_marketplacecatalog::Client;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use serde_json::json;

use crate::support::accounts::{as_account, product, OTHER_SELLER, SELLER};
use crate::support::catalog::{describe, finish};
use crate::support::{catalog_client, emulator};

fn tag(k: &str, v: &str) -> Tag {
    Tag::builder().key(k).value(v).build().unwrap()
}

async fn tags_of(c: &Client, arn: &str) -> Result<Vec<(String, String)>, String> {
    c.list_tags_for_resource()
        .resource_arn(arn)
        .send()
        .await
        .map(|o| {
            assert_eq!(o.resource_arn(), Some(arn));
            o.tags()
                .iter()
                .map(|t| (t.key().to_string(), t.value().to_string()))
                .collect()
        })
        .map_err(|e| e.code().unwrap_or("?").to_string())
}

async fn tag_with(c: &Client, arn: &str, tags: Vec<Tag>) -> Result<(), String> {
    c.tag_resource()
        .resource_arn(arn)
        .set_tags(Some(tags))
        .send()
        .await
        .map(|_| ())
        .map_err(|e| format!("{}: {}", e.code().unwrap_or("?"), e.message().unwrap_or("")))
}

async fn entity_arn(c: &Client, id: &str) -> String {
    let out = c
        .describe_entity()
        .catalog("AWSMarketplace")
        .entity_id(id)
        .send()
        .await
        .unwrap();
    out.entity_arn().unwrap().to_string()
}

fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
    p.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn tags_are_added_replaced_listed_and_removed_on_an_entity() {
    let handle = emulator().await;
    let c = catalog_client(&handle);
    let arn = entity_arn(&c, &product(&c, "Tagged").await).await;
    assert_eq!(tags_of(&c, &arn).await, Ok(vec![]));
    tag_with(&c, &arn, vec![tag("team", "billing"), tag("env", "prod")])
        .await
        .unwrap();
    tag_with(&c, &arn, vec![tag("env", "staging")])
        .await
        .unwrap();
    let want = pairs(&[("env", "staging"), ("team", "billing")]);
    assert_eq!(tags_of(&c, &arn).await, Ok(want));
    c.untag_resource()
        .resource_arn(&arn)
        .tag_keys("env")
        .tag_keys("absent")
        .send()
        .await
        .unwrap();
    assert_eq!(tags_of(&c, &arn).await, Ok(pairs(&[("team", "billing")])));
}

#[tokio::test(flavor = "multi_thread")]
async fn start_change_set_tags_go_on_the_set_and_entity_tags_on_the_created_entity() {
    let handle = emulator().await;
    let c = catalog_client(&handle);
    let create = Change::builder()
        .change_type("CreateProduct")
        .entity(Entity::builder().r#type("SaaSProduct@1.0").build().unwrap())
        .details_document(mpctl::aws::changeset::to_document(
            &json!({"ProductTitle": "Born tagged"}),
        ))
        .entity_tags(tag("owner", "sales"))
        .build()
        .unwrap();
    let started = c
        .start_change_set()
        .catalog("AWSMarketplace")
        .change_set(create)
        .change_set_tags(tag("ticket", "MP-42"))
        .send()
        .await
        .unwrap();
    let set_arn = started.change_set_arn().unwrap();
    assert_eq!(
        tags_of(&c, set_arn).await,
        Ok(pairs(&[("ticket", "MP-42")]))
    );
    let out = finish(&c, started.change_set_id().unwrap()).await;
    assert_eq!(out.status(), Some(&ChangeStatus::Succeeded), "{out:?}");
    let id = out.change_set()[0].entity().unwrap().identifier().unwrap();
    let arn = entity_arn(&c, id.split('@').next().unwrap()).await;
    assert_eq!(tags_of(&c, &arn).await, Ok(pairs(&[("owner", "sales")])));
    // The set's own ARN takes TagResource too.
    tag_with(&c, set_arn, vec![tag("reviewed", "yes")])
        .await
        .unwrap();
    let described = describe(&c, started.change_set_id().unwrap()).await;
    assert_eq!(described.change_set_arn(), Some(set_arn));
    assert_eq!(tags_of(&c, set_arn).await.unwrap().len(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn another_sellers_resources_and_unknown_arns_are_not_found() {
    let handle = emulator().await;
    let mine = as_account(&handle, SELLER).catalog;
    let theirs = as_account(&handle, OTHER_SELLER).catalog;
    let arn = entity_arn(&mine, &product(&mine, "Mine").await).await;
    tag_with(&mine, &arn, vec![tag("k", "v")]).await.unwrap();
    let unknown = arn.replace("prod-", "prod-zz");
    for target in [&arn, &unknown] {
        let err = tag_with(&theirs, target, vec![tag("x", "y")]).await;
        assert!(
            err.as_ref()
                .is_err_and(|e| e.starts_with("ResourceNotFoundException")),
            "{err:?}"
        );
        let listed = tags_of(&theirs, target).await;
        assert_eq!(listed, Err("ResourceNotFoundException".to_string()));
        let untag = theirs
            .untag_resource()
            .resource_arn(target)
            .tag_keys("k")
            .send()
            .await;
        assert_eq!(untag.unwrap_err().code(), Some("ResourceNotFoundException"));
    }
    // The owner's tags are untouched.
    assert_eq!(tags_of(&mine, &arn).await, Ok(pairs(&[("k", "v")])));
}

#[tokio::test(flavor = "multi_thread")]
async fn tag_limits_are_validation_exceptions() {
    let handle = emulator().await;
    let c = catalog_client(&handle);
    let arn = entity_arn(&c, &product(&c, "Limits").await).await;
    let long_key = "k".repeat(129);
    let long_value = "v".repeat(257);
    let fifty_one: Vec<Tag> = (0..51).map(|i| tag(&format!("k{i}"), "v")).collect();
    let twice = vec![tag("dup", "1"), tag("dup", "2")];
    for tags in [
        vec![tag(&long_key, "v")],
        vec![tag("key", &long_value)],
        vec![tag("", "v")],
        fifty_one,
        twice,
    ] {
        let err = tag_with(&c, &arn, tags).await.unwrap_err();
        assert!(err.starts_with("ValidationException"), "{err}");
    }
    // A 128-character key is fine.
    let longest = "k".repeat(128);
    tag_with(&c, &arn, vec![tag(&longest, "v")]).await.unwrap();
    let untag = c.untag_resource().resource_arn(&arn).tag_keys(&longest);
    untag.send().await.unwrap();
    // 50 in all per resource: 40, then 11 new ones is too many, 10 fits.
    let forty: Vec<Tag> = (0..40).map(|i| tag(&format!("a{i}"), "v")).collect();
    tag_with(&c, &arn, forty).await.unwrap();
    let eleven: Vec<Tag> = (0..11).map(|i| tag(&format!("b{i}"), "v")).collect();
    let err = tag_with(&c, &arn, eleven).await.unwrap_err();
    assert!(err.starts_with("ValidationException"), "{err}");
    let ten: Vec<Tag> = (0..10).map(|i| tag(&format!("b{i}"), "v")).collect();
    tag_with(&c, &arn, ten).await.unwrap();
    assert_eq!(tags_of(&c, &arn).await.unwrap().len(), 50);
    // Replacing values at a full resource is fine, as are a 256-character and an empty value.
    let edge = vec![tag("a1", &"v".repeat(256)), tag("a0", "")];
    tag_with(&c, &arn, edge).await.unwrap();
}

async fn get_policy(c: &Client, arn: &str) -> Result<String, String> {
    c.get_resource_policy()
        .resource_arn(arn)
        .send()
        .await
        .map(|o| o.policy().unwrap_or_default().to_string())
        .map_err(|e| e.code().unwrap_or("?").to_string())
}

const POLICY: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"aws-marketplace:DescribeEntity","Resource":"*"}]}"#;

#[tokio::test(flavor = "multi_thread")]
async fn a_resource_policy_is_put_read_and_deleted_on_an_owned_entity_only() {
    let handle = emulator().await;
    let mine = as_account(&handle, SELLER).catalog;
    let theirs = as_account(&handle, OTHER_SELLER).catalog;
    let arn = entity_arn(&mine, &product(&mine, "Shared").await).await;
    let missing = Err("ResourceNotFoundException".to_string());
    assert_eq!(get_policy(&mine, &arn).await, missing);
    let put = |c: &Client, policy: &str| {
        c.put_resource_policy()
            .resource_arn(&arn)
            .policy(policy)
            .send()
    };
    put(&mine, POLICY).await.unwrap();
    assert_eq!(get_policy(&mine, &arn).await, Ok(POLICY.to_string()));
    let not_json = put(&mine, "not json").await.unwrap_err();
    assert_eq!(not_json.code(), Some("ValidationException"));
    // Another seller can neither read, replace nor delete it.
    assert_eq!(get_policy(&theirs, &arn).await, missing);
    let replaced = put(&theirs, "{}").await.unwrap_err();
    assert_eq!(replaced.code(), Some("ResourceNotFoundException"));
    let delete = |c: &Client| c.delete_resource_policy().resource_arn(&arn).send();
    let deleted = delete(&theirs).await.unwrap_err();
    assert_eq!(deleted.code(), Some("ResourceNotFoundException"));
    assert_eq!(get_policy(&mine, &arn).await, Ok(POLICY.to_string()));
    delete(&mine).await.unwrap();
    assert_eq!(get_policy(&mine, &arn).await, missing);
    let again = delete(&mine).await.unwrap_err();
    assert_eq!(again.code(), Some("ResourceNotFoundException"));
    // Policies are for entities: the caller's own change set ARN is not one.
    let sets = mine.list_change_sets().catalog("AWSMarketplace").send();
    let sets = sets.await.unwrap();
    let set_arn = sets.change_set_summary_list()[0].change_set_arn().unwrap();
    let on_set = mine
        .put_resource_policy()
        .resource_arn(set_arn)
        .policy(POLICY)
        .send()
        .await
        .unwrap_err();
    assert_eq!(on_set.code(), Some("ResourceNotFoundException"));
    assert!(tags_of(&mine, set_arn).await.is_ok(), "tags do take it");
}

#[tokio::test(flavor = "multi_thread")]
async fn tags_and_policies_survive_a_restart_with_data() {
    let dir = tempfile::tempdir().expect("temp dir");
    let options = || mpctl_emulator::Options {
        data: Some(dir.path().join("world.json")),
        timings: crate::support::fast_timings(),
        ..mpctl_emulator::Options::default()
    };
    let first = mpctl_emulator::serve(options()).await.expect("emulator");
    let c = catalog_client(&first);
    let arn = entity_arn(&c, &product(&c, "Kept").await).await;
    tag_with(&c, &arn, vec![tag("keep", "me")]).await.unwrap();
    c.put_resource_policy()
        .resource_arn(&arn)
        .policy(POLICY)
        .send()
        .await
        .unwrap();
    first.stop().await;

    let second = mpctl_emulator::serve(options()).await.expect("restarts");
    let c = catalog_client(&second);
    assert_eq!(tags_of(&c, &arn).await, Ok(pairs(&[("keep", "me")])));
    assert_eq!(get_policy(&c, &arn).await, Ok(POLICY.to_string()));
}
