//! Who is calling (which offers they may see is `offering`'s rule).
//!
//! [I] The emulator has no IAM: the caller's account comes from the SigV4 access key id in the
//! `Authorization` header. A key id ending in 12 digits acts as that account (mpctl signs buyer
//! requests with `AKIDBUYER<account>`; a test profile can do the same); any other key is the
//! default seller account (`--seller-account`, by default `ids::SELLER_ACCOUNT`).

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
