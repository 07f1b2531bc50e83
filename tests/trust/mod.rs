//! Issue 18, trust before the first real write: each numbered finding of the issue as a test
//! through the built binary — named files that must exist, requests that may have reached one
//! target kept from another, dates AWS refuses, sample values kept from AWS, failures that
//! say the way out, and `--plan` rendering exactly what a run sends.

mod dates;
mod failures;
mod named_files;
mod plan_fidelity;
mod samples;
mod targets;
