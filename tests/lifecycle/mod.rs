//! Issue 4's lifecycle flows through the built binary and the real SDK crates against the
//! emulator: offers (list, describe, clone, extend, expire, replace, rate cards), agreements
//! (search, describe, terms) and the buyer side (Discovery + Agreement buyer operations).

mod agreement;
mod buyer;
mod discovery;
mod offer;
mod rate_card;

use mpctl_emulator::Timings;
use serde_json::Value;

use crate::support::project::Project;
use crate::support::server::Server;

/// The first account in the Project's buyer_ids.txt.
pub const BUYER: &str = "111122223333";
pub const OTHER_BUYER: &str = "444455556666";

/// Fast change sets, and a stand-in buyer that never accepts (the buyer flow is under test).
pub fn no_stand_in() -> Timings {
    Timings {
        accept_seconds: 1.0e7,
        ..crate::support::fast_timings()
    }
}

/// A project with a published product and the workflow's private offer (for both buyers).
pub fn seller(server: &Server) -> Project {
    let project = Project::new();
    project
        .mpctl(&server.url(), &["publish-product"])
        .output()
        .expect_code(0);
    project
        .mpctl(&server.url(), &["create-offer"])
        .output()
        .expect_code(0);
    project
}

/// `mpctl ARGS --output json`, expecting exit 0; the JSON document.
pub fn json_ok(project: &Project, server: &Server, args: &[&str]) -> Value {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--output", "json"]);
    project
        .mpctl(&server.url(), &all)
        .output()
        .expect_code(0)
        .json()
}

/// A state value as a string.
pub fn state(project: &Project, key: &str) -> String {
    project.state()[key]
        .as_str()
        .unwrap_or_else(|| panic!("state lacks {key}"))
        .to_string()
}
