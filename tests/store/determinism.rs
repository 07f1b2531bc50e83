//! Replay is deterministic: after a varied workload with faults on, the world rebuilt from the
//! store's log (from the empty world) equals the live world, ids, events and timestamps
//! included. A handler that draws its own randomness (`Uuid::new_v4()`, `rand::rng()`) or reads
//! the wall clock instead of going through `crate::ids` and the request's `now` fails here.

use mpctl_emulator::{FaultKind, FaultOptions, Options};

use crate::support::server::Server;

#[test]
fn the_log_replayed_from_empty_rebuilds_the_live_world() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("store.db");
    let start = chrono::DateTime::parse_from_rfc3339("2030-03-01T09:00:00Z").expect("time");
    let server = Server::with_options(Options {
        timings: crate::support::fast_timings(),
        data: Some(data.clone()),
        start_time: Some(start.with_timezone(&chrono::Utc)),
        faults: Some(FaultOptions {
            rate: 0.15,
            seed: 7,
            kinds: vec![
                FaultKind::ServerError,
                FaultKind::ResetAfterCommit,
                FaultKind::ServerFault,
            ],
            slow_delay: std::time::Duration::from_millis(10),
        }),
        ..Options::default()
    });
    let handle = server.handle();
    server.block_on(super::workload::run(handle));
    let faulted = handle
        .requests()
        .iter()
        .filter(|r| r.fault.is_some())
        .count();
    assert!(faulted > 0, "the workload met no fault");
    let live = handle.world_json();
    let replayed = mpctl_emulator::replay_store(&data).expect("replay");
    assert_eq!(
        replayed.snapshot_seq, 0,
        "the log starts at the empty world"
    );
    assert!(replayed.entries > 25, "{} entries", replayed.entries);
    for part in [
        "catalog",
        "partner",
        "agreement",
        "metering",
        "outbox",
        "events",
        "sqs",
        "clock",
    ] {
        assert!(
            live[part] == replayed.world[part],
            "{part} differs after replay:\nlive:     {}\nreplayed: {}",
            live[part],
            replayed.world[part]
        );
    }
    assert_eq!(live, replayed.world);
    for part in ["catalog", "partner", "agreement", "metering", "sqs"] {
        assert!(live[part].to_string().len() > 200, "{part} is nearly empty");
    }
}
