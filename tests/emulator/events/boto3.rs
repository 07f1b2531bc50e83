//! boto3 against `mpctl emulator serve`: scripts/boto3_events.py sets up a rule and a queue the
//! way AWS's samples do, creates a referral, long-polls the queue, checks the envelope, leaves a
//! message undeleted past its visibility timeout (the clock advanced through the admin path),
//! reads QueueDoesNotExist as botocore reports it, and tears down.

use std::path::Path;
use std::process::Command;

use crate::support::served::{boto3_available, serve, stop};

#[test]
fn boto3_sets_up_receives_and_tears_down() {
    if !boto3_available() {
        assert!(
            std::env::var_os("MPCTL_REQUIRE_BOTO3").is_none(),
            "MPCTL_REQUIRE_BOTO3 is set but boto3 is not installed"
        );
        eprintln!("skipped: python3 with boto3 is not installed");
        return;
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/boto3_events.py");
    let (child, url) = serve(&[]);
    let out = Command::new("python3")
        .arg(&script)
        .arg(&url)
        .output()
        .expect("python3 runs");
    stop(child);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("ok"), "{stdout}");
}
