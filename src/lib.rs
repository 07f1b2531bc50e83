//! mpctl: the AWS Marketplace seller workflow, from SaaS product to committed co-sell deal,
//! against AWS or the bundled emulator.

pub mod agreements;
pub mod aws;
pub mod buyer;
pub mod campaign;
pub mod cli;
pub mod commands;
pub mod confirm;
pub mod cosell;
pub mod crash;
pub mod dashboard;
pub mod exit;
pub mod interrupt;
pub mod library;
pub mod offers;
pub mod output;
pub mod project;
pub mod resume;
pub mod settings;
pub mod template;
pub mod workflow;

/// Runs a parsed command line; returns the process exit code.
pub fn run(cli: cli::Cli) -> i32 {
    let verbosity = if cli.global.quiet {
        -1
    } else {
        cli.global.verbose as i8
    };
    init_tracing(verbosity);
    let printer = output::Printer::new(cli.global.output, verbosity);
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

/// -vv shows mpctl's debug logs, -vvv also the SDK's. Never logs credentials: the SDK redacts
/// them and mpctl does not log request bodies.
fn init_tracing(verbosity: i8) {
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    use tracing_subscriber::Layer;
    let filter = match verbosity {
        i8::MIN..=1 => "warn",
        2 => "mpctl=debug,warn",
        _ => "debug",
    };
    let env_filter =
        tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| filter.into());
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_filter(env_filter)
        .with_filter(tracing_subscriber::filter::filter_fn(|meta| {
            !may_show_credentials(meta)
        }));
    let _ = tracing_subscriber::registry().with(layer).try_init();
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
