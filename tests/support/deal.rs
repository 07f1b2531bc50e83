//! A deal in progress on an emulator, as the topics that start from one need it (lifecycle,
//! the emulator's clock, the dashboard): a seller project with a published product and private
//! offer, an emulator whose stand-in buyer stays out of the way, and reading JSON results and
//! state values.

use mpctl_emulator::Timings;
use serde_json::Value;

use super::project::Project;
use super::server::Server;

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
