//! Paging for Discovery's list and search operations: `maxResults` and `nextToken`.
//!
//! [I] Without `maxResults` a page holds the model's maximum for the operation. A `nextToken`
//! names the offset of the next page and the request it continues (a hash of every other input
//! member); a token from another request or of the wrong form is `ValidationException` with
//! reason `INVALID_PAGINATION_TOKEN`.

use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::invalid;
use crate::wire::ApiError;

/// The request a token continues: every input member but the paging ones.
fn fingerprint(op: &str, input: &Value) -> String {
    let mut rest = input.clone();
    if let Some(m) = rest.as_object_mut() {
        m.remove("nextToken");
        m.remove("maxResults");
    }
    let digest = Sha256::digest(format!("{op}:{rest}"));
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// One page of `items` for this request, and the token of the next page.
pub fn page<T>(
    op: &str,
    input: &Value,
    default_size: usize,
    items: Vec<T>,
) -> Result<(Vec<T>, Option<String>), ApiError> {
    let print = fingerprint(op, input);
    let start = match input.get("nextToken").and_then(Value::as_str) {
        None | Some("") => 0,
        Some(token) => token
            .strip_prefix('p')
            .and_then(|t| t.split_once('h'))
            .filter(|(_, h)| *h == print)
            .and_then(|(n, _)| n.parse::<usize>().ok())
            .filter(|n| *n <= items.len())
            .ok_or_else(|| {
                invalid(
                    "INVALID_PAGINATION_TOKEN",
                    "The nextToken is not valid for this request.",
                )
            })?,
    };
    let size = input
        .get("maxResults")
        .and_then(Value::as_u64)
        .map_or(default_size, |n| n as usize)
        .max(1);
    let end = (start + size).min(items.len());
    let next = (end < items.len()).then(|| format!("p{end}h{print}"));
    let page = items.into_iter().skip(start).take(end - start).collect();
    Ok((page, next))
}

/// Adds `nextToken` to `out` when there is one.
pub fn with_token(mut out: Value, next: Option<String>) -> Value {
    if let Some(t) = next {
        out["nextToken"] = json!(t);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_continue_their_own_request_only() {
        let input = json!({"searchText": "a", "maxResults": 2});
        let (first, next) = page("SearchListings", &input, 100, vec![1, 2, 3]).unwrap();
        assert_eq!(first, [1, 2]);
        let token = next.expect("more");
        assert!(token.bytes().all(|b| b.is_ascii_alphanumeric()));
        let again = json!({"searchText": "a", "maxResults": 2, "nextToken": token});
        let (rest, end) = page("SearchListings", &again, 100, vec![1, 2, 3]).unwrap();
        assert_eq!((rest, end), (vec![3], None));
        let other = json!({"searchText": "b", "nextToken": token});
        let e = page("SearchListings", &other, 100, vec![1, 2, 3]).unwrap_err();
        assert_eq!(e.code, "ValidationException");
        let (all, none) = page("SearchListings", &json!({}), 100, vec![1, 2, 3]).unwrap();
        assert_eq!((all.len(), none), (3, None));
    }
}
