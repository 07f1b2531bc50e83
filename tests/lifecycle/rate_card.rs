//! `create-offer --rate-card FILE.csv`: usage prices from a CSV, checked against the product's
//! metered dimensions; bad files exit 2 naming file:line with nothing started.

use super::{json_ok, no_stand_in, state};
use crate::support::project::Project;
use crate::support::server::Server;

fn published(server: &Server) -> Project {
    let project = Project::new();
    project
        .mpctl(&server.url(), &["publish-product"])
        .output()
        .expect_code(0);
    project
}

#[test]
fn a_rate_card_sets_the_usage_prices() {
    let server = Server::start(no_stand_in());
    let project = published(&server);
    project.write(
        "rates.csv",
        "DimensionKey,OriginalPrice,DiscountPercent\nWorkloadSmall,0.20,25\nWorkloadMedium,0.40,50\nWorkloadLarge,1.00,10\n",
    );
    project
        .mpctl(&server.url(), &["create-offer", "--rate-card", "rates.csv"])
        .output()
        .expect_code(0);
    let offer = state(&project, "OFFER_ID");
    let d = json_ok(&project, &server, &["offer", "describe", &offer]);
    let usage = d["offer"]["terms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["type"] == "UsageBasedPricingTerm")
        .expect("usage term")
        .clone();
    assert_eq!(
        usage["summary"],
        "WorkloadSmall USD 0.15, WorkloadMedium USD 0.2, WorkloadLarge USD 0.9"
    );
}

#[test]
fn bad_rate_cards_exit_2_naming_file_and_line() {
    let server = Server::start(no_stand_in());
    let project = published(&server);
    let cases = [
        (
            "DimensionKey,Price\nWorkloadSmall,0.1\nWorkloadMedium,ten\nWorkloadLarge,0.3\n",
            "rates.csv:3: ",
        ),
        (
            "DimensionKey,Price\nWorkloadSmall,0.1\nWorkloadMedium,0.2\nWorkloadLarge,0.3\nBasicService,1\n",
            "rates.csv:5: BasicService is not a metered dimension",
        ),
        ("DimensionKey,Price\nWorkloadSmall,0.1\n", "WorkloadMedium, WorkloadLarge"),
        ("Dimension,Cost\nWorkloadSmall,0.1\n", "rates.csv:1: "),
        (
            "DimensionKey,Price\nWorkloadSmall,-1\nWorkloadMedium,0.2\nWorkloadLarge,0.3\n",
            "rates.csv:2: ",
        ),
        (
            "DimensionKey,Price\nWorkloadSmall,0.123456789\nWorkloadMedium,0.2\nWorkloadLarge,0.3\n",
            "rates.csv:2: ",
        ),
    ];
    // `--plan` renders the offer through the same checks: the same exit and message.
    for ((csv, expected), plan) in cases.iter().flat_map(|c| [(c, false), (c, true)]) {
        project.write("rates.csv", csv);
        let before = server.operations();
        let mut args = vec!["create-offer", "--rate-card", "rates.csv"];
        if plan {
            args.push("--plan");
        }
        let done = project.mpctl(&server.url(), &args).output().expect_code(2);
        assert!(
            done.stderr().contains(expected),
            "{csv} (plan {plan})\n{}",
            done.stderr()
        );
        let after = server.operations();
        assert!(
            !after[before.len()..].iter().any(|o| o == "StartChangeSet"),
            "nothing started for {csv}"
        );
        assert!(project.state().get("OFFER_ID").is_none());
    }
    project
        .mpctl(
            &server.url(),
            &["create-offer", "--rate-card", "missing.csv"],
        )
        .output()
        .expect_code(2);
}
