//! The pieces every List operation shares: reading filter lists and `Sort`, and cutting a result
//! into pages with an opaque `NextToken`.

use serde_json::{Map, Value};

use super::errors::{code, request_field};
use crate::wire::{ApiError, OpResult};

/// [I] Page size when `MaxResults` is absent (the model gives no default).
const DEFAULT_PAGE_SIZE: usize = 20;
/// Prefix that makes tokens recognisably ours, so a token from elsewhere is rejected.
const TOKEN_PREFIX: &str = "pcs-page-";

/// The strings of a list member (absent → empty, which means "no filter").
pub fn string_list<'a>(input: &'a Value, key: &str) -> Vec<&'a str> {
    input
        .get(key)
        .and_then(Value::as_array)
        .map(|items| items.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// `Sort.SortBy` and whether `Sort.SortOrder` is `DESCENDING`, with defaults.
pub fn sort_spec(input: &Value, default_by: &str, default_descending: bool) -> (String, bool) {
    let Some(sort) = input.get("Sort") else {
        return (default_by.to_string(), default_descending);
    };
    let by = sort
        .get("SortBy")
        .and_then(Value::as_str)
        .unwrap_or(default_by);
    let descending = sort.get("SortOrder").and_then(Value::as_str) == Some("DESCENDING");
    (by.to_string(), descending)
}

/// One page of `items` as `{<key>: [...], NextToken?}`, honouring `MaxResults` and `NextToken`.
/// Tokens are offsets, so a page boundary can shift if the list changes between calls; the
/// service makes no stronger promise either.
pub fn page(items: Vec<Value>, input: &Value, key: &str) -> OpResult {
    let start = start_offset(input)?;
    let size = input
        .get("MaxResults")
        .and_then(Value::as_u64)
        .map_or(DEFAULT_PAGE_SIZE, |n| n.max(1) as usize);
    let total = items.len();
    let chunk: Vec<Value> = items.into_iter().skip(start).take(size).collect();
    let mut reply = Map::new();
    reply.insert(key.to_string(), Value::Array(chunk));
    if start + size < total {
        let token = format!("{TOKEN_PREFIX}{}", start + size);
        reply.insert("NextToken".to_string(), Value::String(token));
    }
    Ok(Value::Object(reply))
}

fn start_offset(input: &Value) -> Result<usize, ApiError> {
    let Some(token) = input.get("NextToken").and_then(Value::as_str) else {
        return Ok(0);
    };
    token
        .strip_prefix(TOKEN_PREFIX)
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| {
            request_field(
                "NextToken",
                code::INVALID_VALUE,
                "The NextToken is not valid.",
            )
        })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn numbers(n: i64) -> Vec<Value> {
        (0..n).map(Value::from).collect()
    }

    #[test]
    fn pages_follow_tokens_to_the_end() {
        let first = page(numbers(5), &json!({"MaxResults": 2}), "X").expect("page");
        assert_eq!(first["X"], json!([0, 1]));
        let token = first["NextToken"].clone();
        let second = page(
            numbers(5),
            &json!({"MaxResults": 2, "NextToken": token}),
            "X",
        )
        .expect("page");
        assert_eq!(second["X"], json!([2, 3]));
        let third = page(
            numbers(5),
            &json!({"MaxResults": 2, "NextToken": second["NextToken"]}),
            "X",
        )
        .expect("page");
        assert_eq!(third["X"], json!([4]));
        assert!(third.get("NextToken").is_none());
    }

    #[test]
    fn foreign_tokens_are_rejected() {
        let err = page(numbers(1), &json!({"NextToken": "abc"}), "X").expect_err("bad token");
        assert_eq!(err.code, "ValidationException");
    }

    #[test]
    fn sort_defaults_apply_when_absent() {
        assert_eq!(
            sort_spec(&json!({}), "Identifier", false),
            ("Identifier".into(), false)
        );
        let input = json!({"Sort": {"SortBy": "Name", "SortOrder": "DESCENDING"}});
        assert_eq!(
            sort_spec(&input, "Identifier", false),
            ("Name".into(), true)
        );
    }
}
