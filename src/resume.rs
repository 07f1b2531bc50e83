//! The "resume with …" command: the command line that was run, exactly (same subcommand, every
//! flag, the program as invoked), shell-quoted so it can be pasted. Every timeout, Ctrl-C,
//! review-pending, lock-held and transient-failure message takes it from here, because a
//! hand-written approximation drops flags such as `--endpoint-url` and `--state`, and then
//! sends the saved request somewhere else.

/// This process's command line, quoted for a POSIX shell.
pub fn command_line() -> String {
    quote(std::env::args())
}

/// The flags that bound a wait: a resume after a timeout must not repeat them, or it times
/// out again at the same point.
const TIMEOUT_FLAGS: &[&str] = &["--timeout", "--review-timeout"];

/// [`command_line`] without the timeout flags (and their values): the resume after a wait
/// timed out, which then waits as long as the configuration says.
pub fn after_timeout() -> String {
    quote(drop_timeouts(std::env::args()))
}

fn drop_timeouts(words: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out = Vec::new();
    let mut skip_value = false;
    for w in words {
        if std::mem::take(&mut skip_value) {
            continue;
        }
        if TIMEOUT_FLAGS.contains(&w.as_str()) {
            skip_value = true;
            continue;
        }
        if TIMEOUT_FLAGS
            .iter()
            .any(|f| w.starts_with(&format!("{f}=")))
        {
            continue;
        }
        out.push(w);
    }
    out
}

/// `words` joined and quoted for a POSIX shell. A word that cannot be quoted (a NUL byte,
/// which a shell cannot pass either) is replaced by a visible marker.
pub fn quote(words: impl IntoIterator<Item = String>) -> String {
    words
        .into_iter()
        .map(|w| {
            shlex::try_quote(&w)
                .map(|q| q.into_owned())
                .unwrap_or_else(|_| "'<unquotable>'".to_string())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_resume_after_a_timeout_drops_the_timeout() {
        let words = [
            "mpctl",
            "search-agreement",
            "--wait",
            "--timeout",
            "5",
            "--review-timeout=9",
        ];
        let kept = drop_timeouts(words.iter().map(|s| s.to_string()));
        assert_eq!(kept, ["mpctl", "search-agreement", "--wait"]);
    }

    #[test]
    fn words_with_spaces_and_quotes_survive_a_shell() {
        let words = [
            "mpctl",
            "run-all",
            "--var",
            "OFFER_NAME=Acme's deal",
            "--state",
            "a b.json",
        ];
        let line = quote(words.iter().map(|s| s.to_string()));
        assert_eq!(
            shlex::split(&line).unwrap(),
            words.iter().map(|s| s.to_string()).collect::<Vec<_>>()
        );
        assert!(line.starts_with("mpctl run-all --var "), "{line}");
    }
}
