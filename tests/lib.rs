//! mpctl's integration tests: one binary, one module per topic.

mod bad_input;
mod changeset_validate;
mod crash_points;
mod emulator_agreement;
mod emulator_catalog;
mod emulator_partner;
mod emulator_serve;
mod faults;
mod interrupts;
mod secrets;
mod support;
mod workflow;
