//! The change set template library embedded in the binary (`changesets/*.json`), so an
//! installed mpctl can list, render and start them — and `mpctl init` can write them — without
//! the repository. Each template is derived from one of AWS's reference change sets
//! (tests/fixtures/corpus) with `{{VARS}}` in place of placeholder ids. Use one by name as
//! `@NAME` wherever a change set FILE is expected.

use chrono::NaiveDate;

use crate::project::config::Config;
use crate::project::state::State;

/// One embedded file under `changesets/`.
#[derive(Debug, Clone, Copy)]
pub struct Template {
    /// Name without `.json`; `@NAME` selects it.
    pub name: &'static str,
    /// One line: what the change set does.
    pub description: &'static str,
    /// The reference change set it is derived from (relative to the corpus), if any.
    pub source: Option<&'static str>,
    /// The file's text.
    pub text: &'static str,
    /// False for `opportunity.json`: a Partner Central payload, not a change set.
    pub is_changeset: bool,
}

impl Template {
    /// `changesets/NAME.json`.
    pub fn file_name(&self) -> String {
        format!("{}.json", self.name)
    }
}

macro_rules! template {
    ($name:literal, $desc:literal, $source:expr) => {
        Template {
            name: $name,
            description: $desc,
            source: $source,
            text: include_str!(concat!("../changesets/", $name, ".json")),
            is_changeset: true,
        }
    };
}

/// Every embedded file, in listing order.
pub const TEMPLATES: &[Template] = &[
    template!(
        "saas-product",
        "SaaS product with contract + usage dimensions and its public offer (workflow step 1)",
        Some("products/saas/create_limited_saas_product_and_public_offer_with_contract_with_pay_as_you_go_pricing")
    ),
    template!(
        "ami-product",
        "AMI product (region, instance type, AMI delivery, hourly dimension) and its public offer",
        Some("products/ami/create_limited_ami_product_and_public_offer_with_hourly_pricing")
    ),
    template!(
        "container-product",
        "Container product (ECR repository, contract dimension) and its public offer",
        Some("products/container/create_limited_container_product_public_offer")
    ),
    template!(
        "private-offer",
        "Private offer: contract + usage pricing with a payment schedule (workflow step 2)",
        Some("offers/create_saas_product_custom_dimension_and_private_offer")
    ),
    template!(
        "proserv-offer",
        "Private offer billed by payment requests: a VariablePaymentTerm (up to 50,000 USD) beside contract + usage pricing",
        Some("offers/create_saas_product_custom_dimension_and_private_offer")
    ),
    template!(
        "offer-contract",
        "Private offer on a SaaS product with tiered contract pricing (12 months)",
        Some("offers/create_private_offer_with_tiered_contract_pricing_for_saas_product")
    ),
    template!(
        "offer-contract-consumption",
        "Private offer on a SaaS product with contract + pay-as-you-go (consumption) pricing",
        Some("offers/create_private_offer_with_contract_with_pay_as_you_go_pricing_for_saas_product")
    ),
    template!(
        "offer-usage",
        "Private offer on a SaaS product with usage (metered) pricing",
        Some("offers/create_private_offer_with_subscription_pricing_for_saas_product")
    ),
    template!(
        "offer-free-trial",
        "Public free trial offer on a SaaS product",
        Some("offers/create_public_free_trial_offer_with_subscription_pricing_for_saas_product")
    ),
    template!(
        "offer-replacement",
        "Replacement private offer for an existing agreement, contract pricing",
        Some("offers/create_replacement_private_offer_with_contract_pricing")
    ),
    template!(
        "offer-availability",
        "Move an offer's expiry date (UpdateAvailability)",
        Some("offers/update_offer_expiration_date_of_private_offer")
    ),
    template!(
        "offer-expire",
        "Expire a private offer: set its availability end date to AVAILABILITY_END_DATE",
        Some("offers/expire_private_offer")
    ),
    template!(
        "offer-eula",
        "Replace an offer's EULA with a custom one (UpdateLegalTerms)",
        Some("offers/update_eula")
    ),
    template!(
        "offer-refund-policy",
        "Replace an offer's refund policy (UpdateSupportTerms)",
        Some("offers/update_refund_policy")
    ),
    template!(
        "offer-targeting",
        "Target an offer at countries (UpdateTargeting)",
        Some("offers/update_offer_targeting")
    ),
    template!(
        "resale-authorization",
        "One-time resale authorization for a reseller, targeted at buyers, custom EULA",
        Some("resale_authorization/publish_onetime_resale_authorization_specific_buyer")
    ),
    template!(
        "cppo",
        "Channel partner private offer (CPPO) from a resale authorization, with a markup",
        Some("channel_partner_offers/publish_one_time_cppo_with_price_markup")
    ),
    Template {
        name: "opportunity",
        description: "Partner Central CreateOpportunity payload (workflow step 3; not a change set)",
        source: None,
        text: include_str!("../changesets/opportunity.json"),
        is_changeset: false,
    },
];

/// The template named `name` (with or without `@` and `.json`).
pub fn find(name: &str) -> Option<&'static Template> {
    let name = name.strip_prefix('@').unwrap_or(name);
    let name = name.strip_suffix(".json").unwrap_or(name);
    TEMPLATES.iter().find(|t| t.name == name)
}

/// The names of the change set templates, for hints.
pub fn names() -> Vec<&'static str> {
    TEMPLATES
        .iter()
        .filter(|t| t.is_changeset)
        .map(|t| t.name)
        .collect()
}

/// Where a template variable's value comes from when not given with `--var`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Always defined: built-in or config.json (dates relative to today, config values).
    BuiltIn,
    /// From buyer_ids.txt.
    Buyers,
    /// From shared_env.json once the workflow has created it.
    State,
    /// Must be supplied with `--var` or config.json `variables`.
    Required,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::BuiltIn => "built-in",
            Source::Buyers => "buyer_ids.txt",
            Source::State => "state",
            Source::Required => "required",
        }
    }
}

/// The state keys that become variables (see `template::variables`).
const STATE_VARS: &[&str] = &[
    "PRODUCT_ID",
    "OFFER_ID",
    "OFFER_ARN",
    "OPPORTUNITY_ID",
    "SOLUTION_ID",
    "AGREEMENT_ID",
];

/// Where `name` comes from.
pub fn source_of(name: &str) -> Source {
    if name == "BUYER_IDS" {
        return Source::Buyers;
    }
    if STATE_VARS.contains(&name) {
        return Source::State;
    }
    let builtins = crate::template::variables(
        &Config::default(),
        &State::default(),
        None,
        NaiveDate::default(),
        &[],
    );
    if builtins.contains_key(name) {
        Source::BuiltIn
    } else {
        Source::Required
    }
}

/// The `{{VARS}}` a text uses, sorted and unique.
pub fn variables(text: &str) -> Vec<String> {
    let mut names = mpctl_changeset::variables_in(text);
    names.sort();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_resolve_with_or_without_decoration() {
        assert_eq!(find("@ami-product").map(|t| t.name), Some("ami-product"));
        assert_eq!(find("cppo.json").map(|t| t.name), Some("cppo"));
        assert!(find("@nope").is_none());
    }

    #[test]
    fn variable_sources() {
        assert_eq!(source_of("EXPIRY_DATE"), Source::BuiltIn);
        assert_eq!(source_of("BUYER_IDS"), Source::Buyers);
        assert_eq!(source_of("PRODUCT_ID"), Source::State);
        assert_eq!(source_of("RESALE_AUTHORIZATION_ID"), Source::Required);
    }

    #[test]
    fn every_file_is_json() {
        for t in TEMPLATES {
            serde_json::from_str::<serde_json::Value>(t.text)
                .unwrap_or_else(|e| panic!("{}: {e}", t.name));
        }
    }
}
