//! `changeset validate FILE…`: every file's diagnostics, nothing sent; exit 2 if any is an
//! error (the document is still printed, with `ok: false`).

use schemars::JsonSchema;
use serde::Serialize;

use super::source;
use crate::cli::ValidateArgs;
use crate::exit::bad_input;
use crate::output::{Printer, Report, ResultPrinted};
use crate::settings::Settings;
use mpctl_changeset::Diagnostic;

/// One finding of the validator.
#[derive(Debug, Serialize, JsonSchema)]
pub struct DiagnosticView {
    /// `error` or `warning`.
    pub severity: String,
    /// A stable code, e.g. `UNRESOLVED_VARIABLE`.
    pub code: String,
    /// The JSON path in the file.
    pub path: String,
    pub message: String,
    pub hint: Option<String>,
    /// The change the path is in, if any.
    pub change_index: Option<usize>,
}

impl From<&Diagnostic> for DiagnosticView {
    fn from(d: &Diagnostic) -> Self {
        DiagnosticView {
            severity: d.severity.to_string(),
            code: d.code.to_string(),
            path: d.path.clone(),
            message: d.message.clone(),
            hint: d.hint.clone(),
            change_index: d.change_index,
        }
    }
}

/// One file's result.
#[derive(Debug, Serialize, JsonSchema)]
pub struct FileReport {
    pub file: String,
    pub ok: bool,
    pub errors: usize,
    pub warnings: usize,
    pub diagnostics: Vec<DiagnosticView>,
}

/// `changeset validate`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Validated {
    pub errors: usize,
    pub warnings: usize,
    pub files: Vec<FileReport>,
    #[serde(skip)]
    lines: Vec<String>,
}

impl Report for Validated {
    fn text(&self) -> String {
        let summary = format!(
            "{} file(s) checked: {} error(s), {} warning(s)",
            self.files.len(),
            self.errors,
            self.warnings
        );
        let mut lines = self.lines.clone();
        lines.push(summary);
        lines.join("\n")
    }

    fn ok(&self) -> bool {
        self.errors == 0
    }
}

pub fn run(settings: &Settings, printer: &Printer, args: &ValidateArgs) -> anyhow::Result<()> {
    let mut files = Vec::new();
    let mut lines = Vec::new();
    source::check_var_flags(&args.files, &args.template)?;
    for file in &args.files {
        let diagnostics = source::diagnostics(settings, file, &args.template)?;
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        lines.extend(diagnostics.iter().map(|d| format!("{file}: {d}")));
        files.push(FileReport {
            file: file.clone(),
            ok: errors == 0,
            errors,
            warnings: diagnostics.len() - errors,
            diagnostics: diagnostics.iter().map(DiagnosticView::from).collect(),
        });
    }
    let result = Validated {
        errors: files.iter().map(|f| f.errors).sum(),
        warnings: files.iter().map(|f| f.warnings).sum(),
        files,
        lines,
    };
    printer.print(&result);
    if result.errors > 0 {
        let bad_files = result.files.iter().filter(|f| !f.ok).count();
        return Err(ResultPrinted(bad_input(format!(
            "{} validation error(s) in {bad_files} file(s); nothing was sent",
            result.errors
        )))
        .into());
    }
    Ok(())
}
