//! The awsJson1_0 protocol beside RPCv2 CBOR: raw requests, epoch-second numbers, and boto3
//! when it is installed.

use super::*;

// ---------------------------------------------------------------------------------------------
// awsJson1_0 (boto3 / AWS CLI protocol)

/// One awsJson1_0 POST to the emulator: `(status, lower-cased headers, body)`.
async fn post_json(
    handle: &mpctl_emulator::Handle,
    op: &str,
    body: Value,
) -> (u16, HashMap<String, String>, Value) {
    let body = body.to_string();
    let request = format!(
        "POST / HTTP/1.1\r\nHost: {}\r\nX-Amz-Target: AWSMPCommerceService_v20200301.{op}\r\n\
         Content-Type: application/x-amz-json-1.0\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        handle.addr,
        body.len()
    );
    let mut stream = tokio::net::TcpStream::connect(handle.addr)
        .await
        .expect("connect");
    stream.write_all(request.as_bytes()).await.expect("write");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.expect("read");
    let text = String::from_utf8(raw).expect("utf-8 response");
    let (head, body) = text.split_once("\r\n\r\n").expect("header/body split");
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    (
        status,
        headers,
        serde_json::from_str(body).expect("JSON body"),
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn json_protocol_serves_results_and_errors() {
    let handle = emulator().await;
    let proposer = json!({"catalog": "AWSMarketplace", "filters": [
        {"name": "PartyType", "values": ["Proposer"]}, {"name": "AgreementType", "values": ["PurchaseAgreement"]}]});
    let (status, headers, body) = post_json(&handle, "SearchAgreements", proposer).await;
    assert_eq!(status, 200);
    assert_eq!(
        headers.get("content-type").map(String::as_str),
        Some("application/x-amz-json-1.0")
    );
    assert!(headers.contains_key("x-amzn-requestid"));
    assert_eq!(body, json!({"agreementViewSummaries": []}));

    let (status, headers, body) = post_json(
        &handle,
        "DescribeAgreement",
        json!({"agreementId": "agmt-nope"}),
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(
        headers.get("x-amzn-errortype").map(String::as_str),
        Some("ResourceNotFoundException")
    );
    assert_eq!(body["__type"], "ResourceNotFoundException");
    assert_eq!(body["resourceId"], "agmt-nope");
    assert_eq!(body["resourceType"], "Agreement");
    assert!(
        body["message"].is_string(),
        "Agreement's message member is lowercase: {body}"
    );
    assert!(body.get("code").is_none() && body.get("Message").is_none());

    let (status, _, body) = post_json(&handle, "DescribeAgreement", json!({})).await;
    assert_eq!(status, 400);
    assert_eq!(body["reason"], "MISSING_AGREEMENT_ID");
    assert_eq!(body["fields"][0]["name"], "agreementId");
}

#[tokio::test(flavor = "multi_thread")]
async fn json_protocol_returns_epoch_second_numbers() {
    let handle = emulator().await;
    let (_, offer_id) = publish_private_offer(&handle, &BUYERS[..1]).await;
    let found =
        wait_for_agreements(&handle.clock(), &agreement_client(&handle), &offer_id, 1).await;
    let id = found[0].agreement_id().expect("agreementId");
    let (status, _, body) =
        post_json(&handle, "DescribeAgreement", json!({"agreementId": id})).await;
    assert_eq!(status, 200);
    let start = found[0].start_time().expect("startTime");
    let expected = start.secs() as f64 + f64::from(start.subsec_nanos()) / 1e9;
    let got = body["startTime"]
        .as_f64()
        .expect("startTime is a JSON number");
    assert!((got - expected).abs() < 0.001, "{got} vs {expected}");
    assert!(body["acceptanceTime"].is_number() && body["endTime"].is_number());
    let (_, _, terms) = post_json(&handle, "GetAgreementTerms", json!({"agreementId": id})).await;
    for term in terms["acceptedTerms"].as_array().expect("acceptedTerms") {
        assert_eq!(
            term.as_object().map(|m| m.len()),
            Some(1),
            "union with one key: {term}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn operations_outside_the_model_the_emulator_serves_are_unknown() {
    // Every operation of the 2020-03-01 model is served; a newer one (botocore 1.44) is not.
    let handle = emulator().await;
    let (status, _, body) = post_json(&handle, "ListAgreementRequests", json!({})).await;
    assert_eq!(status, 400);
    assert_eq!(body["__type"], "UnknownOperationException", "{body}");
    assert!(body["message"]
        .as_str()
        .is_some_and(|m| m.contains("ListAgreementRequests")));
}

// ---------------------------------------------------------------------------------------------
// boto3

const BOTO3_SCRIPT: &str = r#"
import json, sys, boto3
from botocore.config import Config
from botocore.exceptions import ClientError
url, agreement_id = sys.argv[1], sys.argv[2]
c = boto3.client("marketplace-agreement", region_name="us-east-1", endpoint_url=url,
                 aws_access_key_id="AKIDTEST", aws_secret_access_key="secret",
                 config=Config(retries={"max_attempts": 1}))
out = {}
res = c.search_agreements(catalog="AWSMarketplace", filters=[
    {"name": "PartyType", "values": ["Proposer"]}, {"name": "AgreementType", "values": ["PurchaseAgreement"]}])
out["search"] = [dict(id=s["agreementId"], start=s["startTime"].timestamp(), end=s["endTime"].timestamp())
                 for s in res["agreementViewSummaries"]]
d = c.describe_agreement(agreementId=agreement_id)
out["describe"] = dict(value=d["estimatedCharges"]["agreementValue"], acceptance=d["acceptanceTime"].timestamp())
t = c.get_agreement_terms(agreementId=agreement_id)
out["terms"] = [list(term.keys()) for term in t["acceptedTerms"]]
try:
    c.describe_agreement(agreementId="agmt-nope")
except ClientError as e:
    out["error"] = dict(code=e.response["Error"]["Code"], resourceId=e.response.get("resourceId"),
                        status=e.response["ResponseMetadata"]["HTTPStatusCode"])
print(json.dumps(out))
"#;

#[tokio::test(flavor = "multi_thread")]
async fn boto3_reads_agreements_over_json() {
    if !crate::support::served::boto3_available() {
        // CI installs boto3 and sets MPCTL_REQUIRE_BOTO3, so there this test cannot skip.
        assert!(
            std::env::var_os("MPCTL_REQUIRE_BOTO3").is_none(),
            "MPCTL_REQUIRE_BOTO3 is set but boto3 is not installed"
        );
        eprintln!("skipped: python3 with boto3 is not installed");
        return;
    }
    let handle = emulator().await;
    let (_, offer_id) = publish_private_offer(&handle, &BUYERS[..1]).await;
    let found =
        wait_for_agreements(&handle.clock(), &agreement_client(&handle), &offer_id, 1).await;
    let id = found[0].agreement_id().expect("agreementId");
    let output = tokio::process::Command::new("python3")
        .args(["-c", BOTO3_SCRIPT, &handle.base_url, id])
        .output()
        .await
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "boto3 script failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let out: Value = serde_json::from_slice(&output.stdout).expect("script prints JSON");
    assert_eq!(out["search"][0]["id"], json!(id));
    let start = found[0].start_time().expect("startTime").secs() as f64;
    assert!((out["search"][0]["start"].as_f64().unwrap_or(0.0) - start).abs() < 1.0);
    assert_eq!(out["describe"]["value"], "1200.00");
    let keys: Vec<&str> = out["terms"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|k| k[0].as_str())
        .collect();
    assert_eq!(
        keys,
        [
            "configurableUpfrontPricingTerm",
            "validityTerm",
            "legalTerm"
        ]
    );
    assert_eq!(
        out["error"],
        json!({"code": "ResourceNotFoundException", "resourceId": "agmt-nope", "status": 404})
    );
}
