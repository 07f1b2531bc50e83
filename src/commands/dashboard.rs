//! `dashboard`: checks the bind address, connects the same clients as every command, serves
//! the web dashboard and prints its URL (with the access token) until SIGINT/SIGTERM.

use std::io::Write;
use std::sync::Arc;

use crate::aws;
use crate::cli::DashboardArgs;
use crate::dashboard::{self, Options};
use crate::exit::bad_input;
use crate::output::Printer;
use crate::settings::Settings;

pub async fn run(
    settings: Settings,
    printer: &Printer,
    args: &DashboardArgs,
) -> anyhow::Result<()> {
    // Ctrl-C stops a server: it says "shutting down", not a run's "stopping at the next safe point".
    crate::interrupt::serving();
    if !args.bind.ip().is_loopback() && !args.allow_remote {
        return Err(bad_input(format!(
            "--bind {} is not a loopback address\n  hint: the dashboard can change offers; pass --allow-remote to expose it anyway",
            args.bind
        )));
    }
    let clients = aws::connect(&settings).await?;
    let runner_printer = Arc::new(Printer::new(
        settings.output,
        settings.verbosity,
        printer.color(),
    ));
    let options = Options {
        bind: args.bind,
        read_only: args.read_only,
        // The per-row reads keep within AWS's quotas with the campaign's limiter.
        pace: Arc::new(crate::campaign::limiter::Limiter::default()),
    };
    let server = dashboard::serve(options, clients, settings, runner_printer).await?;
    {
        let mut out = std::io::stdout().lock();
        writeln!(out, "dashboard: {}", server.url)?;
        out.flush()?;
    }
    if args.open {
        open_browser(printer, &server.url);
    }
    super::emulator::shutdown_signal().await;
    printer.info("dashboard: shutting down");
    server.task.abort();
    Ok(())
}

/// Best effort, the URL is printed either way. The opener honours `$BROWSER` (a command, `%s`
/// for the URL), then the desktop's default (xdg-open, `open` on macOS, …).
fn open_browser(printer: &Printer, url: &str) {
    if let Err(e) = webbrowser::open(url) {
        printer.warn(format!(
            "could not open a browser ({e}); open the URL above"
        ));
    }
}
