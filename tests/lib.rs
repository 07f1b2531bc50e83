//! mpctl's integration tests: one binary, one module per topic.

mod changeset_validate;
mod cosell_cli;
mod emulator_agreement;
mod emulator_catalog;
mod emulator_invitations;
mod emulator_partner;
mod emulator_serve;
mod opportunity_resubmit;
mod support;
mod workflow;
