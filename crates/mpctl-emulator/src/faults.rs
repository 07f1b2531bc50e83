//! Fault injection: on a seeded random fraction of requests the emulator answers the way AWS
//! does on a bad day — throttling, an internal error, a reply too slow for the client, a dropped
//! connection — so clients can prove they retry without duplicating anything.
//!
//! A fault never applies a write half-way: every kind except `reset-after-commit` answers
//! *instead of* running the operation, so the request changed nothing. `reset-after-commit`
//! runs the operation and then drops the reply — the case idempotency tokens exist for.
//! `server-fault` lets StartChangeSet succeed but makes that change set end FAILED with
//! `SERVER_FAULT`, applying nothing (what a client must retry with a new change set).

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::wire::Service;

/// One way a request can go wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultKind {
    /// 429 ThrottlingException.
    Throttle,
    /// 500 with the service's internal error code.
    ServerError,
    /// The reply is held past the client's attempt timeout (nothing applied).
    Slow,
    /// The connection drops before the operation runs.
    Reset,
    /// The operation runs, then the connection drops before the reply.
    ResetAfterCommit,
    /// StartChangeSet succeeds; the change set later FAILS with SERVER_FAULT.
    ServerFault,
}

impl FaultKind {
    pub const ALL: [FaultKind; 6] = [
        FaultKind::Throttle,
        FaultKind::ServerError,
        FaultKind::Slow,
        FaultKind::Reset,
        FaultKind::ResetAfterCommit,
        FaultKind::ServerFault,
    ];

    pub fn name(self) -> &'static str {
        match self {
            FaultKind::Throttle => "throttle",
            FaultKind::ServerError => "500",
            FaultKind::Slow => "slow",
            FaultKind::Reset => "reset",
            FaultKind::ResetAfterCommit => "reset-after-commit",
            FaultKind::ServerFault => "server-fault",
        }
    }

    /// Whether this kind can hit this operation (`server-fault` exists only for StartChangeSet).
    fn applies_to(self, service: Service, op: &str) -> bool {
        match self {
            FaultKind::ServerFault => service == Service::Catalog && op == "StartChangeSet",
            _ => true,
        }
    }
}

impl fmt::Display for FaultKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for FaultKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        FaultKind::ALL
            .into_iter()
            .find(|k| k.name() == s.trim())
            .ok_or_else(|| {
                let names: Vec<_> = FaultKind::ALL.iter().map(|k| k.name()).collect();
                format!(
                    "unknown fault kind {s:?}; expected one of {}",
                    names.join(", ")
                )
            })
    }
}

/// What to inject.
#[derive(Debug, Clone, PartialEq)]
pub struct FaultOptions {
    /// Fraction of requests (0.0–1.0) that get a fault.
    pub rate: f64,
    /// Seed of the random sequence: the same seed and request order give the same faults.
    pub seed: u64,
    /// Kinds to choose from (uniformly, among those that apply to the request).
    pub kinds: Vec<FaultKind>,
    /// How long a `slow` reply is held (longer than the client's attempt timeout).
    pub slow_delay: Duration,
}

impl Default for FaultOptions {
    fn default() -> Self {
        FaultOptions {
            rate: 0.0,
            seed: 0,
            kinds: FaultKind::ALL.to_vec(),
            slow_delay: Duration::from_secs(35),
        }
    }
}

/// The seeded fault source shared by every request.
#[derive(Debug)]
pub struct Faults {
    options: FaultOptions,
    /// One random stream per operation, so the n-th call of an operation meets the same fault
    /// for a given seed however many polls other operations made meanwhile.
    rngs: Mutex<HashMap<String, StdRng>>,
    enabled: AtomicBool,
}

impl Faults {
    pub fn new(options: FaultOptions) -> Self {
        Faults {
            options,
            rngs: Mutex::new(HashMap::new()),
            enabled: AtomicBool::new(true),
        }
    }

    /// Pauses or resumes injection (e.g. to inspect the world through a client that should
    /// not see faults).
    pub fn set_enabled(&self, enabled: bool) {
        self.enabled.store(enabled, Ordering::SeqCst);
    }

    pub fn slow_delay(&self) -> Duration {
        self.options.slow_delay
    }

    /// Draws the fault (if any) for the next request.
    pub fn draw(&self, service: Service, op: &str) -> Option<FaultKind> {
        if !self.enabled.load(Ordering::SeqCst) {
            return None;
        }
        let mut rngs = self.rngs.lock().expect("fault rng");
        let seed = self.options.seed ^ fnv1a(service.name().as_bytes()) ^ fnv1a(op.as_bytes());
        let rng = rngs
            .entry(format!("{}.{op}", service.name()))
            .or_insert_with(|| StdRng::seed_from_u64(seed));
        if !rng.random_bool(self.options.rate.clamp(0.0, 1.0)) {
            return None;
        }
        let eligible: Vec<FaultKind> = self
            .options
            .kinds
            .iter()
            .copied()
            .filter(|k| k.applies_to(service, op))
            .collect();
        if eligible.is_empty() {
            return None;
        }
        Some(eligible[rng.random_range(0..eligible.len())])
    }
}

/// FNV-1a: a stable hash to derive per-operation seeds (std's hasher may change between
/// releases, which would change every seeded fault sequence).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// A reply whose connection drops: the status line may go out, the body never completes, so
/// the client sees a broken connection (hyper aborts the connection on a body error).
pub fn reset_response() -> axum::response::Response {
    let stream = futures_util::stream::once(async {
        Err::<axum::body::Bytes, _>(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "connection reset (injected fault)",
        ))
    });
    let mut response = axum::response::Response::new(axum::body::Body::from_stream(stream));
    response.headers_mut().insert(
        axum::http::header::CONTENT_TYPE,
        axum::http::HeaderValue::from_static("application/json"),
    );
    response
}

/// A comma-separated list of kinds, as `--fault-kinds` takes it.
#[derive(Debug, Clone, PartialEq)]
pub struct FaultKinds(pub Vec<FaultKind>);

impl FaultKinds {
    pub fn parse(s: &str) -> Result<Self, String> {
        parse_kinds(s).map(FaultKinds)
    }
}

/// Parses `--fault-kinds throttle,500,…`.
pub fn parse_kinds(s: &str) -> Result<Vec<FaultKind>, String> {
    let kinds: Vec<FaultKind> = s
        .split(',')
        .filter(|p| !p.trim().is_empty())
        .map(FaultKind::from_str)
        .collect::<Result<_, _>>()?;
    if kinds.is_empty() {
        return Err("no fault kinds given".into());
    }
    Ok(kinds)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn faults(rate: f64, seed: u64, kinds: Vec<FaultKind>) -> Faults {
        Faults::new(FaultOptions {
            rate,
            seed,
            kinds,
            ..FaultOptions::default()
        })
    }

    #[test]
    fn same_seed_same_sequence() {
        let a = faults(0.5, 7, FaultKind::ALL.to_vec());
        let b = faults(0.5, 7, FaultKind::ALL.to_vec());
        let seq = |f: &Faults| -> Vec<_> {
            (0..200)
                .map(|_| f.draw(Service::Catalog, "StartChangeSet"))
                .collect()
        };
        assert_eq!(seq(&a), seq(&b));
    }

    #[test]
    fn rate_is_roughly_honoured_and_zero_means_none() {
        let f = faults(0.2, 1, vec![FaultKind::Throttle]);
        let hits = (0..10_000)
            .filter(|_| f.draw(Service::Partner, "GetOpportunity").is_some())
            .count();
        assert!((1_700..2_300).contains(&hits), "{hits}");
        let none = faults(0.0, 1, FaultKind::ALL.to_vec());
        assert!((0..1000).all(|_| none.draw(Service::Catalog, "ListEntities").is_none()));
    }

    #[test]
    fn server_fault_only_hits_start_change_set() {
        let f = faults(1.0, 3, vec![FaultKind::ServerFault]);
        assert_eq!(f.draw(Service::Catalog, "DescribeEntity"), None);
        assert_eq!(
            f.draw(Service::Catalog, "StartChangeSet"),
            Some(FaultKind::ServerFault)
        );
    }

    #[test]
    fn kinds_parse_and_unknown_is_named() {
        assert_eq!(
            parse_kinds("throttle,500,slow,reset").unwrap(),
            vec![
                FaultKind::Throttle,
                FaultKind::ServerError,
                FaultKind::Slow,
                FaultKind::Reset
            ]
        );
        let err = parse_kinds("throttle,boom").unwrap_err();
        assert!(
            err.contains("\"boom\"") && err.contains("reset-after-commit"),
            "{err}"
        );
    }
}
