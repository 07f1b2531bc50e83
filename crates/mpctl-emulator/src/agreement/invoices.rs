//! Charges come due and invoices are issued on the emulator's clock (aws-postsale.md §6): the
//! charges an agreement's accepted terms imply are planned once, each is invoiced out of cycle
//! when its time comes, and metered usage is billed on a consolidated invoice at the start of
//! the next month. Approved payment requests add their charge here too (`add_charge`).
//!
//! [I] Where the reference is silent:
//! - Planned from the accepted terms: a fixed upfront price and the buyer's configurable-upfront
//!   selection at acceptance; each payment-schedule installment on its date (at acceptance if
//!   the date is earlier); a recurring price at the start of each billing period of the initial
//!   term. Zero amounts are not charged; usage and variable-payment terms plan nothing.
//! - An out-of-cycle invoice's `invoiceBillingPeriod` is the month it is issued in; a usage
//!   invoice's is the month the usage happened.
//! - A charge whose time comes after its agreement stopped being ACTIVE is dropped, never
//!   invoiced (cancellation stops future invoices only, §4.1); usage already recorded is billed.
//! - Invoice ids are `EMU` + the issue date + 8 lowercase alphanumerics.

use chrono::{DateTime, Datelike, TimeZone, Utc};
use serde_json::Value;

use super::ledger::{Charge, Invoice, InvoiceKind, Usage};
use super::money::Money;
use super::store::{Agreement, AgreementState, Status};
use super::time::{parse_instant, Duration};
use crate::ids;

impl AgreementState {
    /// The hook for metered usage (fed by the Metering emulation through `World::run`):
    /// `amount` of usage charges on `agreement_id` at `at`, billed on the consolidated invoice
    /// issued at the start of the following month.
    pub fn record_usage(&mut self, agreement_id: &str, amount: &str, at: DateTime<Utc>) {
        self.ledger.usage.push(Usage {
            agreement_id: agreement_id.to_string(),
            amount: amount.to_string(),
            at,
            billed: false,
        });
    }
}

/// The clock's part: plans the charges of new agreements, then issues what is due at `now`.
/// Whether anything changed (charges planned, usage billed, invoices issued: each changes a
/// count).
pub(super) fn advance(state: &mut AgreementState, now: DateTime<Utc>) -> bool {
    let counts = |l: &super::ledger::Ledger| {
        let billed = l.usage.iter().filter(|u| u.billed).count();
        (l.charges.len(), l.invoices.len(), l.planned.len(), billed)
    };
    let before = counts(&state.ledger);
    // Agreements are never removed: as many planned as held means every one is.
    let all_planned = state.ledger.planned.len() == state.all().len();
    let unplanned: Vec<(String, Vec<Charge>)> = (state.all().iter())
        .filter(|_| !all_planned)
        .filter(|a| !state.ledger.planned.contains(&a.id))
        .map(|a| (a.id.clone(), plan(a)))
        .collect();
    for (id, charges) in unplanned {
        state.ledger.charges.extend(charges);
        state.ledger.planned.insert(id);
    }
    bill_usage(state, now);
    issue_due(state, now);
    counts(&state.ledger) != before
}

/// Adds a charge incurred now (an approved payment request) and invoices it at once.
pub(super) fn add_charge(state: &mut AgreementState, charge: Charge) {
    let now = charge.time;
    state.ledger.charges.push(charge);
    issue_due(state, now);
}

/// A new charge of `a` at `time`.
pub(super) fn charge(a: &Agreement, amount: Money, time: DateTime<Utc>) -> Charge {
    Charge {
        id: format!("ch-{}", ids::alnum(25)),
        revision: 1,
        agreement_id: a.id.clone(),
        amount: amount.to_string(),
        currency: a.currency_code.clone(),
        time,
        purchase_order: None,
        invoice_id: None,
        period: None,
    }
}

/// The charges `a`'s accepted terms imply ([I], see above).
fn plan(a: &Agreement) -> Vec<Charge> {
    let mut out = Vec::new();
    for term in &a.terms {
        let Some((kind, body)) = term.as_object().and_then(|m| m.iter().next()) else {
            continue;
        };
        let money =
            |v: &Value, key: &str| v.get(key).and_then(Value::as_str).and_then(Money::parse);
        match kind.as_str() {
            "fixedUpfrontPricingTerm" => {
                if let Some(p) = money(body, "price") {
                    out.push(charge(a, p, a.acceptance_time));
                }
            }
            "configurableUpfrontPricingTerm" => {
                out.push(charge(a, configured(body), a.acceptance_time));
            }
            "paymentScheduleTerm" => {
                for item in list(body, "schedule") {
                    let at = item.get("chargeDate").and_then(epoch_instant);
                    let at = at.map_or(a.acceptance_time, |t| t.max(a.acceptance_time));
                    if let Some(p) = money(item, "chargeAmount") {
                        out.push(charge(a, p, at));
                    }
                }
            }
            "recurringPaymentTerm" => {
                let months = match body.get("billingPeriod").and_then(Value::as_str) {
                    Some("Monthly") => 1,
                    _ => 12,
                };
                let price = money(body, "price").unwrap_or_default();
                let mut n = 0;
                while n < 600 && Duration::months(n * months).after(a.start_time) < a.end_time {
                    out.push(charge(
                        a,
                        price,
                        Duration::months(n * months).after(a.start_time),
                    ));
                    n += 1;
                }
            }
            _ => {}
        }
    }
    out.retain(|c| Money::parse(&c.amount).is_some_and(Money::is_positive));
    out
}

fn list<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn epoch_instant(v: &Value) -> Option<DateTime<Utc>> {
    match v {
        Value::String(s) => parse_instant(s),
        _ => crate::clock::parse_json_instant(v),
    }
}

/// The buyer's configurable-upfront selection: each selected dimension's price on the rate card
/// of the selected duration, times its quantity (the first rate card when nothing matches).
fn configured(body: &Value) -> Money {
    let cards = list(body, "rateCards");
    let selected = body
        .pointer("/configuration/selectorValue")
        .and_then(Value::as_str);
    let card = cards
        .iter()
        .find(|c| c.pointer("/selector/value").and_then(Value::as_str) == selected)
        .or(cards.first());
    let Some(card) = card else {
        return Money::default();
    };
    let quantity = |key: &str| {
        list(
            body.get("configuration").unwrap_or(&Value::Null),
            "dimensions",
        )
        .iter()
        .find(|d| d.get("dimensionKey").and_then(Value::as_str) == Some(key))
        .and_then(|d| d.get("dimensionValue").and_then(Value::as_u64))
        .unwrap_or(1)
    };
    list(card, "rateCard")
        .iter()
        .filter_map(|item| {
            let key = item.get("dimensionKey").and_then(Value::as_str)?;
            let price = Money::parse(item.get("price")?.as_str()?)?;
            Some(price.times(u32::try_from(quantity(key)).unwrap_or(1)))
        })
        .fold(Money::default(), Money::plus)
}

/// The instant an agreement stopped being ACTIVE, if it did.
/// When each agreement that is no longer ACTIVE ended, by id: one pass over the agreements, not
/// one per charge (a seeded world has tens of thousands of charges).
fn ended_at(state: &AgreementState) -> std::collections::HashMap<&str, DateTime<Utc>> {
    (state.all().iter())
        .filter(|a| a.status != Status::Active)
        .map(|a| (a.id.as_str(), a.last_update_time))
        .collect()
}

/// Invoices every charge due at `now`; drops those due after their agreement ended (usage
/// charges excepted: that usage happened while it was ACTIVE).
fn issue_due(state: &mut AgreementState, now: DateTime<Utc>) {
    let due = |c: &Charge| c.invoice_id.is_none() && c.time <= now;
    if !state.ledger.charges.iter().any(due) {
        return;
    }
    let ended_by_id = ended_at(state);
    let ended: Vec<Option<DateTime<Utc>>> = (state.ledger.charges.iter())
        .map(|c| ended_by_id.get(c.agreement_id.as_str()).copied())
        .collect();
    let mut keep = ended.iter().map(|_| true).collect::<Vec<_>>();
    let ledger = &mut state.ledger;
    for (i, c) in ledger.charges.iter_mut().enumerate() {
        if c.invoice_id.is_some() || c.time > now {
            continue;
        }
        if c.period.is_none() && ended[i].is_some_and(|end| c.time > end) {
            keep[i] = false;
            continue;
        }
        let period = c.period.unwrap_or((c.time.year(), c.time.month()));
        let invoice = Invoice {
            id: invoice_id(c.time),
            agreement_id: c.agreement_id.clone(),
            kind: InvoiceKind::Invoice,
            amount: c.amount.clone(),
            max_adjustment: Some(c.amount.clone()),
            currency: c.currency.clone(),
            period,
            issued_at: c.time,
            source: c.id.clone(),
            purchase_order: c.purchase_order.clone(),
        };
        c.invoice_id = Some(invoice.id.clone());
        ledger.invoices.push(invoice);
    }
    let mut flags = keep.into_iter();
    ledger.charges.retain(|_| flags.next().unwrap_or(true));
}

/// A fresh invoice id for an invoice issued at `at`.
pub(super) fn invoice_id(at: DateTime<Utc>) -> String {
    format!("EMU{}{}", at.format("%Y%m%d"), ids::alnum(8))
}

/// The first instant of the month after `t`'s.
fn next_month(t: DateTime<Utc>) -> DateTime<Utc> {
    let (y, m) = if t.month() == 12 {
        (t.year() + 1, 1)
    } else {
        (t.year(), t.month() + 1)
    };
    Utc.with_ymd_and_hms(y, m, 1, 0, 0, 0).single().unwrap_or(t)
}

/// Turns the usage of every month that is over into one usage charge per agreement and month,
/// due on the first of the next month (then invoiced by `issue_due`).
fn bill_usage(state: &mut AgreementState, now: DateTime<Utc>) {
    /// (agreement, usage month, invoice instant, total).
    type Due = (String, (i32, u32), DateTime<Utc>, Money);
    let mut due: Vec<Due> = Vec::new();
    for u in state.ledger.usage.iter_mut() {
        let at = next_month(u.at);
        if u.billed || at > now {
            continue;
        }
        u.billed = true;
        let period = (u.at.year(), u.at.month());
        let amount = Money::parse(&u.amount).unwrap_or_default();
        match due
            .iter_mut()
            .find(|(id, p, _, _)| *id == u.agreement_id && *p == period)
        {
            Some(row) => row.3 = row.3.plus(amount),
            None => due.push((u.agreement_id.clone(), period, at, amount)),
        }
    }
    for (agreement_id, period, at, amount) in due {
        let Some(a) = state.get(&agreement_id) else {
            continue;
        };
        let mut c = charge(a, amount, at);
        c.period = Some(period);
        if amount.is_positive() {
            state.ledger.charges.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::agreement::store::Resource;

    fn at(s: &str) -> DateTime<Utc> {
        parse_instant(s).expect("instant")
    }

    fn agreement(terms: Vec<Value>) -> Agreement {
        let start = at("2025-01-10T00:00:00Z");
        Agreement {
            id: "agmt-1".into(),
            agreement_type: "PurchaseAgreement".into(),
            proposer: "123456789012".into(),
            acceptor: "444455556666".into(),
            offer_id: "offer-1".into(),
            offer_set_id: None,
            resources: vec![Resource {
                id: "prod-1".into(),
                kind: "SaaSProduct".into(),
            }],
            acceptance_time: start,
            start_time: start,
            end_time: Duration::months(12).after(start),
            last_update_time: start,
            status: Status::Active,
            terms,
            currency_code: "USD".into(),
            agreement_value: "0".into(),
        }
    }

    #[test]
    fn usage_is_billed_on_the_first_of_the_next_month() {
        let mut state = AgreementState::default();
        state.insert(agreement(vec![
            json!({"usageBasedPricingTerm": {"id": "t"}}),
        ]));
        state.record_usage("agmt-1", "1.50", at("2025-01-15T00:00:00Z"));
        state.record_usage("agmt-1", "2.25", at("2025-01-20T00:00:00Z"));
        advance(&mut state, at("2025-01-31T23:59:59Z"));
        assert!(
            state.ledger.invoices.is_empty(),
            "not before the month is over"
        );
        advance(&mut state, at("2025-02-01T00:00:00Z"));
        let inv = &state.ledger.invoices;
        assert_eq!(inv.len(), 1);
        assert_eq!((inv[0].amount.as_str(), inv[0].period), ("3.75", (2025, 1)));
        assert_eq!(inv[0].issued_at, at("2025-02-01T00:00:00Z"));
    }

    #[test]
    fn schedule_installments_are_invoiced_on_their_dates_until_the_agreement_ends() {
        let mut state = AgreementState::default();
        let schedule = json!({"paymentScheduleTerm": {"id": "t", "schedule": [
            {"chargeDate": at("2025-01-01T00:00:00Z").timestamp(), "chargeAmount": "100.00"},
            {"chargeDate": at("2025-03-01T00:00:00Z").timestamp(), "chargeAmount": "200.00"},
            {"chargeDate": at("2025-06-01T00:00:00Z").timestamp(), "chargeAmount": "300.00"}]}});
        state.insert(agreement(vec![schedule]));
        advance(&mut state, at("2025-03-02T00:00:00Z"));
        let amounts: Vec<&str> = (state.ledger.invoices.iter())
            .map(|i| i.amount.as_str())
            .collect();
        assert_eq!(amounts, ["100.00", "200.00"]);
        assert_eq!(
            state.ledger.invoices[0].issued_at,
            at("2025-01-10T00:00:00Z")
        );
        assert_eq!(
            state.ledger.charges.len(),
            3,
            "the June installment is still ahead"
        );
        if let Some(a) = state.get_mut("agmt-1") {
            a.status = Status::Cancelled;
            a.last_update_time = at("2025-04-01T00:00:00Z");
        }
        advance(&mut state, at("2025-07-01T00:00:00Z"));
        assert_eq!(
            state.ledger.invoices.len(),
            2,
            "cancellation stops future invoices"
        );
        assert_eq!(state.ledger.charges.len(), 2);
    }
}
