//! One log entry — a request, an `advance` of the clock's lifecycles, or an admin operation —
//! and [`apply`], the one function that runs an entry on the world. The live path builds the
//! entry first and runs it through `apply` too, so a replay takes exactly the code path the
//! request took: same `now`, same seed (every random choice comes from it, see `crate::ids`),
//! same caller, same input, same timings and delivery faults.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::clock::Timings;
use crate::eventbridge::deliver::DeliveryFaults;
use crate::service::Request;
use crate::wire::{ApiError, OpResult, Service};
use crate::world::World;

/// What an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// An AWS request that reached the world (the lifecycles advanced to `now`, then the
    /// operation).
    Request,
    /// Only the lifecycles advanced to `now` (a long-poll retry that moved something).
    Advance,
    /// The emulator's own control path (`/__mpctl/…`) or a start-up option that changes the
    /// world (`--start-time`).
    Admin,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Request => "request",
            Kind::Advance => "advance",
            Kind::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        [Kind::Request, Kind::Advance, Kind::Admin]
            .into_iter()
            .find(|k| k.name() == s)
    }
}

/// What else decided the outcome, saved so a replay decides the same way.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Context {
    /// The HTTP method (Catalog's REST operations read it).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub method: String,
    /// `[changeset, task, accept, review]` seconds in effect.
    pub timings: [f64; 4],
    /// `--fault-rate`'s delivery faults in effect: `[rate, seed]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_faults: Option<(f64, u64)>,
    /// The `server-fault` fault doomed the change set this StartChangeSet started.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub server_fault: bool,
}

/// One row of the log.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub kind: Kind,
    /// The service's name ([`Service::name`]); empty for `advance` and `admin`.
    pub service: String,
    /// The operation; for `admin` the control operation (`advance-clock`, `set-clock`,
    /// `seed-lead`, `registration-token`, `seed-catalog`).
    pub op: String,
    pub caller: String,
    pub input: Value,
    pub now: DateTime<Utc>,
    pub seed: u64,
    pub context: Context,
}

impl Entry {
    /// A new entry at the world's `now` with a fresh seed and the world's settings.
    pub fn new(world: &World, kind: Kind, (service, op): (&str, &str), input: Value) -> Entry {
        let t = world.timings;
        Entry {
            kind,
            service: service.to_string(),
            op: op.to_string(),
            caller: String::new(),
            input,
            now: world.now(),
            seed: crate::ids::new_seed(),
            context: Context {
                method: String::new(),
                timings: [
                    t.changeset_seconds,
                    t.task_seconds,
                    t.accept_seconds,
                    t.review_seconds,
                ],
                delivery_faults: world.delivery_faults.map(|f| (f.rate, f.seed)),
                server_fault: false,
            },
        }
    }

    /// A request entry.
    pub fn request(world: &World, service: Service, (method, op): (&str, &str)) -> Entry {
        let mut e = Entry::new(world, Kind::Request, (service.name(), op), Value::Null);
        e.context.method = method.to_string();
        e
    }

    /// An admin entry.
    pub fn admin(world: &World, op: &str, input: Value) -> Entry {
        Entry::new(world, Kind::Admin, ("", op), input)
    }
}

/// The service a logged name denotes.
fn service_named(name: &str) -> Option<Service> {
    use Service::*;
    [
        Catalog,
        Partner,
        Agreement,
        Discovery,
        Metering,
        Entitlement,
        Events,
        Sqs,
    ]
    .into_iter()
    .find(|s| s.name() == name)
}

/// Runs `entry` on `world` with the entry's settings and seed; the outcome the client got.
pub fn apply(world: &mut World, entry: &Entry) -> Result<Value, ApiError> {
    let [changeset_seconds, task_seconds, accept_seconds, review_seconds] = entry.context.timings;
    world.timings = Timings {
        changeset_seconds,
        task_seconds,
        accept_seconds,
        review_seconds,
    };
    world.delivery_faults =
        (entry.context.delivery_faults).map(|(rate, seed)| DeliveryFaults { rate, seed });
    crate::ids::with_seed(entry.seed, || match entry.kind {
        Kind::Request => request(world, entry),
        Kind::Advance => {
            world.advance(entry.now);
            Ok(Value::Null)
        }
        Kind::Admin => admin(world, entry).map_err(|m| ApiError::new(400, "BadRequest", m)),
    })
}

fn request(world: &mut World, entry: &Entry) -> OpResult {
    let service = service_named(&entry.service).ok_or_else(|| {
        ApiError::new(
            500,
            "InternalFailure",
            format!("no service {}", entry.service),
        )
    })?;
    world.advance(entry.now);
    let request = Request {
        method: &entry.context.method,
        op: &entry.op,
        input: &entry.input,
        now: entry.now,
        caller: &entry.caller,
    };
    let result = world.run(service, &request);
    if entry.context.server_fault {
        if let Ok(out) = &result {
            world.catalog.doom_change_set(out);
        }
    }
    result
}

/// The control operations that change the world. A new one (e.g. `seed-catalog`) is one arm
/// here, reached live through `Shared::admin`.
fn admin(world: &mut World, entry: &Entry) -> Result<Value, String> {
    let (input, now) = (&entry.input, entry.now);
    let text = |k: &str| input.get(k).and_then(Value::as_str).unwrap_or_default();
    match entry.op.as_str() {
        "advance-clock" => {
            let ms = input["milliseconds"].as_i64().unwrap_or_default();
            world.clock.advance(Duration::milliseconds(ms));
            world.advance(now);
            Ok(Value::Null)
        }
        "set-clock" => {
            world
                .clock
                .set_offset(input["offsetMs"].as_i64().unwrap_or_default());
            Ok(Value::Null)
        }
        "seed-lead" => {
            world.advance(now);
            let (account, catalog) = (text("account"), text("catalog"));
            world
                .seed_lead(account, catalog, text("company"), now)
                .ok_or_else(|| format!("catalog must be AWS or Sandbox, not {catalog}"))
        }
        "registration-token" => {
            world.advance(now);
            let w = &mut *world;
            let target = (text("account"), text("product"));
            crate::metering::seed_token(&mut w.metering, &w.catalog, target, now)
                .map(|token| json!({ "token": token }))
        }
        other => Err(format!("unknown admin operation {other}")),
    }
}
