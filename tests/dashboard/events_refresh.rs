//! Issue 21 point 4: with `events.queue_url` configured, an event refreshes the rows it names
//! without listing again: after the dashboard is up to date, an agreement cancelled by its
//! buyer shows CANCELLED on the page with no further SearchAgreements call, and every value
//! re-read since is that agreement's; an offer's availability moved by a change set shows its
//! new date with no further ListEntities call.

use std::time::Duration;

use super::cache::{acceptor, cancel_as, described, fast_pace, settled, world, SEARCH};
use crate::support::browser::Dashboard;
use crate::support::project::Project;
use crate::support::server::Server;

#[test]
fn an_event_refreshes_its_row_without_a_relist() {
    let server = Server::fast();
    let agreements = world(&server);
    let project = Project::new();
    let queue = crate::events::set_up(&server, &project);
    let mut config = fast_pace();
    config["events"] = serde_json::json!({"queue_url": queue});
    project.write_config(config);
    let dash = Dashboard::start(&project, &server.url(), &[]);
    settled(&dash, "/agreements");
    let (changed, _) = &agreements[3];
    let buyer = acceptor(&server, changed);
    let (searches, reads) = (server.count(SEARCH), described(&server).len());

    cancel_as(&server, changed, &buyer);
    let path = format!("/agreements?q={changed}");
    let page = crate::support::wait::until("the event's row refreshed", || {
        std::thread::sleep(Duration::from_millis(100));
        let (_, page) = dash.http("GET", &path, &[&dash.cookie()], "");
        page.contains("CANCELLED").then_some(page)
    });
    assert!(page.contains(changed.as_str()));
    assert_eq!(server.count(SEARCH), searches, "no re-list");
    let since = &described(&server)[reads..];
    assert!(
        !since.is_empty() && since.iter().all(|id| id == changed),
        "{since:?}"
    );

    // A change set moves an offer's availability: its event brings the new date, no re-list.
    let (_, offer) = &agreements[5];
    let lists = server.count("ListEntities");
    let catalog = crate::support::catalog_client(server.handle());
    let until = "2031-03-04";
    let change = serde_json::json!({"ChangeType": "UpdateAvailability", "Entity": {"Type": "Offer@1.0", "Identifier": offer}, "DetailsDocument": {"AvailabilityEndDate": until}});
    server.block_on(crate::support::catalog::run_ok(&catalog, &[change]));
    let path = format!("/offers?q={offer}");
    crate::support::wait::until("the change set's offer refreshed", || {
        std::thread::sleep(Duration::from_millis(100));
        let (_, page) = dash.http("GET", &path, &[&dash.cookie()], "");
        page.contains(until).then_some(())
    });
    assert_eq!(
        server.count("ListEntities"),
        lists,
        "no re-list of the offers"
    );
    assert_eq!(
        server.count(SEARCH),
        searches,
        "no re-list of the agreements"
    );
}
