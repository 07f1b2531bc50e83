//! The buyer side, for Sandbox rehearsal or the emulator: accept a private offer or replace an
//! agreement with another offer, the way a buyer's procurement tooling would.
//!
//! Flow: Discovery GetOffer (the current agreement proposal id) and GetOfferTerms (term ids) →
//! Agreement CreateAgreementRequest (intent NEW or REPLACE, a client token derived from buyer,
//! offer, proposal and intent, so a re-run reuses the request) → AcceptAgreementRequest → poll
//! GetAgreementEntitlements until every entitlement is PROVISIONED.
//!
//! Credentials (`connect`): `--buyer-profile NAME` (or config `buyer_profile`) is an AWS profile
//! holding the buyer's credentials; the clients themselves are built by `aws::connect_buyer`,
//! like every other client. Against the emulator without one, requests are signed with
//! the test key `AKIDBUYER<account>`, which the emulator reads as that buyer account
//! (`--account`, default the first line of buyer_ids.txt).

pub mod charges;

use std::time::Duration;

use aws_sdk_marketplaceagreement::types::{AgreementEntitlementStatus, Intent, RequestedTerm};
use aws_sdk_marketplacediscovery::types::OfferTerm;

use crate::aws::profiles::Named;
use crate::aws::wait::{self, Policy, Poll};
use crate::aws::{describe_error, BuyerCredentials, Clients};
use crate::exit::{bad_input, Failure};
use crate::output::Printer;
use crate::settings::Settings;

/// The buyer's clients and who the buyer is.
pub struct Buyer {
    pub discovery: aws_sdk_marketplacediscovery::Client,
    pub agreement: aws_sdk_marketplaceagreement::Client,
    /// The buyer account (known against the emulator; `None` with a profile on AWS).
    pub account: Option<String>,
    pub label: String,
}

/// The emulator test key for a buyer account.
pub fn emulator_key(account: &str) -> String {
    format!("AKIDBUYER{account}")
}

/// Builds the buyer's clients, sending where `seller`'s clients send (the `--local` emulator,
/// `--endpoint-url`, or AWS) with the same timeouts and retries.
pub async fn connect(
    settings: &Settings,
    seller: &Clients,
    profile: Option<&str>,
    account: Option<&str>,
) -> anyhow::Result<Buyer> {
    let configured = settings.config.buyer_profile.as_deref();
    let (credentials, account, label) = match (profile, configured) {
        (Some(name), _) => {
            let source = Named::BuyerFlag;
            let label = format!("profile {name}");
            (BuyerCredentials::Profile { name, source }, account.map(str::to_string), label)
        }
        (None, Some(name)) => {
            let source = Named::BuyerConfig;
            let label = format!("profile {name}");
            (BuyerCredentials::Profile { name, source }, account.map(str::to_string), label)
        }
        (None, None) if settings.is_loopback() => {
            let account = match account {
                Some(a) => a.to_string(),
                None => crate::project::buyers::load(&settings.buyers_path)?
                    .into_iter()
                    .next()
                    .unwrap_or_default(),
            };
            if account.len() != 12 || !account.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad_input(format!("--account {account:?} is not a 12-digit AWS account id")));
            }
            let label = format!("buyer {account}");
            (BuyerCredentials::EmulatorKey(emulator_key(&account)), Some(account), label)
        }
        (None, None) => {
            return Err(bad_input(
                "buyer commands need the buyer's credentials\n  hint: pass --buyer-profile NAME (an AWS profile of the buyer account) or set \"buyer_profile\" in config.json; against the emulator no profile is needed",
            ))
        }
    };
    let clients = crate::aws::connect_buyer(settings, seller, credentials).await?;
    Ok(Buyer {
        discovery: clients.discovery,
        agreement: clients.agreement,
        account,
        label,
    })
}

/// The configured `buyer_profile`, if any, exists: checked by `run-all` before its first
/// request, since the buyer's clients are built only when the buyer's step comes.
pub fn check_configured_profile(settings: &Settings) -> anyhow::Result<()> {
    match &settings.config.buyer_profile {
        Some(name) => crate::aws::profiles::check(name, &Named::BuyerConfig, &settings.region),
        None => Ok(()),
    }
}

fn term_id(t: &OfferTerm) -> Option<(&str, &str)> {
    Some(match t {
        OfferTerm::ByolPricingTerm(x) => (x.id(), "ByolPricingTerm"),
        OfferTerm::ConfigurableUpfrontPricingTerm(x) => (x.id(), "ConfigurableUpfrontPricingTerm"),
        OfferTerm::FixedUpfrontPricingTerm(x) => (x.id(), "FixedUpfrontPricingTerm"),
        OfferTerm::FreeTrialPricingTerm(x) => (x.id(), "FreeTrialPricingTerm"),
        OfferTerm::LegalTerm(x) => (x.id(), "LegalTerm"),
        OfferTerm::NetPaymentTerm(x) => (x.id(), "NetPaymentTerm"),
        OfferTerm::PaymentScheduleTerm(x) => (x.id(), "PaymentScheduleTerm"),
        OfferTerm::RecurringPaymentTerm(x) => (x.id(), "RecurringPaymentTerm"),
        OfferTerm::RenewalTerm(x) => (x.id(), "RenewalTerm"),
        OfferTerm::SupportTerm(x) => (x.id(), "SupportTerm"),
        OfferTerm::UsageBasedPricingTerm(x) => (x.id(), "UsageBasedPricingTerm"),
        OfferTerm::ValidityTerm(x) => (x.id(), "ValidityTerm"),
        OfferTerm::VariablePaymentTerm(x) => (x.id(), "VariablePaymentTerm"),
        _ => return None,
    })
}

/// What the buyer is asked to accept.
pub struct Proposal {
    pub proposal_id: String,
    /// (term id, term type)
    pub terms: Vec<(String, String)>,
}

/// GetOffer + GetOfferTerms (every page).
pub async fn proposal(buyer: &Buyer, offer_id: &str) -> anyhow::Result<Proposal> {
    let offer = buyer
        .discovery
        .get_offer()
        .offer_id(offer_id)
        .send()
        .await
        .map_err(|e| describe_error("GetOffer", e))?;
    let mut terms = Vec::new();
    let mut pages = buyer
        .discovery
        .get_offer_terms()
        .offer_id(offer_id)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| describe_error("GetOfferTerms", e))?;
        terms.extend(
            page.offer_terms()
                .iter()
                .filter_map(term_id)
                .map(|(i, t)| (i.to_string(), t.to_string())),
        );
    }
    Ok(Proposal {
        proposal_id: offer.agreement_proposal_id().to_string(),
        terms,
    })
}

/// What `accept`/`replace` did.
pub struct Accepted {
    pub agreement_id: String,
    pub agreement_request_id: String,
    pub term_ids: Vec<String>,
}

impl Accepted {}

/// The term ids to request: `only_terms` (each must be one of the offer's), else all of them.
fn chosen_terms(
    p: &Proposal,
    offer_id: &str,
    only_terms: &[String],
) -> anyhow::Result<Vec<String>> {
    if let Some(bad) = only_terms
        .iter()
        .find(|t| !p.terms.iter().any(|(id, _)| id == *t))
    {
        return Err(bad_input(format!(
            "--terms {bad} is not a term of offer {offer_id}\n  hint: its terms are {}",
            p.terms
                .iter()
                .map(|(i, t)| format!("{i} ({t})"))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    Ok(if only_terms.is_empty() {
        p.terms.iter().map(|(i, _)| i.clone()).collect()
    } else {
        only_terms.to_vec()
    })
}

/// CreateAgreementRequest + AcceptAgreementRequest + waiting for the entitlements.
pub async fn agree(
    settings: &Settings,
    printer: &Printer,
    buyer: &Buyer,
    offer_id: &str,
    only_terms: &[String],
    source_agreement: Option<&str>,
) -> anyhow::Result<Accepted> {
    let p = proposal(buyer, offer_id).await?;
    let term_ids = chosen_terms(&p, offer_id, only_terms)?;
    let intent = if source_agreement.is_some() {
        Intent::Replace
    } else {
        Intent::New
    };
    let token_seed = format!(
        "{}/{offer_id}/{}/{}/{}",
        buyer.label,
        p.proposal_id,
        intent.as_str(),
        source_agreement.unwrap_or("")
    );
    let token = uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, token_seed.as_bytes()).to_string();
    let mut call = buyer
        .agreement
        .create_agreement_request()
        .client_token(token)
        .intent(intent)
        .agreement_proposal_identifier(&p.proposal_id)
        .set_source_agreement_identifier(source_agreement.map(str::to_string));
    for id in &term_ids {
        call = call.requested_terms(
            RequestedTerm::builder()
                .id(id)
                .build()
                .map_err(|e| anyhow::anyhow!("{e}"))?,
        );
    }
    let created = call
        .send()
        .await
        .map_err(|e| describe_error("CreateAgreementRequest", e))?;
    let request_id = created
        .agreement_request_id()
        .unwrap_or_default()
        .to_string();
    printer.info(format!(
        "{}: agreement request {request_id} for offer {offer_id}",
        buyer.label
    ));
    let accepted = buyer
        .agreement
        .accept_agreement_request()
        .agreement_request_id(&request_id)
        .send()
        .await
        .map_err(|e| describe_error("AcceptAgreementRequest", e))?;
    let agreement_id = accepted
        .agreement_id()
        .filter(|s| !s.is_empty())
        .ok_or_else(|| anyhow::anyhow!("AcceptAgreementRequest returned no agreementId"))?
        .to_string();
    wait_entitlements(settings, printer, buyer, &agreement_id).await?;
    Ok(Accepted {
        agreement_id,
        agreement_request_id: request_id,
        term_ids,
    })
}

/// Polls GetAgreementEntitlements until every entitlement is PROVISIONED (FAILED is exit 3).
async fn wait_entitlements(
    settings: &Settings,
    printer: &Printer,
    buyer: &Buyer,
    agreement_id: &str,
) -> anyhow::Result<()> {
    let w = &settings.config.wait;
    let policy = Policy {
        first: Duration::ZERO,
        ..Policy::from_config(w, w.timeout_seconds)
    };
    let what = format!("the entitlements of agreement {agreement_id}");
    let subject = wait::Subject {
        step: "buyer accept",
        what: &what,
        key: None,
        fresh: false,
    };
    wait::until(printer, subject, policy, || async {
        let out = buyer
            .agreement
            .get_agreement_entitlements()
            .agreement_id(agreement_id)
            .send()
            .await
            .map_err(|e| describe_error("GetAgreementEntitlements", e))?;
        let list = out.agreement_entitlements();
        if let Some(failed) = list
            .iter()
            .find(|e| e.status() == Some(&AgreementEntitlementStatus::Failed))
        {
            return Err(Failure::ResourceFailed(format!(
                "entitlement of agreement {agreement_id} FAILED: {}",
                failed
                    .status_reason_code()
                    .map(|r| r.as_str())
                    .unwrap_or("no reason given")
            ))
            .into());
        }
        let provisioned = !list.is_empty()
            && list
                .iter()
                .all(|e| e.status() == Some(&AgreementEntitlementStatus::Provisioned));
        Ok(if provisioned {
            Poll::Done(())
        } else {
            let states: Vec<&str> = list
                .iter()
                .filter_map(|e| e.status().map(|s| s.as_str()))
                .collect();
            Poll::Pending(if states.is_empty() {
                "no entitlements yet".into()
            } else {
                states.join(",")
            })
        })
    })
    .await
}
