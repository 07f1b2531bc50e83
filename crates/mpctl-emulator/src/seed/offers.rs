//! Seeded offers: public offers every buyer sees and private offers targeted at one buyer each,
//! priced in the shapes of the corpus templates (`saas-product.json`, `private-offer.json`,
//! `offer-contract.json`, `offer-usage.json`, `offer-free-trial.json`): configurable upfront
//! with durations, fixed upfront with grants, payment schedules, usage, free trials, renewal.

use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};

use super::products::{Pricing, Product, TIERS, WORKLOADS};
use super::rng::SeedRng;
use crate::catalog::{CatalogState, SeedEntity};

/// A seeded offer, as the agreements need it.
pub(super) struct Offer {
    pub id: String,
    /// The one buyer a private offer targets; `None` for a public offer.
    pub buyer: Option<String>,
}

/// What is being offered: the product, who may buy, when it was published, and today.
struct Spec<'a> {
    product: &'a Product,
    buyer: Option<&'a str>,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
}

/// Makes `n` offers over `products`, the first `buyers.len()` of them private (offer `i`
/// targets `buyers[i]`), the rest public.
pub(super) fn seed(
    catalog: &mut CatalogState,
    rng: &mut SeedRng,
    (owner, now): (&str, DateTime<Utc>),
    products: &[Product],
    (n, buyers): (usize, &[String]),
) -> Result<Vec<Offer>, String> {
    let mut made = Vec::with_capacity(n);
    for i in 0..n {
        let product = &products[i % products.len()];
        let buyer = buyers.get(i).map(String::as_str);
        let at = product.released_at + Duration::days(1) + Duration::minutes(3 * i as i64);
        let id = format!("offer-{}", rng.alnum(13));
        let spec = Spec {
            product,
            buyer,
            at,
            now,
        };
        let entity = SeedEntity {
            entity_type: "Offer@1.0",
            owner,
            id: id.clone(),
            product_code: String::new(),
            changes: changes(&spec, rng),
            at,
        };
        catalog.seed_entity(entity, &mut |p: &str| p.to_string())?;
        made.push(Offer {
            id,
            buyer: buyer.map(str::to_string),
        });
    }
    Ok(made)
}

fn changes(spec: &Spec<'_>, rng: &mut SeedRng) -> Vec<(&'static str, Value)> {
    let title = &spec.product.title;
    let (name, description) = match spec.buyer {
        Some(b) => (
            format!("{title} private offer for {b}"),
            "Private offer negotiated with the buyer",
        ),
        None => (format!("{title} public offer"), "Public offer"),
    };
    let mut changes = vec![
        ("CreateOffer", json!({"ProductId": spec.product.id})),
        (
            "UpdateInformation",
            json!({"Name": name, "Description": description}),
        ),
    ];
    if let Some(buyer) = spec.buyer {
        let ends = spec.now + Duration::days(rng.between(30, 180));
        changes.push((
            "UpdateTargeting",
            json!({"PositiveTargeting": {"BuyerAccounts": [buyer]}}),
        ));
        changes.push((
            "UpdateAvailability",
            json!({"AvailabilityEndDate": ends.format("%Y-%m-%d").to_string()}),
        ));
    }
    changes.extend(pricing(spec, rng));
    changes.push((
        "UpdateLegalTerms",
        json!({"Terms": [{"Type": "LegalTerm", "Documents": [{"Type": "StandardEula", "Version": "2022-07-14"}]}]}),
    ));
    changes.push((
        "UpdateSupportTerms",
        json!({"Terms": [{"Type": "SupportTerm", "RefundPolicy": "Refunds within 30 days of purchase, on request."}]}),
    ));
    changes.push(("ReleaseOffer", json!({})));
    changes
}

/// The pricing changes: the terms vary with the product's dimensions and the offer's audience.
fn pricing(spec: &Spec<'_>, rng: &mut SeedRng) -> Vec<(&'static str, Value)> {
    let private = spec.buyer.is_some();
    let months = *rng.pick(&[12u32, 12, 24, 36]);
    let duration = format!("P{months}M");
    let mut out = Vec::new();
    let (model, mut terms) = match (spec.product.pricing, private, rng.below(3)) {
        (Pricing::Usage, _, 0) => (
            "Free",
            vec![json!({"Type": "FreeTrialPricingTerm", "Duration": "P30D",
                "Grants": [{"DimensionKey": WORKLOADS[0]}, {"DimensionKey": WORKLOADS[1]}]})],
        ),
        (Pricing::Usage, _, _) => ("Usage", vec![usage(rng)]),
        (_, true, 0) => {
            out.push(("UpdatePaymentScheduleTerms", schedule(spec, rng)));
            ("Contract", vec![fixed(rng, "0.0", None)])
        }
        (_, true, 1) => {
            let price = format!("{}.00", rng.between(5, 120) * 1000);
            ("Contract", vec![fixed(rng, &price, Some(&duration))])
        }
        _ => ("Contract", vec![configurable(rng, &duration)]),
    };
    if spec.product.pricing == Pricing::Both {
        terms.push(usage(rng));
    }
    let validity = private && !terms.iter().any(|t| t["Duration"] == json!(duration));
    out.insert(
        0,
        (
            "UpdatePricingTerms",
            json!({"PricingModel": model, "Terms": terms}),
        ),
    );
    if validity {
        let days = months as i64 * 365 / 12;
        out.push((
            "UpdateValidityTerms",
            json!({"Terms": [{"Type": "ValidityTerm", "AgreementDuration": format!("P{days}D")}]}),
        ));
    }
    if model == "Contract" {
        out.push((
            "UpdateRenewalTerms",
            json!({"Terms": [{"Type": "RenewalTerm"}]}),
        ));
    }
    out
}

fn price(rng: &mut SeedRng, lo: i64, hi: i64) -> String {
    format!("{}.00", rng.between(lo, hi))
}

fn usage(rng: &mut SeedRng) -> Value {
    let card: Vec<Value> = WORKLOADS
        .iter()
        .enumerate()
        .map(|(i, k)| json!({"DimensionKey": k, "Price": format!("0.{}", 10 + 8 * i as i64 + rng.between(0, 5))}))
        .collect();
    json!({"Type": "UsageBasedPricingTerm", "CurrencyCode": "USD", "RateCards": [{"RateCard": card}]})
}

fn configurable(rng: &mut SeedRng, duration: &str) -> Value {
    let card: Vec<Value> = TIERS
        .iter()
        .enumerate()
        .map(|(i, k)| json!({"DimensionKey": k, "Price": price(rng, 100 * (i as i64 + 1), 400 * (i as i64 + 1))}))
        .collect();
    json!({"Type": "ConfigurableUpfrontPricingTerm", "CurrencyCode": "USD", "RateCards": [{
        "Selector": {"Type": "Duration", "Value": duration}, "RateCard": card,
        "Constraints": {"MultipleDimensionSelection": "Allowed", "QuantityConfiguration": "Allowed"}}]})
}

fn fixed(rng: &mut SeedRng, price: &str, duration: Option<&str>) -> Value {
    let tiers = 1 + rng.below(TIERS.len());
    let grants: Vec<Value> = TIERS[..tiers]
        .iter()
        .map(|k| json!({"DimensionKey": k, "MaxQuantity": 1 + rng.below(10)}))
        .collect();
    let mut term = json!({"Type": "FixedUpfrontPricingTerm", "CurrencyCode": "USD", "Price": price, "Grants": grants});
    if let Some(d) = duration {
        term["Duration"] = json!(d);
    }
    term
}

/// Two or three installments from the offer's publication on.
fn schedule(spec: &Spec<'_>, rng: &mut SeedRng) -> Value {
    let n = 2 + rng.below(2);
    let items: Vec<Value> = (0..n)
        .map(|k| {
            let date = spec.at + Duration::days(30 + 180 * k as i64);
            json!({"ChargeDate": date.format("%Y-%m-%d").to_string(), "ChargeAmount": price(rng, 1000, 20000)})
        })
        .collect();
    json!({"Terms": [{"Type": "PaymentScheduleTerm", "CurrencyCode": "USD", "Schedule": items}]})
}
