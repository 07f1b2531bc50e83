//! mpctl's integration tests: one binary, one module per topic.

mod support;
mod emulator_agreement;
mod changeset_validate;
mod workflow;
mod emulator_partner;
mod emulator_catalog;
