//! `metering send`: every row checked first (file:line:column, nothing sent), 25 records per
//! call, a 1,000-row CSV killed at three points and re-run recording each row exactly once,
//! and the usage on the buyer's next monthly invoice at the offer's prices.

use std::os::unix::process::ExitStatusExt;
use std::time::Duration;

use chrono::{Datelike, TimeZone, Utc};

use super::*;

const BATCH: &str = "BatchMeterUsage";

/// `n` rows for [`BUYER`], one per (dimension, second) going back from the emulator's now, and
/// what they cost in cents.
fn usage(server: &Server, n: usize) -> (String, u64) {
    let now = server.handle().clock().now();
    let mut text = "buyer,dimension,quantity,timestamp\n".to_string();
    let mut cents = 0;
    for i in 0..n {
        let (dimension, price) = PRICES[i % 3];
        let at = now - chrono::Duration::seconds((i / 3) as i64);
        let quantity = 1 + (i % 7) as u64;
        cents += quantity * price;
        let at = at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        text += &format!("{BUYER},{dimension},{quantity},{at}\n");
    }
    (text, cents)
}

/// The agreement's invoices after the clock moved to the 1st of next month.
fn next_invoices(p: &Project, s: &Server, agreement: &str) -> Vec<Value> {
    let now = s.handle().clock().now();
    let (y, m) = match now.month() {
        12 => (now.year() + 1, 1),
        m => (now.year(), m + 1),
    };
    let first = Utc.with_ymd_and_hms(y, m, 1, 0, 0, 1).single().unwrap();
    let seconds = (first - now).num_seconds().max(0) as u64;
    s.handle().clock().advance(Duration::from_secs(seconds));
    let all = ok(p, s, &["agreement", "invoices", agreement]);
    all["items"].as_array().unwrap().clone()
}

fn money(cents: u64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

#[test]
fn a_usage_csv_killed_at_three_points_meters_each_row_exactly_once_and_is_invoiced() {
    let server = server();
    let (project, product, agreement) = subscribed(&server);
    let (p, s) = (&project, &server);
    let (text, cents) = usage(s, 1000);
    p.write("usage.csv", &text);
    let args = ["metering", "send", "usage.csv", "--product", &product];
    // Run 1: call 1 answered, the answer never journaled. Run 2: its 2nd call journaled as
    // sent, never sent. Run 3: its 3rd call answered and journaled, then killed.
    for point in [
        "metering-send:after-send#1",
        "metering-send:after-journal#2",
        "metering-send:after-answer#3",
    ] {
        let done = p
            .mpctl(&s.url(), &args)
            .env("MPCTL_CRASH_AT", point)
            .output();
        assert_eq!(
            done.out.status.signal(),
            Some(9),
            "{point}: {}",
            done.stderr()
        );
    }
    let mut json_args = args.to_vec();
    json_args.extend(["--output", "json"]);
    let done = p.mpctl(&s.url(), &json_args).output().expect_code(0).json();
    assert_eq!(done["count"], 1000);
    let mut ids: Vec<&str> = (done["items"].as_array().unwrap().iter())
        .map(|i| i["metering_record_id"].as_str().expect("every row metered"))
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 1000, "one record per row");
    let sizes: Vec<usize> = (s.handle().requests().into_iter())
        .filter(|r| r.operation == BATCH)
        .map(|r| r.body.unwrap()["UsageRecords"].as_array().unwrap().len())
        .collect();
    assert!(sizes.iter().all(|n| *n <= 25), "{sizes:?}");
    // 40 calls, and run 1's first call (answered by AWS, never journaled) sent again: AWS
    // answered it with the same records (the ids above are 1,000 distinct ones).
    assert_eq!(sizes.len(), 41, "{sizes:?}");
    assert_eq!(sizes.iter().sum::<usize>(), 1000 + 25, "{sizes:?}");
    let results = std::fs::read_to_string(p.path("usage.results.csv")).unwrap();
    assert_eq!(
        results.lines().filter(|l| l.contains(",metered,")).count(),
        1000
    );
    // Everything done: a re-run sends nothing.
    p.mpctl(&s.url(), &args).output().expect_code(0);
    assert_eq!(s.count(BATCH), sizes.len());
    // The usage, each row once, at the offer's prices, on the next monthly invoice.
    let invoices = next_invoices(p, s, &agreement);
    let amounts: Vec<&str> = invoices
        .iter()
        .filter_map(|i| i["amount"].as_str())
        .collect();
    assert!(
        amounts.contains(&money(cents).as_str()),
        "{} in {amounts:?}",
        money(cents)
    );
}

#[test]
fn a_bad_usage_csv_names_every_problem_and_sends_nothing() {
    let server = server();
    let (project, product, _) = subscribed(&server);
    let (p, s) = (&project, &server);
    let now = s.handle().clock().now();
    let at = |h: i64| {
        (now - chrono::Duration::hours(h)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    };
    let text = format!(
        "buyer,dimension,quantity,timestamp\n{BUYER},WorkloadSmall,3,{}\n{BUYER},EnterpriseService,1,{}\n{BUYER},WorkloadSmall,2,{}\n{BUYER},WorkloadSmall,4,{}\n",
        at(0), at(0), at(7), at(0)
    );
    p.write("bad.csv", &text);
    let args = ["metering", "send", "bad.csv", "--product", &product];
    let err = p.mpctl(&s.url(), &args).output().expect_code(2).stderr();
    assert!(
        err.contains("bad.csv:3:2: 'EnterpriseService' is not a metered dimension"),
        "{err}"
    );
    assert!(err.contains("bad.csv:4:4: timestamp"), "{err}");
    assert!(
        err.contains("bad.csv:5:4: line 2 has the same buyer"),
        "{err}"
    );
    assert!(!err.contains("bad.csv:2:"), "{err}");
    p.write(
        "syntax.csv",
        "buyer,dimension,quantity,when\n1234,X,-1,now\n",
    );
    let args = ["metering", "send", "syntax.csv", "--product", &product];
    let err = p.mpctl(&s.url(), &args).output().expect_code(2).stderr();
    for at in ["syntax.csv:1:4:", "syntax.csv:2:1:", "syntax.csv:2:3:"] {
        assert!(err.contains(at), "{at}: {err}");
    }
    assert_eq!(s.count(BATCH), 0);
    for left in ["bad.journal", "bad.results.csv", "syntax.journal"] {
        assert!(!p.path(left).exists(), "{left} written");
    }
}

#[test]
fn plan_shows_each_call_as_the_sdk_sends_it_and_sends_nothing() {
    let server = server();
    let (project, product, _) = subscribed(&server);
    let (p, s) = (&project, &server);
    let (text, _) = usage(s, 30);
    p.write("usage.csv", &text);
    let args = [
        "metering",
        "send",
        "usage.csv",
        "--product",
        &product,
        "--plan",
    ];
    let plan = ok(p, s, &args);
    let requests = plan["items"].as_array().expect("items");
    assert_eq!(requests.len(), 2, "{plan}");
    assert_eq!(requests[0]["operation"], BATCH);
    let records = requests[0]["body"]["UsageRecords"].as_array().unwrap();
    assert_eq!(records.len(), 25);
    assert_eq!(records[0]["CustomerAWSAccountId"], BUYER);
    assert!(records[0]["Timestamp"].is_number(), "{plan}");
    assert_eq!(s.count(BATCH), 0);
    // What the run sends is what the plan showed.
    let sent = p.mpctl(&s.url(), &args[..5]).output().expect_code(0);
    drop(sent);
    let first = (s.handle().requests().into_iter())
        .find(|r| r.operation == BATCH)
        .unwrap();
    assert_eq!(first.body.unwrap(), requests[0]["body"]);
}
