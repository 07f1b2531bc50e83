//! The documented shapes of the ids a seller types (`offer-…`, `prod-…`, `agmt-…`, `O123…`,
//! `engi-…`): an id of the wrong kind or with a typo in its prefix is refused before anything
//! is sent (exit 2), instead of costing a request and coming back as a not-found error that
//! does not say the id was never of the right kind.
//!
//! The prefixes are AWS's: Catalog offer and product ids, Agreement ids (`agmt-`, as the
//! Agreement API's examples and DescribeAgreement return them), and the patterns Partner
//! Central Selling's model gives (`O[0-9]{1,19}`, `engi-[0-9a-z]{13}` or an ARN).

use crate::exit::bad_input;

/// A kind of id and how to recognise it.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    Offer,
    Product,
    Agreement,
    Opportunity,
    Invitation,
    /// A cancellation request (`acr-` and letters or digits, at most 64 in all).
    Cancellation,
    /// A refund (billing adjustment request: `ba-` and letters or digits, at most 64 in all).
    Refund,
    /// A payment request (`pr-` and letters or digits, at most 64 in all).
    Payment,
    /// A resource snapshot job (`job-` and 13 lowercase letters or digits).
    SnapshotJob,
}

impl Kind {
    fn noun(self) -> &'static str {
        match self {
            Kind::Offer => "an offer id",
            Kind::Product => "a product id",
            Kind::Agreement => "an agreement id",
            Kind::Opportunity => "an opportunity id",
            Kind::Invitation => "an engagement invitation id",
            Kind::Cancellation => "a cancellation request id",
            Kind::Refund => "a refund id",
            Kind::Payment => "a payment request id",
            Kind::SnapshotJob => "a snapshot job id",
        }
    }

    fn example(self) -> &'static str {
        match self {
            Kind::Offer => "offer-1a2b3c4d5e6f7 (`mpctl offer list` shows them)",
            Kind::Product => "prod-1a2b3c4d5e6f7 (`mpctl entity list SaaSProduct` shows them)",
            Kind::Agreement => "agmt-1a2b3c4d5e6f7 (`mpctl agreement search` shows them)",
            Kind::Opportunity => "O1234567 (`mpctl opportunity list` shows them)",
            Kind::Invitation => "engi-0123456789abc (`mpctl invitation list` shows them)",
            Kind::Cancellation => "acr-1a2b3c4d5e6f7 (`mpctl agreement cancellations` shows them)",
            Kind::Refund => "ba-1a2b3c4d5e6f7 (`mpctl agreement refunds` shows them)",
            Kind::Payment => "pr-1a2b3c4d5e6f7 (`mpctl agreement payment-requests` shows them)",
            Kind::SnapshotJob => {
                "job-0123456789abc (`mpctl engagement snapshot-jobs ENGAGEMENT_ID` shows them)"
            }
        }
    }

    fn fits(self, id: &str) -> bool {
        let tail = |prefix: &str, ok: fn(u8) -> bool| {
            id.strip_prefix(prefix)
                .is_some_and(|t| !t.is_empty() && t.bytes().all(ok))
        };
        let alnum = |b: u8| b.is_ascii_alphanumeric();
        match self {
            Kind::Offer => tail("offer-", alnum),
            Kind::Product => tail("prod-", alnum),
            Kind::Agreement => tail("agmt-", alnum),
            Kind::Cancellation => tail("acr-", alnum) && id.len() <= 64,
            Kind::Refund => tail("ba-", alnum) && id.len() <= 64,
            Kind::Payment => tail("pr-", alnum) && id.len() <= 64,
            Kind::SnapshotJob => {
                tail("job-", |b| b.is_ascii_digit() || b.is_ascii_lowercase()) && id.len() == 17
            }
            Kind::Opportunity => tail("O", |b| b.is_ascii_digit()) && (2..=20).contains(&id.len()),
            Kind::Invitation => {
                id.starts_with("arn:")
                    || (tail("engi-", |b| b.is_ascii_digit() || b.is_ascii_lowercase())
                        && id.len() == 18)
            }
        }
    }
}

/// `id` (given as `what`, e.g. `ID` or `--offer`) has the documented shape of `kind`, or exit 2.
pub fn check(kind: Kind, what: &str, id: &str) -> anyhow::Result<()> {
    if kind.fits(id) {
        return Ok(());
    }
    Err(bad_input(format!(
        "{what} '{id}' is not {}; nothing was sent\n  hint: e.g. {}",
        kind.noun(),
        kind.example()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_shapes_pass_and_typos_do_not() {
        for (kind, ok, bad) in [
            (Kind::Offer, "offer-abc123", "offr-abc123"),
            (Kind::Product, "prod-abc123", "product-abc"),
            (Kind::Agreement, "agmt-abc123", "agmt-"),
            (Kind::Opportunity, "O1234567", "0123456"),
            (Kind::SnapshotJob, "job-0123456789abc", "job-0123456789ABC"),
            (Kind::Invitation, "engi-0123456789abc", "engi-123"),
            (Kind::Cancellation, "acr-1a2B3c", "acr-1a_2"),
            (Kind::Refund, "ba-1a2B3c", "acr-1a2B3c"),
            (Kind::Payment, "pr-1a2B3c", "prEXAMPLE-1bb7"),
        ] {
            assert!(check(kind, "ID", ok).is_ok(), "{ok}");
            assert!(check(kind, "ID", bad).is_err(), "{bad}");
        }
        assert!(check(Kind::Invitation, "ID", "arn:aws:partnercentral:x").is_ok());
    }
}
