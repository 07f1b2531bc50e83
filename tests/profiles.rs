//! A named AWS profile that does not exist — config.json's `buyer_profile`, `--buyer-profile`,
//! `--profile` — is reported as exactly that, naming the profile and the files read, with exit
//! 2 and no request sent (rather than the credential chain trying instance metadata and the
//! first call failing for want of a connection).

use serde_json::json;

use crate::support::project::{Done, Project};
use crate::support::server::Server;

/// A project whose AWS config file defines only `[profile seller]`, and an empty credentials
/// file: `(project, config path, credentials path)`.
fn project_with_profile_files() -> (Project, String, String) {
    let project = Project::new();
    project.write(
        "aws_config",
        "[profile seller]\naws_access_key_id = AKIDSELLER\naws_secret_access_key = s\n",
    );
    project.write("aws_credentials", "");
    let path = |name: &str| project.path(name).to_str().expect("utf-8").to_string();
    let (config, credentials) = (path("aws_config"), path("aws_credentials"));
    (project, config, credentials)
}

/// `mpctl ARGS` against `server` with the project's profile files.
fn run(server: &Server, project: &Project, files: (&str, &str), args: &[&str]) -> Done {
    project
        .mpctl(&server.url(), args)
        .env("AWS_CONFIG_FILE", files.0)
        .env("AWS_SHARED_CREDENTIALS_FILE", files.1)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .output()
}

/// Exit 2, the profile and both files named, and nothing reached the emulator.
fn assert_refused(done: &Done, server: &Server, needle: &str, files: (&str, &str)) {
    let stderr = done.stderr();
    assert_eq!(done.code(), 2, "{stderr}");
    for part in [needle, files.0, files.1] {
        assert!(stderr.contains(part), "{part:?} missing:\n{stderr}");
    }
    assert!(!stderr.contains("GetOffer failed"), "{stderr}");
    assert_eq!(
        server.operations(),
        Vec::<String>::new(),
        "requests were sent"
    );
}

#[test]
fn run_all_with_a_missing_buyer_profile_exits_2_naming_it_before_any_request() {
    let server = Server::fast();
    let (project, config, credentials) = project_with_profile_files();
    project.write_config(json!({"buyer_profile": "buyer"}));
    let files = (config.as_str(), credentials.as_str());
    let done = run(&server, &project, files, &["run-all"]);
    assert_refused(&done, &server, "buyer profile 'buyer'", files);
    assert!(
        done.stderr().contains("\"buyer_profile\""),
        "{}",
        done.stderr()
    );
    assert_eq!(project.state().get("PRODUCT_ID"), None);
}

#[test]
fn buyer_accept_with_a_missing_buyer_profile_exits_2_naming_it_before_any_request() {
    let server = Server::fast();
    let (project, config, credentials) = project_with_profile_files();
    let files = (config.as_str(), credentials.as_str());
    let args = ["buyer", "accept", "offer-abc", "--buyer-profile", "nosuch"];
    let done = run(&server, &project, files, &args);
    assert_refused(&done, &server, "buyer profile 'nosuch'", files);
}

#[test]
fn a_missing_seller_profile_exits_2_naming_it_before_any_request() {
    let server = Server::fast();
    let (project, config, credentials) = project_with_profile_files();
    let files = (config.as_str(), credentials.as_str());
    let done = run(
        &server,
        &project,
        files,
        &["run-all", "--profile", "nosuch"],
    );
    assert_refused(&done, &server, "AWS profile 'nosuch'", files);
    // The profile that exists is accepted: the run gets past the check.
    let done = run(
        &server,
        &project,
        files,
        &["opportunity", "list", "--profile", "seller"],
    );
    done.expect_code(0);
}
