//! `maxResults`/`nextToken` pagination over an already-ordered list.
//!
//! The token is the offset of the next item, spelled in the model's `NextToken` alphabet. A token
//! that does not parse, or points past the end, is `ValidationException` `INVALID_NEXT_TOKEN`.

use serde_json::Value;

use super::input::{invalid, opt_str};
use crate::wire::ApiError;

const PREFIX: &str = "page-";

/// The page of `items` the request asks for, and the token of the next page if any.
pub(super) fn page<'a, T>(
    items: &'a [T],
    input: &Value,
    max: usize,
) -> Result<(&'a [T], Option<String>), ApiError> {
    let start = match opt_str(input, "nextToken", "INVALID_NEXT_TOKEN")? {
        None | Some("") => 0,
        Some(token) => decode(token, items.len())?,
    };
    let end = (start + max).min(items.len());
    let next = (end < items.len()).then(|| format!("{PREFIX}{end}"));
    Ok((&items[start..end], next))
}

fn decode(token: &str, len: usize) -> Result<usize, ApiError> {
    token
        .strip_prefix(PREFIX)
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|n| *n <= len)
        .ok_or_else(|| {
            invalid(
                "INVALID_NEXT_TOKEN",
                "nextToken",
                "The nextToken is not valid.",
            )
        })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn walks_pages_to_the_end() {
        let items = [1, 2, 3, 4, 5];
        let (p1, t1) = page(&items, &json!({}), 2).expect("page 1");
        assert_eq!((p1, t1.as_deref()), (&[1, 2][..], Some("page-2")));
        let (p2, t2) = page(&items, &json!({"nextToken": t1}), 2).expect("page 2");
        assert_eq!(p2, [3, 4]);
        let (p3, t3) = page(&items, &json!({"nextToken": t2}), 2).expect("page 3");
        assert_eq!((p3, t3), (&[5][..], None));
    }

    #[test]
    fn rejects_foreign_tokens() {
        let items = [1];
        for bad in ["x", "page-", "page-9", "page--1"] {
            let e = page(&items, &json!({"nextToken": bad}), 2).expect_err(bad);
            assert_eq!(e.fields["reason"], "INVALID_NEXT_TOKEN");
        }
    }
}
