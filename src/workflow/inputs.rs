//! Loading and checking every user input a step needs — templates, buyers, opportunity
//! payload — before the first AWS call. Failures are bad input (exit 2) naming file and path.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::exit::bad_input;
use crate::output::Printer;
use crate::project::{buyers, state::State};
use crate::settings::Settings;
use crate::template::{self, Vars};
use mpctl_changeset::{self as changeset, Diagnostic, Severity, ValidateOptions};

/// A template path from config, relative to the config file's directory.
pub fn template_path(settings: &Settings, configured: &str) -> PathBuf {
    let p = Path::new(configured);
    if p.is_absolute() {
        return p.to_path_buf();
    }
    match settings.config_path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.join(p),
        _ => p.to_path_buf(),
    }
}

/// Every `--var` must name a `{{VARIABLE}}` one of `templates` (texts, labelled by `what`)
/// uses; otherwise exit 2 with the closest one.
pub fn check_var_flags<'a>(
    overrides: &[(String, String)],
    templates: impl IntoIterator<Item = &'a str>,
    what: &str,
) -> anyhow::Result<()> {
    if overrides.is_empty() {
        return Ok(());
    }
    let used: std::collections::BTreeSet<String> = templates
        .into_iter()
        .flat_map(crate::library::variables)
        .collect();
    template::check_overrides(overrides, &used, what).map_err(bad_input)
}

/// [`check_var_flags`] for template files; an unreadable file is reported later, by the step
/// that reads it.
pub fn check_var_flags_in(overrides: &[(String, String)], paths: &[PathBuf]) -> anyhow::Result<()> {
    let texts: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    let what: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    check_var_flags(
        overrides,
        texts.iter().map(String::as_str),
        &what.join(", "),
    )
}

/// Reads a JSON template file.
pub fn read_json(path: &Path) -> anyhow::Result<Value> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| bad_input(format!("{}: cannot read template: {e}", path.display())))?;
    serde_json::from_str(&text)
        .map_err(|e| crate::project::json_error(path, &e, "fix the JSON syntax"))
}

/// The variables for rendering, with buyers if the step needs them.
pub fn vars(
    settings: &Settings,
    state: &State,
    buyers: Option<&[String]>,
    overrides: &[(String, String)],
) -> Vars {
    template::variables(
        &settings.config,
        state,
        buyers,
        crate::aws::service_time::target_today(),
        overrides,
    )
}

/// Renders a template; unresolved variables are bad input naming file and path.
pub fn render(path: &Path, template: &Value, vars: &Vars) -> anyhow::Result<Value> {
    template::render(template, vars).map_err(|missing| {
        let lines: Vec<String> = missing
            .iter()
            .map(|u| {
                format!(
                    "{}: {}: unresolved variable {{{{{}}}}}",
                    path.display(),
                    u.path,
                    u.name
                )
            })
            .collect();
        bad_input(format!(
            "{}\n  hint: define it with --var NAME=VALUE or in config.json \"variables\"",
            lines.join("\n")
        ))
    })
}

/// Renders and statically validates a change set template; warnings go to stderr.
pub fn changeset_request(printer: &Printer, path: &Path, vars: &Vars) -> anyhow::Result<Value> {
    let request = render(path, &read_json(path)?, vars)?;
    check_changeset(printer, path, &request)?;
    Ok(request)
}

/// Prints the warnings; returns the errors, each line prefixed with `label` (the file).
pub fn warn_and_collect_errors(
    printer: &Printer,
    label: &str,
    diagnostics: &[Diagnostic],
) -> Vec<String> {
    let mut errors = Vec::new();
    for d in diagnostics {
        let line = format!("{label}: {d}");
        match d.severity {
            Severity::Error => errors.push(line),
            Severity::Warning => printer.warn(line),
        }
    }
    errors
}

/// Static validation of a rendered change set: errors are bad input, warnings are printed.
pub fn check_changeset(printer: &Printer, path: &Path, request: &Value) -> anyhow::Result<()> {
    let diagnostics = changeset::validate(request, &ValidateOptions::sending());
    let errors = warn_and_collect_errors(printer, &path.display().to_string(), &diagnostics);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(bad_input(errors.join("\n")))
    }
}

/// Loads the buyer file.
pub fn buyers(settings: &Settings) -> anyhow::Result<Vec<String>> {
    buyers::load(&settings.buyers_path)
}

/// Reads and checks the opportunity payload (rendered) without sending it.
pub fn opportunity_payload(settings: &Settings, vars: &Vars) -> anyhow::Result<Value> {
    let path = template_path(settings, &settings.config.opportunity_template);
    let payload = render(&path, &read_json(&path)?, vars)?;
    check_opportunity(&path, &payload)?;
    Ok(payload)
}

/// Checks a rendered opportunity payload against CreateOpportunity's shape (nothing sent).
pub fn check_opportunity(path: &Path, payload: &Value) -> anyhow::Result<()> {
    let probe = aws_sdk_partnercentralselling::Client::from_conf(
        aws_sdk_partnercentralselling::Config::builder()
            .behavior_version(aws_config::BehaviorVersion::latest())
            .build(),
    );
    crate::aws::opportunity::apply_create(payload, probe.create_opportunity())
        .map_err(|e| bad_input(format!("{}: {}: {}", path.display(), e.path, e.message)))?;
    Ok(())
}
