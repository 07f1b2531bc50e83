//! Every operation of every service table, walked: the router sends it to its handler (and
//! nothing else), the quota enforced is the row's rate, the CBOR codec tags the timestamps the
//! model declares; an operation of the model that no row serves answers the service's
//! UnknownOperationException, as AWS's unknown operations do.

use std::time::Instant;

use serde_json::json;

use super::client::{call, Wire};
use super::{table, SERVICES};
use crate::quotas::Quotas;
use crate::wire::Service;
use crate::{serve, Options};

fn wires(service: Service) -> &'static [Wire] {
    match service {
        Service::Agreement | Service::Entitlement => &[Wire::Json, Wire::Cbor],
        _ => &[Wire::Json],
    }
}

#[tokio::test]
async fn every_table_row_is_routed_and_every_other_model_operation_is_unknown() {
    let handle = serve(Options::default()).await.expect("emulator");
    for service in SERVICES {
        let spec = table(service);
        let model = spec.model();
        let served = spec.operations();
        assert!(!served.is_empty(), "{service:?} serves nothing");
        for op in model.operations() {
            for wire in wires(service) {
                let reply = call(handle.addr, (service, model, *wire), op, &json!({})).await;
                let unknown = reply.error.as_deref() == Some("UnknownOperationException");
                let in_table = served.iter().any(|o| o.name == op);
                assert_eq!(
                    unknown, !in_table,
                    "{service:?} {op} over {wire:?}: in table {in_table}, reply {reply:?}"
                );
            }
        }
        for row in &served {
            assert!(
                model.operations().contains(&row.name),
                "{service:?} {} is not an operation of the model",
                row.name
            );
        }
    }
    // The log names each request's operation as the table does.
    let logged = handle.requests();
    assert!(logged.iter().any(|r| r.operation == "CreateOpportunity"));
}

#[test]
fn every_row_has_its_quota_in_the_table_the_cli_limiter_reads() {
    for service in SERVICES {
        let spec = table(service);
        for row in spec.operations() {
            let shared = mpctl_facts::quotas::per_second(spec.api(), row.name);
            assert_eq!(shared, Some(row.rate), "{service:?} {}", row.name);
        }
    }
}

#[test]
fn the_enforced_quota_of_every_row_is_its_rate() {
    for service in SERVICES {
        for row in table(service).operations() {
            assert!(row.rate >= 1.0, "{service:?} {}", row.name);
            let quotas = Quotas::new(1.0);
            let t0 = Instant::now();
            let admitted = (0..100)
                .filter(|_| quotas.admit((service, row.name), row.rate, t0))
                .count();
            assert_eq!(admitted, row.rate as usize, "{service:?} {}", row.name);
        }
    }
}

#[test]
fn the_cbor_codec_tags_every_timestamp_the_model_declares_for_the_table() {
    for service in SERVICES {
        let spec = table(service);
        let model = spec.model();
        let declared: std::collections::BTreeSet<&str> = spec
            .operations()
            .iter()
            .flat_map(|row| {
                let shapes = [model.input_shape(row.name), model.output_shape(row.name)];
                shapes
                    .into_iter()
                    .flatten()
                    .flat_map(|s| model.timestamp_members(s))
            })
            .collect();
        let tagged: std::collections::BTreeSet<&str> = spec.timestamps().iter().copied().collect();
        if matches!(service, Service::Agreement | Service::Entitlement) {
            let missing: Vec<_> = declared.difference(&tagged).collect();
            assert!(
                missing.is_empty(),
                "untagged timestamp members: {missing:?}"
            );
        } else {
            assert!(tagged.is_empty(), "{service:?} does not speak CBOR");
        }
    }
}

#[tokio::test]
async fn a_catalog_operation_under_another_method_is_unknown() {
    let handle = serve(Options::default()).await.expect("emulator");
    let spec = table(Service::Catalog);
    let reply = call(
        handle.addr,
        (Service::Catalog, spec.model(), Wire::Json),
        "ListEntities",
        &json!({"Catalog": "AWSMarketplace", "EntityType": "Offer"}),
    )
    .await;
    assert_eq!(reply.status, 200, "{reply:?}");
    let mut stream = tokio::net::TcpStream::connect(handle.addr)
        .await
        .expect("connect");
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let get = "GET /ListEntities HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n";
    stream.write_all(get.as_bytes()).await.expect("write");
    let mut raw = String::new();
    stream.read_to_string(&mut raw).await.expect("read");
    assert!(raw.starts_with("HTTP/1.1 404"), "{raw}");
    assert!(raw.contains("UnknownOperationException"), "{raw}");
}
