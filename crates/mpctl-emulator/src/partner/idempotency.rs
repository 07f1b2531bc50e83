//! `ClientToken` bookkeeping for one catalog: a retried request (same token, same body) gets the
//! original result; a reused token with another body is a `ConflictException` (aws-behavior §C).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::errors::token_conflict;
use crate::wire::ApiError;

/// What each token was first used for, and what it produced.
#[derive(Debug, Serialize, Deserialize)]
pub struct TokenLog<T> {
    entries: BTreeMap<String, (Value, T)>,
}

impl<T> Default for TokenLog<T> {
    fn default() -> Self {
        TokenLog {
            entries: BTreeMap::new(),
        }
    }
}

impl<T> TokenLog<T> {
    /// The earlier result for this token and body, `None` for a new token, or the conflict
    /// error when the token was used with a different body. Bodies compare as JSON values, so
    /// member order does not matter.
    pub fn replay(&self, token: &str, body: &Value) -> Result<Option<&T>, ApiError> {
        match self.entries.get(token) {
            None => Ok(None),
            Some((first, result)) if first == body => Ok(Some(result)),
            Some(_) => Err(token_conflict()),
        }
    }

    /// Remembers a successful request's result.
    pub fn record(&mut self, token: &str, body: &Value, result: T) {
        self.entries
            .insert(token.to_string(), (body.clone(), result));
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn same_body_replays_and_other_body_conflicts() {
        let mut log = TokenLog::default();
        let body = json!({"a": 1, "b": 2});
        assert_eq!(log.replay("t", &body), Ok(None));
        log.record("t", &body, "O1");
        assert_eq!(log.replay("t", &json!({"b": 2, "a": 1})), Ok(Some(&"O1")));
        let err = log.replay("t", &json!({"a": 1})).expect_err("conflict");
        assert_eq!(err.code, "ConflictException");
        assert_eq!(
            err.message,
            "Conflicting client token submitted for a new request body."
        );
    }
}
