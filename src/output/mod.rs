//! The printer: results on stdout (text or one JSON document), progress and logs on stderr,
//! progress redrawn in place only on a terminal. Results are typed ([`Report`]); failures
//! become [`ErrorDoc`]s.

mod error;
mod report;

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};

pub use error::{kind_of, ErrorBody, ErrorDoc, ErrorKind};
pub use report::{owned, Doc, List, Report};

/// How results go to stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug)]
pub struct Printer {
    pub format: Format,
    verbosity: i8,
    stderr_tty: bool,
    /// A progress line is on screen and must be cleared before other stderr output.
    progress_shown: AtomicBool,
}

impl Printer {
    pub fn new(format: Format, verbosity: i8) -> Self {
        Printer {
            format,
            verbosity,
            stderr_tty: std::io::stderr().is_terminal(),
            progress_shown: AtomicBool::new(false),
        }
    }

    fn clear_progress(&self) {
        if self.progress_shown.swap(false, Ordering::SeqCst) {
            eprint!("\r\x1b[2K");
        }
    }

    /// A step-level message on stderr (hidden by -q).
    pub fn info(&self, msg: impl AsRef<str>) {
        if self.verbosity >= 0 {
            self.clear_progress();
            eprintln!("{}", msg.as_ref());
        }
    }

    /// A warning on stderr (hidden by -q).
    pub fn warn(&self, msg: impl AsRef<str>) {
        self.info(format!("warning: {}", msg.as_ref()));
    }

    /// Detail shown with -v.
    pub fn detail(&self, msg: impl AsRef<str>) {
        if self.verbosity >= 1 {
            self.clear_progress();
            eprintln!("{}", msg.as_ref());
        }
    }

    /// A waiting status: redrawn in place on a terminal, one line per change otherwise.
    pub fn progress(&self, line: &str, changed: bool) {
        if self.verbosity < 0 {
            return;
        }
        if self.stderr_tty {
            eprint!("\r\x1b[2K{line}");
            let _ = std::io::stderr().flush();
            self.progress_shown.store(true, Ordering::SeqCst);
        } else if changed {
            eprintln!("{line}");
        }
    }

    /// The command's result on stdout, rendered once in the chosen format.
    pub fn print<R: Report>(&self, report: &R) {
        self.clear_progress();
        let out = match self.format {
            Format::Text => report.text(),
            Format::Json => report::to_json(report),
        };
        let mut stdout = std::io::stdout().lock();
        // A closed pipe (e.g. `| head`) is not an error.
        let _ = writeln!(stdout, "{}", out.trim_end());
    }

    /// The error on stderr, and for JSON output also as the stdout document.
    pub fn error(&self, err: &anyhow::Error, code: i32) {
        self.clear_progress();
        let chain: Vec<String> = err
            .chain()
            .filter(|e| !e.is::<ResultPrinted>())
            .map(|e| e.to_string())
            .collect();
        eprintln!("mpctl: error: {}", chain.join("\n  caused by: "));
        let printed = err.chain().any(|e| e.is::<ResultPrinted>());
        if self.format == Format::Json && !printed {
            print_error_doc(ErrorBody::new(kind_of(err), code, &chain));
        }
    }
}

/// The failure document on stdout.
pub fn print_error_doc(error: ErrorBody) {
    let doc = ErrorDoc { ok: false, error };
    let _ = writeln!(
        std::io::stdout().lock(),
        "{}",
        serde_json::to_string_pretty(&doc).unwrap_or_default()
    );
}

/// Wraps an error whose result document is already on stdout (e.g. `changeset validate`'s
/// diagnostics): [`Printer::error`] then writes only the stderr line, so `--output json` still
/// prints exactly one document. The exit code comes from the wrapped error.
#[derive(Debug)]
pub struct ResultPrinted(pub anyhow::Error);

impl std::fmt::Display for ResultPrinted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for ResultPrinted {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(self.0.as_ref())
    }
}

/// A left-aligned text table.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.len()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if i < widths.len() {
                widths[i] = widths[i].max(cell.chars().count());
            }
        }
    }
    let line = |cells: Vec<&str>| -> String {
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{:<w$}", c, w = widths[i]))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    let mut out = vec![line(headers.to_vec())];
    for row in rows {
        out.push(line(row.iter().map(String::as_str).collect()));
    }
    out.join("\n")
}

/// Asks a person at the terminal: prints `prompt` on stderr and reads one line. `None` when
/// stdin is not a terminal (nobody to ask); otherwise whether the answer is one of `accepted`
/// (any case).
pub fn ask(prompt: &str, accepted: &[&str]) -> Option<bool> {
    use std::io::BufRead;
    if !std::io::stdin().is_terminal() {
        return None;
    }
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "{prompt} ");
    let _ = err.flush();
    let mut answer = String::new();
    let _ = std::io::stdin().lock().read_line(&mut answer);
    Some(
        accepted
            .iter()
            .any(|a| answer.trim().eq_ignore_ascii_case(a)),
    )
}
