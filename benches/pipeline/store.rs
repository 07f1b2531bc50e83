//! The store scenario (`-- --store [--mpctl PATH] [--sizes 1000,20000]`): `mpctl emulator serve
//! --data FILE` filled to N opportunities (CreateOpportunity from 8 clients; the slowest of
//! those calls shows a checkpoint's pause), then the time of one request — a write
//! (CreateOpportunity) and a read (GetOpportunity), the median of 300 sequential calls — and
//! 8 clients for 10 s (half writes, half reads): requests per second and p99. `--mpctl` measures
//! another build (e.g. main's, for the README's "before").

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use aws_sdk_partnercentralselling as pcs;

const CLIENTS: usize = 8;
const SEQUENTIAL: usize = 300;
const LOAD: Duration = Duration::from_secs(10);

/// One size's figures, in milliseconds where not said otherwise.
pub struct Row {
    pub records: usize,
    pub fill_seconds: f64,
    pub slowest_fill_ms: f64,
    pub write_ms: f64,
    pub read_ms: f64,
    pub load_rps: f64,
    pub load_p99_ms: f64,
    pub file_mib: f64,
}

/// Every size's row, and the binary measured.
pub fn run(mpctl: &str, args: &[String]) -> (String, Vec<Row>) {
    let value = |flag: &str| (args.iter().position(|a| a == flag)).and_then(|i| args.get(i + 1));
    let mpctl = value("--mpctl").map_or(mpctl, String::as_str);
    let sizes: Vec<usize> = value("--sizes")
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 20_000]);
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let rows = sizes.iter().map(|&n| rt.block_on(size(mpctl, n))).collect();
    (mpctl.to_string(), rows)
}

fn start(mpctl: &str, data: &std::path::Path) -> (Child, String) {
    let mut child = Command::new(mpctl)
        .args(["emulator", "serve", "--bind", "127.0.0.1:0", "--data"])
        .arg(data)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start mpctl emulator serve");
    let mut first = String::new();
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    out.read_line(&mut first).expect("first line");
    let url = first
        .trim()
        .strip_prefix("listening on ")
        .expect("listening");
    (child, url.to_string())
}

fn client(url: &str) -> pcs::Client {
    let config = aws_config::SdkConfig::builder()
        .behavior_version(aws_config::BehaviorVersion::latest())
        .region(aws_config::Region::new("us-east-1"))
        .endpoint_url(url)
        .credentials_provider(
            aws_credential_types::provider::SharedCredentialsProvider::new(
                aws_credential_types::Credentials::from_keys("AKIDBENCH", "secret", None),
            ),
        )
        .build();
    pcs::Client::new(&config)
}

/// CreateOpportunity; its id.
async fn create(c: &pcs::Client, n: usize) -> String {
    let account = pcs::types::Account::builder()
        .company_name(format!("Bench {n}"))
        .industry(pcs::types::Industry::from("Software and Internet"))
        .website_url("https://bench.example.com")
        .build()
        .expect("account");
    let customer = pcs::types::Customer::builder().account(account).build();
    let project = pcs::types::Project::builder().title(format!("Bench {n} migration"));
    let call = c.create_opportunity().catalog("Sandbox").customer(customer);
    let out = call
        .project(project.build())
        .send()
        .await
        .expect("CreateOpportunity");
    out.id().to_string()
}

async fn read(c: &pcs::Client, id: &str) {
    let got = c
        .get_opportunity()
        .catalog("Sandbox")
        .identifier(id)
        .send()
        .await;
    got.expect("GetOpportunity");
}

/// Fills to `n` with [`CLIENTS`] writers: (seconds, the slowest call in ms, some ids).
async fn fill(url: &str, n: usize) -> (f64, f64, Vec<String>) {
    let t0 = Instant::now();
    let tasks: Vec<_> = (0..CLIENTS)
        .map(|k| {
            let c = client(url);
            tokio::spawn(async move {
                let (mut slowest, mut ids) = (0f64, Vec::new());
                for i in (k..n).step_by(CLIENTS) {
                    let t = Instant::now();
                    let id = create(&c, i).await;
                    slowest = slowest.max(t.elapsed().as_secs_f64() * 1000.0);
                    if ids.len() < 50 {
                        ids.push(id);
                    }
                }
                (slowest, ids)
            })
        })
        .collect();
    let (mut slowest, mut ids) = (0f64, Vec::new());
    for t in tasks {
        let (s, i) = t.await.expect("writer");
        slowest = slowest.max(s);
        ids.extend(i);
    }
    (t0.elapsed().as_secs_f64(), slowest, ids)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The median of [`SEQUENTIAL`] writes and reads, one at a time.
async fn one_at_a_time(c: &pcs::Client, ids: &[String]) -> (f64, f64) {
    let mut writes = Vec::new();
    let mut reads = Vec::new();
    for i in 0..SEQUENTIAL {
        let t = Instant::now();
        create(c, 1_000_000 + i).await;
        writes.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        read(c, &ids[i % ids.len()]).await;
        reads.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    (median(writes), median(reads))
}

/// [`CLIENTS`] clients for [`LOAD`], alternating writes and reads: (requests/s, p99 ms).
async fn load(url: &str, ids: &[String]) -> (f64, f64) {
    let until = Instant::now() + LOAD;
    let tasks: Vec<_> = (0..CLIENTS)
        .map(|k| {
            let (c, ids) = (client(url), ids.to_vec());
            tokio::spawn(async move {
                let mut times = Vec::new();
                let mut i = 0;
                while Instant::now() < until {
                    let t = Instant::now();
                    match i % 2 {
                        0 => drop(create(&c, 2_000_000 + k * 100_000 + i).await),
                        _ => read(&c, &ids[i % ids.len()]).await,
                    }
                    times.push(t.elapsed().as_secs_f64() * 1000.0);
                    i += 1;
                }
                times
            })
        })
        .collect();
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.expect("client"));
    }
    let rps = all.len() as f64 / LOAD.as_secs_f64();
    all.sort_by(f64::total_cmp);
    (rps, all[(all.len() * 99 / 100).min(all.len() - 1)])
}

async fn size(mpctl: &str, n: usize) -> Row {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("emulator.data");
    std::fs::write(&data, "").expect("empty data file");
    let (mut child, url) = start(mpctl, &data);
    let (fill_seconds, slowest_fill_ms, ids) = fill(&url, n).await;
    let (write_ms, read_ms) = one_at_a_time(&client(&url), &ids).await;
    let (load_rps, load_p99_ms) = load(&url, &ids).await;
    let _ = child.kill();
    let _ = child.wait();
    let file_mib = std::fs::read_dir(dir.path())
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len() as f64)
        .sum::<f64>()
        / 1_048_576.0;
    let row = Row {
        records: n,
        fill_seconds,
        slowest_fill_ms,
        write_ms,
        read_ms,
        load_rps,
        load_p99_ms,
        file_mib,
    };
    eprintln!("store at {n}: done");
    row
}

pub fn print((mpctl, rows): &(String, Vec<Row>)) {
    println!("`--data` store, {mpctl}:\n");
    println!("| opportunities | fill (8 clients) | slowest fill call | write (median) | read (median) | 8 clients, 10 s | p99 | files on disk |");
    println!("|---|---|---|---|---|---|---|---|");
    for r in rows {
        println!(
            "| {} | {:.1} s | {:.1} ms | {:.2} ms | {:.2} ms | {:.0} req/s | {:.1} ms | {:.1} MiB |",
            r.records,
            r.fill_seconds,
            r.slowest_fill_ms,
            r.write_ms,
            r.read_ms,
            r.load_rps,
            r.load_p99_ms,
            r.file_mib
        );
    }
}
