//! Routes an HTTP request to a service and operation, decodes its input, runs the operation
//! against the world, and encodes the reply or error in the request's protocol.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use serde_json::{Map, Value};

use super::faults::{self, FaultKind};
use super::ids::with_seed;
use super::service::Request;
use super::store::{Entry, Kind};
use super::wire::{ApiError, OpResult, Protocol, Service};
use super::world::World;
use super::{cbor, discovery, registry, RequestRecord, Shared};

const PARTNER_PREFIX: &str = "AWSPartnerCentralSelling.";
const EVENTS_PREFIX: &str = "AWSEvents.";
const SQS_PREFIX: &str = "AmazonSQS.";
const SQS_NAMESPACE: &str = "com.amazonaws.sqs";
const AGREEMENT_PREFIX: &str = "AWSMPCommerceService_v20200301.";
const AGREEMENT_CBOR_PATH: &str = "/service/AWSMPCommerceService_v20200301/operation/";
const AGREEMENT_NAMESPACE: &str = "com.amazonaws.marketplaceagreement";
const METERING_PREFIX: &str = "AWSMPMeteringService.";
const ENTITLEMENT_PREFIX: &str = "AWSMPEntitlementService.";
const ENTITLEMENT_CBOR_PATH: &str = "/service/AWSMPEntitlementService/operation/";
const ENTITLEMENT_NAMESPACE: &str = "com.amazonaws.marketplaceentitlementservice";

pub(crate) fn app(shared: Arc<Shared>) -> Router {
    super::admin::routes()
        .fallback(handle)
        .layer(axum::middleware::map_response_with_state(
            shared.clone(),
            date_header,
        ))
        .with_state(shared)
}

/// Every AWS response carries the service's time in the HTTP `Date` header, and clients (the
/// CLI's "expired", the SDK's clock-skew correction) read "now" from it. Here that time is the
/// emulated clock, so a seller who advanced it sees what the service would say then; hyper adds
/// the wall clock only where no `Date` is set.
async fn date_header(State(shared): State<Arc<Shared>>, mut response: Response) -> Response {
    let now = shared.world.lock().expect("emulator world").now();
    let http_date = now.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
    if let Ok(v) = HeaderValue::from_str(&http_date) {
        response.headers_mut().insert("date", v);
    }
    response
}

/// Which service, protocol and operation a request addresses.
fn classify(method: &Method, uri: &Uri, headers: &HeaderMap) -> (Service, Protocol, String) {
    let target = headers
        .get("x-amz-target")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if let Some(op) = target.strip_prefix(PARTNER_PREFIX) {
        return (Service::Partner, Protocol::AwsJson10, op.to_string());
    }
    if let Some(op) = target.strip_prefix(EVENTS_PREFIX) {
        return (Service::Events, Protocol::AwsJson11, op.to_string());
    }
    if let Some(op) = target.strip_prefix(SQS_PREFIX) {
        return (Service::Sqs, Protocol::AwsJson10, op.to_string());
    }
    if let Some(op) = target.strip_prefix(AGREEMENT_PREFIX) {
        return (Service::Agreement, Protocol::AwsJson10, op.to_string());
    }
    if let Some(op) = uri.path().strip_prefix(AGREEMENT_CBOR_PATH) {
        return (Service::Agreement, Protocol::Cbor, op.to_string());
    }
    if let Some(op) = target.strip_prefix(METERING_PREFIX) {
        return (Service::Metering, Protocol::AwsJson11, op.to_string());
    }
    if let Some(op) = target.strip_prefix(ENTITLEMENT_PREFIX) {
        return (Service::Entitlement, Protocol::AwsJson11, op.to_string());
    }
    if let Some(op) = uri.path().strip_prefix(ENTITLEMENT_CBOR_PATH) {
        return (Service::Entitlement, Protocol::Cbor, op.to_string());
    }
    if let Some(segment) = uri.path().strip_prefix(discovery::PATH_PREFIX) {
        let op = discovery::operation_name(segment);
        return (Service::Discovery, Protocol::RestJson, op);
    }
    let op = uri.path().trim_matches('/').to_string();
    let _ = method;
    (Service::Catalog, Protocol::RestJson, op)
}

async fn handle(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (service, protocol, op) = classify(&method, &uri, &headers);
    let body = decode_body(protocol, &body);
    let logged = body.as_ref().ok().cloned().flatten();
    let caller = discovery::visibility::caller_account(
        headers.get("authorization").and_then(|v| v.to_str().ok()),
        &shared.seller_account,
    );
    let (throttled, fault) = admit(&shared, service, &op);
    // Faults that answer instead of running the operation: nothing is applied.
    let early = match fault {
        _ if throttled => Some(Err(ApiError::throttling("Rate exceeded"))),
        Some(FaultKind::Throttle) => Some(Err(ApiError::throttling("Rate exceeded"))),
        Some(FaultKind::ServerError) => Some(Err(internal_error(service))),
        Some(FaultKind::Slow) => {
            // Recorded first: the client usually gives up (and the connection closes, which
            // cancels this handler) before the delay ends.
            let error = internal_error(service);
            record(&shared, (service, op, logged), error.status, fault);
            if let Some(f) = &shared.faults {
                tokio::time::sleep(f.slow_delay()).await;
            }
            return encode(service, protocol, Err(error));
        }
        Some(FaultKind::Reset) => {
            record(&shared, (service, op, logged), 0, fault);
            return faults::reset_response();
        }
        _ => None,
    };
    let input = with_query(body, query);
    let result = match (early, &input) {
        (Some(result), _) => result,
        (None, Err(e)) => Err(e.clone()),
        (None, Ok(input)) => {
            let addressed = (service, method.as_str(), op.as_str());
            let first = run(&shared, addressed, input, &caller, fault);
            long_poll(&shared, (service, &op), input, &caller, first).await
        }
    };
    if fault == Some(FaultKind::ResetAfterCommit) {
        record(&shared, (service, op, logged), 0, fault);
        return faults::reset_response();
    }
    let status = match &result {
        Ok(_) => 200,
        Err(e) => e.status,
    };
    record(
        &shared,
        (service, op, logged),
        status,
        fault.or(throttled.then_some(FaultKind::Throttle)),
    );
    encode(service, protocol, result)
}

/// Whether the request is over its operation's quota (the rate its table row gives), and else
/// the fault drawn for it, if any.
fn admit(shared: &Shared, service: Service, op: &str) -> (bool, Option<FaultKind>) {
    let rate = registry::table(service).operation(op).map(|o| o.rate);
    let throttled = match (&shared.quotas, rate) {
        (Some(q), Some(rate)) => !q.admit((service, op), rate, std::time::Instant::now()),
        _ => false,
    };
    let fault = match throttled {
        true => None,
        false => shared.faults.as_ref().and_then(|f| f.draw(service, op)),
    };
    (throttled, fault)
}

/// The log entry of a request: what `store::apply` runs, live and in a replay.
fn entry(
    world: &World,
    (service, method, op): (Service, &str, &str),
    input: &Value,
    caller: &str,
) -> Entry {
    let mut entry = Entry::request(world, service, (method, op));
    entry.input = input.clone();
    entry.caller = caller.to_string();
    entry
}

/// Runs the operation on the world brought forward to now, and logs it before the reply.
fn run(
    shared: &Shared,
    addressed: (Service, &str, &str),
    input: &Value,
    caller: &str,
    fault: Option<FaultKind>,
) -> OpResult {
    let mut world = shared.world.lock().expect("emulator world");
    let mut entry = entry(&world, addressed, input, caller);
    entry.context.server_fault = fault == Some(FaultKind::ServerFault);
    shared.apply(&mut world, entry)
}

/// SQS long polling: an empty ReceiveMessage is tried again every 50 ms (moving the world, so
/// events that come due are delivered) until a message arrives or its wait time ends.
async fn long_poll(
    shared: &Shared,
    (service, op): (Service, &str),
    input: &Value,
    caller: &str,
    first: OpResult,
) -> OpResult {
    let empty = |r: &OpResult| matches!(r, Ok(v) if v.get("Messages").is_none());
    if service != Service::Sqs || op != "ReceiveMessage" || !empty(&first) {
        return first;
    }
    let wait = {
        let world = shared.world.lock().expect("emulator world");
        super::sqs::wait_seconds(&world.sqs, caller, input)
    };
    let until = tokio::time::Instant::now() + std::time::Duration::from_secs(wait);
    let mut result = first;
    while empty(&result) && tokio::time::Instant::now() < until {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        let mut world = shared.world.lock().expect("emulator world");
        let entry = entry(&world, (service, "POST", op), input, caller);
        // The lifecycles first, as the request would: logged only when they moved.
        let advance = Entry {
            kind: Kind::Advance,
            service: String::new(),
            op: String::new(),
            input: Value::Null,
            ..entry.clone()
        };
        if with_seed(advance.seed, || world.advance(advance.now)) {
            if let Err(e) = shared.log(&world, &advance) {
                return Err(ApiError::new(500, "InternalFailure", e));
            }
        }
        // An empty answer changes nothing a restart needs; a receive is logged as a request
        // (its advance now moves nothing, so its replay is the same).
        let request = Request {
            method: "POST",
            op,
            input,
            now: entry.now,
            caller,
        };
        result = with_seed(entry.seed, || world.run(service, &request));
        if !empty(&result) {
            shared
                .log(&world, &entry)
                .map_err(|e| ApiError::new(500, "InternalFailure", e))?;
        }
    }
    result
}

/// What a request addressed: service, operation and its decoded body.
type Addressed = (Service, String, Option<Value>);

/// Logs the request (stderr when asked) and appends it to the request record.
fn record(shared: &Shared, request: Addressed, status: u16, fault: Option<FaultKind>) {
    let (service, op, body) = request;
    if shared.log_requests {
        let outcome = match status {
            0 => "connection dropped".to_string(),
            s => s.to_string(),
        };
        let note = fault.map(|f| format!(" (fault: {f})")).unwrap_or_default();
        eprintln!("emulator: {} {} -> {outcome}{note}", service.name(), op);
    }
    shared
        .requests
        .lock()
        .expect("request log")
        .push(RequestRecord {
            service: service.name(),
            operation: op,
            status,
            fault: fault.map(FaultKind::name),
            body,
        });
}

fn internal_error(service: Service) -> ApiError {
    let code = match service {
        Service::Catalog => "InternalServiceException",
        Service::Metering | Service::Entitlement => "InternalServiceErrorException",
        _ => "InternalServerException",
    };
    ApiError::new(500, code, "An internal error occurred. Try again later.")
}

/// Decodes the body (JSON or CBOR); `None` for an empty body.
fn decode_body(protocol: Protocol, body: &[u8]) -> Result<Option<Value>, ApiError> {
    if body.is_empty() {
        return Ok(None);
    }
    if protocol == Protocol::Cbor {
        return cbor::decode(body).map(Some);
    }
    serde_json::from_slice(body).map(Some).map_err(|e| {
        ApiError::new(
            400,
            "SerializationException",
            format!("request body is not valid JSON: {e}"),
        )
    })
}

/// The operation's input: the decoded body (an empty object when there was none) with the query
/// parameters merged in (Catalog's GET/PATCH inputs).
fn with_query(
    body: Result<Option<Value>, ApiError>,
    query: HashMap<String, String>,
) -> Result<Value, ApiError> {
    let mut input = body?.unwrap_or_else(|| Value::Object(Map::new()));
    if let Value::Object(map) = &mut input {
        for (k, v) in query {
            map.insert(k, Value::String(v));
        }
    }
    Ok(input)
}

/// The Smithy namespace RPCv2 CBOR error types are qualified with.
fn namespace(service: Service) -> &'static str {
    match service {
        Service::Entitlement => ENTITLEMENT_NAMESPACE,
        _ => AGREEMENT_NAMESPACE,
    }
}

fn encode(service: Service, protocol: Protocol, result: OpResult) -> Response {
    let request_id = uuid::Uuid::new_v4().to_string();
    let timestamps = registry::table(service).timestamps();
    let (status, body_bytes) = match (&result, protocol) {
        (Ok(v), Protocol::Cbor) => (200, cbor::encode(v, timestamps)),
        (Ok(v), _) => (200, serde_json::to_vec(v).unwrap_or_default()),
        (Err(e), _) if service == Service::Sqs => (
            e.status,
            serde_json::to_vec(&e.body(service, Some(SQS_NAMESPACE))).unwrap_or_default(),
        ),
        (Err(e), Protocol::Cbor) => (
            e.status,
            cbor::encode(&e.body(service, Some(namespace(service))), timestamps),
        ),
        (Err(e), _) => (
            e.status,
            serde_json::to_vec(&e.body(service, None)).unwrap_or_default(),
        ),
    };
    let mut response = (
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        body_bytes,
    )
        .into_response();
    let headers = response.headers_mut();
    let content_type = match protocol {
        Protocol::RestJson => "application/json",
        Protocol::AwsJson10 => "application/x-amz-json-1.0",
        Protocol::AwsJson11 => "application/x-amz-json-1.1",
        Protocol::Cbor => "application/cbor",
    };
    headers.insert("content-type", HeaderValue::from_static(content_type));
    if protocol == Protocol::Cbor {
        headers.insert("smithy-protocol", HeaderValue::from_static("rpc-v2-cbor"));
    }
    if let Ok(v) = HeaderValue::from_str(&request_id) {
        headers.insert("x-amzn-requestid", v);
    }
    if let Err(e) = &result {
        if let Ok(v) = HeaderValue::from_str(&e.code) {
            headers.insert("x-amzn-errortype", v);
        }
        let query_error = super::sqs::errors::query_error(&e.code, e.status);
        if service == Service::Sqs {
            if let Ok(v) = HeaderValue::from_str(&query_error) {
                headers.insert("x-amzn-query-error", v);
            }
        }
    }
    response
}
