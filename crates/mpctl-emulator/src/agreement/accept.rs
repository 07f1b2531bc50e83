//! Emulated buyers: every account targeted by a released private offer accepts it
//! `Timings::accept_seconds` after release, producing one ACTIVE `PurchaseAgreement` per
//! (offer, buyer), exactly once. Public offers (no buyer accounts) are never auto-accepted.
//!
//! An offer past its availability end (see `discovery::offer::expiration`) is not accepted.
//!
//! [I] The stand-in plays a human buyer only: a targeted account that has created an agreement
//! request for the offer (the buyer flow, `buyer`) is left to accept for itself, and `--local`
//! with a configured buyer profile sets `accept_seconds` so far out that the stand-in never acts.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::store::{Agreement, AgreementState, Resource, Status};
use super::time::{self, Duration};
use super::{charges, terms};
use crate::clock::{self, Timings};
use crate::ids;
use crate::outbox::Outbox;
use crate::views::OfferView;

/// Creates the agreements that are due at `now`, scanning the offers only when one may be due
/// (see `AgreementState::accept_watch`): the same agreements either way.
pub(super) fn advance(
    state: &mut AgreementState,
    offers: &dyn crate::views::Offers,
    now: DateTime<Utc>,
    timings: &Timings,
    outbox: &mut Outbox,
) -> bool {
    let stamp = (offers.generation(), state.requests.list.len());
    if let Some((generation, requests, next)) = state.accept_watch {
        if stamp.0 != 0 && (generation, requests) == stamp && now < next {
            return false;
        }
    }
    let (changed, next) = accept_due(state, &offers.offers(), now, timings, outbox);
    state.accept_watch = Some((stamp.0, state.requests.list.len(), next));
    changed
}

/// Creates the agreements that are due at `now`; whether any was, and the next instant one
/// comes due (`DateTime::MAX_UTC` when none is pending).
pub(super) fn accept_due(
    state: &mut AgreementState,
    offers: &[OfferView<'_>],
    now: DateTime<Utc>,
    timings: &Timings,
    outbox: &mut Outbox,
) -> (bool, DateTime<Utc>) {
    let mut changed = false;
    let mut next = DateTime::<Utc>::MAX_UTC;
    for offer in offers {
        let Some(released_at) = offer.released_at else {
            continue;
        };
        // Deterministic: the acceptance instant depends on the release, not on when we look.
        let accepted_at = clock::after(released_at, timings.accept_seconds);
        let expired = crate::offering::expiration(offer).is_some_and(|end| accepted_at >= end);
        if expired {
            continue;
        }
        if now < accepted_at {
            if !offer.buyer_accounts.is_empty() {
                next = next.min(accepted_at);
            }
            continue;
        }
        for buyer in &offer.buyer_accounts {
            // [I] The stand-in is for a human buyer only: a buyer using the buyer flow
            // (CreateAgreementRequest on this offer) accepts for itself.
            if !state.has_accepted(offer.id, buyer) && !state.requests.has_request(offer.id, buyer)
            {
                let agreement = agreement(offer, buyer, accepted_at);
                super::events::created(outbox, &agreement);
                state.insert(agreement);
                changed = true;
            }
        }
    }
    (changed, next)
}

pub(super) fn agreement(
    offer: &OfferView<'_>,
    buyer: &str,
    accepted_at: DateTime<Utc>,
) -> Agreement {
    let id = format!("agmt-{}", ids::alnum(25));
    agreement_as(offer, buyer, accepted_at, id)
}

/// [`agreement`] with its id chosen by the caller (the seeding path's seeded ids).
pub(super) fn agreement_as(
    offer: &OfferView<'_>,
    buyer: &str,
    accepted_at: DateTime<Utc>,
    id: String,
) -> Agreement {
    let catalog_terms = offer_terms(offer.document);
    let end_time = agreement_duration(catalog_terms, accepted_at);
    let (currency_code, agreement_value) = charges::estimate(catalog_terms, accepted_at, end_time);
    Agreement {
        id,
        agreement_type: "PurchaseAgreement".to_string(),
        proposer: offer.owner.to_string(),
        acceptor: buyer.to_string(),
        offer_id: offer.id.to_string(),
        offer_set_id: offer.offer_set_id.clone(),
        resources: resources(offer),
        acceptance_time: accepted_at,
        start_time: accepted_at,
        end_time,
        last_update_time: accepted_at,
        status: Status::Active,
        terms: terms::accepted_terms(offer.id, catalog_terms),
        currency_code,
        agreement_value,
    }
}

fn offer_terms(document: &Value) -> &[Value] {
    document
        .get("Terms")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn resources(offer: &OfferView<'_>) -> Vec<Resource> {
    offer
        .product_id
        .map(|id| Resource {
            id: id.to_string(),
            kind: offer.product_type.unwrap_or("SaaSProduct").to_string(),
        })
        .into_iter()
        .collect()
}

/// The agreement's end time. [I] In order: `ValidityTerm.AgreementDuration`,
/// `ValidityTerm.AgreementEndDate`, the duration selector of the first configurable-upfront rate
/// card, `FixedUpfrontPricingTerm.Duration`, and otherwise 12 months (the usual private-offer
/// contract length; AWS leaves pay-as-you-go agreements open-ended, but `endTime` is required by
/// the SDK's summary decoder, so the emulator always sets one).
pub(super) fn agreement_duration(catalog_terms: &[Value], start: DateTime<Utc>) -> DateTime<Utc> {
    let of_type = |kind: &str| {
        catalog_terms
            .iter()
            .find(|t| t.get("Type").and_then(Value::as_str) == Some(kind))
    };
    let str_at = |t: Option<&Value>, path: &[&str]| -> Option<String> {
        let mut v = t?;
        for key in path {
            v = v.get(*key)?;
        }
        v.as_str().map(str::to_string)
    };
    let validity = of_type("ValidityTerm");
    let configurable_card = of_type("ConfigurableUpfrontPricingTerm")
        .and_then(|t| t.get("RateCards"))
        .and_then(|c| c.get(0));
    let duration = str_at(validity, &["AgreementDuration"])
        .and_then(|d| Duration::parse(&d))
        .map(|d| d.after(start));
    let end_date = str_at(validity, &["AgreementEndDate"])
        .and_then(|d| time::parse_instant(&d))
        .filter(|end| *end > start);
    let selector = str_at(configurable_card, &["Selector", "Value"])
        .filter(|_| str_at(configurable_card, &["Selector", "Type"]).as_deref() != Some("Region"))
        .and_then(|d| Duration::parse(&d))
        .map(|d| d.after(start));
    let fixed = str_at(of_type("FixedUpfrontPricingTerm"), &["Duration"])
        .and_then(|d| Duration::parse(&d))
        .map(|d| d.after(start));
    duration
        .or(end_date)
        .or(selector)
        .or(fixed)
        .unwrap_or_else(|| Duration::months(12).after(start))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn offer<'a>(
        document: &'a Value,
        buyers: &[&str],
        released: Option<DateTime<Utc>>,
    ) -> OfferView<'a> {
        OfferView {
            id: "offer-abc",
            arn: "arn:aws:aws-marketplace:us-east-1:123456789012:AWSMarketplace/Offer/offer-abc",
            product_id: Some("prod-xyz"),
            product_type: Some("SaaSProduct"),
            state: if released.is_some() {
                "Released"
            } else {
                "Draft"
            },
            released_at: released,
            buyer_accounts: buyers.iter().map(|b| b.to_string()).collect(),
            document,
            replaced_agreement: None,
            owner: "123456789012",
            offer_set_id: None,
            revision: 0,
        }
    }

    fn t0() -> DateTime<Utc> {
        time::parse_instant("2025-03-01T10:00:00Z").expect("t0")
    }

    fn timings() -> Timings {
        Timings {
            accept_seconds: 3.0,
            ..Timings::default()
        }
    }

    #[test]
    fn accepts_once_per_buyer_after_the_delay() {
        let doc = json!({"Terms": [{"Type": "ValidityTerm", "AgreementDuration": "P365D"}]});
        let offers = [offer(&doc, &["111111111111", "222222222222"], Some(t0()))];
        let mut state = AgreementState::default();
        accept_due(
            &mut state,
            &offers,
            clock::after(t0(), 2.9),
            &timings(),
            &mut Outbox::default(),
        );
        assert!(state.all().is_empty(), "not yet due");
        accept_due(
            &mut state,
            &offers,
            clock::after(t0(), 3.0),
            &timings(),
            &mut Outbox::default(),
        );
        accept_due(
            &mut state,
            &offers,
            clock::after(t0(), 60.0),
            &timings(),
            &mut Outbox::default(),
        );
        assert_eq!(state.all().len(), 2, "one agreement per buyer, never twice");
        let a = &state.all()[0];
        assert_eq!(a.acceptor, "111111111111");
        assert_eq!(a.proposer, ids::SELLER_ACCOUNT);
        assert_eq!(a.acceptance_time, clock::after(t0(), 3.0));
        assert_eq!(a.start_time, a.acceptance_time);
        assert_eq!(
            a.end_time,
            Duration::parse("P365D").expect("d").after(a.start_time)
        );
        assert_eq!(
            a.resources,
            [Resource {
                id: "prod-xyz".into(),
                kind: "SaaSProduct".into()
            }]
        );
        assert!(a.id.starts_with("agmt-") && a.id.len() == 30);
        assert!(a.id[5..]
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
    }

    #[test]
    fn ignores_public_and_unreleased_offers() {
        let doc = json!({});
        let offers = [
            offer(&doc, &[], Some(t0())),
            offer(&doc, &["111111111111"], None),
        ];
        let mut state = AgreementState::default();
        accept_due(
            &mut state,
            &offers,
            clock::after(t0(), 3600.0),
            &timings(),
            &mut Outbox::default(),
        );
        assert!(state.all().is_empty());
    }

    #[test]
    fn duration_falls_back_from_validity_to_selector_to_twelve_months() {
        let start = t0();
        let months = |n| Duration::months(n).after(start);
        let validity = [json!({"Type": "ValidityTerm", "AgreementDuration": "P24M"})];
        assert_eq!(agreement_duration(&validity, start), months(24));
        let selector = [json!({"Type": "ConfigurableUpfrontPricingTerm",
            "RateCards": [{"Selector": {"Type": "Duration", "Value": "P36M"}}]})];
        assert_eq!(agreement_duration(&selector, start), months(36));
        let end_date = [json!({"Type": "ValidityTerm", "AgreementEndDate": "2027-01-01"})];
        assert_eq!(
            agreement_duration(&end_date, start),
            time::parse_instant("2027-01-01").expect("d")
        );
        assert_eq!(agreement_duration(&[], start), months(12));
    }
}
