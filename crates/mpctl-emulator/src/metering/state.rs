//! Metering's own data: the registration tokens issued to buyers, and every accepted metering
//! record keyed by what makes two records "the same usage" — product, buyer account, dimension
//! and the usage hour's instant — so a resent record gets its first `MeteringRecordId` back.
//!
//! [I] Two records are the same usage when product, buyer, dimension and timestamp (to the
//! second) agree; the same quantity again is the same record (Success, same id), another
//! quantity is a DuplicateRecord (BatchMeterUsage) or DuplicateRequestException (MeterUsage), as
//! the model's `UsageRecordResultStatus` documents. A registration token stays valid for one
//! hour after it is issued.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How long a registration token resolves.
pub const TOKEN_SECONDS: i64 = 3600;

/// A registration token: the buyer and product it was issued for.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Token {
    pub account: String,
    pub product_id: String,
    pub issued_at: DateTime<Utc>,
}

/// One accepted metering record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub id: String,
    pub quantity: i64,
}

/// What a record with the same key said before.
#[derive(Debug, Clone, PartialEq)]
pub enum Seen {
    /// Nothing: a new record with this id.
    New(String),
    /// The same quantity: the same record.
    Same(String),
    /// Another quantity.
    Conflict,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct MeteringState {
    #[serde(default)]
    tokens: BTreeMap<String, Token>,
    /// `product|account|dimension|epoch seconds` → record.
    #[serde(default)]
    records: BTreeMap<String, Record>,
    /// MeterUsage's `ClientToken` → the key and quantity it was first sent with.
    #[serde(default)]
    client_tokens: BTreeMap<String, (String, i64)>,
}

/// The de-duplication key of a usage record.
pub fn key(product_id: &str, account: &str, dimension: &str, at: DateTime<Utc>) -> String {
    format!("{product_id}|{account}|{dimension}|{}", at.timestamp())
}

impl MeteringState {
    /// A new token for `account` and `product_id`.
    pub fn issue_token(&mut self, account: &str, product_id: &str, now: DateTime<Utc>) -> String {
        let token = format!("emu{}", crate::ids::alnum(61));
        let issued = Token {
            account: account.to_string(),
            product_id: product_id.to_string(),
            issued_at: now,
        };
        self.tokens.insert(token.clone(), issued);
        token
    }

    pub fn token(&self, token: &str) -> Option<&Token> {
        self.tokens.get(token)
    }

    /// Every account a token was issued for (their CustomerIdentifiers resolve).
    pub fn token_accounts(&self) -> Vec<&str> {
        self.tokens.values().map(|t| t.account.as_str()).collect()
    }

    /// What the record `key` with `quantity` is, without storing it.
    pub fn seen(&self, key: &str, quantity: i64) -> Seen {
        match self.records.get(key) {
            None => Seen::New(crate::ids::uuid()),
            Some(r) if r.quantity == quantity => Seen::Same(r.id.clone()),
            Some(_) => Seen::Conflict,
        }
    }

    /// Stores a new record.
    pub fn store(&mut self, key: String, id: &str, quantity: i64) {
        let id = id.to_string();
        self.records.insert(key, Record { id, quantity });
    }

    /// Whether MeterUsage's `token` was first sent for another record; remembers it otherwise.
    pub fn token_conflicts(&mut self, token: &str, key: &str, quantity: i64) -> bool {
        let sent = (key.to_string(), quantity);
        match self.client_tokens.get(token) {
            Some(first) => *first != sent,
            None => {
                self.client_tokens.insert(token.to_string(), sent);
                false
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_records_survive_a_save_and_decide_duplicates() {
        let now = Utc::now();
        let mut state = MeteringState::default();
        let token = state.issue_token("111122223333", "prod-a", now);
        let k = key("prod-a", "111122223333", "Small", now);
        let Seen::New(id) = state.seen(&k, 3) else {
            panic!("a new record")
        };
        state.store(k.clone(), &id, 3);
        let saved = serde_json::to_string(&state).unwrap();
        let back: MeteringState = serde_json::from_str(&saved).unwrap();
        assert_eq!(
            back.token(&token).map(|t| t.account.as_str()),
            Some("111122223333")
        );
        assert_eq!(back.seen(&k, 3), Seen::Same(id));
        assert_eq!(back.seen(&k, 4), Seen::Conflict);
        let empty: MeteringState = serde_json::from_str("{}").unwrap();
        assert!(
            empty.token(&token).is_none(),
            "data saved before metering loads"
        );
    }
}
