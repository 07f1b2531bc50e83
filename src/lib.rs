//! mpctl: the AWS Marketplace seller workflow, from SaaS product to committed co-sell deal,
//! against AWS or the bundled emulator.

pub mod agreements;
pub mod aws;
pub mod buyer;
pub mod changeset;
pub mod cli;
pub mod commands;
pub mod crash;
pub mod emulator;
pub mod exit;
pub mod offers;
pub mod output;
pub mod project;
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
    match runtime.block_on(commands::run(cli, &printer)) {
        Ok(()) => exit::ExitCode::Success as i32,
        Err(err) => {
            let code = exit::code_for(&err) as i32;
            printer.error(&err, code);
            code
        }
    }
}

/// -vv shows mpctl's debug logs, -vvv also the SDK's. Never logs credentials: the SDK redacts
/// them and mpctl does not log request bodies.
fn init_tracing(verbosity: i8) {
    let filter = match verbosity {
        i8::MIN..=1 => "warn",
        2 => "mpctl=debug,warn",
        _ => "debug",
    };
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| filter.into()),
        )
        .with_writer(std::io::stderr)
        .try_init();
}
