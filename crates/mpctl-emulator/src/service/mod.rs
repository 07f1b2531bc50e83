//! Services as tables. Each service declares its operations once, in one [`Table`]: the name,
//! the handler, read or write, and the codec facts the wire needs (the members CBOR tags as
//! timestamps); AWS's documented rate of each row is read from the quota table the CLI's limiter
//! uses too (`mpctl_facts::quotas`), so the two sides cannot disagree. The router, quota enforcement, the CBOR codec and the
//! unknown-operation answer read that table, and every service dispatches the same way:
//! [`Table::prepare`] finds the row, checks the HTTP method and the input against the service's
//! embedded botocore model ([`validate`]), and hands back the handler to run on the service's
//! context. Adding an operation is one row plus one handler.
//!
//! `registry` maps a [`Service`] to its table for the parts that do not know the handler type.

pub mod model;
pub mod validate;

use chrono::{DateTime, Utc};
use mpctl_facts::Api;
use serde_json::Value;

use self::model::Model;
use self::validate::Violation;
use crate::wire::ApiError;

/// Whether an operation changes state (AWS's quotas and the outbox care).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

/// One row of a service table.
#[derive(Debug, Clone, Copy)]
pub struct Operation<H> {
    /// The model's operation name (`CreateOpportunity`).
    pub name: &'static str,
    pub access: Access,
    /// The handler, typed by the service (it receives the service's context).
    pub run: H,
}

impl<H> Operation<H> {
    pub const fn read(name: &'static str, run: H) -> Self {
        Operation {
            name,
            access: Access::Read,
            run,
        }
    }

    pub const fn write(name: &'static str, run: H) -> Self {
        Operation {
            name,
            access: Access::Write,
            run,
        }
    }
}

/// One request as a service sees it once routed and decoded.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub method: &'a str,
    pub op: &'a str,
    pub input: &'a Value,
    pub now: DateTime<Utc>,
    /// The calling account.
    pub caller: &'a str,
}

/// A service's operations and the facts its wire and errors need.
/// The message every service gives for an operation its table has no row for.
pub fn not_served(request: &Request) -> String {
    format!(
        "The operation {} is not supported by the emulator.",
        request.op
    )
}

/// The message of the first model violation (what a service's ValidationException says).
pub fn first_violation(violations: &[Violation]) -> &str {
    violations
        .first()
        .map_or("The request failed validation.", |v| v.message.as_str())
}

#[derive(Debug)]
pub struct Table<H: 'static> {
    /// The API whose quotas apply (`mpctl_facts::quotas`).
    pub api: Api,
    pub model: &'static Model,
    pub operations: &'static [Operation<H>],
    /// Members the CBOR encoder writes as tagged epoch timestamps (empty without CBOR).
    pub timestamps: &'static [&'static str],
    /// The service's answer to an operation it does not serve.
    pub unknown: fn(&Request) -> ApiError,
    /// The service's `ValidationException` for model violations.
    pub invalid: fn(&[Violation]) -> ApiError,
}

impl<H: Copy> Table<H> {
    pub fn find(&self, op: &str) -> Option<&Operation<H>> {
        self.operations.iter().find(|o| o.name == op)
    }

    /// The handler for `request` after the checks every service makes: the operation is in the
    /// table, the request uses the model's HTTP method, and the input satisfies the model.
    pub fn prepare(&self, request: &Request) -> Result<H, ApiError> {
        let row = self
            .find(request.op)
            .filter(|_| self.model.http(request.op).map(|h| h.0) == Some(request.method))
            .ok_or_else(|| (self.unknown)(request))?;
        let violations = validate::check(self.model, request.op, request.input);
        if violations.is_empty() {
            Ok(row.run)
        } else {
            Err((self.invalid)(&violations))
        }
    }
}

/// What the router, quotas and tests read of a row, whatever the handler type.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OpInfo {
    pub name: &'static str,
    pub access: Access,
    /// Requests per second AWS allows per account (`mpctl_facts::quotas`).
    pub rate: f64,
}

/// A table seen without its handler type.
pub trait Spec: Sync {
    fn operation(&self, op: &str) -> Option<OpInfo>;
    fn timestamps(&self) -> &'static [&'static str];
    /// The API, the model and every row (the tables' own tests walk them).
    #[cfg(test)]
    fn api(&self) -> Api;
    #[cfg(test)]
    fn model(&self) -> &'static Model;
    #[cfg(test)]
    fn operations(&self) -> Vec<OpInfo>;
}

impl<H: Copy + Sync> Spec for Table<H> {
    #[cfg(test)]
    fn api(&self) -> Api {
        self.api
    }

    #[cfg(test)]
    fn model(&self) -> &'static Model {
        self.model
    }

    fn operation(&self, op: &str) -> Option<OpInfo> {
        self.find(op).map(|row| info(self.api, row))
    }

    #[cfg(test)]
    fn operations(&self) -> Vec<OpInfo> {
        self.operations
            .iter()
            .map(|row| info(self.api, row))
            .collect()
    }

    fn timestamps(&self) -> &'static [&'static str] {
        self.timestamps
    }
}

fn info<H>(api: Api, row: &Operation<H>) -> OpInfo {
    OpInfo {
        name: row.name,
        access: row.access,
        rate: mpctl_facts::quotas::rate(api, row.name),
    }
}
