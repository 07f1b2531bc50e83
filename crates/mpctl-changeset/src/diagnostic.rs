//! What validation reports: one [`Diagnostic`] per problem, located by an RFC 6901 JSON pointer
//! into the StartChangeSet request, plus the helpers that build pointers and put a batch of
//! diagnostics into their stable, de-duplicated order.

use std::cmp::Ordering;
use std::fmt;

/// How bad a problem is: errors stop a change set, warnings are worth a look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem found in a StartChangeSet request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable rule id, e.g. `INVALID_BUYER_ID`.
    pub code: &'static str,
    /// RFC 6901 pointer into the request. Inside a `Details` string the pointer continues into
    /// the parsed JSON (`/ChangeSet/0/Details/Terms/0`), since the string has no nodes of its own.
    pub path: String,
    /// What is wrong, naming the offending value.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
    /// Index into `ChangeSet` when the problem belongs to one change.
    pub change_index: Option<usize>,
}

impl Diagnostic {
    pub fn error(code: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, path.into(), message.into())
    }

    pub fn warning(
        code: &'static str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Warning, code, path.into(), message.into())
    }

    fn new(severity: Severity, code: &'static str, path: String, message: String) -> Self {
        let change_index = change_index_of(&path);
        Diagnostic {
            severity,
            code,
            path,
            message,
            hint: None,
            change_index,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.severity)?;
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " (hint: {hint})")?;
        }
        Ok(())
    }
}

/// `/ChangeSet/<n>` or anything below it belongs to change `n`.
fn change_index_of(path: &str) -> Option<usize> {
    let rest = path.strip_prefix("/ChangeSet/")?;
    rest.split('/').next()?.parse().ok()
}

/// Appends one reference token to a pointer, escaping `~` and `/` (RFC 6901 §3).
pub fn join(base: &str, token: impl fmt::Display) -> String {
    let token = token.to_string();
    let mut out = String::with_capacity(base.len() + token.len() + 1);
    out.push_str(base);
    out.push('/');
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}

/// Orders pointers token by token, array indices numerically, so `/ChangeSet/2` sorts before
/// `/ChangeSet/10` and a node before everything below it.
fn compare_paths(a: &str, b: &str) -> Ordering {
    let mut left = a.split('/');
    let mut right = b.split('/');
    loop {
        match (left.next(), right.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => {
                let ord = match (x.parse::<u64>(), y.parse::<u64>()) {
                    (Ok(m), Ok(n)) => m.cmp(&n),
                    _ => x.cmp(y),
                };
                if ord != Ordering::Equal {
                    return ord;
                }
            }
        }
    }
}

/// True when `path` is `prefix` or lies below it.
fn is_at_or_below(path: &str, prefix: &str) -> bool {
    path == prefix || (path.starts_with(prefix) && path[prefix.len()..].starts_with('/'))
}

/// Puts diagnostics in their stable order and drops the ones that only restate another:
/// nothing else is reported at or below a string holding an unresolved `{{VAR}}` (it is not
/// the final value), and a generic `SCHEMA` error gives way to a specific rule on the same node
/// (a numeric `Price` is `INVALID_PRICE`, not also "not of type string").
pub fn finish(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let unresolved: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.code == "UNRESOLVED_VARIABLE")
        .map(|d| d.path.clone())
        .collect();
    let specific: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.is_error() && d.code != "SCHEMA")
        .map(|d| d.path.clone())
        .collect();
    diagnostics.retain(|d| {
        if d.code == "UNRESOLVED_VARIABLE" {
            return true;
        }
        if unresolved.iter().any(|p| is_at_or_below(&d.path, p)) {
            return false;
        }
        !(d.code == "SCHEMA" && specific.contains(&d.path))
    });
    diagnostics.sort_by(|a, b| {
        compare_paths(&a.path, &b.path)
            .then_with(|| (a.severity as u8).cmp(&(b.severity as u8)))
            .then_with(|| a.code.cmp(b.code))
            .then_with(|| a.message.cmp(&b.message))
    });
    diagnostics.dedup();
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_escape_tilde_and_slash() {
        assert_eq!(join("/a", "b/c~d"), "/a/b~1c~0d");
        assert_eq!(join("", 3), "/3");
    }

    #[test]
    fn change_index_comes_from_the_path() {
        assert_eq!(
            Diagnostic::error("X", "/ChangeSet/12/Entity", "m").change_index,
            Some(12)
        );
        assert_eq!(
            Diagnostic::error("X", "/ChangeSet/4", "m").change_index,
            Some(4)
        );
        assert_eq!(Diagnostic::error("X", "/ChangeSet", "m").change_index, None);
        assert_eq!(Diagnostic::error("X", "/Catalog", "m").change_index, None);
    }

    #[test]
    fn order_is_numeric_by_token() {
        let ds = finish(vec![
            Diagnostic::error("B", "/ChangeSet/10/ChangeType", "m"),
            Diagnostic::error("A", "/ChangeSet/2/Entity", "m"),
            Diagnostic::warning("C", "/ChangeSet/2", "m"),
            Diagnostic::error("D", "/Catalog", "m"),
        ]);
        let paths: Vec<&str> = ds.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "/Catalog",
                "/ChangeSet/2",
                "/ChangeSet/2/Entity",
                "/ChangeSet/10/ChangeType"
            ]
        );
    }

    #[test]
    fn specific_rules_and_variables_win() {
        let ds = finish(vec![
            Diagnostic::error(
                "SCHEMA",
                "/ChangeSet/0/DetailsDocument/Price",
                "not a string",
            ),
            Diagnostic::error(
                "INVALID_PRICE",
                "/ChangeSet/0/DetailsDocument/Price",
                "number",
            ),
            Diagnostic::error("SCHEMA", "/ChangeSet/1/DetailsDocument/A", "not an array"),
            Diagnostic::error(
                "UNRESOLVED_VARIABLE",
                "/ChangeSet/1/DetailsDocument/A",
                "{{A}}",
            ),
            Diagnostic::error("SCHEMA", "/ChangeSet/1/DetailsDocument/AB", "kept"),
        ]);
        let codes: Vec<&str> = ds.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["INVALID_PRICE", "UNRESOLVED_VARIABLE", "SCHEMA"]);
    }

    #[test]
    fn display_has_severity_path_message_hint() {
        let d = Diagnostic::error("X", "/ChangeSet/3/ChangeType", "bad").with_hint("fix it");
        assert_eq!(
            d.to_string(),
            "error: /ChangeSet/3/ChangeType: bad (hint: fix it)"
        );
        assert_eq!(
            Diagnostic::warning("X", "", "odd").to_string(),
            "warning: odd"
        );
    }
}
