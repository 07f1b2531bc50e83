//! mpctl: the AWS Marketplace seller workflow, from SaaS product to committed co-sell deal,
//! against AWS or the bundled emulator.

pub mod agreement;
pub mod aws;
pub mod buyer;
pub mod campaign;
pub mod cli;
pub mod commands;
pub mod confirm;
pub mod cosell;
pub mod crash;
pub mod dashboard;
pub mod entitlement;
pub mod event;
pub mod exit;
pub mod interrupt;
pub mod library;
pub mod listing;
pub mod metering;
pub mod offer;
pub mod output;
pub mod project;
pub mod refund;
pub mod resume;
pub mod settings;
pub mod suggest;
pub mod template;
pub mod usage;
pub mod workflow;

/// Parses the raw command line and runs it; returns the process exit code. A usage error is
/// reported like any other failure (exit 2; under `--output json` also a JSON document on
/// stdout); `--help` and `--version` print their text and exit 0.
pub fn main(args: Vec<std::ffi::OsString>) -> i32 {
    use clap::{CommandFactory, FromArgMatches};
    // clap's own help text honours --color too, not only mpctl's output.
    let command = cli::Cli::command().color(usage::help_color(&args));
    let parsed = command
        .try_get_matches_from(&args)
        .and_then(|m| cli::Cli::from_arg_matches(&m));
    match parsed {
        Ok(cli) => run(cli),
        Err(e) => usage::report(&e, &args),
    }
}

/// Runs a parsed command line; returns the process exit code.
pub fn run(cli: cli::Cli) -> i32 {
    let verbosity = if cli.global.quiet {
        -1
    } else {
        cli.global.verbose as i8
    };
    let color = output::ColorChoice::from(cli.global.color).enabled();
    init_tracing(verbosity, color);
    let printer = output::Printer::new(cli.global.output.into(), verbosity, color);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("mpctl: error: cannot start the async runtime: {e}");
            return exit::ExitCode::Failure as i32;
        }
    };
    let result = runtime.block_on(async {
        interrupt::install();
        commands::run(cli, &printer).await
    });
    match result {
        Ok(()) => exit::ExitCode::Success as i32,
        Err(err) => {
            let err = if aws::is_transient(&err) {
                // The SDK's retries ran out on a failure that may pass; every write so far is
                // saved with its token, so the same command line picks up where this one stopped.
                err.context(format!(
                    "AWS failed temporarily (after retries); nothing is lost — resume with `{}`",
                    resume::command_line()
                ))
            } else {
                err
            };
            let code = exit::code_for(&err) as i32;
            printer.error(&err, code);
            code
        }
    }
}

/// mpctl's own lines (`-v`: endpoint, retries; `-vv`: one line per request) in a plain format;
/// the SDK's tracing only from `-vv` (RUST_LOG then overrides its filter), never with `-q`.
/// ANSI escapes only when colour is on. Lines go above the progress spinner, never into it.
/// Never logs credentials: the SDK redacts them, mpctl logs no header or body, and
/// [`may_show_credentials`] drops the SDK events that could show them.
fn init_tracing(verbosity: i8, color: bool) {
    use tracing_subscriber::filter::{filter_fn, EnvFilter, LevelFilter};
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    use tracing_subscriber::Layer;
    if verbosity < 0 {
        return;
    }
    let own_level = match verbosity {
        0 => LevelFilter::WARN,
        1 => LevelFilter::INFO,
        _ => LevelFilter::DEBUG,
    };
    let own = tracing_subscriber::fmt::layer()
        .with_writer(|| output::progress::StderrAbove)
        .with_ansi(color)
        .without_time()
        .with_target(false)
        .with_level(false)
        .with_filter(own_level)
        .with_filter(filter_fn(|meta| is_own(meta.target())));
    let sdk = (verbosity >= 2).then(|| {
        let default = if verbosity == 2 { "info" } else { "debug" };
        tracing_subscriber::fmt::layer()
            .with_writer(|| output::progress::StderrAbove)
            .with_ansi(color)
            .with_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| default.into()))
            .with_filter(filter_fn(|meta| {
                !is_own(meta.target()) && !may_show_credentials(meta)
            }))
    });
    let _ = tracing_subscriber::registry()
        .with(own)
        .with(sdk)
        .try_init();
}

/// mpctl's own targets (the CLI; not the emulator, whose request log is SDK-like detail).
fn is_own(target: &str) -> bool {
    target == "mpctl" || target.starts_with("mpctl::")
}

/// Log events that print whole signed requests (Authorization, X-Amz-Security-Token) or the
/// resolved identity (the access key id): never shown, whatever `-v` or `RUST_LOG` say.
fn may_show_credentials(meta: &tracing::Metadata<'_>) -> bool {
    let target = meta.target();
    let level = *meta.level();
    let identity = [
        "aws_smithy_runtime::client::orchestrator::endpoints",
        "aws_smithy_runtime::client::orchestrator::auth",
        "aws_smithy_runtime::client::identity",
        "aws_credential_types",
        "aws_config",
    ];
    if identity.iter().any(|t| target.starts_with(t)) {
        return level >= tracing::Level::DEBUG;
    }
    let wire = ["aws_sigv4", "aws_smithy", "aws_runtime", "hyper", "h2"];
    wire.iter().any(|t| target.starts_with(t)) && level == tracing::Level::TRACE
}
