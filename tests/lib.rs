//! mpctl's integration tests: one binary, one module per topic.

mod boto3_changeset;
mod changeset_cli;
mod changeset_validate;
mod emulator_agreement;
mod emulator_catalog;
mod emulator_partner;
mod emulator_serve;
mod entity_cli;
mod init_cli;
mod support;
mod templates;
mod workflow;
