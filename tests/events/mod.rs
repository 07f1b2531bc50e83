//! `mpctl events setup|tail|forward|teardown` through the built binary against the emulator,
//! and the waits that listen to an events queue: setup is idempotent and tears down, tail
//! prints one JSON object per line, forward delivers every event at least once across a
//! SIGKILL and recognises duplicates by id, a run-all with a queue confirms each wait with one
//! read and falls back to polling when the queue is gone.

mod cli;
mod forward;
mod waits;

use crate::support::project::Project;
use crate::support::server::Server;

/// `events setup` (default name) against `server`; the queue URL.
pub fn set_up(server: &Server, project: &Project) -> String {
    let done = project
        .mpctl(&server.url(), &["events", "setup", "--output", "json"])
        .output()
        .expect_code(0);
    done.json()["queue_url"]
        .as_str()
        .expect("queue_url")
        .to_string()
}

/// The seller's events recorded so far (what a rule for every source receives).
pub fn seller_events(server: &Server) -> usize {
    server
        .handle()
        .events()
        .iter()
        .filter(|e| e.account == mpctl_emulator::DEFAULT_SELLER_ACCOUNT)
        .count()
}
