//! The `Catalog` member's two values. `AWS` (production) and `Sandbox` (test) are separate data
//! sets (aws-behavior §C); every partner module names them, so they live apart from the data.

use serde_json::Value;

use super::errors::{code, request_field};
use crate::wire::{required_str, ApiError};

/// The `Catalog` member's two values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CatalogName {
    Aws,
    Sandbox,
}

impl CatalogName {
    /// Reads the request's `Catalog` member.
    pub fn from_input(input: &Value) -> Result<Self, ApiError> {
        match required_str(input, "Catalog")? {
            "AWS" => Ok(CatalogName::Aws),
            "Sandbox" => Ok(CatalogName::Sandbox),
            other => Err(request_field(
                "Catalog",
                code::INVALID_VALUE,
                format!("Catalog '{other}' is not valid; use 'AWS' or 'Sandbox'."),
            )),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CatalogName::Aws => "AWS",
            CatalogName::Sandbox => "Sandbox",
        }
    }
}
