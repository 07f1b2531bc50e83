//! Test-only: one request to a running emulator in the exact wire form of its service, sent
//! over a raw HTTP/1.1 connection, so the table tests see routing, codecs and errors as an SDK
//! would — for every operation, including the ones no SDK call in the suite makes.

use std::net::SocketAddr;

use serde_json::{Map, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::service::model::Model;
use crate::wire::Service;

/// How a request is put on the wire (Agreement speaks two protocols).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wire {
    Json,
    Cbor,
}

/// A reply: status, the error type (`x-amzn-errortype`) and the decoded body.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub error: Option<String>,
    pub body: Value,
}

/// Sends `op` with `input` to the emulator at `addr`, as its service's protocol does: the model's
/// method and URI with query-string members in the query (rest-json), or `X-Amz-Target` (awsJson1_0),
/// or the RPCv2 CBOR path.
pub async fn call(
    addr: SocketAddr,
    (service, model, wire): (Service, &'static Model, Wire),
    op: &str,
    input: &Value,
) -> Reply {
    let (method, path, headers, body) = match (service, wire) {
        (Service::Catalog | Service::Discovery, _) => rest_json(model, op, input),
        (Service::Partner, _) => json_rpc("AWSPartnerCentralSelling", op, input),
        (Service::Events, _) => json_rpc("AWSEvents", op, input),
        (Service::Sqs, _) => json_rpc("AmazonSQS", op, input),
        (Service::Agreement, Wire::Json) => json_rpc("AWSMPCommerceService_v20200301", op, input),
        (Service::Metering, _) => json_rpc("AWSMPMeteringService", op, input),
        (Service::Entitlement, Wire::Json) => json_rpc("AWSMPEntitlementService", op, input),
        (Service::Entitlement, Wire::Cbor) => (
            "POST",
            format!("/service/AWSMPEntitlementService/operation/{op}"),
            vec![
                "content-type: application/cbor".into(),
                "smithy-protocol: rpc-v2-cbor".into(),
            ],
            crate::cbor::encode(input, &[]),
        ),
        (Service::Agreement, Wire::Cbor) => (
            "POST",
            format!("/service/AWSMPCommerceService_v20200301/operation/{op}"),
            vec![
                "content-type: application/cbor".into(),
                "smithy-protocol: rpc-v2-cbor".into(),
            ],
            crate::cbor::encode(input, &[]),
        ),
    };
    let mut request = format!("{method} {path} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\n");
    for h in headers {
        request.push_str(&format!("{h}\r\n"));
    }
    request.push_str(&format!("content-length: {}\r\n\r\n", body.len()));
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    stream.write_all(request.as_bytes()).await.expect("write");
    stream.write_all(&body).await.expect("write body");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.expect("read");
    parse(&raw, wire)
}

fn rest_json(
    model: &'static Model,
    op: &str,
    input: &Value,
) -> (&'static str, String, Vec<String>, Vec<u8>) {
    let (method, uri) = model.http(op).expect("the model binds the operation");
    let members = model
        .input_shape(op)
        .and_then(|s| model.shape(s))
        .and_then(|s| s.get("members"))
        .and_then(Value::as_object);
    let mut query = Vec::new();
    let mut body = Map::new();
    for (name, value) in input.as_object().into_iter().flatten() {
        let member = members.and_then(|m| m.get(name));
        match member
            .and_then(|m| m.get("location"))
            .and_then(Value::as_str)
        {
            Some("querystring") => {
                let key = member
                    .and_then(|m| m["locationName"].as_str())
                    .unwrap_or(name);
                query.push(format!("{key}={}", value.as_str().unwrap_or_default()));
            }
            _ => {
                body.insert(name.clone(), value.clone());
            }
        }
    }
    let path = match query.is_empty() {
        true => uri.to_string(),
        false => format!("{uri}?{}", query.join("&")),
    };
    let body = match method {
        "GET" => Vec::new(),
        _ => serde_json::to_vec(&body).expect("json"),
    };
    (
        method,
        path,
        vec!["content-type: application/json".into()],
        body,
    )
}

fn json_rpc(prefix: &str, op: &str, input: &Value) -> (&'static str, String, Vec<String>, Vec<u8>) {
    let headers = vec![
        "content-type: application/x-amz-json-1.0".to_string(),
        format!("x-amz-target: {prefix}.{op}"),
    ];
    (
        "POST",
        "/".to_string(),
        headers,
        serde_json::to_vec(input).expect("json"),
    )
}

fn parse(raw: &[u8], wire: Wire) -> Reply {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete HTTP reply");
    let head = String::from_utf8_lossy(&raw[..split]);
    let body = &raw[split + 4..];
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status");
    let error = head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case("x-amzn-errortype")
            .then(|| v.trim().to_string())
    });
    let body = match (wire, body.is_empty()) {
        (_, true) => Value::Null,
        (Wire::Cbor, false) => crate::cbor::decode(body).expect("a CBOR reply"),
        (Wire::Json, false) => serde_json::from_slice(body).expect("a JSON reply"),
    };
    Reply {
        status,
        error,
        body,
    }
}
