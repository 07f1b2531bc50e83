//! mpctl's integration tests: one binary, one module per topic.

mod bad_input;
mod boto3_changeset;
mod campaign;
mod changeset_cli;
mod changeset_validate;
mod cosell_cli;
mod crash_points;
mod emulator_agreement;
mod emulator_catalog;
mod emulator_corpus;
mod emulator_invitations;
mod emulator_listing;
mod emulator_partner;
mod emulator_rules;
mod emulator_serve;
mod entity_cli;
mod faults;
mod init_cli;
mod interrupts;
mod lifecycle;
mod opportunity_resubmit;
mod runner;
mod secrets;
mod support;
mod templates;
mod workflow;
