//! One BatchMeterUsage call: its request built from rows (by this code for a run and for
//! `--plan` alike), and AWS's answer matched back to the rows, record by record.

use aws_sdk_marketplacemetering::operation::batch_meter_usage::builders::BatchMeterUsageFluentBuilder;
use aws_sdk_marketplacemetering::types::{UsageRecord, UsageRecordResultStatus};
use aws_sdk_marketplacemetering::Client;
use aws_smithy_types::DateTime as SdkTime;

use super::journal::Status;
use super::rows::{Buyer, Row};
use crate::aws::describe_error;

/// At most this many records per call (AWS's limit).
pub const BATCH: usize = 25;

/// The request for `rows` of the product with `code`.
pub fn request(
    client: &Client,
    code: &str,
    rows: &[&Row],
) -> anyhow::Result<BatchMeterUsageFluentBuilder> {
    let records = (rows.iter())
        .map(|r| {
            let b = UsageRecord::builder()
                .timestamp(SdkTime::from_secs(r.at.timestamp()))
                .dimension(&r.dimension)
                .quantity(r.quantity);
            let b = match &r.buyer {
                Buyer::Account(a) => b.customer_aws_account_id(a),
                Buyer::License(l) => b.license_arn(l),
            };
            b.build().map_err(anyhow::Error::from)
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(client
        .batch_meter_usage()
        .product_code(code)
        .set_usage_records(Some(records)))
}

/// Whether an answered record is the record of `row`.
fn is_row(record: &UsageRecord, row: &Row) -> bool {
    let buyer = match &row.buyer {
        Buyer::Account(a) => record.customer_aws_account_id() == Some(a.as_str()),
        Buyer::License(l) => record.license_arn() == Some(l.as_str()),
    };
    buyer && record.dimension() == row.dimension && record.timestamp().secs() == row.at.timestamp()
}

/// Sends the call; each row's status (rows AWS left unprocessed are `failed`, to send again).
pub async fn send(client: &Client, code: &str, rows: &[&Row]) -> anyhow::Result<Vec<Status>> {
    let out = request(client, code, rows)?
        .send()
        .await
        .map_err(|e| describe_error("BatchMeterUsage", e))?;
    let statuses = rows
        .iter()
        .map(|row| {
            let answer = (out.results().iter())
                .find(|r| r.usage_record().is_some_and(|u| is_row(u, row)));
            match answer.and_then(|a| a.status().map(|s| (s, a.metering_record_id()))) {
                Some((UsageRecordResultStatus::Success, Some(id))) => Status::Metered(id.to_string()),
                Some((UsageRecordResultStatus::CustomerNotSubscribed, _)) => Status::Refused(
                    "not-subscribed".into(),
                    "CustomerNotSubscribed: the buyer has no active agreement for the product".into(),
                ),
                Some((UsageRecordResultStatus::DuplicateRecord, _)) => Status::Refused(
                    "duplicate".into(),
                    "DuplicateRecord: another quantity was recorded for this buyer, dimension and time".into(),
                ),
                _ => Status::Refused("failed".into(), "AWS left the record unprocessed".into()),
            }
        })
        .collect();
    Ok(statuses)
}
