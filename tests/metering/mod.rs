//! A SaaS product's usage and entitlements through the built binary against the emulator:
//! `metering send` (checked first, batched, journaled, killed and resumed, invoiced),
//! `entitlement list`, and `emulator seed registration-token`.

mod entitlement;
mod send;

use std::time::Duration;

use serde_json::Value;

use crate::support::deal::{json_ok, no_stand_in, state};
use crate::support::project::Project;
use crate::support::server::Server;

/// The first account in the Project's buyer_ids.txt.
pub const BUYER: &str = "111122223333";
/// The workflow's metered dimensions and their prices in cents (changesets/private-offer.json).
pub const PRICES: [(&str, u64); 3] = [
    ("WorkloadSmall", 12),
    ("WorkloadMedium", 20),
    ("WorkloadLarge", 32),
];

/// A project whose product and private offer are published, accepted by [`BUYER`], the clock
/// an hour past the acceptance: (project, product id, agreement id).
pub fn subscribed(server: &Server) -> (Project, String, String) {
    let project = Project::new();
    for step in ["publish-product", "create-offer"] {
        let run = project.mpctl(&server.url(), &[step]);
        run.output().expect_code(0);
    }
    let offer_id = state(&project, "OFFER_ID");
    let done = json_ok(&project, server, &["buyer", "accept", &offer_id]);
    let agreement = done["agreement_id"].as_str().unwrap().to_string();
    server.handle().clock().advance(Duration::from_secs(3600));
    let product = state(&project, "PRODUCT_ID");
    (project, product, agreement)
}

/// A server whose buyers accept only through `buyer accept`.
pub fn server() -> Server {
    Server::start(no_stand_in())
}

/// `--output json` of a command expected to succeed.
pub fn ok(project: &Project, server: &Server, args: &[&str]) -> Value {
    json_ok(project, server, args)
}
