//! Metering's rules through aws-sdk-marketplacemetering: ResolveCustomer of a seeded token,
//! BatchMeterUsage's limits and per-record answers, MeterUsage and RegisterUsage as the buyer.

use metering::types::{UsageRecord, UsageRecordResultStatus as Status};

use super::*;

fn record(saas: &Saas, account: &str, dimension: &str, quantity: i32) -> UsageRecord {
    UsageRecord::builder()
        .timestamp(saas.now())
        .customer_aws_account_id(account)
        .dimension(dimension)
        .quantity(quantity)
        .build()
        .expect("record")
}

#[tokio::test]
async fn resolve_customer_answers_a_seeded_token_and_refuses_others() {
    let saas = saas().await;
    let token = (saas.handle.registration_token(BUYER, &saas.product_id)).expect("token");
    let client = saas.metering();
    let out = client
        .resolve_customer()
        .registration_token(&token)
        .send()
        .await
        .expect("ResolveCustomer");
    assert_eq!(out.customer_aws_account_id(), Some(BUYER));
    assert_eq!(out.product_code(), Some(saas.code.as_str()));
    let license = out
        .license_arn()
        .expect("an ACTIVE agreement has a license");
    assert!(
        license.starts_with("arn:aws:license-manager::"),
        "{license}"
    );
    let identifier = out.customer_identifier().expect("CustomerIdentifier");
    assert!(!identifier.is_empty());
    let bad = client
        .resolve_customer()
        .registration_token("nope")
        .send()
        .await;
    assert_eq!(code(&bad.expect_err("unknown")), "InvalidTokenException");
    saas.advance_hours(2);
    let late = client
        .resolve_customer()
        .registration_token(&token)
        .send()
        .await;
    assert_eq!(code(&late.expect_err("expired")), "ExpiredTokenException");
    let refused = saas.handle.registration_token(BUYER, "prod-doesnotexist0");
    assert!(refused.is_err());
}

#[tokio::test]
async fn batch_meter_usage_answers_each_record_and_deduplicates() {
    let saas = saas().await;
    let client = saas.metering();
    let token = (saas.handle.registration_token(BUYER, &saas.product_id)).expect("token");
    let resolved = client
        .resolve_customer()
        .registration_token(&token)
        .send()
        .await;
    let resolved = resolved.expect("ResolveCustomer");
    let by_identifier = UsageRecord::builder()
        .timestamp(saas.now())
        .customer_identifier(resolved.customer_identifier().expect("id"))
        .dimension(METERED[1])
        .quantity(3)
        .build()
        .expect("record");
    let by_license = UsageRecord::builder()
        .timestamp(saas.now())
        .license_arn(resolved.license_arn().expect("license"))
        .dimension(METERED[2])
        .quantity(1)
        .build()
        .expect("record");
    let first = record(&saas, BUYER, METERED[0], 10);
    let send = |records: Vec<UsageRecord>| {
        let req = client.batch_meter_usage().product_code(&saas.code);
        req.set_usage_records(Some(records)).send()
    };
    let records = vec![
        first.clone(),
        by_identifier,
        by_license,
        record(&saas, STRANGER, METERED[0], 1),
    ];
    let out = send(records).await.expect("BatchMeterUsage");
    let statuses: Vec<_> = out.results().iter().map(|r| r.status().cloned()).collect();
    let success = Some(Status::Success);
    assert_eq!(
        statuses,
        [
            success.clone(),
            success.clone(),
            success.clone(),
            Some(Status::CustomerNotSubscribed)
        ]
    );
    let id = out.results()[0]
        .metering_record_id()
        .expect("id")
        .to_string();
    let again = send(vec![first.clone()]).await.expect("again");
    assert_eq!(again.results()[0].status(), Some(&Status::Success));
    assert_eq!(
        again.results()[0].metering_record_id(),
        Some(id.as_str()),
        "the same record, the same id"
    );
    let other = UsageRecord::builder()
        .set_quantity(Some(11))
        .timestamp(*first.timestamp())
        .customer_aws_account_id(BUYER)
        .dimension(METERED[0])
        .build()
        .expect("record");
    let dup = send(vec![other]).await.expect("duplicate");
    assert_eq!(dup.results()[0].status(), Some(&Status::DuplicateRecord));
}

#[tokio::test]
async fn batch_meter_usage_refuses_what_aws_refuses() {
    let saas = saas().await;
    let client = saas.metering();
    let send = |code: &str, records: Vec<UsageRecord>| {
        let req = client.batch_meter_usage().product_code(code);
        req.set_usage_records(Some(records)).send()
    };
    let many = (0..26)
        .map(|i| record(&saas, BUYER, METERED[0], i))
        .collect();
    let e = send(&saas.code, many).await.expect_err("26 records");
    assert_eq!(code(&e), "ValidationException");
    let old = UsageRecord::builder()
        .timestamp(saas.hours_ago(7))
        .customer_aws_account_id(BUYER)
        .dimension(METERED[0])
        .quantity(1)
        .build()
        .expect("record");
    let e = send(&saas.code, vec![old]).await.expect_err("7 hours old");
    assert_eq!(code(&e), "TimestampOutOfBoundsException");
    let e = send(&saas.code, vec![record(&saas, BUYER, "Users", 1)])
        .await
        .expect_err("entitled");
    assert_eq!(code(&e), "InvalidUsageDimensionException");
    let e = send(
        "nosuchproductcode",
        vec![record(&saas, BUYER, METERED[0], 1)],
    )
    .await;
    assert_eq!(
        code(&e.expect_err("unknown code")),
        "InvalidProductCodeException"
    );
    let both = UsageRecord::builder()
        .timestamp(saas.now())
        .customer_aws_account_id(BUYER)
        .customer_identifier("abc")
        .dimension(METERED[0])
        .quantity(1)
        .build()
        .expect("record");
    let e = send(&saas.code, vec![both])
        .await
        .expect_err("two identifiers");
    assert_eq!(code(&e), "InvalidCustomerIdentifierException");
    let license = UsageRecord::builder()
        .timestamp(saas.now())
        .license_arn("arn:aws:license-manager::294406891311:license:l-0")
        .dimension(METERED[0])
        .quantity(1)
        .build()
        .expect("record");
    let e = send(&saas.code, vec![license])
        .await
        .expect_err("unknown license");
    assert_eq!(code(&e), "InvalidLicenseException");
}

#[tokio::test]
async fn meter_usage_and_register_usage_need_the_callers_agreement() {
    let saas = saas().await;
    let buyer = saas.metering_as(BUYER);
    let meter = |client: &metering::Client, quantity: i32| {
        client
            .meter_usage()
            .product_code(&saas.code)
            .timestamp(saas.now())
            .usage_dimension(METERED[0])
            .usage_quantity(quantity)
            .send()
    };
    let first = meter(&buyer, 2).await.expect("MeterUsage");
    let again = meter(&buyer, 2).await.expect("MeterUsage again");
    assert_eq!(first.metering_record_id(), again.metering_record_id());
    let e = meter(&buyer, 3).await.expect_err("another quantity");
    assert_eq!(code(&e), "DuplicateRequestException");
    let e = meter(&saas.metering_as(STRANGER), 1)
        .await
        .expect_err("no agreement");
    assert_eq!(code(&e), "CustomerNotEntitledException");
    let out = buyer
        .register_usage()
        .product_code(&saas.code)
        .public_key_version(1)
        .send()
        .await;
    assert!(out.expect("RegisterUsage").signature().is_some());
    let e = buyer
        .register_usage()
        .product_code(&saas.code)
        .public_key_version(2)
        .send()
        .await;
    assert_eq!(
        code(&e.expect_err("key version")),
        "InvalidPublicKeyVersionException"
    );
}

#[tokio::test]
async fn usage_from_before_an_agreements_end_is_accepted_for_an_hour_after_it() {
    let saas = saas().await;
    let described = agreement_client(&saas.handle)
        .describe_agreement()
        .agreement_id(&saas.agreement_id)
        .send()
        .await
        .expect("DescribeAgreement");
    let end = described.end_time().expect("endTime").secs();
    let now = saas.handle.clock().now().timestamp();
    let by = (end - now + 30 * 60) as u64;
    saas.handle
        .clock()
        .advance(std::time::Duration::from_secs(by));
    let client = saas.metering();
    let at = |offset: i64, dimension: &str| {
        let record = UsageRecord::builder()
            .timestamp(aws_smithy_types::DateTime::from_secs(end + offset))
            .customer_aws_account_id(BUYER)
            .dimension(dimension)
            .quantity(1)
            .build()
            .expect("record");
        let req = client.batch_meter_usage().product_code(&saas.code);
        req.usage_records(record).send()
    };
    let before = at(-600, METERED[0]).await.expect("before the end");
    assert_eq!(before.results()[0].status(), Some(&Status::Success));
    let after = at(600, METERED[1]).await.expect("after the end");
    assert_eq!(
        after.results()[0].status(),
        Some(&Status::CustomerNotSubscribed)
    );
    saas.advance_hours(1);
    let late = at(-300, METERED[2]).await.expect("window closed");
    assert_eq!(
        late.results()[0].status(),
        Some(&Status::CustomerNotSubscribed)
    );
}
