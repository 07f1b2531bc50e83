//! Shared by the post-sale tests (`billing`, `payments`, `charges`, `boto3_postsale`): a seller's
//! private offer with the pricing a test needs, accepted by the stand-in buyer, and the three
//! clients (seller, buyer, an account that is no party) on the emulator's clock.

use std::time::Duration;

use agreement::types::{AcceptedTerm, AgreementInvoiceLineItemGroupSummary, LineItemGroupBy};

use super::cancel::client_as;
use super::*;

pub(super) const STRANGER: &str = "999988887777";

/// A seller and one buyer with an ACTIVE agreement, and a stranger.
pub(super) struct Sale {
    pub handle: mpctl_emulator::Handle,
    pub seller: agreement::Client,
    pub buyer: agreement::Client,
    pub stranger: agreement::Client,
    pub agreement_id: String,
}

/// The contract pricing of `publish_private_offer`: 1200.00 USD at acceptance, 12 months.
pub(super) fn contract() -> Vec<(&'static str, Value)> {
    vec![(
        "UpdatePricingTerms",
        json!({"PricingModel": "Contract", "Terms": [{
        "Type": "ConfigurableUpfrontPricingTerm", "CurrencyCode": "USD",
        "RateCards": [{"Selector": {"Type": "Duration", "Value": "P12M"},
            "Constraints": {"MultipleDimensionSelection": "Allowed", "QuantityConfiguration": "Allowed"},
            "RateCard": [{"DimensionKey": "Users", "Price": "1200.00"}]}]}]}),
    )]
}

/// Pay-as-you-go pricing: 0.01 USD per metered `Calls` unit, nothing upfront.
pub(super) fn pay_as_you_go() -> Vec<(&'static str, Value)> {
    vec![(
        "UpdatePricingTerms",
        json!({"PricingModel": "Usage", "Terms": [{"Type": "UsageBasedPricingTerm", "CurrencyCode": "USD",
            "RateCards": [{"RateCard": [{"DimensionKey": "Calls", "Price": "0.01"}]}]}]}),
    )]
}

/// A free grant plus a VariablePaymentTerm of at most `max` USD.
pub(super) fn variable_payments(max: &str) -> Vec<(&'static str, Value)> {
    vec![(
        "UpdatePricingTerms",
        json!({"PricingModel": "Contract", "Terms": [
            {"Type": "FixedUpfrontPricingTerm", "CurrencyCode": "USD", "Price": "0.0",
             "Grants": [{"DimensionKey": "Users", "MaxQuantity": 1}]},
            {"Type": "VariablePaymentTerm", "CurrencyCode": "USD", "MaxTotalChargeAmount": max}]}),
    )]
}

/// Publishes a product (`Users` entitled; `Calls` metered when `metered`) and a private offer
/// for `BUYERS[0]` with `pricing` changes, waits for the stand-in buyer's agreement.
pub(super) async fn sale(pricing: Vec<(&str, Value)>, metered: bool) -> Sale {
    let handle = emulator().await;
    let offer_id = publish(&handle, pricing, metered).await;
    let seller = agreement_client(&handle);
    let found = wait_for_agreements(&handle.clock(), &seller, &offer_id, 1).await;
    let agreement_id = found[0].agreement_id().expect("agreementId").to_string();
    parties(handle, agreement_id)
}

/// The seller's, the buyer's and a stranger's clients for `agreement_id`.
pub(super) fn parties(handle: mpctl_emulator::Handle, agreement_id: String) -> Sale {
    let seller = agreement_client(&handle);
    let buyer = client_as(&handle, &format!("AKIDBUYER{}", BUYERS[0]));
    let stranger = client_as(&handle, &format!("AKIDACCT{STRANGER}"));
    Sale {
        handle,
        seller,
        buyer,
        stranger,
        agreement_id,
    }
}

/// Publishes the product and the released private offer of `sale`; returns the offer id.
pub(super) async fn publish(
    handle: &mpctl_emulator::Handle,
    pricing: Vec<(&str, Value)>,
    metered: bool,
) -> String {
    let client = catalog_client(handle);
    let mut dims = vec![
        json!({"Key": "Users", "Name": "Users", "Description": "Named users", "Unit": "Units", "Types": ["Entitled"]}),
    ];
    if metered {
        dims = vec![
            json!({"Key": "Calls", "Name": "Calls", "Description": "API calls", "Unit": "Requests", "Types": ["ExternallyMetered"]}),
        ];
    }
    let product = run_ok(&client, &[
        json!({"ChangeType": "CreateProduct", "Entity": {"Type": "SaaSProduct@1.0"}, "ChangeName": "CreateProduct",
            "DetailsDocument": {"ProductTitle": "mpctl post-sale test"}}),
        json!({"ChangeType": "AddDimensions", "Entity": {"Type": "SaaSProduct@1.0", "Identifier": "$CreateProduct.Entity.Identifier"},
            "DetailsDocument": dims}),
    ])
    .await;
    let offer = |change_type: &str, details: Value| {
        json!({"ChangeType": change_type, "DetailsDocument": details,
            "Entity": {"Type": "Offer@1.0", "Identifier": "$CreateOffer.Entity.Identifier"}})
    };
    let mut changes = vec![
        json!({"ChangeType": "CreateOffer", "ChangeName": "CreateOffer", "Entity": {"Type": "Offer@1.0"},
            "DetailsDocument": {"ProductId": product[0]}}),
        offer(
            "UpdateTargeting",
            json!({"PositiveTargeting": {"BuyerAccounts": [BUYERS[0]]}}),
        ),
        offer(
            "UpdateValidityTerms",
            json!({"Terms": [{"Type": "ValidityTerm", "AgreementDuration": "P12M"}]}),
        ),
        offer(
            "UpdateLegalTerms",
            json!({"Terms": [{"Type": "LegalTerm", "Documents": [{"Type": "StandardEula", "Version": "2022-07-14"}]}]}),
        ),
    ];
    changes.extend(pricing.into_iter().map(|(t, d)| offer(t, d)));
    changes.push(offer("ReleaseOffer", json!({})));
    run_ok(&client, &changes).await[0].clone()
}

impl Sale {
    /// Moves the emulator's clock.
    pub fn advance(&self, seconds: u64) {
        self.handle.clock().advance(Duration::from_secs(seconds));
    }

    /// ListAgreementInvoiceLineItems as the seller, every page.
    pub async fn invoices(&self) -> Vec<AgreementInvoiceLineItemGroupSummary> {
        let out = self
            .seller
            .list_agreement_invoice_line_items()
            .agreement_id(&self.agreement_id)
            .group_by(LineItemGroupBy::InvoiceId)
            .send()
            .await
            .expect("ListAgreementInvoiceLineItems");
        out.agreement_invoice_line_item_group_summaries().to_vec()
    }

    /// The id of the agreement's VariablePaymentTerm.
    pub async fn variable_term_id(&self) -> String {
        let out = self
            .seller
            .get_agreement_terms()
            .agreement_id(&self.agreement_id)
            .send()
            .await
            .expect("GetAgreementTerms");
        out.accepted_terms()
            .iter()
            .find_map(|t| match t {
                AcceptedTerm::VariablePaymentTerm(v) => v.id().map(str::to_string),
                _ => None,
            })
            .expect("a VariablePaymentTerm")
    }
}

/// An SDK error's code.
pub(super) fn code<E: ProvideErrorMetadata>(e: &E) -> String {
    e.code().unwrap_or_default().to_string()
}
