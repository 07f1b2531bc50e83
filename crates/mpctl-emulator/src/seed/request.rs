//! The seeding request (`POST /__mpctl/seed/catalog`, `Handle::seed_catalog`): how many of each
//! record, the seed and the seller account, checked before anything is made.

use serde_json::Value;

/// Most records of one kind a single request makes.
pub const MAX_COUNT: u64 = 100_000;

/// The seed used when the request names none.
pub const DEFAULT_SEED: u64 = 1;

/// What to seed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogSeed {
    pub products: usize,
    pub offers: usize,
    pub agreements: usize,
    pub opportunities: usize,
    pub seed: u64,
    /// The seller account that owns everything (default: the emulator's seller account).
    pub account: Option<String>,
}

impl CatalogSeed {
    /// Most records of one kind a single request makes.
    pub const MAX_COUNT: u64 = MAX_COUNT;
    /// The seed used when the request names none.
    pub const DEFAULT_SEED: u64 = DEFAULT_SEED;

    /// Reads and checks the admin request's body; the message names the member at fault.
    pub fn from_json(body: &Value) -> Result<Self, String> {
        let count = |key: &str| -> Result<usize, String> {
            match body.get(key) {
                None | Some(Value::Null) => Ok(0),
                Some(v) => v
                    .as_u64()
                    .filter(|n| *n <= MAX_COUNT)
                    .map(|n| n as usize)
                    .ok_or_else(|| {
                        format!("\"{key}\" must be an integer from 0 to {MAX_COUNT}, not {v}")
                    }),
            }
        };
        let seed = match body.get("seed") {
            None | Some(Value::Null) => DEFAULT_SEED,
            Some(v) => v
                .as_u64()
                .ok_or_else(|| format!("\"seed\" must be a non-negative integer, not {v}"))?,
        };
        let account = match body.get("account") {
            None | Some(Value::Null) => None,
            Some(Value::String(a)) => Some(a.clone()),
            Some(v) => return Err(format!("\"account\" must be a 12-digit string, not {v}")),
        };
        let request = CatalogSeed {
            products: count("products")?,
            offers: count("offers")?,
            agreements: count("agreements")?,
            opportunities: count("opportunities")?,
            seed,
            account,
        };
        request.check()?;
        Ok(request)
    }

    /// The rules between the counts, and the account's shape.
    pub fn check(&self) -> Result<(), String> {
        for (key, n) in [
            ("products", self.products),
            ("offers", self.offers),
            ("agreements", self.agreements),
            ("opportunities", self.opportunities),
        ] {
            if n as u64 > MAX_COUNT {
                return Err(format!("\"{key}\" must be at most {MAX_COUNT}, not {n}"));
            }
        }
        if self.offers > 0 && self.products == 0 {
            return Err(
                "\"offers\" needs \"products\" of at least 1: an offer sells a product".into(),
            );
        }
        if self.agreements > 0 && self.offers == 0 {
            return Err(
                "\"agreements\" needs \"offers\" of at least 1: an agreement accepts an offer"
                    .into(),
            );
        }
        if let Some(a) = &self.account {
            if a.len() != 12 || !a.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("\"account\" must be 12 digits, not {a:?}"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn counts_are_checked_and_named() {
        let ok =
            CatalogSeed::from_json(&json!({"products": 2, "offers": 3, "agreements": 4})).unwrap();
        assert_eq!(
            (ok.products, ok.opportunities, ok.seed),
            (2, 0, DEFAULT_SEED)
        );
        for (body, named) in [
            (json!({"products": -1}), "products"),
            (json!({"products": 100_001}), "products"),
            (json!({"offers": 1}), "offers"),
            (json!({"products": 1, "agreements": 1}), "agreements"),
            (json!({"opportunities": "many"}), "opportunities"),
            (json!({"account": "12"}), "account"),
        ] {
            let e = CatalogSeed::from_json(&body).unwrap_err();
            assert!(e.contains(named), "{body}: {e}");
        }
    }
}
