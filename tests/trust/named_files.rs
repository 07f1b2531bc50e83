//! A file named on the command line must exist (exit 2 naming it, nothing sent); only the
//! defaults' own files may be absent, and then the output says the defaults are in use.

use crate::support::project::Project;
use crate::support::server::Server;

#[test]
fn a_named_file_that_does_not_exist_is_refused_before_any_request() {
    let server = Server::fast();
    let url = server.url();
    let p = Project::new();
    for (args, named) in [
        (
            vec!["--config", "my-config.json", "run-all"],
            "my-config.json",
        ),
        (
            vec!["--config", "my-config.json", "run-all", "--plan"],
            "my-config.json",
        ),
        (
            vec!["--state", "/nonexistent/x.json", "status"],
            "/nonexistent/x.json",
        ),
        (vec!["--state", "typo.json", "run-all"], "typo.json"),
        (vec!["--buyers", "buyers.txt", "create-offer"], "buyers.txt"),
    ] {
        let done = p.mpctl(&url, &args).output().expect_code(2);
        let err = done.stderr();
        assert!(
            err.contains(named) && err.contains("no such file"),
            "{args:?}: {err}"
        );
    }
    assert!(server.operations().is_empty(), "{:?}", server.operations());
    assert!(!p.path("typo.json").exists());
    let doctor = p
        .mpctl(&url, &["--config", "my-config.json", "doctor"])
        .output();
    assert!(
        doctor.stdout().contains("FAIL config") && doctor.stdout().contains("my-config.json"),
        "{}",
        doctor.stdout()
    );
}

#[test]
fn without_a_config_file_the_output_says_the_defaults_are_in_use() {
    let server = Server::fast();
    let p = Project::new();
    std::fs::remove_file(p.path("config.json")).expect("remove config");
    let done = p
        .mpctl(&server.url(), &["publish-product", "--plan"])
        .output()
        .expect_code(0);
    assert!(
        done.stderr()
            .contains("config.json not found: using the built-in defaults"),
        "{}",
        done.stderr()
    );
    let doctor = p.mpctl(&server.url(), &["doctor"]).output();
    assert!(
        doctor.stdout().contains("the built-in defaults are in use"),
        "{}",
        doctor.stdout()
    );
}

#[test]
fn an_emulator_data_file_must_exist_and_an_empty_one_starts_a_new_world() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("team.json");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mpctl"))
        .args(["emulator", "serve", "--bind", "127.0.0.1:0", "--data"])
        .arg(&data)
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("team.json") && err.contains("touch"), "{err}");
    assert!(!data.exists());
}
