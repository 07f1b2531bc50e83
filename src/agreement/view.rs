//! Agreement summaries and DescribeAgreement output as stable JSON and table rows.

use aws_smithy_types::DateTime;

/// `YYYY-MM-DDTHH:MM:SSZ`, or empty.
pub fn time(t: Option<&DateTime>) -> String {
    t.and_then(|t| chrono::DateTime::from_timestamp(t.secs(), 0))
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

/// One agreement's common facts.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub id: String,
    pub status: String,
    pub offer_id: String,
    pub product_ids: Vec<String>,
    pub acceptor: String,
    pub proposer: String,
    pub start: String,
    pub end: String,
}

/// The same fields read from a SearchAgreements summary or a DescribeAgreement output (two SDK
/// types with the same accessors).
macro_rules! summary_of {
    ($a:expr) => {{
        let a = $a;
        Summary {
            id: a.agreement_id().unwrap_or_default().into(),
            status: a
                .status()
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
            offer_id: a
                .proposal_summary()
                .and_then(|p| p.offer_id())
                .unwrap_or_default()
                .into(),
            product_ids: a
                .proposal_summary()
                .map(|p| {
                    p.resources()
                        .iter()
                        .filter_map(|r| r.id().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default(),
            acceptor: a
                .acceptor()
                .and_then(|x| x.account_id())
                .unwrap_or_default()
                .into(),
            proposer: a
                .proposer()
                .and_then(|x| x.account_id())
                .unwrap_or_default()
                .into(),
            start: time(a.start_time()),
            end: time(a.end_time()),
        }
    }};
}

impl Summary {
    pub fn from_search(a: &aws_sdk_marketplaceagreement::types::AgreementViewSummary) -> Self {
        summary_of!(a)
    }

    pub fn from_describe(
        a: &aws_sdk_marketplaceagreement::operation::describe_agreement::DescribeAgreementOutput,
    ) -> Self {
        summary_of!(a)
    }
}
