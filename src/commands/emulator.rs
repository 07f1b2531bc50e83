//! `emulator serve`: run the emulator until SIGINT/SIGTERM.

use std::io::Write;

use crate::cli::ServeArgs;
use crate::exit::bad_input;
use crate::output::Printer;
use mpctl_emulator::{self as emulator, Options, Timings};
use mpctl_emulator::{FaultKind, FaultOptions};

pub async fn serve(args: &ServeArgs, printer: &Printer) -> anyhow::Result<()> {
    if !args.bind.ip().is_loopback() && !args.allow_remote {
        return Err(bad_input(format!(
            "--bind {} is not a loopback address\n  hint: the emulator has no authentication; pass --allow-remote to expose it anyway",
            args.bind
        )));
    }
    if !(0.0..=1.0).contains(&args.fault_rate) {
        return Err(bad_input(format!(
            "--fault-rate {} must be a fraction between 0 and 1 (e.g. 0.2)",
            args.fault_rate
        )));
    }
    for (name, v) in [
        ("--changeset-seconds", args.changeset_seconds),
        ("--task-seconds", args.task_seconds),
        ("--accept-seconds", args.accept_seconds),
        ("--fault-delay-seconds", args.fault_delay_seconds),
    ] {
        if !(v.is_finite() && v >= 0.0) {
            return Err(bad_input(format!(
                "{name} {v} must be a non-negative number of seconds"
            )));
        }
    }
    let handle = emulator::serve(Options {
        bind: args.bind,
        timings: Timings {
            changeset_seconds: args.changeset_seconds,
            task_seconds: args.task_seconds,
            accept_seconds: args.accept_seconds,
        },
        log_requests: true,
        faults: (args.fault_rate > 0.0).then(|| FaultOptions {
            rate: args.fault_rate,
            seed: args.fault_seed,
            kinds: args
                .fault_kinds
                .clone()
                .map(|k| k.0)
                .unwrap_or_else(|| FaultKind::ALL.to_vec()),
            slow_delay: std::time::Duration::from_secs_f64(args.fault_delay_seconds),
        }),
        enforce_quotas: args.enforce_quotas,
        data: args.data.clone(),
    })
    .await
    .map_err(|e| match e.downcast::<emulator::DataError>() {
        Ok(data) => bad_input(data.0),
        Err(other) => other,
    })?;
    {
        let mut out = std::io::stdout().lock();
        writeln!(out, "listening on {}", handle.base_url)?;
        out.flush()?;
    }
    shutdown_signal().await;
    printer.info("emulator: shutting down");
    handle.stop().await;
    Ok(())
}

pub(super) async fn shutdown_signal() {
    let ctrl_c = crate::interrupt::interrupted();
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("SIGTERM handler");
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        ctrl_c.await;
    }
}
