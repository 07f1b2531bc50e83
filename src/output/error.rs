//! Failures as output: the stderr text (`mpctl: error: …` with its hint) and, under
//! `--output json`, the one stdout document `{"ok": false, "error": {kind, exit_code,
//! message, hint}}` — for command failures and for command-line usage errors alike.

use schemars::JsonSchema;
use serde::Serialize;

use crate::exit::{ExitCode, Failure};

/// What went wrong, in the terms a script branches on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The command line itself is wrong (unknown flag, missing argument): exit 2.
    Usage,
    /// Config, template, flag value or validation error; nothing was sent: exit 2.
    BadInput,
    /// A change set or task ended FAILED or CANCELLED: exit 3.
    ResourceFailed,
    /// A wait passed its deadline: exit 4.
    TimedOut,
    /// Ctrl-C: exit 130.
    Interrupted,
    /// Anything else (an AWS error, a file that cannot be written): exit 1.
    Failure,
}

/// The body of a failure document.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ErrorBody {
    pub kind: ErrorKind,
    pub exit_code: i32,
    /// What failed, with its causes (`message: cause: cause`).
    pub message: String,
    /// How to fix it, when mpctl knows.
    pub hint: Option<String>,
}

/// The failure document: `{"ok": false, "error": {...}}`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ErrorDoc {
    /// Always false.
    pub ok: bool,
    pub error: ErrorBody,
}

impl ErrorBody {
    /// From an error chain (outermost first) and the exit code it selects.
    pub fn new(kind: ErrorKind, code: i32, chain: &[String]) -> Self {
        let mut messages = Vec::new();
        let mut hints = Vec::new();
        for part in chain {
            let (message, hint) = split_hint(part);
            messages.push(message);
            hints.extend(hint);
        }
        ErrorBody {
            kind,
            exit_code: code,
            message: messages.join(": "),
            hint: (!hints.is_empty()).then(|| hints.join("; ")),
        }
    }
}

/// The kind of an anyhow error: its first typed failure, else a plain failure.
pub fn kind_of(err: &anyhow::Error) -> ErrorKind {
    match err.chain().find_map(|e| e.downcast_ref::<Failure>()) {
        Some(f) => match f.code() {
            ExitCode::BadInput => ErrorKind::BadInput,
            ExitCode::ResourceFailed => ErrorKind::ResourceFailed,
            ExitCode::TimedOut => ErrorKind::TimedOut,
            ExitCode::Interrupted => ErrorKind::Interrupted,
            ExitCode::Success | ExitCode::Failure => ErrorKind::Failure,
        },
        None => ErrorKind::Failure,
    }
}

/// mpctl's messages carry their fix as `\n  hint: …` lines; JSON gives it its own field.
fn split_hint(text: &str) -> (String, Option<String>) {
    let mut message = Vec::new();
    let mut hints = Vec::new();
    for line in text.lines() {
        match line.trim_start().strip_prefix("hint:") {
            Some(h) => hints.push(h.trim().to_string()),
            None => message.push(line.trim_end()),
        }
    }
    let message = message.join("\n").trim().to_string();
    (message, (!hints.is_empty()).then(|| hints.join("; ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_are_split_from_messages() {
        let body = ErrorBody::new(
            ErrorKind::BadInput,
            2,
            &["--until x is not a date\n  hint: write YYYY-MM-DD".to_string()],
        );
        assert_eq!(body.message, "--until x is not a date");
        assert_eq!(body.hint.as_deref(), Some("write YYYY-MM-DD"));
        let plain = ErrorBody::new(ErrorKind::Failure, 1, &["a".into(), "b".into()]);
        assert_eq!((plain.message.as_str(), plain.hint), ("a: b", None));
    }
}
