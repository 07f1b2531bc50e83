//! Managing offers that already exist: reading one (`read`), listing them (`list`), summarizing
//! terms for people (`terms`), building the change sets that clone, extend, expire or replace an
//! offer (`changes`), usage-price rate cards from CSV (`rate_card`), and running a one-off change
//! set idempotently (`submit`).

pub mod changes;
pub mod discount;
pub mod list;
pub mod rate_card;
pub mod read;
pub mod submit;
pub mod terms;
