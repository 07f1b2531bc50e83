//! AWS-format identifiers and ARNs for emulated resources.

use rand::Rng;

/// The seller account the emulator acts as (AWS's documentation example account).
pub const SELLER_ACCOUNT: &str = "123456789012";

/// [`SELLER_ACCOUNT`] as an owned default (for data saved before ownership was recorded).
pub fn seller_account() -> String {
    SELLER_ACCOUNT.to_string()
}

/// The region in emulated ARNs.
pub const REGION: &str = "us-east-1";

const ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";

/// `n` random lowercase alphanumerics, the alphabet of Catalog and Agreement ids.
pub fn alnum(n: usize) -> String {
    let mut rng = rand::rng();
    (0..n)
        .map(|_| ALNUM[rng.random_range(0..ALNUM.len())] as char)
        .collect()
}

/// `n` random decimal digits (Partner Central ids such as `O1234567`).
pub fn digits(n: usize) -> String {
    let mut rng = rand::rng();
    (0..n)
        .map(|_| char::from(b'0' + rng.random_range(0..10u8)))
        .collect()
}

/// A Catalog ARN: `arn:aws:aws-marketplace:us-east-1:<acct>:AWSMarketplace/<kind>/<id>`.
pub fn catalog_arn(account: &str, kind: &str, id: &str) -> String {
    format!("arn:aws:aws-marketplace:{REGION}:{account}:AWSMarketplace/{kind}/{id}")
}

/// The account an ARN belongs to (its fifth field); Catalog resources are owned by the
/// account in their ARN, so the emulator stores ownership nowhere else.
pub fn arn_account(arn: &str) -> &str {
    arn.split(':').nth(4).unwrap_or_default()
}

/// A Partner Central ARN for a resource in a catalog, owned by `account` (the partner account
/// that created or received it, as on AWS).
pub fn partner_arn(account: &str, catalog: &str, kind: &str, id: &str) -> String {
    format!("arn:aws:partnercentral:{REGION}:{account}:catalog/{catalog}/{kind}/{id}")
}
