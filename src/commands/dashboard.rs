//! `dashboard`: checks the bind address, connects the same clients as every command (paced at
//! AWS's quotas), picks this target's cache file (or clears it), serves the web dashboard and
//! prints its URL (with the access token) until SIGINT/SIGTERM.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::aws;
use crate::campaign::limiter::Limiter;
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
    // Every call of the dashboard (listings, per-row reads, events, actions) is paced at AWS's
    // quotas by the campaign's limiter, raised where config `campaign.quotas` says so.
    let limiter = Arc::new(Limiter::new(
        Duration::from_secs_f64(settings.config.retry.attempt_timeout_seconds),
        settings.config.campaign.quotas.clone(),
    ));
    let wrap = |http| limiter.wrap(http);
    let (clients, account) = aws::connect_with(&settings, Some(&wrap)).await?;
    let runner_printer = Arc::new(Printer::new(
        settings.output,
        settings.verbosity,
        printer.color(),
    ));
    let cache = cache_file(&settings, printer, args, account)?;
    let options = Options {
        bind: args.bind,
        read_only: args.read_only,
        cache,
        describe_rate: limiter.rate(DESCRIBE_AGREEMENT),
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

const DESCRIBE_AGREEMENT: &str = "AWSMPCommerceService_v20200301.DescribeAgreement";

/// This target's cache file (see `dashboard::store::path_for`), removed first with
/// `--clear-cache`; `None` with `--no-cache`.
fn cache_file(
    settings: &Settings,
    printer: &Printer,
    args: &DashboardArgs,
    account: Option<String>,
) -> anyhow::Result<Option<PathBuf>> {
    if args.no_cache {
        return Ok(None);
    }
    // [I] Without an account id from the credentials, the profile stands for the account
    // (an STS call at every start would cost a round trip for the same answer).
    let who = account.unwrap_or_else(|| match (&settings.profile, settings.is_loopback()) {
        (_, true) => "emulator".into(),
        (Some(p), false) => format!("profile-{p}"),
        (None, false) => {
            std::env::var("AWS_PROFILE").map_or("default".into(), |p| format!("profile-{p}"))
        }
    });
    let path = dashboard::store::path_for(settings, &who);
    if args.clear_cache {
        let removed = dashboard::store::remove(&path)
            .map_err(|e| anyhow::anyhow!("cannot remove {}: {e}", path.display()))?;
        let what = if removed {
            "cleared"
        } else {
            "was already empty:"
        };
        printer.info(format!("dashboard: cache {what} {}", path.display()));
    }
    printer.info(format!("dashboard: cache {}", path.display()));
    Ok(Some(path))
}
