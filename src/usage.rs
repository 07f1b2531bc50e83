//! Command-line usage errors (what clap rejects) reported like every other failure: clap's
//! text on stderr as `mpctl: error: …`, exit 2, and under `--output json` the failure document
//! on stdout — found in the raw arguments, since they did not parse.

/// Reports a command line clap rejected: clap's text on stderr (prefixed `mpctl: `) and, when
/// the raw arguments ask for `--output json`, the failure document on stdout. `--help` and
/// `--version` are not errors: their text goes to stdout, exit 0.
pub fn report(e: &clap::Error, args: &[std::ffi::OsString]) -> i32 {
    let code = e.exit_code();
    if code == 0 {
        let _ = e.print();
        return 0;
    }
    let text = e.render().to_string();
    eprint!("mpctl: {text}");
    if wants_json(args) {
        let mut lines = text.lines().filter(|l| !l.trim().is_empty());
        let first = lines.next().unwrap_or("invalid command line");
        let message = match e.kind() {
            // Clap prints the whole help here; its first line is no error message.
            clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                "a command is required (see --help)".to_string()
            }
            _ => first.strip_prefix("error: ").unwrap_or(first).to_string(),
        };
        let hint = lines
            .map(|l| l.trim().trim_start_matches("tip: ").to_string())
            .collect::<Vec<_>>()
            .join("; ");
        crate::output::print_error_doc(crate::output::ErrorBody {
            kind: crate::output::ErrorKind::Usage,
            exit_code: code,
            message,
            hint: (!hint.is_empty()).then_some(hint),
        });
    }
    code
}

/// `--output json` or `--output=json` anywhere before a `--`.
fn wants_json(args: &[std::ffi::OsString]) -> bool {
    let args: Vec<&str> = args
        .iter()
        .skip(1)
        .map(|a| a.to_str().unwrap_or(""))
        .take_while(|a| *a != "--")
        .collect();
    args.contains(&"--output=json")
        || args
            .windows(2)
            .any(|w| w[0] == "--output" && w[1] == "json")
}
