//! Two processes on one state file, and Ctrl-C: the lock lets exactly one run-all proceed (the
//! other exits at once naming the holder, without touching the file), and SIGINT during a
//! wait exits 130 with the resume command and a consistent state.

use mpctl_emulator::Timings;

use crate::support::project::Project;
use crate::support::server::Server;

fn slow_server() -> Server {
    Server::start(Timings {
        changeset_seconds: 1.5,
        task_seconds: 0.5,
        accept_seconds: 0.5,
        review_seconds: 3600.0,
    })
}

#[test]
fn two_concurrent_run_alls_one_proceeds_the_other_names_the_lock_holder() {
    let server = slow_server();
    let project = Project::new();
    let spawn = || project.mpctl(&server.url(), &["run-all"]).spawn_piped();
    let first = spawn();
    let second = spawn();
    let (pid1, pid2) = (first.id(), second.id());
    let outs = [
        first.wait_with_output().expect("first"),
        second.wait_with_output().expect("second"),
    ];
    let winners: Vec<usize> = (0..2).filter(|&i| outs[i].status.success()).collect();
    assert_eq!(winners.len(), 1, "exactly one proceeds: {outs:?}");
    let loser = &outs[1 - winners[0]];
    let winner_pid = if winners[0] == 0 { pid1 } else { pid2 };
    let stderr = String::from_utf8_lossy(&loser.stderr);
    assert_eq!(loser.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("shared_env.json is in use by another mpctl"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("pid {winner_pid}")),
        "names the holder: {stderr}"
    );
    // The loser sent nothing and wrote nothing; the winner's state is complete and valid.
    let state = project.state();
    assert_eq!(state["OPPORTUNITY_STAGE"], "Committed", "{state}");
    project
        .mpctl(&server.url(), &["status"])
        .output()
        .expect_code(0);
    assert_eq!(server.counts(), (1, 1, 1));
}

#[test]
fn a_locked_state_file_is_not_touched_and_nothing_is_sent() {
    let server = Server::fast();
    let project = Project::new();
    project.write(
        "shared_env.json",
        "{\n  \"PRODUCT_ID\": \"prod-abcdefghijklm\"\n}\n",
    );
    let before = std::fs::read(project.path("shared_env.json")).expect("state");
    // Another writer (this test) holds the lock.
    let mut lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(true)
        .write(true)
        .open(project.path("shared_env.json.lock"))
        .expect("lock file");
    std::io::Write::write_all(&mut lock, b"pid 4242").expect("write");
    assert!(fs4::fs_std::FileExt::try_lock_exclusive(&lock).expect("lock"));
    for args in [&["run-all"][..], &["create-offer"], &["commit"]] {
        let done = project.mpctl(&server.url(), args).output().expect_code(1);
        assert!(
            done.stderr()
                .contains("shared_env.json is in use by another mpctl (pid 4242)"),
            "{args:?}: {}",
            done.stderr()
        );
    }
    assert_eq!(server.operations(), Vec::<String>::new());
    assert_eq!(
        std::fs::read(project.path("shared_env.json")).expect("state"),
        before
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_while_waiting_exits_130_with_the_resume_command() {
    let server = slow_server();
    let project = Project::new();
    let child = project.mpctl(&server.url(), &["run-all"]).spawn_piped();
    crate::support::wait::until("the product's change set id saved", || {
        project.state().get("PRODUCT_CHANGESET_ID").map(|_| ())
    });
    crate::support::project::interrupt(&child);
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(
        stderr.contains("interrupted") && stderr.contains("resume with `"),
        "{stderr}"
    );
    // Consistent: the change set id is saved, nothing pending is lost, the lock is released.
    let state = project.state();
    assert!(state.get("PRODUCT_CHANGESET_ID").is_some(), "{state}");
    // The resume command is the command that was run (run-all, with its endpoint), pasted.
    let words = crate::support::project::resume_command(&stderr);
    assert_eq!(words[1..3], ["run-all", "--endpoint-url"], "{words:?}");
    let resumed = project.paste_resume(&stderr).expect_code(0);
    assert!(resumed.stderr().contains("resuming change set"));
    assert_eq!(server.counts(), (1, 1, 1));
}
