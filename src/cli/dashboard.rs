//! `dashboard`: where the local web dashboard listens and what it may do.

use std::net::SocketAddr;

use clap::Args;

#[derive(Debug, Clone, Args)]
pub struct DashboardArgs {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:0")]
    pub bind: SocketAddr,
    /// Accept connections from other hosts (non-loopback --bind).
    #[arg(long)]
    pub allow_remote: bool,
    /// Open the dashboard in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Show data only: no clone, extend, expire or replace.
    #[arg(long)]
    pub read_only: bool,
    /// Delete this target's cache (.mpctl-dashboard/ next to the state file) first, so
    /// everything is read again.
    #[arg(long)]
    pub clear_cache: bool,
    /// Keep what was read in memory only (no cache file).
    #[arg(long, conflicts_with = "clear_cache")]
    pub no_cache: bool,
}
