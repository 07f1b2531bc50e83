//! `emulator seed catalog`: fill a running emulator to a seller's real size through its
//! loopback-only admin path (`POST /__mpctl/seed/catalog`), and report what was made and how
//! long it took. The counts are checked here first (exit 2 naming the flag, nothing sent).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::cli::{GlobalArgs, SeedCatalogArgs};
use crate::exit::bad_input;
use crate::output::{Printer, Report};

/// What `emulator seed catalog` made.
#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all(deserialize = "camelCase"))]
#[schemars(rename_all = "snake_case")]
pub struct SeededCatalog {
    /// The seller account that owns every record.
    pub account: String,
    /// The seed the world's shape came from.
    pub seed: u64,
    /// The emulated instant of the seeding (RFC 3339); end dates are relative to it.
    pub now: String,
    /// How many buyer accounts bought.
    pub buyer_accounts: u64,
    pub products: SeededProducts,
    pub offers: SeededOffers,
    pub agreements: SeededAgreements,
    pub opportunities: SeededOpportunities,
    /// Seconds the request took, as the client measured it.
    #[serde(default)]
    pub elapsed_seconds: f64,
}

/// Released, public SaaS products.
#[derive(Debug, Serialize, Deserialize, JsonSchema)]
pub struct SeededProducts {
    pub count: u64,
    /// Up to five product ids (prod-…).
    pub sample: Vec<String>,
}

/// Public and private offers.
#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all(deserialize = "camelCase"))]
#[schemars(rename_all = "snake_case")]
pub struct SeededOffers {
    pub count: u64,
    pub public: u64,
    /// Offers targeted at one buyer account each.
    pub private: u64,
    /// Up to five public offer ids.
    pub sample: Vec<String>,
    /// Up to five private offers and the buyer each is for.
    pub private_sample: Vec<PrivateOfferSample>,
}

/// A private offer and its buyer.
#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all(deserialize = "camelCase"))]
#[schemars(rename_all = "snake_case")]
pub struct PrivateOfferSample {
    pub offer_id: String,
    pub buyer_account: String,
}

/// Agreements by status.
#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all(deserialize = "camelCase"))]
#[schemars(rename_all = "snake_case")]
pub struct SeededAgreements {
    pub count: u64,
    pub active: u64,
    pub expired: u64,
    pub cancelled: u64,
    /// ACTIVE agreements that renewed in place (counted in `active` too).
    pub renewed: u64,
    pub ending_within_30_days: u64,
    pub ending_within_90_days: u64,
    /// Up to five agreement ids (agmt-…).
    pub sample: Vec<String>,
}

/// Opportunities by stage.
#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all(deserialize = "camelCase"))]
#[schemars(rename_all = "snake_case")]
pub struct SeededOpportunities {
    pub count: u64,
    /// The Partner Central catalog they are in (`AWS`).
    pub catalog: String,
    /// How many in each stage.
    #[serde(deserialize_with = "stage_counts")]
    pub by_stage: Vec<StageCount>,
    /// How many are associated with a seeded offer.
    pub with_offer: u64,
    /// Up to five opportunity ids (O…).
    pub sample: Vec<String>,
}

/// One stage and how many opportunities are in it.
#[derive(Debug, Serialize, Deserialize, JsonSchema)]
pub struct StageCount {
    pub stage: String,
    pub count: u64,
}

/// The emulator's `{"Prospect": 3, …}` as a list (stage names are not JSON keys of ours).
fn stage_counts<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<StageCount>, D::Error> {
    let map = BTreeMap::<String, u64>::deserialize(d)?;
    Ok(map
        .into_iter()
        .map(|(stage, count)| StageCount { stage, count })
        .collect())
}

impl Report for SeededCatalog {
    fn text(&self) -> String {
        let (p, o, a, n) = (
            &self.products,
            &self.offers,
            &self.agreements,
            &self.opportunities,
        );
        let stages: Vec<String> = (n.by_stage.iter())
            .map(|s| format!("{} {}", s.stage, s.count))
            .collect();
        format!(
            "seeded account {} (seed {}) in {:.2} s at {}:\n  products       {:>6}  released SaaS products, e.g. {}\n  offers         {:>6}  {} public, {} private (one buyer each)\n  agreements     {:>6}  {} active ({} ending within 30 days, {} within 90, {} renewed), {} expired, {} cancelled; {} buyer accounts\n  opportunities  {:>6}  {} catalog: {}; {} with an offer",
            self.account, self.seed, self.elapsed_seconds, self.now,
            p.count, p.sample.first().map_or("-", String::as_str),
            o.count, o.public, o.private,
            a.count, a.active, a.ending_within_30_days, a.ending_within_90_days, a.renewed, a.expired, a.cancelled, self.buyer_accounts,
            n.count, n.catalog, if stages.is_empty() { "-".to_string() } else { stages.join(", ") }, n.with_offer,
        )
    }
}

/// How long the seeding may take: the largest (100,000 of each) takes minutes on a small machine.
const PATIENCE: std::time::Duration = std::time::Duration::from_secs(600);

/// The rules between the counts (each is already 0 to 100,000 by its parser).
fn check(args: &SeedCatalogArgs) -> anyhow::Result<()> {
    if args.offers > 0 && args.products == 0 {
        return Err(bad_input(
            "--offers needs --products 1 or more: an offer sells a product",
        ));
    }
    if args.agreements > 0 && args.offers == 0 {
        return Err(bad_input(
            "--agreements needs --offers 1 or more: an agreement accepts an offer",
        ));
    }
    Ok(())
}

/// `emulator seed catalog --products P --offers O --agreements A --opportunities N`.
pub async fn seed_catalog(
    global: &GlobalArgs,
    args: &SeedCatalogArgs,
    printer: &Printer,
) -> anyhow::Result<()> {
    check(args)?;
    let mut body = json!({"products": args.products, "offers": args.offers,
        "agreements": args.agreements, "opportunities": args.opportunities, "seed": args.seed});
    if let Some(account) = &args.account {
        body["account"] = json!(account);
    }
    let started = std::time::Instant::now();
    let reply =
        super::emulator::admin_within(global, "/seed/catalog", Some(body), PATIENCE).await?;
    let mut seeded: SeededCatalog = serde_json::from_value(reply)
        .map_err(|e| anyhow::anyhow!("the emulator's seeding reply is not understood: {e}"))?;
    seeded.elapsed_seconds = (started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0;
    printer.print(&seeded);
    Ok(())
}
