//! Product listings as buyers see them on AWS Marketplace. `preview` reads a listing, product,
//! offer or offer set through Marketplace Discovery signed as a buyer account.
//!
//! Listing files (listing as code): `file` (the format, reading with positions via `locate`),
//! `live` (DescribeEntity), `diff` (field by field), `plan` with `plan_product` (delivery content in `plan_delivery`), `plan_offer` and `plan_resale`
//! (the change set that makes AWS match the files), `run` (pull, diff, plan, apply) and `report`
//! (their results).

pub mod preview;

pub mod diff;
pub mod file;
pub mod live;
mod locate;
pub mod plan;
pub mod plan_delivery;
pub mod plan_offer;
pub mod plan_product;
pub mod plan_resale;
pub mod report;
pub mod run;
