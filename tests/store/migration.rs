//! What `--data FILE` may hold: a version-2 JSON data file is migrated (kept as
//! `FILE.v2.json`, said on stderr, the world served from the new store); a JSON file of another
//! version, a file that is neither JSON nor a store, and another program's SQLite database are
//! refused with a message naming the file and left byte for byte; an empty or missing file is
//! a new store.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::Stdio;

use mpctl_emulator::Options;

use crate::support::project::mpctl;

const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";

fn options(data: &Path) -> Options {
    Options {
        timings: crate::support::fast_timings(),
        data: Some(data.to_path_buf()),
        ..Options::default()
    }
}

/// A version-2 data file as mpctl wrote it before the store: a world holding one referral.
async fn v2_file(path: &Path) -> String {
    let handle = crate::support::emulator().await;
    let client = crate::support::partner_client(&handle);
    let id = crate::support::partner::create_referral(&client, "Umbrella").await;
    let file = serde_json::json!({"mpctl_emulator_data": 2, "world": handle.world_json()});
    std::fs::write(path, serde_json::to_vec(&file).expect("json")).expect("write");
    id
}

#[test]
fn a_version_2_json_file_is_migrated_and_kept_beside_the_store() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("world.json");
    let id = rt.block_on(v2_file(&data));
    let original = std::fs::read(&data).expect("read");
    let mut run = mpctl(&["emulator", "serve", "--bind", "127.0.0.1:0", "--data"]);
    run.cmd
        .arg(&data)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = run.cmd.spawn().expect("spawn");
    let mut first = String::new();
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    out.read_line(&mut first).expect("first line");
    let url = first
        .trim()
        .strip_prefix("listening on ")
        .expect(&first)
        .to_string();
    let got = rt.block_on(async {
        let client =
            aws_sdk_partnercentralselling::Client::new(&crate::support::sdk_config_at(&url));
        client
            .get_opportunity()
            .catalog("Sandbox")
            .identifier(&id)
            .send()
            .await
    });
    assert_eq!(got.expect("the migrated opportunity").id(), id);
    let mut err = child.stderr.take().expect("stderr");
    crate::support::served::stop(child);
    let mut stderr = String::new();
    err.read_to_string(&mut stderr).expect("stderr");
    assert!(
        stderr.contains("renamed to") && stderr.contains("world.json.v2.json"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(dir.path().join("world.json.v2.json")).expect("kept"),
        original
    );
    assert!(std::fs::read(&data)
        .expect("store")
        .starts_with(SQLITE_MAGIC));
    // The next start opens the store as it is.
    let again = rt
        .block_on(mpctl_emulator::serve(options(&data)))
        .expect("reopens");
    assert!(again.world_json()["partner"].to_string().contains(&id));
}

/// `serve` refuses `bytes` at FILE, naming it and saying `why`, and leaves the file as it was.
async fn refused(bytes: &[u8], why: &str) {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("team-data");
    std::fs::write(&data, bytes).expect("write");
    let err = mpctl_emulator::serve(options(&data))
        .await
        .expect_err("refused");
    let message = err.to_string();
    assert!(
        err.downcast_ref::<mpctl_emulator::DataError>().is_some(),
        "{message}"
    );
    assert!(
        message.contains("team-data") && message.contains(why),
        "{message}"
    );
    assert_eq!(std::fs::read(&data).expect("kept"), bytes, "{message}");
    let left: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").collect();
    assert_eq!(left.len(), 1, "nothing written beside it");
}

#[tokio::test(flavor = "multi_thread")]
async fn another_json_version_or_another_file_is_refused_and_left_as_it_was() {
    refused(br#"{"mpctl_emulator_data": 3, "world": {}}"#, "version 3").await;
    refused(br#"{"mpctl_emulator_data": 1, "world": {}}"#, "version 1").await;
    refused(br#"{"products": []}"#, "not an emulator data file").await;
    refused(b"name,price\nwidget,3\n", "neither an emulator store nor").await;
    let dir = tempfile::tempdir().expect("dir");
    let other = dir.path().join("other.db");
    let conn = rusqlite::Connection::open(&other).expect("sqlite");
    conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .expect("table");
    drop(conn);
    let bytes = std::fs::read(&other).expect("read");
    refused(&bytes, "not an emulator store").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_empty_or_missing_file_is_a_new_store() {
    let dir = tempfile::tempdir().expect("dir");
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, "").expect("write");
    let missing = dir.path().join("missing.db");
    for data in [&empty, &missing] {
        let handle = mpctl_emulator::serve(options(data))
            .await
            .expect("new store");
        let client = crate::support::partner_client(&handle);
        let id = crate::support::partner::create_referral(&client, "Hooli").await;
        handle.stop().await;
        assert!(std::fs::read(data)
            .expect("store")
            .starts_with(SQLITE_MAGIC));
        let again = mpctl_emulator::serve(options(data)).await.expect("reopens");
        assert!(again.world_json()["partner"].to_string().contains(&id));
    }
}
