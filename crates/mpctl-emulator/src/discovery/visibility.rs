//! Who is calling and which offers they may see.
//!
//! [I] The emulator has no IAM: the caller's account comes from the SigV4 access key id in the
//! `Authorization` header. A key id ending in 12 digits acts as that account (mpctl signs buyer
//! requests with `AKIDBUYER<account>`; a test profile can do the same); any other key is the
//! default seller account (`--seller-account`, by default `ids::SELLER_ACCOUNT`).

use crate::catalog::{self, OfferView};

use crate::world::World;

/// The account an `Authorization` header's access key id stands for.
pub fn caller_account(authorization: Option<&str>, default_seller: &str) -> String {
    let key = authorization
        .and_then(|h| h.split("Credential=").nth(1))
        .and_then(|c| c.split('/').next())
        .unwrap_or("");
    let tail = key.len().checked_sub(12).map(|i| &key[i..]).unwrap_or("");
    if tail.len() == 12 && tail.bytes().all(|b| b.is_ascii_digit()) {
        tail.to_string()
    } else {
        default_seller.to_string()
    }
}

/// The agreement a replacement offer replaces.
pub fn replaced_agreement(offer: &OfferView<'_>) -> Option<String> {
    offer.replaced_agreement.map(str::to_string)
}

/// Whether `caller` may see `offer` through Discovery.
pub fn visible(world: &World, offer: &OfferView<'_>, caller: &str) -> bool {
    if offer.state != "Released" {
        return false;
    }
    if caller == offer.owner {
        return true;
    }
    if let Some(agreement) = replaced_agreement(offer) {
        return world.agreement.acceptor_of(&agreement).as_deref() == Some(caller);
    }
    offer.buyer_accounts.is_empty() || offer.buyer_accounts.iter().any(|b| b == caller)
}

/// The offer `id` if `caller` may see it.
pub fn find<'a>(world: &'a World, id: &str, caller: &str) -> Option<OfferView<'a>> {
    world
        .catalog
        .offer(id)
        .filter(|o| visible(world, o, caller))
}

/// `AvailabilityEndDate` of an offer, if any.
pub fn availability_end(offer: &OfferView<'_>) -> Option<String> {
    catalog::availability_end(offer.document)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids;

    #[test]
    fn reads_the_account_from_the_access_key() {
        let h = |k: &str| {
            format!("AWS4-HMAC-SHA256 Credential={k}/20260101/us-east-1/aws-marketplace/aws4_request, SignedHeaders=host, Signature=abc")
        };
        assert_eq!(
            caller_account(Some(&h("AKIDBUYER111122223333")), ids::SELLER_ACCOUNT),
            "111122223333"
        );
        assert_eq!(
            caller_account(Some(&h("AKIAEMULATOR")), "210987654321"),
            "210987654321"
        );
        assert_eq!(
            caller_account(None, ids::SELLER_ACCOUNT),
            ids::SELLER_ACCOUNT
        );
    }
}
