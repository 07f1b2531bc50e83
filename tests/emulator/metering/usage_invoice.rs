//! Usage sent with BatchMeterUsage becomes a usage charge on the buyer's agreement, priced at
//! the offer's rate card, on the invoice issued on the first of the next month.

use agreement::types::{InvoiceType, LineItemGroupBy};
use chrono::{Datelike, TimeZone};
use metering::types::UsageRecord;

use super::*;

#[tokio::test]
async fn metered_usage_appears_priced_on_the_next_monthly_invoice() {
    let saas = saas().await;
    let records = [(METERED[0], 10), (METERED[2], 4), (METERED[1], 0)];
    let records: Vec<UsageRecord> = (records.iter())
        .map(|(dimension, quantity)| {
            UsageRecord::builder()
                .timestamp(saas.now())
                .customer_aws_account_id(BUYER)
                .dimension(*dimension)
                .quantity(*quantity)
                .build()
                .expect("record")
        })
        .collect();
    let req = saas.metering().batch_meter_usage().product_code(&saas.code);
    req.set_usage_records(Some(records))
        .send()
        .await
        .expect("BatchMeterUsage");
    let now = saas.handle.clock().now();
    let (y, m) = if now.month() == 12 {
        (now.year() + 1, 1)
    } else {
        (now.year(), now.month() + 1)
    };
    let first = chrono::Utc
        .with_ymd_and_hms(y, m, 1, 0, 0, 1)
        .single()
        .expect("date");
    let seconds = (first - now).num_seconds().max(0) as u64;
    saas.handle
        .clock()
        .advance(std::time::Duration::from_secs(seconds));
    let out = agreement_client(&saas.handle)
        .list_agreement_invoice_line_items()
        .agreement_id(&saas.agreement_id)
        .group_by(LineItemGroupBy::InvoiceId)
        .send()
        .await
        .expect("ListAgreementInvoiceLineItems");
    let amounts: Vec<&str> = (out.agreement_invoice_line_item_group_summaries().iter())
        .filter(|i| i.invoice_type() == Some(&InvoiceType::Invoice))
        .filter_map(|i| i.pricing_currency_amount().and_then(|a| a.amount()))
        .collect();
    // 10 × 0.15 + 4 × 0.50 on the usage invoice; the 1200.00 contract invoice at acceptance.
    assert!(amounts.contains(&"3.50"), "{amounts:?}");
    assert!(amounts.contains(&"1200.00"), "{amounts:?}");
}
