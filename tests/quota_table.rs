//! One quota table for both sides (`mpctl_facts::quotas`): the CLI's campaign limiter spaces
//! every operation at the figure the emulator enforces, and the figure the two used to disagree
//! on (Accept/RejectEngagementInvitation: 10/s in the limiter, 1/s in the emulator) is one figure.

use aws_config::retry::RetryConfig;
use aws_sdk_partnercentralselling as partner;
use mpctl::campaign::limiter::rate_for;
use mpctl_facts::{Api, QUOTAS};

/// The operation key the limiter sees on the wire for `api`'s `operation`.
fn wire_key(api: Api, operation: &str) -> Option<String> {
    match api {
        Api::Catalog => Some(operation.to_string()),
        Api::PartnerCentral => Some(format!("AWSPartnerCentralSelling.{operation}")),
        Api::Agreement => Some(format!("AWSMPCommerceService_v20200301.{operation}")),
        // The limiter keys Discovery by its URI's first segment; no campaign calls it.
        Api::Discovery => None,
        Api::Metering => Some(format!("AWSMPMeteringService.{operation}")),
        Api::Entitlement => Some(format!("AWSMPEntitlementService.{operation}")),
        // The campaign limiter spaces Marketplace calls only; the events consumer long-polls.
        Api::EventBridge | Api::Sqs => None,
    }
}

#[test]
fn the_limiter_spaces_every_operation_at_the_shared_quota() {
    let mut checked = 0;
    for q in QUOTAS {
        let Some(key) = wire_key(q.api, q.operation) else {
            continue;
        };
        assert_eq!(rate_for(&key), q.per_second, "{key}");
        checked += 1;
    }
    assert!(checked > 25, "{checked}");
    for op in ["AcceptEngagementInvitation", "RejectEngagementInvitation"] {
        assert_eq!(rate_for(&format!("AWSPartnerCentralSelling.{op}")), 1.0);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_emulator_throttles_an_invitation_answer_at_the_same_one_per_second() {
    let handle = mpctl_emulator::serve(mpctl_emulator::Options {
        enforce_quotas: true,
        ..mpctl_emulator::Options::default()
    })
    .await
    .expect("emulator");
    let config = partner::config::Builder::from(&crate::support::sdk_config(&handle))
        .retry_config(RetryConfig::disabled())
        .build();
    let client = partner::Client::from_conf(config);
    let mut codes = Vec::new();
    for _ in 0..3 {
        let e = client
            .accept_engagement_invitation()
            .catalog("Sandbox")
            .identifier("engi-0000000000000")
            .send()
            .await
            .expect_err("no such invitation");
        let code = partner::error::ProvideErrorMetadata::code(&e).map(str::to_string);
        codes.push(code.unwrap_or_default());
    }
    // One request per second: the first is served (the invitation does not exist), the two
    // that follow at once are throttled.
    assert_eq!(
        codes,
        [
            "ResourceNotFoundException",
            "ThrottlingException",
            "ThrottlingException"
        ]
    );
    assert_eq!(
        rate_for("AWSPartnerCentralSelling.AcceptEngagementInvitation"),
        1.0
    );
}
