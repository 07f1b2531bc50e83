//! Issue 12, the dashboard's remaining gaps, in a real headless chromium against the emulator:
//! the per-row columns filled in the background (an agreement's estimated value, an
//! opportunity's associated offer) appear on the pages and sort and filter; `--open` launches
//! the browser on the URL with the token; the renewals page's "Extend" previews the
//! UpdateAvailability change set, asks, and then moves the offer's expiry.

use std::time::Duration;

use fantoccini::{Client, Locator};

use crate::dashboard::shown;
use crate::support::browser::{self, Browser, Dashboard};
use crate::support::project::Project;
use crate::support::server::Server;

/// The text of table `table`'s row that links to `id`, once it contains `want` (the page's
/// script fills it in the background).
async fn row_with(c: &Client, table: &str, id: &str, want: &str) -> String {
    let xpath = format!("//table[@id='{table}']//tr[td/a[text()='{id}']]");
    crate::support::wait::until_async(&format!("{id} showing {want}"), || async {
        let text = c
            .find(Locator::XPath(&xpath))
            .await
            .ok()?
            .text()
            .await
            .ok()?;
        text.contains(want).then_some(text)
    })
    .await
}

/// The text of table `table` on the page at `path`.
async fn table_at(c: &Client, dash: &Dashboard, path: String, table: &str) -> String {
    c.goto(&dash.at(&path)).await.expect("page");
    let t = c.find(Locator::Id(table)).await.expect("table");
    t.text().await.expect("text")
}

#[test]
fn agreement_values_and_associated_offers_fill_in_and_sort_and_filter() {
    if !browser::available() {
        return;
    }
    let (server, project) = crate::dashboard::after_run_all();
    let state = project.state();
    let id = |k: &str| state[k].as_str().expect(k).to_string();
    let (agreement, offer, opportunity) =
        (id("AGREEMENT_ID"), id("OFFER_ID"), id("OPPORTUNITY_ID"));
    let charges = server.block_on(async {
        let out = crate::support::agreement_client(server.handle())
            .describe_agreement()
            .agreement_id(&agreement)
            .send()
            .await
            .expect("DescribeAgreement");
        out.estimated_charges().cloned().expect("estimated charges")
    });
    let value = charges.agreement_value().expect("value").to_string();
    let currency = charges.currency_code().expect("currency").to_string();
    let reads = || {
        (
            server.count("DescribeAgreement"),
            server.count("GetOpportunity"),
        )
    };
    let reads_before = reads();
    let dash = Dashboard::start(&project, &server.url(), &[]);

    let rows = server.block_on(async {
        let b = Browser::start().await;
        let c = &b.client;
        c.goto(&dash.at("/agreements")).await.expect("agreements");
        let shown = row_with(c, "agreements", &agreement, &value).await;
        assert!(shown.contains(&currency), "{shown}");
        let agreements = c
            .find_all(Locator::Css("#agreements tbody tr"))
            .await
            .expect("rows")
            .len();
        c.goto(&dash.at("/opportunities"))
            .await
            .expect("opportunities");
        row_with(c, "opportunities", &opportunity, &offer).await;
        let opportunities = c
            .find_all(Locator::Css("#opportunities tbody tr"))
            .await
            .expect("rows")
            .len();

        // Filled, the columns sort and filter on the server: the associated offer is in no
        // other column of the opportunities table, the value in no other of the agreements'.
        let rows = table_at(
            c,
            &dash,
            format!("/opportunities?q={offer}&sort=offer"),
            "opportunities",
        )
        .await;
        assert!(
            rows.contains(&opportunity),
            "filter on the associated offer: {rows}"
        );
        let rows = table_at(
            c,
            &dash,
            format!("/agreements?q={value}&sort=value&desc=true"),
            "agreements",
        )
        .await;
        assert!(
            rows.contains(&agreement),
            "filter on the estimated value: {rows}"
        );
        let rows = table_at(c, &dash, "/agreements?q=no-such-value".into(), "agreements").await;
        assert!(!rows.contains(&agreement), "{rows}");
        b.close().await;
        (agreements, opportunities)
    });
    // One read per row, not one per page view: the cache served the later pages.
    let (agreements, opportunities) = reads();
    assert_eq!(
        (agreements - reads_before.0, opportunities - reads_before.1),
        rows,
        "{:?}",
        server.operations()
    );
    // A refresh re-reads the lists but not the rows that did not change (same id and version).
    let cookie = dash.cookie();
    let (status, _) = dash.http("GET", "/agreements?refresh=1", &[&cookie], "");
    assert_eq!(status, 200);
    crate::support::wait::until("the background reads done", || {
        let (_, body) = dash.http("GET", "/fills.json", &[&cookie], "");
        body.contains("\"pending\":0").then_some(())
    });
    assert_eq!(
        reads(),
        (agreements, opportunities),
        "{:?}",
        server.operations()
    );
}

#[test]
fn open_launches_the_browser_on_the_url_with_the_token() {
    let server = Server::fast();
    let project = Project::new();
    let dir = tempfile::tempdir().expect("dir");
    let opened = dir.path().join("opened");
    let script = dir.path().join("browser.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s' \"$1\" > {}.tmp && mv {0}.tmp {0}\n",
            opened.display()
        ),
    )
    .expect("script");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let browser = script.to_str().expect("path");
    let dash = Dashboard::start_with_env(
        &project,
        &server.url(),
        &["--open"],
        &[("BROWSER", browser)],
    );
    let url = crate::support::wait::until("the browser script ran", || {
        std::fs::read_to_string(&opened).ok()
    });
    assert_eq!(url, dash.url);
    assert!(url.contains(&format!("?token={}", dash.token)), "{url}");
}

#[test]
fn extend_on_the_renewals_page_previews_asks_and_moves_the_expiry() {
    if !browser::available() {
        return;
    }
    let server = Server::start(crate::support::deal::no_stand_in());
    let project = crate::support::deal::seller(&server);
    let offer = crate::support::deal::state(&project, "OFFER_ID");
    let end = || {
        let shown =
            crate::support::deal::json_ok(&project, &server, &["offer", "describe", &offer]);
        shown["offer"]["availability_end_date"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    let before = end();
    let until = (chrono::Utc::now().date_naive() + chrono::Days::new(30)).to_string();
    assert_ne!(
        before.get(..10),
        Some(until.as_str()),
        "the extension must move the date"
    );
    let dash = Dashboard::start(&project, &server.url(), &[]);

    server.block_on(async {
        let b = Browser::start().await;
        let c = &b.client;
        c.goto(&dash.at("/renewals?days=3650"))
            .await
            .expect("renewals");
        let row = c
            .find(Locator::XPath(&format!(
                "//table[@id='expiring-offers']//tr[td/a[text()='{offer}']]"
            )))
            .await
            .expect("the unaccepted offer is listed");
        row.find(Locator::Css("button.extend"))
            .await
            .expect("Extend")
            .click()
            .await
            .expect("click");
        let preview = shown(c, "changeset").await.text().await.expect("text");
        assert!(
            preview.contains("UpdateAvailability") && preview.contains(&until),
            "{preview}"
        );
        assert_eq!(end(), before, "nothing changes before the confirmation");
        shown(c, "confirm").await.click().await.expect("confirm");
        c.wait()
            .at_most(Duration::from_secs(60))
            .for_element(Locator::Id("outcome"))
            .await
            .expect("outcome");
        let page = c.source().await.expect("source");
        assert!(page.contains("Succeeded"), "{page}");
        b.close().await;
    });
    assert_eq!(end().get(..10), Some(until.as_str()));
}
