//! `mpctl listing pull|diff|plan|apply` through the built binary against the emulator: the
//! edit loop (a price, the title, a dimension's description), refusals with their positions,
//! and every change set of the reference corpus pulled then planned to no change.

mod ami;
mod corpus;
mod delivery;
mod edit_loop;
mod refusals;
mod split;

use serde_json::Value;

use crate::support::project::Project;
use crate::support::server::Server;

/// `mpctl listing ARGS --output json` in `p`, expecting exit 0.
pub fn listing(p: &Project, server: &Server, args: &[&str]) -> Value {
    let mut all = vec!["listing"];
    all.extend(args);
    all.extend(["--output", "json"]);
    p.mpctl(&server.url(), &all).output().expect_code(0).json()
}

/// The listing file of `id` in the project's `listing/`, parsed.
pub fn read_file(p: &Project, id: &str) -> Value {
    serde_json::from_str(&p.read(&format!("listing/{id}.json"))).expect("a listing file is JSON")
}

/// Writes the listing file of `id` back (any JSON layout: the seller's editor decides).
pub fn write_file(p: &Project, id: &str, doc: &Value) {
    let text = serde_json::to_string_pretty(doc).expect("json");
    p.write(&format!("listing/{id}.json"), &text);
}

/// Every `path` of a diff result, in order.
pub fn paths(diff: &Value) -> Vec<String> {
    diff["entities"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|e| e["differences"].as_array().cloned().unwrap_or_default())
        .map(|d| d["path"].as_str().unwrap_or_default().to_string())
        .collect()
}
