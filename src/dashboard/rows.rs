//! The cache's row format: each list row the dashboard keeps (an agreement, an offer, an
//! opportunity, a change set in flight, the post-sale counts) as a small JSON object and back.
//! The row types belong to the CLI's list code and are not serde types, so their one mapping to
//! the store lives here, beside nothing else.

use serde_json::{json, Value};

use super::data::{ChangeSetRow, OfferRow, Waiting};
use crate::agreement::view::Summary;
use crate::cosell::views::OpportunityRow;
use crate::offer::list::Row;

fn s(v: &Value, k: &str) -> String {
    v[k].as_str().unwrap_or_default().to_string()
}

fn opt(v: &Value, k: &str) -> Option<String> {
    v[k].as_str().map(str::to_string)
}

fn list(v: &Value, k: &str) -> Vec<String> {
    v[k].as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn count(v: &Value, k: &str) -> Option<usize> {
    v[k].as_u64().map(|n| n as usize)
}

pub fn summary_json(a: &Summary) -> Value {
    json!({"id": a.id, "status": a.status, "offer_id": a.offer_id, "product_ids": a.product_ids,
           "acceptor": a.acceptor, "proposer": a.proposer, "start": a.start, "end": a.end})
}

pub fn summary_from(v: &Value) -> Summary {
    Summary {
        id: s(v, "id"),
        status: s(v, "status"),
        offer_id: s(v, "offer_id"),
        product_ids: list(v, "product_ids"),
        acceptor: s(v, "acceptor"),
        proposer: s(v, "proposer"),
        start: s(v, "start"),
        end: s(v, "end"),
    }
}

pub fn offer_json(o: &OfferRow) -> Value {
    let r = &o.row;
    json!({"id": r.id, "name": r.name, "product_id": r.product_id, "state": r.state,
           "buyers": r.buyers, "availability_end": r.availability_end, "expired": r.expired,
           "agreements": o.agreements, "days_left": o.days_left})
}

pub fn offer_from(v: &Value) -> OfferRow {
    OfferRow {
        row: Row {
            id: s(v, "id"),
            name: s(v, "name"),
            product_id: s(v, "product_id"),
            state: s(v, "state"),
            buyers: list(v, "buyers"),
            availability_end: s(v, "availability_end"),
            expired: v["expired"].as_bool().unwrap_or_default(),
        },
        agreements: list(v, "agreements"),
        days_left: v["days_left"].as_i64(),
    }
}

pub fn opportunity_json(o: &OpportunityRow) -> Value {
    json!({"id": o.opportunity_id, "company": o.company, "stage": o.stage,
           "review_status": o.review_status, "target_close_date": o.target_close_date,
           "last_modified": o.last_modified})
}

pub fn opportunity_from(v: &Value) -> OpportunityRow {
    OpportunityRow {
        opportunity_id: opt(v, "id"),
        company: opt(v, "company"),
        stage: opt(v, "stage"),
        review_status: opt(v, "review_status"),
        target_close_date: opt(v, "target_close_date"),
        last_modified: opt(v, "last_modified"),
    }
}

pub fn changeset_json(c: &ChangeSetRow) -> Value {
    json!({"id": c.id, "name": c.name, "status": c.status, "started": c.started,
           "entities": c.entities})
}

pub fn changeset_from(v: &Value) -> ChangeSetRow {
    ChangeSetRow {
        id: s(v, "id"),
        name: s(v, "name"),
        status: s(v, "status"),
        started: s(v, "started"),
        entities: list(v, "entities"),
    }
}

pub fn waiting_json(w: &Waiting) -> Value {
    json!({"cancellations": w.cancellations, "refunds": w.refunds, "payments": w.payments})
}

pub fn waiting_from(v: &Value) -> Waiting {
    Waiting {
        cancellations: count(v, "cancellations"),
        refunds: count(v, "refunds"),
        payments: count(v, "payments"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_survive_the_round_trip() {
        let a = Summary {
            id: "agmt-1".into(),
            status: "ACTIVE".into(),
            offer_id: "offer-1".into(),
            product_ids: vec!["prod-1".into()],
            acceptor: "111122223333".into(),
            proposer: "444455556666".into(),
            start: "2026-01-01T00:00:00Z".into(),
            end: "2027-01-01T00:00:00Z".into(),
        };
        assert_eq!(
            summary_json(&summary_from(&summary_json(&a))),
            summary_json(&a)
        );
        let o = OfferRow {
            row: Row {
                id: "offer-1".into(),
                name: "N".into(),
                product_id: "prod-1".into(),
                state: "Released".into(),
                buyers: vec!["111122223333".into()],
                availability_end: "2027-01-01".into(),
                expired: false,
            },
            agreements: vec!["agmt-1".into()],
            days_left: Some(-3),
        };
        assert_eq!(offer_json(&offer_from(&offer_json(&o))), offer_json(&o));
        let w = Waiting {
            cancellations: Some(2),
            refunds: None,
            payments: Some(0),
        };
        assert_eq!(
            waiting_json(&waiting_from(&waiting_json(&w))),
            waiting_json(&w)
        );
    }
}
