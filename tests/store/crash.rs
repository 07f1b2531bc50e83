//! No acknowledged write is lost to a kill: `mpctl emulator serve --data FILE` under four
//! concurrent writers (CreateOpportunity and StartChangeSet through the Rust SDK) is SIGKILLed
//! at random instants, ten times; after each restart on the same file the store opens and every
//! id a client got back is readable.

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use aws_sdk_marketplacecatalog as catalog;
use aws_sdk_partnercentralselling as pcs;
use aws_smithy_types::retry::RetryConfig;
use aws_smithy_types::timeout::TimeoutConfig;
use serde_json::json;

use crate::support::project::mpctl;

/// What the writers saw acknowledged: (opportunity ids, change set ids).
#[derive(Default)]
struct Acked {
    opportunities: Vec<String>,
    change_sets: Vec<String>,
}

/// The emulator on a free port with the store at `data`: (child, URL).
fn start(data: &std::path::Path) -> (Child, String) {
    let mut run = mpctl(&["emulator", "serve", "--bind", "127.0.0.1:0", "--data"]);
    run.cmd.arg(data).args(["--changeset-seconds", "0.2"]);
    run.cmd.stdout(Stdio::piped()).stderr(Stdio::null());
    let mut child = run.cmd.spawn().expect("spawn");
    let mut first = String::new();
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    out.read_line(&mut first).expect("first line");
    let url = first.trim().strip_prefix("listening on ");
    let url = url.unwrap_or_else(|| panic!("the store did not open: {first:?}"));
    (child, url.to_string())
}

/// One attempt per call, short timeouts: a killed server is an error, not a long retry.
fn config(url: &str) -> aws_config::SdkConfig {
    let timeouts = TimeoutConfig::builder()
        .connect_timeout(Duration::from_secs(1))
        .operation_timeout(Duration::from_secs(5))
        .build();
    crate::support::sdk_config_at(url)
        .to_builder()
        .retry_config(RetryConfig::disabled())
        .timeout_config(timeouts)
        .build()
}

/// Writes until the server stops answering; records every id it got back.
async fn writer(url: String, n: usize, acked: Arc<Mutex<Acked>>) {
    let config = config(&url);
    let (partner, cat) = (pcs::Client::new(&config), catalog::Client::new(&config));
    for i in 0.. {
        if (i + n) % 3 == 0 {
            let change = json!({"ChangeType": "CreateProduct", "Entity": {"Type": "SaaSProduct@1.0"},
                "DetailsDocument": {"ProductTitle": format!("crash {n}-{i}")}});
            match crate::support::catalog::start_changes(&cat, &[change]).await {
                Ok(id) => acked.lock().expect("acked").change_sets.push(id),
                Err(_) => return,
            }
        } else {
            let company = format!("Crash {n}-{i}");
            match create_opportunity(&partner, &company).await {
                Some(id) => acked.lock().expect("acked").opportunities.push(id),
                None => return,
            }
        }
    }
}

/// CreateOpportunity for `company`; its id, or `None` when the server did not answer.
async fn create_opportunity(client: &pcs::Client, company: &str) -> Option<String> {
    let account = pcs::types::Account::builder()
        .company_name(company)
        .industry(pcs::types::Industry::from("Software and Internet"))
        .website_url("https://crash.example.com")
        .build()
        .expect("account");
    let project = pcs::types::Project::builder().title(format!("{company} migration"));
    let customer = pcs::types::Customer::builder().account(account).build();
    let call = client
        .create_opportunity()
        .catalog("Sandbox")
        .customer(customer);
    let out = call.project(project.build()).send().await.ok()?;
    Some(out.id().to_string())
}

/// Every id in `acked` from `from` on is readable at `url`.
async fn check(url: &str, acked: &Acked, from: (usize, usize)) {
    let config = crate::support::sdk_config_at(url);
    let (partner, cat) = (pcs::Client::new(&config), catalog::Client::new(&config));
    for id in &acked.opportunities[from.0..] {
        let got = partner
            .get_opportunity()
            .catalog("Sandbox")
            .identifier(id)
            .send()
            .await;
        got.unwrap_or_else(|e| panic!("acknowledged opportunity {id} lost: {e:?}"));
    }
    for id in &acked.change_sets[from.1..] {
        let got = cat
            .describe_change_set()
            .catalog("AWSMarketplace")
            .change_set_id(id);
        got.send()
            .await
            .unwrap_or_else(|e| panic!("acknowledged change set {id} lost: {e:?}"));
    }
}

#[test]
fn acknowledged_writes_survive_sigkill_at_random_instants() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("store.db");
    // A data file named on the command line must exist; an empty one is a new store.
    std::fs::write(&data, "").expect("empty data file");
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.subsec_nanos() as u64 | 1);
    let mut x = seed;
    let acked = Arc::new(Mutex::new(Acked::default()));
    let mut checked = (0, 0);
    for kill in 0..10 {
        let (mut child, url) = start(&data);
        if kill > 0 {
            let a = acked.lock().expect("acked");
            rt.block_on(check(&url, &a, checked));
            checked = (a.opportunities.len(), a.change_sets.len());
        }
        let writers: Vec<_> = (0..4)
            .map(|n| rt.spawn(writer(url.clone(), n, acked.clone())))
            .collect();
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        std::thread::sleep(Duration::from_millis(150 + x % 600));
        child.kill().expect("SIGKILL");
        child.wait().expect("reaped");
        for w in writers {
            rt.block_on(w).expect("writer");
        }
    }
    let (child, url) = start(&data);
    let a = acked.lock().expect("acked");
    rt.block_on(check(&url, &a, checked));
    assert!(a.opportunities.len() > 20, "seed {seed}: too few writes");
    rt.block_on(check(&url, &a, (0, 0)));
    crate::support::served::stop(child);
}
