//! The printer: results on stdout (text or one JSON document), progress and logs on stderr.
//! Whether stderr gets a spinner and colours is decided once, here, from the terminal, `-q`,
//! `--color` and NO_COLOR; nothing else in mpctl looks at the terminal. Results are typed
//! ([`Report`]); failures become [`ErrorDoc`]s.

mod error;
pub mod progress;
mod report;

use std::io::{IsTerminal, Write};
use std::sync::{Mutex, PoisonError};

use console::Style;

pub use error::{kind_of, ErrorBody, ErrorDoc, ErrorKind};
pub use progress::{Counter, Step, Wait, WaitSpec};
pub use report::{owned, Doc, List, Report};

/// How results go to stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

/// Whether stderr gets ANSI colours (`--color`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    /// Only on a terminal, and not when NO_COLOR is set.
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// The decision, made once: `Auto` asks the terminal and NO_COLOR (any non-empty value).
    pub fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stderr().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

#[derive(Debug)]
pub struct Printer {
    pub format: Format,
    verbosity: i8,
    color: bool,
    progress: progress::Progress,
    /// The wait on screen, between [`Printer::begin_wait`] and [`Printer::end_wait`].
    current: Mutex<Option<Wait>>,
}

impl Printer {
    /// `color` comes from [`ColorChoice::enabled`]; the spinner needs stderr to be a terminal.
    pub fn new(format: Format, verbosity: i8, color: bool) -> Self {
        let mode = if verbosity < 0 {
            progress::Mode::Hidden
        } else if std::io::stderr().is_terminal() {
            progress::Mode::Spinner
        } else {
            progress::Mode::Lines
        };
        // indicatif's own styles read this switch.
        console::set_colors_enabled_stderr(color);
        Printer {
            format,
            verbosity,
            color,
            progress: progress::Progress::new(mode, color),
            current: Mutex::new(None),
        }
    }

    /// The colour decision, for another printer of the same run (e.g. the dashboard's jobs).
    pub fn color(&self) -> bool {
        self.color
    }

    fn paint(&self, style: Style, text: &str) -> String {
        if self.color {
            style.force_styling(true).apply_to(text).to_string()
        } else {
            text.to_string()
        }
    }

    /// A step-level message on stderr (hidden by -q).
    pub fn info(&self, msg: impl AsRef<str>) {
        if self.verbosity >= 0 {
            progress::suspend(|| eprintln!("{}", msg.as_ref()));
        }
    }

    /// A warning on stderr (hidden by -q).
    pub fn warn(&self, msg: impl AsRef<str>) {
        let prefix = self.paint(Style::new().yellow().bold(), "warning:");
        self.info(format!("{prefix} {}", msg.as_ref()));
    }

    /// Detail shown with -v.
    pub fn detail(&self, msg: impl AsRef<str>) {
        if self.verbosity >= 1 {
            progress::suspend(|| eprintln!("{}", msg.as_ref()));
        }
    }

    /// Sets the step of a multi-step command that later waits belong to (`[2/6] create-offer`).
    pub fn step(&self, index: usize, total: usize, name: &str) {
        self.progress.set_step(Some(Step {
            index,
            total,
            name: name.to_string(),
        }));
    }

    /// Starts showing a wait: a ticking spinner on a terminal, one line per status change
    /// otherwise; replaces any wait still shown. One wait is shown at a time.
    pub fn begin_wait(&self, spec: WaitSpec) {
        let mut current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        *current = None;
        *current = Some(self.progress.begin(spec));
    }

    /// The latest status a poll of the current wait returned.
    pub fn wait_status(&self, status: &str) {
        if let Some(w) = self
            .current
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_mut()
        {
            w.status(status);
        }
    }

    /// The wait is over (done, failed, timed out or interrupted): its line goes away.
    pub fn end_wait(&self) {
        self.current
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
    }

    /// A bar counting `total` items on a terminal (`None` off one or with -q: the caller then
    /// reports each finished item with [`Printer::info`]).
    pub fn counter(&self, total: u64) -> Option<Counter> {
        self.progress.counter(total)
    }

    /// The command's result on stdout, rendered once in the chosen format.
    pub fn print<R: Report>(&self, report: &R) {
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
        let chain: Vec<String> = err
            .chain()
            .filter(|e| !e.is::<ResultPrinted>())
            .map(|e| e.to_string())
            .collect();
        let prefix = self.paint(Style::new().red().bold(), "mpctl: error:");
        progress::suspend(|| eprintln!("{prefix} {}", chain.join("\n  caused by: ")));
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
