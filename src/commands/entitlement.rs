//! `entitlement list --product ID [--buyer ACCOUNT]`: what a SaaS contract product's buyers are
//! entitled to (`crate::entitlement`).

use schemars::JsonSchema;
use serde::Serialize;

use crate::cli::EntitlementCommand;
use crate::entitlement::{self, Entitlement};
use crate::output::{table, List, Printer, Report};
use crate::settings::Settings;

/// `entitlement list`: the product, its code and every entitlement.
#[derive(Debug, Serialize, JsonSchema)]
pub struct EntitlementList {
    pub product_id: String,
    pub product_code: String,
    pub entitlements: List<Entitlement>,
}

impl Report for EntitlementList {
    fn text(&self) -> String {
        let rows: Vec<Vec<String>> = (self.entitlements.items.iter())
            .map(|e| {
                let s = |v: &Option<String>| v.clone().unwrap_or_default();
                let value = e.value.as_ref().map(|v| v.to_string()).unwrap_or_default();
                vec![
                    s(&e.customer_aws_account_id),
                    s(&e.dimension),
                    value,
                    s(&e.expiration_date),
                    s(&e.license_arn),
                ]
            })
            .collect();
        let head = ["BUYER", "DIMENSION", "VALUE", "EXPIRES", "LICENSE"];
        format!(
            "{} (ProductCode {})\n{}",
            self.product_id,
            self.product_code,
            table(&head, &rows)
        )
    }
}

/// Runs an `entitlement` subcommand.
pub async fn run(
    settings: &Settings,
    printer: &Printer,
    c: &EntitlementCommand,
) -> anyhow::Result<()> {
    let EntitlementCommand::List(a) = c;
    let clients = crate::aws::connect(settings).await?;
    let product = crate::metering::product::read(&clients.catalog, &a.product).await?;
    let found = entitlement::list(&clients.entitlement, &product.code, a.buyer.as_deref()).await?;
    printer.print(&EntitlementList {
        product_id: product.id,
        product_code: product.code,
        entitlements: List::new(found),
    });
    Ok(())
}
