//! Emulated Marketplace Agreement API. PLACEHOLDER: being written.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::catalog::CatalogState;
use super::clock::Timings;
use super::wire::{ApiError, OpResult};
use super::world::World;

#[derive(Debug, Default)]
pub struct AgreementState {}

impl AgreementState {
    pub fn advance(&mut self, _now: DateTime<Utc>, _timings: &Timings, _catalog: &CatalogState) {}
}

pub fn handle(_world: &mut World, op: &str, _input: &Value, _now: DateTime<Utc>) -> OpResult {
    Err(ApiError::new(400, "UnknownOperationException", format!("unknown operation {op}")))
}
