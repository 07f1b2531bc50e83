//! The emulator's store (`--data FILE`: an SQLite snapshot and command log): replaying the log
//! rebuilds exactly the live world (determinism), old JSON data files are migrated and other
//! files refused untouched, and no acknowledged write is lost when the process is killed.

mod crash;
mod determinism;
mod migration;
mod workload;
