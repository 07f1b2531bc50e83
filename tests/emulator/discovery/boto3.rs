//! A private offer's Discovery view exists for its buyer (and its seller) and for nobody else,
//! checked twice on the same offer: through the Rust SDK and through boto3's
//! marketplace-discovery client (scripts/boto3_discovery_access.py; skipped without boto3 unless
//! MPCTL_REQUIRE_BOTO3 is set).

use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use serde_json::{json, Value};

use super::{offer_for, released_product};
use crate::support::accounts::{as_account, BUYER, OTHER_SELLER, SELLER, STRANGER};
use crate::support::server::Server;

/// Whether `account` sees `offer` through the Rust SDK's GetOffer.
async fn rust_sees(server: &Server, account: &str, offer: &str) -> bool {
    let who = as_account(server.handle(), account);
    match who.discovery.get_offer().offer_id(offer).send().await {
        Ok(o) => o.offer_id() == offer,
        Err(e) => {
            assert_eq!(e.code(), Some("ResourceNotFoundException"), "{e:?}");
            false
        }
    }
}

#[test]
fn a_private_offer_is_seen_by_its_buyer_only_through_the_rust_sdk_and_boto3() {
    let server = Server::fast();
    let seller = as_account(server.handle(), SELLER);
    let (product, offer) = server.block_on(async {
        let p = released_product(&seller.catalog, "Private product", &["Security"], false).await;
        let o = offer_for(&seller.catalog, &p, BUYER).await;
        (p, o)
    });
    let accounts = [BUYER, SELLER, STRANGER, OTHER_SELLER];
    let rust: Vec<bool> = server.block_on(async {
        let mut out = Vec::new();
        for a in accounts {
            out.push(rust_sees(&server, a, &offer).await);
        }
        out
    });
    assert_eq!(rust, [true, true, false, false]);

    if !crate::support::served::boto3_available() {
        assert!(
            std::env::var_os("MPCTL_REQUIRE_BOTO3").is_none(),
            "MPCTL_REQUIRE_BOTO3 is set but boto3 is not installed"
        );
        eprintln!("skipped: python3 with boto3 is not installed");
        return;
    }
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/boto3_discovery_access.py");
    let out = std::process::Command::new("python3")
        .arg(script)
        .args([&server.url(), &offer, &product])
        .args(accounts)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "script failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let listing = format!("prodview-{}", product.trim_start_matches("prod-"));
    for a in [BUYER, SELLER] {
        assert_eq!(doc[a]["offer"], "ok", "{a}: {doc:#}");
        assert_eq!(doc[a]["product"], "ok", "{a}: {doc:#}");
        assert_eq!(doc[a]["options"], json!([offer]), "{a}: {doc:#}");
        assert_eq!(doc[a]["listings"], json!([listing]), "{a}: {doc:#}");
    }
    for a in [STRANGER, OTHER_SELLER] {
        let hidden = json!({"code": "ResourceNotFoundException", "status": 404});
        assert_eq!(doc[a]["offer"], hidden, "{a}: {doc:#}");
        assert_eq!(doc[a]["product"], hidden, "{a}: {doc:#}");
        assert_eq!(doc[a]["options"], json!([]), "{a}: {doc:#}");
        assert_eq!(doc[a]["listings"], json!([]), "{a}: {doc:#}");
    }
}
