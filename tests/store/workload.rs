//! A varied workload through the real SDK clients, tolerant of injected faults (retries with a
//! short backoff; a change set failed by `server-fault` is started again): a SaaS product and a
//! private offer the stand-in buyer accepts, an EventBridge rule to an SQS queue, AWS referrals
//! and an accepted invitation (an engagement task), a lead, a registration token, metering, a
//! refund, clock advances, and the queue drained with long polling.

use std::time::Duration;

use aws_sdk_marketplaceagreement as agreement;
use aws_sdk_marketplacecatalog as catalog;
use aws_sdk_marketplacemetering as metering;
use aws_sdk_partnercentralselling as pcs;
use aws_sdk_sqs::types::QueueAttributeName;
use aws_smithy_types::retry::RetryConfig;
use mpctl_emulator::{ClockControl, Handle};
use serde_json::{json, Value};

pub const BUYER: &str = "111111111111";
const SELLER: &str = "123456789012";

/// An SDK config for `url` signing with `key`, retrying faults quickly and often.
pub fn config(url: &str, key: &str) -> aws_config::SdkConfig {
    let retry = RetryConfig::standard()
        .with_max_attempts(10)
        .with_initial_backoff(Duration::from_millis(5))
        .with_max_backoff(Duration::from_millis(50));
    crate::support::sdk_config_with_key(url, key)
        .to_builder()
        .retry_config(retry)
        .build()
}

/// Runs the whole workload against `handle`.
pub async fn run(handle: &Handle) {
    let url = handle.base_url.clone();
    let seller = config(&url, "AKIDTEST");
    let queue = rule_to_queue(&config(&url, &format!("AKIDACCT{SELLER}"))).await;
    let (product, agreement_id) = saas_sale(&catalog::Client::new(&seller), handle).await;
    partner(&pcs::Client::new(&seller), &handle.clock()).await;
    handle
        .seed_lead(SELLER, "Sandbox", "Lead Corp")
        .expect("seed lead");
    meter(&metering::Client::new(&seller), handle, &product).await;
    refund(&agreement::Client::new(&seller), &agreement_id).await;
    handle.clock().advance(Duration::from_secs(40 * 86_400));
    drain(
        &aws_sdk_sqs::Client::new(&config(&url, &format!("AKIDACCT{SELLER}"))),
        &queue,
    )
    .await;
}

/// A rule on the seller's default bus sending every event of the account to a queue.
async fn rule_to_queue(config: &aws_config::SdkConfig) -> String {
    let (sqs, events) = (
        aws_sdk_sqs::Client::new(config),
        aws_sdk_eventbridge::Client::new(config),
    );
    let url = sqs.create_queue().queue_name("all").send().await;
    let url = url.expect("CreateQueue").queue_url.expect("QueueUrl");
    let attrs = sqs.get_queue_attributes().queue_url(&url);
    let attrs = attrs
        .attribute_names(QueueAttributeName::QueueArn)
        .send()
        .await;
    let arn = (attrs.expect("attributes").attributes)
        .and_then(|a| a.get(&QueueAttributeName::QueueArn).cloned())
        .expect("QueueArn");
    let pattern = json!({"account": [SELLER]}).to_string();
    let rule = events
        .put_rule()
        .name("all")
        .event_pattern(pattern)
        .send()
        .await;
    let rule_arn = rule.expect("PutRule").rule_arn.expect("RuleArn");
    let policy = json!({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"},
        "Action": "sqs:SendMessage", "Resource": arn,
        "Condition": {"ArnEquals": {"aws:SourceArn": rule_arn}}}]});
    let set = sqs.set_queue_attributes().queue_url(&url);
    let set = set.attributes(QueueAttributeName::Policy, policy.to_string());
    set.send().await.expect("SetQueueAttributes");
    let target = aws_sdk_eventbridge::types::Target::builder()
        .id("q")
        .arn(&arn);
    let put = events
        .put_targets()
        .rule("all")
        .targets(target.build().expect("target"));
    put.send().await.expect("PutTargets");
    url
}

/// Starts `changes` until a change set SUCCEEDS (a `server-fault` fails one); its entity ids.
async fn change_set(
    client: &catalog::Client,
    clock: &ClockControl,
    changes: &[Value],
) -> Vec<String> {
    for _ in 0..10 {
        let id = crate::support::catalog::start_changes(client, changes).await;
        let id = id.expect("StartChangeSet");
        clock.advance(Duration::from_secs(5));
        let out = crate::support::catalog::describe(client, &id).await;
        if out.status() == Some(&catalog::types::ChangeStatus::Succeeded) {
            return crate::support::catalog::entity_ids(&out);
        }
    }
    panic!("no change set succeeded in ten attempts")
}

fn dimension(key: &str, kind: &str) -> Value {
    json!({"Key": key, "Name": key, "Description": key, "Unit": "Units", "Types": [kind]})
}

/// A SaaS product with a metered dimension, a private offer for [`BUYER`] with an upfront
/// price, accepted by the stand-in buyer: (product id, agreement id).
async fn saas_sale(client: &catalog::Client, handle: &Handle) -> (String, String) {
    let clock = handle.clock();
    let dims = json!([
        dimension("Users", "Entitled"),
        dimension("Small", "ExternallyMetered")
    ]);
    let product = change_set(client, &clock, &[
        json!({"ChangeType": "CreateProduct", "Entity": {"Type": "SaaSProduct@1.0"}, "ChangeName": "P",
            "DetailsDocument": {"ProductTitle": "store workload"}}),
        json!({"ChangeType": "AddDimensions", "DetailsDocument": dims,
            "Entity": {"Type": "SaaSProduct@1.0", "Identifier": "$P.Entity.Identifier"}}),
    ])
    .await[0]
        .clone();
    let offer = |change_type: &str, details: Value| {
        json!({"ChangeType": change_type, "DetailsDocument": details,
            "Entity": {"Type": "Offer@1.0", "Identifier": "$O.Entity.Identifier"}})
    };
    let pricing = json!({"PricingModel": "Contract", "Terms": [
        {"Type": "ConfigurableUpfrontPricingTerm", "CurrencyCode": "USD",
         "RateCards": [{"Selector": {"Type": "Duration", "Value": "P12M"},
            "Constraints": {"MultipleDimensionSelection": "Allowed", "QuantityConfiguration": "Allowed"},
            "RateCard": [{"DimensionKey": "Users", "Price": "1200.00"}]}]},
        {"Type": "UsageBasedPricingTerm", "CurrencyCode": "USD", "RateCards": [{"RateCard": [
            {"DimensionKey": "Small", "Price": "0.15"}]}]}]});
    let offer_id = change_set(client, &clock, &[
        json!({"ChangeType": "CreateOffer", "ChangeName": "O", "Entity": {"Type": "Offer@1.0"},
            "DetailsDocument": {"ProductId": product}}),
        offer("UpdateTargeting", json!({"PositiveTargeting": {"BuyerAccounts": [BUYER]}})),
        offer("UpdateValidityTerms", json!({"Terms": [{"Type": "ValidityTerm", "AgreementDuration": "P12M"}]})),
        offer("UpdateLegalTerms", json!({"Terms": [{"Type": "LegalTerm", "Documents": [{"Type": "StandardEula", "Version": "2022-07-14"}]}]})),
        offer("UpdatePricingTerms", pricing),
        offer("ReleaseOffer", json!({})),
    ])
    .await[0]
        .clone();
    clock.advance(Duration::from_secs(10));
    (product, agreement_of(handle, &offer_id).await)
}

/// The agreement the stand-in buyer made from `offer_id`.
async fn agreement_of(handle: &Handle, offer_id: &str) -> String {
    let client = agreement::Client::new(&config(&handle.base_url, "AKIDTEST"));
    let filter = |n: &str, v: &str| {
        agreement::types::Filter::builder()
            .name(n)
            .values(v)
            .build()
    };
    let out = client
        .search_agreements()
        .catalog("AWSMarketplace")
        .filters(filter("PartyType", "Proposer"))
        .filters(filter("AgreementType", "PurchaseAgreement"))
        .filters(filter("OfferId", offer_id))
        .send()
        .await
        .expect("SearchAgreements");
    let found = out.agreement_view_summaries().first();
    found
        .and_then(|a| a.agreement_id().map(str::to_string))
        .expect("accepted")
}

/// Two AWS referrals (engagement invitations); one accepted by a task that completes.
async fn partner(client: &pcs::Client, clock: &ClockControl) {
    for company in ["Initech", "Globex"] {
        crate::support::partner::create_referral(client, company).await;
    }
    let listed = client.list_engagement_invitations().catalog("Sandbox");
    let listed = listed.participant_type("RECEIVER".into()).send().await;
    let invitation = listed
        .expect("invitations")
        .engagement_invitation_summaries()[0]
        .clone();
    client
        .start_engagement_by_accepting_invitation_task()
        .catalog("Sandbox")
        .client_token("accept")
        .identifier(invitation.id())
        .send()
        .await
        .expect("accept");
    clock.advance(Duration::from_secs(5));
    let tasks = client
        .list_engagement_by_accepting_invitation_tasks()
        .catalog("Sandbox");
    tasks.send().await.expect("tasks");
}

/// A registration token resolved, and usage metered for the buyer.
async fn meter(client: &metering::Client, handle: &Handle, product: &str) {
    let token = handle.registration_token(BUYER, product).expect("token");
    let resolved = client
        .resolve_customer()
        .registration_token(token)
        .send()
        .await;
    let resolved = resolved.expect("ResolveCustomer");
    let now = handle.clock().now().timestamp_millis();
    let record = |q: i32, minutes: i64| {
        metering::types::UsageRecord::builder()
            .timestamp(aws_smithy_types::DateTime::from_millis(
                now - minutes * 60_000,
            ))
            .customer_identifier(resolved.customer_identifier().expect("customer"))
            .dimension("Small")
            .quantity(q)
            .build()
            .expect("record")
    };
    let code = resolved.product_code().expect("code");
    let batch = client.batch_meter_usage().product_code(code);
    let batch = batch
        .usage_records(record(3, 1))
        .usage_records(record(5, 2));
    batch.send().await.expect("BatchMeterUsage");
}

/// A partial refund of the agreement's upfront invoice.
async fn refund(client: &agreement::Client, agreement_id: &str) {
    use agreement::types::{BatchCreateBillingAdjustmentRequestEntry as Entry, LineItemGroupBy};
    let items = client
        .list_agreement_invoice_line_items()
        .agreement_id(agreement_id);
    let items = items.group_by(LineItemGroupBy::InvoiceId).send().await;
    let items = items.expect("ListAgreementInvoiceLineItems");
    let invoice = items.agreement_invoice_line_item_group_summaries()[0].invoice_id();
    let entry = Entry::builder()
        .agreement_id(agreement_id)
        .original_invoice_id(invoice.expect("invoice"))
        .adjustment_amount("10.00")
        .currency_code("USD")
        .adjustment_reason_code(agreement::types::BillingAdjustmentReasonCode::BuyerDissatisfaction)
        .description("store workload")
        .client_token("refund-1")
        .build()
        .expect("entry");
    let batch = client.batch_create_billing_adjustment_request();
    batch
        .billing_adjustment_request_entries(entry)
        .send()
        .await
        .expect("refund");
}

/// Receives (long polling) and deletes every message of the queue.
async fn drain(sqs: &aws_sdk_sqs::Client, url: &str) {
    loop {
        let got = sqs
            .receive_message()
            .queue_url(url)
            .max_number_of_messages(10);
        let got = got
            .wait_time_seconds(1)
            .send()
            .await
            .expect("ReceiveMessage");
        let messages = got.messages.unwrap_or_default();
        if messages.is_empty() {
            return;
        }
        for m in messages {
            let delete = sqs.delete_message().queue_url(url);
            let handle = m.receipt_handle.expect("receipt handle");
            delete
                .receipt_handle(handle)
                .send()
                .await
                .expect("DeleteMessage");
        }
    }
}
