//! Ctrl-C. The handler is installed once at start-up, so SIGINT never kills mpctl between a
//! write and saving its result: the first Ctrl-C is recorded and the run stops at the next
//! waiting point with exit 130 and the resume command (the state file is always consistent,
//! every save being atomic). A second Ctrl-C exits at once.

use std::sync::OnceLock;

use tokio::sync::watch;

static INTERRUPTED: OnceLock<watch::Sender<bool>> = OnceLock::new();

/// Set by the servers (`emulator serve`, `dashboard`): Ctrl-C is how they are stopped, and they
/// say "shutting down" themselves; the runs' "stopping at the next safe point" would follow it.
static SERVING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Ctrl-C stops this process as a server: no "interrupt received" line.
pub fn serving() {
    SERVING.store(true, std::sync::atomic::Ordering::Relaxed);
}

fn sender() -> &'static watch::Sender<bool> {
    INTERRUPTED.get_or_init(|| watch::channel(false).0)
}

/// Starts listening for Ctrl-C; call once, inside the runtime. On Unix the handler is in
/// place when this returns (a SIGINT right after start-up is caught, not fatal).
pub fn install() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::interrupt()) {
            Ok(mut sigint) => {
                tokio::spawn(async move {
                    while sigint.recv().await.is_some() {
                        on_interrupt();
                    }
                });
            }
            Err(e) => tracing::warn!("cannot catch Ctrl-C: {e}"),
        }
    }
    #[cfg(not(unix))]
    tokio::spawn(async {
        while tokio::signal::ctrl_c().await.is_ok() {
            on_interrupt();
        }
    });
}

/// The first Ctrl-C is recorded (and, outside a server, announced); a second exits at once.
fn on_interrupt() {
    if sender().send_replace(true) {
        crate::output::progress::suspend(|| {
            eprintln!("mpctl: interrupted again; exiting now (the state file is consistent)")
        });
        std::process::exit(crate::exit::ExitCode::Interrupted as i32);
    }
    if !SERVING.load(std::sync::atomic::Ordering::Relaxed) {
        crate::output::progress::suspend(|| {
            eprintln!("mpctl: interrupt received; stopping at the next safe point (Ctrl-C again to exit now)")
        });
    }
}

/// Whether Ctrl-C was pressed.
pub fn is_interrupted() -> bool {
    *sender().borrow()
}

/// Resolves once Ctrl-C has been pressed (at once if it already was).
pub async fn interrupted() {
    let mut rx = sender().subscribe();
    let _ = rx.wait_for(|v| *v).await;
}

/// A request Ctrl-C stopped where dropping it is safe: a write still queued (never sent; the
/// re-run sends it with the token its step saved), or a read on the wire.
#[derive(Debug, thiserror::Error)]
#[error("stopped by Ctrl-C (nothing written)")]
pub struct Stopped;
