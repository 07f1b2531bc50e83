//! Issue 25 part 3: the dashboard's cache on disk, at a seller's size. A first start fills the
//! cache (every agreement's value read once, the client's pace raised through config
//! `campaign.quotas` against an emulator that enforces none); a restart serves the first page
//! from the cache while every AWS call fails (so no call is needed for it), and with nothing
//! changed makes no DescribeAgreement call; one agreement cancelled → exactly that one re-read;
//! the renewals pages list exactly the agreements SearchAgreements says end within 30 days;
//! `--clear-cache` reads everything again; pages hold 50 rows with links to the others.
//! With an events queue, an event refreshes its row without listing again (`events_refresh`).

use std::collections::BTreeSet;
use std::time::Duration;

use fantoccini::Locator;
use serde_json::{json, Value};

use crate::support::browser::{self, Browser, Dashboard};
use crate::support::project::Project;
use crate::support::server::Server;

/// Operations the dashboard calls per row or per page of a listing.
pub(crate) const DESCRIBE: &str = "DescribeAgreement";
pub(crate) const SEARCH: &str = "SearchAgreements";

/// Config raising the client's pace for the test's cold fill (the emulator enforces no quota).
pub(crate) fn fast_pace() -> Value {
    json!({"campaign": {"quotas": {
        "AWSMPCommerceService_v20200301.DescribeAgreement": 2000,
        "AWSMPCommerceService_v20200301.SearchAgreements": 2000,
        "ListEntities": 2000,
        "AWSPartnerCentralSelling.ListOpportunities": 2000,
        "AWSPartnerCentralSelling.GetOpportunity": 2000
    }}})
}

/// An emulator whose every call can be made to fail (faults paused until asked for).
pub(crate) fn faulty_server() -> Server {
    let server = Server::with_options(mpctl_emulator::Options {
        timings: crate::support::fast_timings(),
        faults: Some(mpctl_emulator::FaultOptions {
            rate: 1.0,
            kinds: vec![mpctl_emulator::FaultKind::ServerError],
            ..Default::default()
        }),
        ..Default::default()
    });
    server.handle().set_faults_enabled(false);
    server
}

/// The seeded world: `(agreement id, offer id)` of every agreement.
pub(crate) fn world(server: &Server) -> Vec<(String, String)> {
    server.block_on(super::scale::seed(server));
    server.block_on(super::scale::accepted(server))
}

/// The page at `path` once nothing is being read in the background any more (the listing and
/// every per-row value done), read from AWS in this process.
pub(crate) fn settled(dash: &Dashboard, path: &str) -> String {
    settled_within(dash, path, Duration::from_secs(60))
}

/// [`settled`] with its own deadline (a cold fill at a seller's size).
pub(crate) fn settled_within(dash: &Dashboard, path: &str, deadline: Duration) -> String {
    crate::support::wait::until_within(&format!("{path} up to date"), deadline, || {
        std::thread::sleep(Duration::from_millis(100));
        let (status, page) = dash.http("GET", path, &[&dash.cookie()], "");
        let done = status == 200
            && page.contains("data-source=\"aws\"")
            && !page.contains("id=\"progress\"");
        done.then_some(page)
    })
}

/// Opens `path` (an agreements page) in the browser, which must come from the cache with one
/// page of 50 rows (the caller made every AWS call fail); the value column's texts.
pub(crate) fn from_cache_in_browser(server: &Server, dash: &Dashboard, path: &str) -> Vec<String> {
    server.block_on(async {
        let b = Browser::start().await;
        let c = &b.client;
        c.goto(&dash.at(path)).await.expect("agreements");
        let read = c.find(Locator::Id("read-at")).await.expect("read-at");
        let source = read.attr("data-source").await.expect("attr");
        assert_eq!(source.as_deref(), Some("cache"));
        let rows = c.find_all(Locator::Css("#agreements tbody tr")).await;
        assert_eq!(rows.expect("rows").len(), 50);
        let cells = c
            .find_all(Locator::Css("#agreements tbody td:nth-child(7)"))
            .await;
        let mut values = Vec::new();
        for cell in cells.expect("values") {
            values.push(cell.text().await.expect("text"));
        }
        b.close().await;
        values
    })
}

/// The DescribeAgreement calls so far, by agreement id.
pub(crate) fn described(server: &Server) -> Vec<String> {
    server
        .handle()
        .requests()
        .iter()
        .filter(|r| r.operation == DESCRIBE)
        .filter_map(|r| r.body.as_ref()?["agreementId"].as_str().map(String::from))
        .collect()
}

/// The ids in the first column of table `id` on a page.
pub(crate) fn first_column(page: &str, id: &str) -> Vec<String> {
    let Some(start) = page.find(&format!("<table id=\"{id}\"")) else {
        return Vec::new();
    };
    let table = &page[start
        ..page[start..]
            .find("</table>")
            .map_or(page.len(), |e| start + e)];
    table
        .split("<tr>")
        .skip(2)
        .filter_map(|row| {
            let cell = row.split("<td").nth(1)?;
            let text = cell.split('>').nth(2)?;
            Some(text.split('<').next()?.to_string())
        })
        .collect()
}

/// Every agreement the renewals pages list within `days`, following the page links.
pub(crate) fn renewals(dash: &Dashboard, days: i64) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for page in 1.. {
        let (_, html) = dash.http(
            "GET",
            &format!("/renewals?days={days}&page={page}"),
            &[&dash.cookie()],
            "",
        );
        let rows = first_column(&html, "renewal-agreements");
        assert!(rows.len() <= 50, "a page holds at most 50 rows");
        out.extend(rows);
        let pager = html
            .split("id=\"renewal-agreements-pages\"")
            .nth(1)
            .unwrap_or_default();
        if !pager
            .split("</p>")
            .next()
            .unwrap_or_default()
            .contains("class=\"next\"")
        {
            break;
        }
    }
    out
}

/// SearchAgreements' ACTIVE agreements ending within `days` of the emulator's today.
pub(crate) fn ending_within(server: &Server, days: i64) -> BTreeSet<String> {
    use aws_sdk_marketplaceagreement::types::Filter;
    let client = crate::support::agreement_client(server.handle());
    let today = server.handle().clock().now().date_naive();
    let f = |n: &str, v: &str| Filter::builder().name(n).values(v).build();
    server.block_on(async {
        let pages: Vec<_> = client
            .search_agreements()
            .catalog("AWSMarketplace")
            .filters(f("PartyType", "Proposer"))
            .filters(f("AgreementType", "PurchaseAgreement"))
            .into_paginator()
            .send()
            .collect()
            .await;
        pages
            .into_iter()
            .flat_map(|p| p.expect("search").agreement_view_summaries().to_vec())
            .filter(|a| a.status().map(|s| s.as_str()) == Some("ACTIVE"))
            .filter(|a| {
                let end = a.end_time().map(|t| {
                    chrono::DateTime::from_timestamp(t.secs(), 0)
                        .expect("time")
                        .date_naive()
                });
                end.is_some_and(|e| (0..=days).contains(&(e - today).num_days()))
            })
            .filter_map(|a| a.agreement_id().map(String::from))
            .collect()
    })
}

/// The seller asks the buyer to cancel `agreement` and the buyer accepts: it becomes CANCELLED.
pub(crate) fn cancel(server: &Server, agreement: &str) {
    let buyer = acceptor(server, agreement);
    cancel_as(server, agreement, &buyer);
}

/// The buyer of `agreement`, from a search (a DescribeAgreement here would count as the
/// dashboard's).
pub(crate) fn acceptor(server: &Server, agreement: &str) -> String {
    let seller = crate::support::agreement_client(server.handle());
    server.block_on(async {
        use aws_sdk_marketplaceagreement::types::Filter;
        let f = |n: &str, v: &str| Filter::builder().name(n).values(v).build();
        let pages: Vec<_> = seller
            .search_agreements()
            .catalog("AWSMarketplace")
            .filters(f("PartyType", "Proposer"))
            .filters(f("AgreementType", "PurchaseAgreement"))
            .into_paginator()
            .send()
            .collect()
            .await;
        let buyer_id = pages
            .into_iter()
            .flat_map(|p| p.expect("search").agreement_view_summaries().to_vec())
            .find(|a| a.agreement_id() == Some(agreement))
            .and_then(|a| a.acceptor().and_then(|x| x.account_id()).map(String::from))
            .expect("acceptor");
        buyer_id
    })
}

/// [`cancel`] knowing the buyer.
pub(crate) fn cancel_as(server: &Server, agreement: &str, buyer_id: &str) {
    use aws_sdk_marketplaceagreement::types::AgreementCancellationRequestReasonCode as Reason;
    let seller = crate::support::agreement_client(server.handle());
    server.block_on(async {
        let sent = seller
            .send_agreement_cancellation_request()
            .agreement_id(agreement)
            .reason_code(Reason::Other)
            .send()
            .await
            .expect("send cancellation request");
        let buyer = crate::support::accounts::as_account(server.handle(), buyer_id);
        buyer
            .agreement
            .accept_agreement_cancellation_request()
            .agreement_id(agreement)
            .agreement_cancellation_request_id(
                sent.agreement_cancellation_request_id()
                    .expect("request id"),
            )
            .send()
            .await
            .expect("buyer accepts");
    });
}

#[test]
fn a_restart_serves_the_cache_and_rereads_only_what_changed() {
    if !browser::available() {
        return;
    }
    let server = faulty_server();
    let agreements = world(&server);
    let project = Project::new();
    project.write_config(fast_pace());

    // Cold: every agreement's value read once, the cache filled.
    let dash = Dashboard::start(&project, &server.url(), &[]);
    let page = settled(&dash, "/agreements");
    let cold = described(&server);
    let unique: BTreeSet<&String> = cold.iter().collect();
    assert_eq!(
        unique.len(),
        agreements.len(),
        "each agreement's value read"
    );
    assert!(
        page.contains(&format!("of {}", agreements.len())),
        "the pager counts every row"
    );
    assert!(
        first_column(&page, "agreements").len() == 50,
        "one page of 50 rows"
    );
    assert!(
        project.path(".mpctl-dashboard").is_dir(),
        "the cache lives next to the state"
    );
    drop(dash);

    // Restart with every AWS call failing: the first page still shows, from the cache.
    server.handle().set_faults_enabled(true);
    let dash = Dashboard::start(&project, &server.url(), &[]);
    let values = from_cache_in_browser(&server, &dash, "/agreements?sort=end");
    for v in values {
        assert!(
            v.ends_with("USD"),
            "the value comes from the cache too: {v:?}"
        );
    }
    server.handle().set_faults_enabled(false);
    assert_eq!(
        described(&server).len(),
        cold.len(),
        "no DescribeAgreement for the first page"
    );

    // Nothing changed: the restart's listing re-reads no value.
    settled(&dash, "/agreements?refresh=1");
    assert_eq!(
        described(&server).len(),
        cold.len(),
        "nothing changed, nothing re-read"
    );

    // One agreement cancelled: exactly that one re-read.
    let (changed, _) = &agreements[7];
    cancel(&server, changed);
    drop(dash);
    let before = described(&server).len();
    let dash = Dashboard::start(&project, &server.url(), &[]);
    let page = settled(&dash, &format!("/agreements?q={changed}"));
    assert!(page.contains("CANCELLED"), "{page}");
    assert_eq!(
        &described(&server)[before..],
        std::slice::from_ref(changed),
        "only the changed one"
    );

    // Renewals: exactly what SearchAgreements says ends within 30 days, over the pages.
    let expected = ending_within(&server, 30);
    assert!(!expected.is_empty());
    assert_eq!(renewals(&dash, 30), expected);
    drop(dash);

    // --clear-cache: everything read again.
    let before = described(&server).len();
    let dash = Dashboard::start(&project, &server.url(), &["--clear-cache"]);
    settled(&dash, "/agreements");
    assert_eq!(described(&server).len() - before, agreements.len());
}

#[test]
fn a_cache_of_another_schema_version_is_rebuilt() {
    let server = Server::fast();
    let project = Project::new();
    let dash = Dashboard::start(&project, &server.url(), &[]);
    settled(&dash, "/agreements");
    drop(dash);
    let dir = project.path(".mpctl-dashboard");
    let file = std::fs::read_dir(&dir)
        .expect("cache dir")
        .map(|e| e.expect("entry").path())
        .find(|p| p.extension().is_some_and(|x| x == "sqlite"))
        .expect("a cache file");
    let db = rusqlite::Connection::open(&file).expect("open");
    db.pragma_update(None, "user_version", 999)
        .expect("version");
    drop(db);
    let dash = Dashboard::start(&project, &server.url(), &[]);
    let page = settled(&dash, "/agreements");
    assert!(page.contains("id=\"agreements\""), "{page}");
    let db = rusqlite::Connection::open(&file).expect("open");
    let v: i64 = db
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("version");
    assert_eq!(v, 1, "rebuilt at the current version");
    drop(dash);
    crate::support::wait::until("the cache closed", || {
        std::fs::write(&file, b"not a database at all").ok()
    });
    let dash = Dashboard::start(&project, &server.url(), &[]);
    settled(&dash, "/agreements");
}

/// `mpctl dashboard` with its terminal output in `log`: (child, base address, cookie header).
fn start_logged(
    project: &Project,
    server: &Server,
    log: &std::path::Path,
) -> (std::process::Child, String, String) {
    use std::io::BufRead;
    let mut cmd = project.mpctl(&server.url(), &["dashboard"]).cmd;
    let mut child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::fs::File::create(log).expect("log file"))
        .spawn()
        .expect("start mpctl dashboard");
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("the URL");
    let url = line
        .trim()
        .strip_prefix("dashboard: ")
        .expect("URL line")
        .to_string();
    let (base, token) = url.split_once("/?token=").expect("token");
    (
        child,
        base.trim_start_matches("http://").to_string(),
        format!("Cookie: mpctl_dashboard={token}"),
    )
}

fn get(base: &str, cookie: &str, path: &str) -> String {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(base).expect("connect");
    let req =
        format!("GET {path} HTTP/1.1\r\nHost: {base}\r\nConnection: close\r\n{cookie}\r\n\r\n");
    s.write_all(req.as_bytes()).expect("send");
    let mut out = String::new();
    s.read_to_string(&mut out).expect("read");
    out
}

#[test]
fn a_cold_fill_shows_its_progress_and_a_kill_keeps_what_it_read() {
    let server = Server::fast();
    let agreements = world(&server);
    let n = agreements.len();
    let project = Project::new();
    // AWS's own pace (5 DescribeAgreement a second): the fill takes a while.
    let log = project.path("dashboard.log");
    let (mut child, base, cookie) = start_logged(&project, &server, &log);
    let page = crate::support::wait::until("the fill's progress on the page", || {
        std::thread::sleep(Duration::from_millis(100));
        let page = get(&base, &cookie, "/agreements");
        page.contains(&format!(" of {n} (about")).then_some(page)
    });
    assert!(page.contains("id=\"progress\""), "{page}");
    crate::support::wait::until("the fill's progress on the terminal", || {
        std::thread::sleep(Duration::from_millis(100));
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        text.contains("dashboard: reading per-row values:")
            .then_some(())
    });
    crate::support::wait::until("some values read", || {
        std::thread::sleep(Duration::from_millis(20));
        (described(&server).len() >= 15).then_some(())
    });
    child.kill().expect("SIGKILL");
    child.wait().expect("wait");
    let first: BTreeSet<String> = described(&server).into_iter().collect();
    assert!(first.len() < n, "killed mid-fill");

    // The next start reads on only what the killed one had not saved.
    project.write_config(fast_pace());
    let before = described(&server).len();
    let dash = Dashboard::start(&project, &server.url(), &[]);
    settled(&dash, "/agreements");
    let second = described(&server)[before..].to_vec();
    let all: BTreeSet<String> = first.iter().chain(&second).cloned().collect();
    assert_eq!(all.len(), n, "every value read once the fill is done");
    // The reads on the wire at the kill (up to 8 in flight) may be made again; nothing else is.
    assert!(
        second.len() <= n - first.len() + 8,
        "{} re-read after {} saved",
        second.len(),
        first.len()
    );
}
