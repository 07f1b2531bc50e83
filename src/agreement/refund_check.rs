//! Whether refunds can be sent, decided before the first one is: each is checked against the
//! invoice it refunds as AWS reports it now (ListAgreementInvoiceLineItems) — the invoice is
//! the agreement's, a debit invoice, in the expected currency, and the refunds of one invoice
//! add up to no more than what remains refundable — with the amount written in the currency's
//! precision. AWS refuses the same entries one by one after the call; checking first means a
//! bad CSV sends nothing instead of half of it. `prepare` reads one refund's invoice and renders
//! the checked entry (the CLI's `agreement refund`, the dashboard's action).

use std::collections::BTreeMap;

use mpctl_facts::money::{minor_units, Money};
use serde_json::Value;

use super::invoice::Invoice;
use super::refund::{Ask, Refund};

/// What is wrong with the ask at `index`, and in which of its fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub index: usize,
    /// `invoice_id`, `amount` or `currency`.
    pub field: &'static str,
    pub message: String,
}

/// An amount as AWS takes it: a positive decimal (`"25"`, `"25.50"`).
pub fn amount(text: &str) -> Result<Money, String> {
    match Money::parse(text) {
        Some(m) if m.is_positive() && !text.trim().starts_with('-') => Ok(m),
        Some(_) => Err(format!("amount {text} is not above zero")),
        None => Err(format!(
            "amount {text:?} is not a decimal number (write it like 25 or 25.50, no currency sign or thousands separator)"
        )),
    }
}

/// For every ask, in order, the currency it will be sent in (its invoice's); or every problem.
/// `invoices` holds the invoices of every agreement the asks name.
pub fn check(asks: &[Ask], invoices: &[Invoice]) -> Result<Vec<String>, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut currencies = Vec::new();
    let mut totals: BTreeMap<(&str, &str), Money> = BTreeMap::new();
    for (index, ask) in asks.iter().enumerate() {
        let found = invoices
            .iter()
            .find(|i| i.agreement_id == ask.agreement && i.invoice_id == ask.invoice);
        let Some(invoice) = found else {
            let message = format!(
                "{} is not an invoice of agreement {} (`mpctl agreement invoices {}` lists them)",
                ask.invoice, ask.agreement, ask.agreement
            );
            problems.push(Problem {
                index,
                field: "invoice_id",
                message,
            });
            currencies.push(String::new());
            continue;
        };
        let currency = invoice.currency_code.clone().unwrap_or_default();
        currencies.push(currency.clone());
        let checked = against(ask, invoice, &currency).and_then(|value| {
            let key = (ask.agreement.as_str(), ask.invoice.as_str());
            let total = totals.entry(key).or_default();
            *total = total.plus(value);
            within(ask, invoice, &currency, *total)
        });
        if let Err((field, message)) = checked {
            problems.push(Problem {
                index,
                field,
                message,
            });
        }
    }
    match problems.is_empty() {
        true => Ok(currencies),
        false => Err(problems),
    }
}

type Refusal = (&'static str, String);

/// The rules one ask meets alone against its invoice; its amount if it meets them.
fn against(ask: &Ask, invoice: &Invoice, currency: &str) -> Result<Money, Refusal> {
    if invoice.invoice_type != "INVOICE" {
        let kind = invoice.invoice_type.to_lowercase().replace('_', " ");
        let message = format!("{} is a {kind}: only invoices can be refunded", ask.invoice);
        return Err(("invoice_id", message));
    }
    if let Some(expected) = ask.currency.as_deref().filter(|c| *c != currency) {
        let message = format!("{} is in {currency}, not {expected}", ask.invoice);
        return Err(("currency", message));
    }
    let value = amount(&ask.amount).map_err(|m| ("amount", m))?;
    if !value.fits(currency) {
        let places = minor_units(currency);
        let message = format!(
            "{} {currency} has more decimals than {currency} takes ({places})",
            ask.amount
        );
        return Err(("amount", message));
    }
    Ok(value)
}

/// Whether `total` (this ask and the earlier ones of the same invoice) stays within what
/// remains refundable on the invoice.
fn within(ask: &Ask, invoice: &Invoice, currency: &str, total: Money) -> Result<(), Refusal> {
    match invoice.refundable.as_deref().and_then(Money::parse) {
        Some(left) if total <= left => Ok(()),
        Some(left) => {
            let alone = amount(&ask.amount).is_ok_and(|own| own == total);
            let message = match alone {
                true => format!(
                    "{total} {currency} is more than the {left} {currency} still refundable on {}",
                    ask.invoice
                ),
                false => format!(
                    "refunds of {} add up to {total} {currency}, more than the {left} {currency} still refundable",
                    ask.invoice
                ),
            };
            Err(("amount", message))
        }
        None => Err((
            "invoice_id",
            format!("{} has nothing refundable left", ask.invoice),
        )),
    }
}

/// One refund ready to confirm: the call's body, the read made to check it, and one line
/// naming the amount, the invoice and the agreement (a refund cannot be undone).
#[derive(Debug, Clone)]
pub struct Prepared {
    pub body: Value,
    pub reads: Vec<String>,
    pub line: String,
}

/// Reads the invoice and checks `ask` against it (what remains refundable, the currency and
/// its precision) before anything is sent: the CLI's `agreement refund` and the dashboard's
/// action. Every refusal is bad input (exit 2).
pub async fn prepare(
    client: &aws_sdk_marketplaceagreement::Client,
    ask: &Ask,
) -> anyhow::Result<Prepared> {
    let bad = |m: String| crate::exit::bad_input(format!("{m}; nothing was sent"));
    amount(&ask.amount).map_err(bad)?;
    let found = super::invoice::list(client, &ask.agreement, Some(&ask.invoice)).await?;
    let currency = match check(std::slice::from_ref(ask), &found) {
        Ok(c) => c[0].clone(),
        Err(problems) => return Err(bad(problems[0].message.clone())),
    };
    let entry = super::refund::entry_body(ask, &currency, &super::refund::token(ask, 0));
    Ok(Prepared {
        body: super::refund::batch_body(&[entry]),
        reads: vec![format!(
            "ListAgreementInvoiceLineItems {} (invoice {})",
            ask.agreement, ask.invoice
        )],
        line: format!(
            "refund {} {currency} of invoice {} on agreement {} (a refund cannot be undone)",
            ask.amount, ask.invoice, ask.agreement
        ),
    })
}

/// AWS takes one refund of an invoice at a time: another while one is PENDING is refused
/// (CONFLICT_EXCEPTION, aws-postsale.md §3.2). So two asks of one invoice, or an ask of an
/// invoice with a refund still `pending` (ListBillingAdjustmentRequests), are problems.
pub fn one_at_a_time(asks: &[Ask], pending: &[Refund]) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (index, ask) in asks.iter().enumerate() {
        let same = |a: &Ask| a.agreement == ask.agreement && a.invoice == ask.invoice;
        let message = if let Some(first) = asks[..index].iter().position(same) {
            format!(
                "{} is refunded by an earlier refund of this run too (#{}): AWS takes one refund of an invoice at a time — add the amounts up, or send this one once the other is COMPLETED",
                ask.invoice,
                first + 1
            )
        } else if let Some(p) = pending.iter().find(|p| {
            p.agreement_id == ask.agreement && p.invoice_id == ask.invoice && p.status == "PENDING"
        }) {
            format!(
                "{} has refund {} still PENDING: AWS takes another only once it is COMPLETED (`mpctl agreement refund-request {} --agreement {}`)",
                ask.invoice, p.billing_adjustment_request_id, p.billing_adjustment_request_id, ask.agreement
            )
        } else {
            continue;
        };
        problems.push(Problem {
            index,
            field: "invoice_id",
            message,
        });
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invoice(id: &str, kind: &str, left: Option<&str>) -> Invoice {
        Invoice {
            invoice_id: id.into(),
            agreement_id: "agmt-a".into(),
            invoice_type: kind.into(),
            amount: Some("200.00".into()),
            refundable: left.map(String::from),
            currency_code: Some("USD".into()),
            billing_period: None,
            issued_at: String::new(),
        }
    }

    fn ask(invoice: &str, amount: &str, currency: Option<&str>) -> Ask {
        Ask {
            agreement: "agmt-a".into(),
            invoice: invoice.into(),
            amount: amount.into(),
            currency: currency.map(String::from),
            reason: "OTHER".into(),
            description: None,
        }
    }

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let invoices = [
            invoice("i1", "INVOICE", Some("200.00")),
            invoice("c1", "CREDIT_MEMO", None),
        ];
        let asks = [
            ask("i1", "150", None),
            ask("i1", "60", None),
            ask("nope", "1", None),
            ask("c1", "1", None),
            ask("i1", "1.005", None),
            ask("i1", "1", Some("EUR")),
            ask("i1", "0", None),
        ];
        let problems = check(&asks, &invoices).unwrap_err();
        let fields: Vec<(usize, &str)> = problems.iter().map(|p| (p.index, p.field)).collect();
        assert_eq!(
            fields,
            [
                (1, "amount"),
                (2, "invoice_id"),
                (3, "invoice_id"),
                (4, "amount"),
                (5, "currency"),
                (6, "amount")
            ]
        );
        assert!(problems[0].message.contains("210.00 USD"), "{problems:?}");
        assert!(problems[0].message.contains("200.00 USD still refundable"));
    }

    #[test]
    fn one_refund_over_what_remains_is_not_said_to_add_up() {
        let invoices = [invoice("i1", "INVOICE", Some("200.00"))];
        let problems = check(&[ask("i1", "250", None)], &invoices).unwrap_err();
        assert_eq!(
            problems[0].message,
            "250.00 USD is more than the 200.00 USD still refundable on i1"
        );
    }

    #[test]
    fn refunds_within_what_remains_pass_with_the_invoice_currency() {
        let invoices = [invoice("i1", "INVOICE", Some("200.00"))];
        let asks = [ask("i1", "150", Some("USD")), ask("i1", "50.00", None)];
        assert_eq!(check(&asks, &invoices).unwrap(), ["USD", "USD"]);
    }
}
