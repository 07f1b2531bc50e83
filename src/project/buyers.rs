//! `buyer_ids.txt`: one 12-digit AWS account id per line; `#` comments and blank lines allowed.

use std::path::Path;

use crate::exit::bad_input;

/// Reads and validates the buyer file; an empty list is an error (a private offer needs buyers).
pub fn load(path: &Path) -> anyhow::Result<Vec<String>> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        bad_input(format!(
            "{}: cannot read buyer file: {e}\n  hint: create it with one 12-digit AWS account id per line, or pass --buyers FILE",
            path.display()
        ))
    })?;
    parse(&text).map_err(|(line, msg)| bad_input(format!("{}:{line}: {msg}", path.display())))
}

/// Parses buyer ids; the error carries a 1-based line number.
pub fn parse(text: &str) -> Result<Vec<String>, (usize, String)> {
    let mut ids: Vec<String> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if line.len() != 12 || !line.bytes().all(|b| b.is_ascii_digit()) {
            return Err((
                i + 1,
                format!("'{line}' is not a 12-digit AWS account id\n  hint: write exactly 12 digits per line (no dashes); comment lines start with #"),
            ));
        }
        if ids.iter().any(|x| x == line) {
            return Err((
                i + 1,
                format!("account {line} is listed twice\n  hint: remove the duplicate line"),
            ));
        }
        ids.push(line.to_string());
    }
    if ids.is_empty() {
        return Err((
            0,
            "no buyer account ids\n  hint: add at least one 12-digit AWS account id".to_string(),
        ));
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn accepts_comments_and_blank_lines() {
        let ids = parse("# buyers\n\n111122223333\n444455556666 # second\n").unwrap();
        assert_eq!(ids, vec!["111122223333", "444455556666"]);
    }

    #[test]
    fn names_the_bad_line() {
        let err = parse("111122223333\n12345\n").unwrap_err();
        assert_eq!(err.0, 2);
        assert!(err.1.contains("'12345'"));
    }

    #[test]
    fn rejects_duplicates_and_empty() {
        assert_eq!(parse("111122223333\n111122223333\n").unwrap_err().0, 2);
        assert!(parse("# nothing\n").is_err());
    }
}
