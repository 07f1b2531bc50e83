//! The emulator through the real clients (the Rust SDK, raw requests, boto3, and `mpctl
//! emulator serve` as a process): one module per service, and at this level what spans the
//! services — accounts, what they share, the clock, serving.

mod accounts;
mod agreement;
mod catalog;
mod clock;
mod discovery;
mod events;
mod metering;
mod outbox;
mod partner;
mod request_log;
mod serve;
mod sharing;
