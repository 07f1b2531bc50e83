//! Issue 18, trust before the first real write: each numbered finding of the issue as a test
//! through the built binary — named files that must exist, requests that may have reached one
//! target kept from another, dates AWS refuses, sample values kept from AWS, failures that
//! say the way out, and `--plan` rendering exactly what a run sends.

mod cosell_plans;
mod dates;
mod event_plans;
mod failures;
mod named_files;
pub(crate) mod plan_fidelity;
mod postsale_plans;
mod samples;
mod smaller;
mod targets;

use serde_json::json;

use crate::support::project::Project;

/// The project with every sample replaced by the seller's own values.
pub fn own_values(p: &Project) {
    p.write("buyer_ids.txt", "210987654321\n");
    p.write_config(json!({"product_title": "Acme Analytics",
                          "custom_eula_url": "https://acme.example.org/eula.pdf"}));
    for (file, from, to) in [
        (
            "changesets/saas-product.json",
            "https://s3.amazonaws.com/logos/sample.png",
            "https://acme.example.org/logo.png",
        ),
        (
            "changesets/saas-product.json",
            "https://sample.amazonaws.com/awsmp-video-1",
            "https://acme.example.org/video",
        ),
        (
            "changesets/saas-product.json",
            "https://sample.amazonaws.com/sample-saas-fulfillment-url",
            "https://acme.example.org/signup",
        ),
        (
            "changesets/opportunity.json",
            "Example Buyer Corp",
            "Globex",
        ),
        (
            "changesets/opportunity.json",
            "https://buyer.example.com",
            "https://globex.example.org",
        ),
    ] {
        p.write(file, &p.read(file).replace(from, to));
    }
}
