//! Issue 12: `mpctl dashboard` in a real headless chromium (WebDriver) against the emulator after
//! a `run-all`: the overview shows the workflow's resources, cloning an offer through the page
//! (with its confirmation) creates exactly one offer, expire asks before acting, requests
//! without the token get 403, a POST without the CSRF token changes nothing, and `--read-only`
//! has no action at all.
//!
//! The per-row background columns, `--open` and renewals' Extend are in [`fills`]; a seller's
//! volume in [`scale`].

mod cache;
mod events_refresh;
mod fills;
mod postsale;
mod scale;
mod seller_size;

use std::time::Duration;

use fantoccini::{Client, Locator};
use serde_json::Value;

use crate::support::browser::{self, Browser, Dashboard};
use crate::support::project::Project;
use crate::support::server::Server;

/// `offer list --output json` through the binary.
fn offers(project: &Project, server: &Server) -> Vec<Value> {
    let done = project
        .mpctl(&server.url(), &["offer", "list", "--output", "json"])
        .output()
        .expect_code(0);
    done.json()["items"].as_array().cloned().unwrap_or_default()
}

fn end_of(offers: &[Value], id: &str) -> String {
    offers
        .iter()
        .find(|o| o["offer_id"] == id)
        .and_then(|o| o["availability_end_date"].as_str())
        .unwrap_or_default()
        .to_string()
}

/// The element `#id` once the page shows it: a click that submits a form returns before the next
/// page has loaded, so every lookup waits for its element (up to 30 s) instead of racing the load.
pub(crate) async fn shown(c: &Client, id: &str) -> fantoccini::elements::Element {
    c.wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Id(id))
        .await
        .unwrap_or_else(|e| panic!("#{id} is shown: {e}"))
}

async fn click(c: &Client, id: &str) {
    shown(c, id).await.click().await.expect("click");
}

/// Waits on the job page (it reloads itself) until the outcome is shown; returns the page.
async fn outcome(c: &Client) -> String {
    c.wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Id("outcome"))
        .await
        .expect("the job page shows an outcome");
    c.source().await.expect("page source")
}

/// An emulator and a project after `run-all`: the workflow's product, offer, agreement and
/// opportunity are there for the dashboard to show.
pub(crate) fn after_run_all() -> (Server, Project) {
    let server = Server::fast();
    let project = Project::new();
    project
        .mpctl(&server.url(), &["run-all"])
        .output()
        .expect_code(0);
    (server, project)
}

#[test]
fn dashboard_shows_the_workflow_and_clones_and_expires_offers_after_confirmation() {
    if !browser::available() {
        return;
    }
    let (server, project) = after_run_all();
    let state = project.state();
    let id = |k: &str| state[k].as_str().expect(k).to_string();
    let offer = id("OFFER_ID");
    let dash = Dashboard::start(&project, &server.url(), &[]);
    let before = offers(&project, &server);

    // Without the token: 403 on every page; with the cookie but without the CSRF token, a POST
    // changes nothing.
    assert_eq!(dash.http("GET", "/", &[], "").0, 403);
    assert_eq!(dash.http("GET", "/offers?token=wrong", &[], "").0, 403);
    let form = format!("kind=expire&offer={offer}");
    assert_eq!(
        dash.http("POST", "/actions/preview", &[&dash.cookie()], &form)
            .0,
        403
    );
    let start = "pending=x&kind=expire";
    assert_eq!(
        dash.http("POST", "/actions/start", &[&dash.cookie()], start)
            .0,
        403
    );

    server.block_on(async {
        let b = Browser::start().await;
        let c = &b.client;
        c.goto(&dash.url).await.expect("open the printed URL");
        let page = c.source().await.expect("source");
        for k in ["PRODUCT_ID", "OFFER_ID", "AGREEMENT_ID", "OPPORTUNITY_ID"] {
            assert!(
                page.contains(&id(k)),
                "overview lacks {k} {}:\n{page}",
                id(k)
            );
        }
        assert!(page.contains("chart-ending") && page.contains("chart-funnel"));
        // The emulator's stand-in keys (what real credentials would be) never reach a page.
        for secret in ["AKIA", "emulator-secret", "X-Amz-"] {
            assert!(!page.contains(secret), "the page shows {secret}");
        }

        // Detail pages: the agreement with its value and terms, the opportunity with its offer.
        c.goto(&format!("{}/agreements/{}", dash.base, id("AGREEMENT_ID")))
            .await
            .expect("agreement page");
        let page = c.source().await.expect("source");
        assert!(
            page.contains("Estimated value")
                && page.contains(&offer)
                && page.contains("id=\"terms\""),
            "{page}"
        );
        c.goto(&format!(
            "{}/opportunities/{}",
            dash.base,
            id("OPPORTUNITY_ID")
        ))
        .await
        .expect("opportunity page");
        let related = shown(c, "related-offers").await.text().await.expect("text");
        assert!(related.contains(&offer), "{related}");

        // Clone for a new buyer: the form, the exact change set, then the confirmation.
        c.goto(&format!("{}/offers/{offer}", dash.base))
            .await
            .expect("offer page");
        click(c, "clone").await;
        shown(c, "buyers")
            .await
            .send_keys("999988887777")
            .await
            .expect("type");
        click(c, "preview").await;
        let preview = shown(c, "changeset").await.text().await.expect("text");
        assert!(
            preview.contains("CreateOffer") && preview.contains("999988887777"),
            "{preview}"
        );
        assert_eq!(
            offers(&project, &server).len(),
            before.len(),
            "nothing starts before the confirmation"
        );
        click(c, "confirm").await;
        let done = outcome(c).await;
        assert!(done.contains("Succeeded"), "{done}");
        let created = shown(c, "created").await.text().await.expect("id");

        // Expire asks first: the confirmation page, and the offer is unchanged until confirmed.
        c.goto(&format!("{}/offers/{created}", dash.base))
            .await
            .expect("new offer page");
        let until = end_of(&offers(&project, &server), &created);
        click(c, "expire").await;
        shown(c, "confirm").await;
        assert_eq!(
            end_of(&offers(&project, &server), &created),
            until,
            "expire waited for the confirmation"
        );
        click(c, "confirm").await;
        assert!(outcome(c).await.contains("Succeeded"));
        b.close().await;
    });

    let after = offers(&project, &server);
    assert_eq!(after.len(), before.len() + 1, "exactly one new offer");
    let new: Vec<&Value> = after
        .iter()
        .filter(|o| !before.contains(o) && o["buyer_accounts"][0] == "999988887777")
        .collect();
    assert_eq!(new.len(), 1, "{after:#?}");
    let yesterday = (chrono::Utc::now().date_naive() - chrono::Days::new(1)).to_string();
    assert_eq!(
        new[0]["availability_end_date"].as_str().map(|d| &d[..10]),
        Some(yesterday.as_str())
    );
    assert_eq!(
        end_of(&after, &offer),
        end_of(&before, &offer),
        "the source offer is untouched"
    );
}

#[test]
fn read_only_dashboard_has_no_action_and_remote_binds_are_refused() {
    let server = Server::fast();
    let project = Project::new();
    let dash = Dashboard::start(&project, &server.url(), &["--read-only"]);
    let (status, page) = dash.http("GET", &format!("/offers?token={}", dash.token), &[], "");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("read-only"));
    let (status, page) = dash.http("GET", "/offers/offer-x", &[&dash.cookie()], "");
    assert_eq!(status, 200);
    assert!(!page.contains("csrf") && !page.contains("Expire"), "{page}");
    for path in ["/actions/preview", "/actions/start"] {
        let (status, _) = dash.http("POST", path, &[&dash.cookie()], "kind=expire&offer=offer-x");
        assert_eq!(status, 404, "{path} exists in read-only mode");
    }
    let refused = project
        .mpctl(&server.url(), &["dashboard", "--bind", "0.0.0.0:0"])
        .output()
        .expect_code(2);
    assert!(
        refused.stderr().contains("--allow-remote"),
        "{}",
        refused.stderr()
    );
}

/// The value of the first `name="NAME" value="…"` in a page.
fn form_value(page: &str, name: &str) -> String {
    let key = format!("name=\"{name}\" value=\"");
    let start = page
        .find(&key)
        .unwrap_or_else(|| panic!("no {name} in:\n{page}"))
        + key.len();
    page[start..]
        .split('"')
        .next()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn a_failed_change_set_shows_its_errors_on_the_job_page() {
    let server = Server::with_options(mpctl_emulator::Options {
        timings: crate::support::fast_timings(),
        faults: Some(mpctl_emulator::FaultOptions {
            rate: 1.0,
            kinds: vec![mpctl_emulator::FaultKind::ServerFault],
            ..Default::default()
        }),
        ..Default::default()
    });
    server.handle().set_faults_enabled(false);
    let catalog = crate::support::catalog_client(server.handle());
    let offer = server.block_on(async {
        let create = |ct: &str, t: &str, d: Value| serde_json::json!({"ChangeType": ct, "Entity": {"Type": format!("{t}@1.0")}, "DetailsDocument": d});
        let product = crate::support::catalog::run_ok(&catalog, &[create("CreateProduct", "SaaSProduct", serde_json::json!({"ProductTitle": "P"}))]).await.remove(0);
        crate::support::catalog::run_ok(&catalog, &[create("CreateOffer", "Offer", serde_json::json!({"ProductId": product, "Name": "O"}))]).await.remove(0)
    });
    server.handle().set_faults_enabled(true);
    let project = Project::new();
    let dash = Dashboard::start(&project, &server.url(), &[]);
    let cookie = dash.cookie();
    let (_, page) = dash.http("GET", &format!("/offers/{offer}"), &[&cookie], "");
    let csrf = form_value(&page, "csrf");
    let (status, preview) = dash.http(
        "POST",
        "/actions/preview",
        &[&cookie],
        &format!("csrf={csrf}&kind=expire&offer={offer}"),
    );
    assert_eq!(status, 200, "{preview}");
    let pending = form_value(&preview, "pending");
    let (status, started) = dash.http(
        "POST",
        "/actions/start",
        &[&cookie],
        &format!("csrf={csrf}&pending={pending}"),
    );
    assert_eq!(status, 303, "{started}");
    let job = format!("/jobs/{pending}");
    let page = crate::support::wait::until("the job's outcome", || {
        let (_, page) = dash.http("GET", &job, &[&cookie], "");
        page.contains("id=\"outcome\"").then_some(page)
    });
    assert!(
        page.contains("Failed") && page.contains("SERVER_FAULT"),
        "{page}"
    );
    let (status, _) = dash.http(
        "POST",
        "/actions/start",
        &[&cookie],
        &format!("csrf={csrf}&pending={pending}"),
    );
    assert_eq!(status, 409, "a confirmation starts its change set once");
}
