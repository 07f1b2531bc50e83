//! Emulated Partner Central Selling API (awsJson1_0). PLACEHOLDER: being written.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::clock::Timings;
use super::wire::{ApiError, OpResult};
use super::world::World;

#[derive(Debug, Default)]
pub struct PartnerState {}

impl PartnerState {
    pub fn advance(&mut self, _now: DateTime<Utc>, _timings: &Timings) {}
}

pub fn handle(_world: &mut World, op: &str, _input: &Value, _now: DateTime<Utc>) -> OpResult {
    Err(ApiError::new(400, "UnknownOperationException", format!("unknown operation {op}")))
}
