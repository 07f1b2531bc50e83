//! A change set FILE (or `@NAME` from the embedded library) turned into the exact
//! StartChangeSet request: parsed (syntax errors with line and column), rendered with the
//! built-in, config, state, buyer and `--var` variables, given `Catalog`, `--name`,
//! `--intent` and a ClientRequestToken derived from the content, then validated.
//!
//! The token is a UUID v5 of the rendered request, so the same command with the same inputs
//! sends the same token and AWS returns the existing change set instead of starting another.

use serde_json::{Map, Value};

use crate::cli::{Intent, RequestArgs, TemplateArgs};
use crate::exit::bad_input;
use crate::library;
use crate::output::Printer;
use crate::project::{buyers, state::State};
use crate::settings::Settings;
use crate::template::{self, Vars};
use mpctl_changeset::{self as changeset, Diagnostic, ValidateOptions};

/// A rendered, finalised request and what validation found in it.
pub struct Prepared {
    pub label: String,
    pub request: Value,
    pub diagnostics: Vec<Diagnostic>,
}

/// The text of FILE or `@NAME`.
fn read(file: &str) -> Result<String, String> {
    if file.starts_with('@') {
        return library::find(file).map(|t| t.text.to_string()).ok_or_else(|| {
            format!(
                "no library template named '{file}'\n  hint: `mpctl changeset templates` lists them: @{}",
                library::names().join(", @")
            )
        });
    }
    std::fs::read_to_string(file).map_err(|e| {
        format!(
            "cannot read: {e}\n  hint: give a change set file path, or @NAME for a library template"
        )
    })
}

/// JSON syntax errors as a diagnostic with line and column.
fn parse(text: &str) -> Result<Value, Diagnostic> {
    serde_json::from_str(text).map_err(|e| {
        Diagnostic::error(
            "INVALID_JSON",
            "",
            format!("line {} column {}: {e}", e.line(), e.column()),
        )
        .with_hint("fix the JSON syntax at that position")
    })
}

/// Built-ins, config `variables`, state ids, buyer_ids.txt (when the file uses BUYER_IDS and
/// the file exists) and `--var` overrides (a JSON array value becomes a list).
fn vars(settings: &Settings, text: &str, args: &TemplateArgs) -> anyhow::Result<Vars> {
    let state = State::load(&settings.state_path)?;
    let buyers = if library::variables(text).iter().any(|v| v == "BUYER_IDS")
        && settings.buyers_path.exists()
    {
        Some(buyers::load(&settings.buyers_path)?)
    } else {
        None
    };
    let mut vars = template::variables(
        &settings.config,
        &state,
        buyers.as_deref(),
        crate::aws::service_time::target_today(),
        &args.vars,
    );
    // `--var NAME='["a","b"]'` gives a list (e.g. BUYER_IDS, COUNTRY_CODES); other values stay text.
    for (k, v) in &args.vars {
        if v.trim_start().starts_with('[') {
            if let Ok(list @ Value::Array(_)) = serde_json::from_str::<Value>(v) {
                vars.insert(k.clone(), list);
            }
        }
    }
    Ok(vars)
}

/// The state's ids the template uses (and no `--var` replaces) must live where the request
/// goes: an emulator's `offer-…` rendered into a change set for AWS is refused (exit 2, before
/// anything is sent), like the step commands refuse such a state file.
fn check_state_ids(settings: &Settings, text: &str, args: &TemplateArgs) -> anyhow::Result<()> {
    let Some(m) = settings.mismatch(&State::load(&settings.state_path)?) else {
        return Ok(());
    };
    let used = library::variables(text);
    let keys: Vec<&str> = m
        .keys
        .iter()
        .copied()
        .filter(|k| used.iter().any(|v| v == k) && !args.vars.iter().any(|(n, _)| n == k))
        .collect();
    if keys.is_empty() {
        return Ok(());
    }
    Err(bad_input(format!(
        "the template uses {} from {}, created on {}, but this request goes to {}, where {} not exist; nothing was sent\n  hint: pass the real id with --var {}=…, or use --state FILE for this target",
        keys.join(", "),
        settings.state_path.display(),
        m.made,
        m.runs,
        if keys.len() == 1 { "it does" } else { "they do" },
        keys[0]
    )))
}

/// Renders what can be rendered; unresolved `{{NAME}}`s stay as they are, so validation
/// reports each one at its JSON path.
fn render(template: &Value, vars: &Vars) -> Value {
    match template::render(template, vars) {
        Ok(v) => v,
        Err(missing) => {
            let mut vars = vars.clone();
            for u in missing {
                let placeholder = format!("{{{{{}}}}}", u.name);
                vars.insert(u.name, Value::String(placeholder));
            }
            template::render(template, &vars).unwrap_or_else(|_| template.clone())
        }
    }
}

/// Adds `Catalog` when absent, `--name`, `--intent` and the content-derived token.
pub fn finalize(request: Value, args: &RequestArgs) -> Value {
    let fields = match request {
        Value::Object(fields) => fields,
        other => return other,
    };
    let mut out = Map::new();
    out.insert(
        "Catalog".into(),
        fields
            .get("Catalog")
            .cloned()
            .unwrap_or_else(|| Value::String(changeset::CATALOG.into())),
    );
    for (k, v) in fields {
        if k != "Catalog" {
            out.insert(k, v);
        }
    }
    if let Some(name) = &args.name {
        out.insert("ChangeSetName".into(), Value::String(name.clone()));
    }
    if let Some(intent) = args.intent {
        let text = match intent {
            Intent::Validate => "VALIDATE",
            Intent::Apply => "APPLY",
        };
        out.insert("Intent".into(), Value::String(text.into()));
    }
    if !out.contains_key("ClientRequestToken") {
        let token = client_request_token(&Value::Object(out.clone()));
        out.insert("ClientRequestToken".into(), Value::String(token));
    }
    Value::Object(out)
}

/// UUID v5 (URL namespace) of `mpctl:changeset:` + the request's compact JSON.
pub fn client_request_token(request: &Value) -> String {
    let name = format!("mpctl:changeset:{request}");
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, name.as_bytes()).to_string()
}

/// Everything validate reports for one file (unreadable files and syntax errors included).
pub fn diagnostics(
    settings: &Settings,
    file: &str,
    args: &TemplateArgs,
) -> anyhow::Result<Vec<Diagnostic>> {
    let text = match read(file) {
        Ok(t) => t,
        Err(msg) => {
            let (message, hint) = msg.split_once("\n  hint: ").unwrap_or((&msg, ""));
            return Ok(vec![
                Diagnostic::error("UNREADABLE_FILE", "", message).with_hint(hint)
            ]);
        }
    };
    let template = match parse(&text) {
        Ok(v) => v,
        Err(d) => return Ok(vec![d]),
    };
    let vars = vars(settings, &text, args)?;
    let request = finalize(render(&template, &vars), &RequestArgs::default());
    Ok(changeset::validate(&request, &ValidateOptions::default()))
}

/// Every `--var` must be used by one of `files` (unreadable ones are reported per file).
pub fn check_var_flags(files: &[String], args: &TemplateArgs) -> anyhow::Result<()> {
    let texts: Vec<String> = files.iter().filter_map(|f| read(f).ok()).collect();
    crate::workflow::inputs::check_var_flags(
        &args.vars,
        texts.iter().map(String::as_str),
        &files.join(", "),
    )
}

/// The request `render` prints and `start` sends, with its diagnostics.
pub fn prepare(
    settings: &Settings,
    file: &str,
    template_args: &TemplateArgs,
    request_args: &RequestArgs,
) -> anyhow::Result<Prepared> {
    let text = read(file).map_err(|m| bad_input(format!("{file}: {m}")))?;
    let template = parse(&text).map_err(|d| bad_input(format!("{file}: {d}")))?;
    check_var_flags(&[file.to_string()], template_args)?;
    check_state_ids(settings, &text, template_args)?;
    let vars = vars(settings, &text, template_args)?;
    let request = finalize(render(&template, &vars), request_args);
    let diagnostics = changeset::validate(&request, &ValidateOptions::sending());
    Ok(Prepared {
        label: file.to_string(),
        request,
        diagnostics,
    })
}

/// Errors stop the command (exit 2, nothing sent); warnings go to stderr.
pub fn fail_on_errors(printer: &Printer, prepared: &Prepared) -> anyhow::Result<()> {
    let errors = crate::workflow::inputs::warn_and_collect_errors(
        printer,
        &prepared.label,
        &prepared.diagnostics,
    );
    if errors.is_empty() {
        Ok(())
    } else {
        Err(bad_input(format!(
            "{}\n  ({} error(s); nothing was sent — check the file with `mpctl changeset validate {}`)",
            errors.join("\n"),
            errors.len(),
            prepared.label
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn finalize_fills_catalog_and_a_stable_token() {
        let req = json!({"ChangeSet": []});
        let a = finalize(req.clone(), &RequestArgs::default());
        let b = finalize(req, &RequestArgs::default());
        assert_eq!(a, b);
        assert_eq!(a["Catalog"], "AWSMarketplace");
        assert_eq!(a["ClientRequestToken"].as_str().map(str::len), Some(36));
        let named = finalize(
            json!({"ChangeSet": []}),
            &RequestArgs {
                name: Some("x".into()),
                intent: Some(Intent::Validate),
            },
        );
        assert_eq!(named["Intent"], "VALIDATE");
        assert_ne!(named["ClientRequestToken"], a["ClientRequestToken"]);
    }
}
