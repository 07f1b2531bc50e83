//! Issue 25 part 3 at a seller's real size: 10,000 agreements and 5,000 offers seeded in the
//! emulator (`Handle::seed_catalog`), the dashboard in headless chromium. The cold fill reads
//! each agreement's value once (the client's pace raised through config `campaign.quotas`;
//! the emulator enforces no quota) and a page holds 50 rows, not 10,000; a restart serves the
//! first page from the cache while every AWS call fails; with nothing changed the restart
//! makes no DescribeAgreement call; one agreement cancelled → exactly that one re-read; with an
//! events queue, a cancellation's event refreshes its row without a re-list; the renewals pages
//! list exactly the agreements SearchAgreements says end within 30 days.

use std::collections::BTreeSet;
use std::time::Duration;

use aws_sdk_marketplaceagreement::types::Filter;

use super::cache::{
    cancel_as, described, ending_within, fast_pace, faulty_server, first_column,
    from_cache_in_browser, renewals, settled, settled_within, SEARCH,
};
use crate::support::browser::{self, Dashboard};
use crate::support::project::Project;
use crate::support::server::Server;

pub(crate) const AGREEMENTS: usize = 10_000;
pub(crate) const OFFERS: usize = 5_000;

/// Seeds the seller's world; every agreement as `(id, status, acceptor)` per SearchAgreements.
fn seed(server: &Server) -> Vec<(String, String, String)> {
    let request = mpctl_emulator::CatalogSeed {
        products: 20,
        offers: OFFERS,
        agreements: AGREEMENTS,
        opportunities: 0,
        seed: 1,
        account: None,
    };
    server
        .handle()
        .seed_catalog(&request)
        .expect("seed catalog");
    let client = crate::support::agreement_client(server.handle());
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
            .map(|a| {
                let id = a.agreement_id().unwrap_or_default().to_string();
                let status = a
                    .status()
                    .map(|s| s.as_str().to_string())
                    .unwrap_or_default();
                let buyer = a
                    .acceptor()
                    .and_then(|x| x.account_id())
                    .unwrap_or_default();
                (id, status, buyer.to_string())
            })
            .collect()
    })
}

fn until_page(dash: &Dashboard, path: &str, what: &str, want: &str) -> String {
    crate::support::wait::until(what, || {
        std::thread::sleep(Duration::from_millis(100));
        let (_, page) = dash.http("GET", path, &[&dash.cookie()], "");
        page.contains(want).then_some(page)
    })
}

#[test]
fn at_10000_agreements_a_restart_serves_the_cache_and_rereads_only_what_changed() {
    if !browser::available() {
        return;
    }
    let server = faulty_server();
    let all = seed(&server);
    assert!(all.len() >= AGREEMENTS, "{}", all.len());
    let active: Vec<&(String, String, String)> = all.iter().filter(|a| a.1 == "ACTIVE").collect();
    let project = Project::new();
    project.write_config(fast_pace());

    // Cold: every value read once; a page holds 50 rows.
    let dash = Dashboard::start(&project, &server.url(), &[]);
    // Every value read once, within the raised pace: minutes on a debug build.
    let page = settled_within(&dash, "/agreements", Duration::from_secs(600));
    let cold = described(&server);
    assert_eq!(
        cold.iter().collect::<BTreeSet<_>>().len(),
        all.len(),
        "each value read once"
    );
    assert_eq!(cold.len(), all.len(), "and only once");
    assert!(
        page.contains(&format!("of {}", all.len())),
        "the pager counts every row"
    );
    assert_eq!(first_column(&page, "agreements").len(), 50);
    assert!(
        page.len() < 100_000,
        "one page, not every row: {} bytes",
        page.len()
    );
    let (_, offers) = dash.http("GET", "/offers?sort=days", &[&dash.cookie()], "");
    assert!(offers.contains(&format!("of {OFFERS}")), "offers paged too");
    assert_eq!(first_column(&offers, "offers").len(), 50);
    drop(dash);

    // Restart with every AWS call failing: the first page comes from the cache.
    server.handle().set_faults_enabled(true);
    let dash = Dashboard::start(&project, &server.url(), &[]);
    let values = from_cache_in_browser(&server, &dash, "/agreements?sort=value&desc=true");
    let value = values.first().cloned().unwrap_or_default();
    assert!(
        value.chars().next().is_some_and(|c| c.is_ascii_digit()),
        "values from the cache: {value:?}"
    );
    server.handle().set_faults_enabled(false);
    assert_eq!(
        described(&server).len(),
        cold.len(),
        "no DescribeAgreement for the first page"
    );
    settled(&dash, "/agreements?refresh=1");
    assert_eq!(
        described(&server).len(),
        cold.len(),
        "nothing changed, nothing re-read"
    );
    drop(dash);

    // One agreement cancelled while stopped: exactly that one re-read, once. This start listens
    // to an events queue too.
    let queue = crate::events::set_up(&server, &project);
    let mut config = fast_pace();
    config["events"] = serde_json::json!({"queue_url": queue});
    project.write_config(config);
    let (changed, _, buyer) = active[17];
    cancel_as(&server, changed, buyer);
    // The dashboard stays down a while: its event, queued meanwhile, is older than the start,
    // whose re-list reads the row (the event is not read again).
    server.handle().clock().advance(Duration::from_secs(30));
    let before = described(&server).len();
    let dash = Dashboard::start(&project, &server.url(), &[]);
    let page = settled(&dash, &format!("/agreements?q={changed}"));
    assert!(page.contains("CANCELLED"), "{page}");
    assert_eq!(
        &described(&server)[before..],
        std::slice::from_ref(changed),
        "only the changed one"
    );

    // While it runs, a cancellation's event refreshes its row: no re-list.
    let (evented, _, buyer) = active[4242];
    let (searches, reads) = (server.count(SEARCH), described(&server).len());
    cancel_as(&server, evented, buyer);
    until_page(
        &dash,
        &format!("/agreements?q={evented}"),
        "the event's row refreshed",
        "CANCELLED",
    );
    assert_eq!(server.count(SEARCH), searches, "no re-list");
    let since = &described(&server)[reads..];
    assert!(
        !since.is_empty() && since.iter().all(|id| id == evented),
        "{since:?}"
    );

    // Renewals: exactly SearchAgreements' ACTIVE agreements ending within 30 days, page by page.
    let expected = ending_within(&server, 30);
    assert!(
        expected.len() > 50,
        "more than one page: {}",
        expected.len()
    );
    assert_eq!(renewals(&dash, 30), expected);
}
