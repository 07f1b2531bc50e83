//! mpctl's integration tests: one binary, one module per topic.

mod changeset_validate;
mod emulator_agreement;
mod emulator_catalog;
mod emulator_corpus;
mod emulator_listing;
mod emulator_partner;
mod emulator_rules;
mod emulator_serve;
mod support;
mod workflow;
