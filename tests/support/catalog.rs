//! Catalog helpers through the real SDK client: start a change set from its JSON request body,
//! wait for a terminal status, describe entities; and the reference corpus on disk with the
//! values its `{{VARS}}` take.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use aws_sdk_marketplacecatalog::operation::describe_change_set::DescribeChangeSetOutput;
use aws_sdk_marketplacecatalog::types::{Change, ChangeStatus, Intent, Tag};
use aws_sdk_marketplacecatalog::Client;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use serde_json::{json, Value};

use super::CatalogClient;

/// One `ChangeSet[]` element as the SDK's `Change`.
pub fn change(c: &Value) -> Change {
    mpctl::aws::changeset::to_change(c).expect("a well-formed change")
}

/// StartChangeSet with a whole request body (`ChangeSet`, `ChangeSetName`, `Intent`,
/// `ChangeSetTags`);
/// `Err("Code: message")` when the call is rejected.
pub async fn start_request(client: &Client, request: &Value) -> Result<String, String> {
    let text = |k: &str| request.get(k).and_then(Value::as_str).map(str::to_string);
    let mut call = client
        .start_change_set()
        .catalog(text("Catalog").unwrap_or_else(|| "AWSMarketplace".into()))
        .set_change_set_name(text("ChangeSetName"))
        .set_intent(text("Intent").map(|i| Intent::from(i.as_str())));
    for t in request
        .get("ChangeSetTags")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let text = |k: &str| t.get(k).and_then(Value::as_str).map(str::to_string);
        let tag = Tag::builder()
            .set_key(text("Key"))
            .set_value(text("Value"))
            .build()
            .unwrap();
        call = call.change_set_tags(tag);
    }
    for c in request
        .get("ChangeSet")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        call = call.change_set(change(c));
    }
    call.send()
        .await
        .map(|o| o.change_set_id().unwrap().to_string())
        .map_err(|e| format!("{}: {}", e.code().unwrap_or("?"), e.message().unwrap_or("")))
}

/// Starts a set made of `changes`.
pub async fn start_changes(client: &Client, changes: &[Value]) -> Result<String, String> {
    start_request(
        client,
        &json!({"Catalog": "AWSMarketplace", "ChangeSet": changes}),
    )
    .await
}

pub async fn describe(client: &Client, id: &str) -> DescribeChangeSetOutput {
    client
        .describe_change_set()
        .catalog("AWSMarketplace")
        .change_set_id(id)
        .send()
        .await
        .unwrap()
}

/// Describes the set until it is SUCCEEDED, FAILED or CANCELLED, moving the emulator clock.
pub async fn finish(client: &CatalogClient, id: &str) -> DescribeChangeSetOutput {
    let what = format!("change set {id} finishing");
    super::clock::until(&client.clock, super::clock::step(), &what, || async {
        let out = describe(client, id).await;
        let done = matches!(
            out.status(),
            Some(ChangeStatus::Succeeded | ChangeStatus::Failed | ChangeStatus::Cancelled)
        );
        done.then_some(out)
    })
    .await
}

/// Runs `changes` to SUCCEEDED and returns the bare entity id of each change.
pub async fn run_ok(client: &CatalogClient, changes: &[Value]) -> Vec<String> {
    let id = start_changes(client, changes)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let out = finish(client, &id).await;
    assert_eq!(out.status(), Some(&ChangeStatus::Succeeded), "{out:#?}");
    entity_ids(&out)
}

/// The bare entity id (`prod-…`, without `@rev`) of each change of a described set.
pub fn entity_ids(out: &DescribeChangeSetOutput) -> Vec<String> {
    out.change_set()
        .iter()
        .map(|c| {
            c.entity()
                .and_then(|e| e.identifier())
                .unwrap_or_default()
                .split('@')
                .next()
                .unwrap_or_default()
                .to_string()
        })
        .collect()
}

/// `(EntityType, DetailsDocument)` of an entity, parsed from DescribeEntity's `Details`.
pub async fn entity(client: &Client, id: &str) -> (String, Value) {
    let out = client
        .describe_entity()
        .catalog("AWSMarketplace")
        .entity_id(id)
        .send()
        .await
        .unwrap_or_else(|e| panic!("DescribeEntity {id}: {e:?}"));
    let doc = serde_json::from_str(out.details().unwrap_or("{}")).unwrap();
    (out.entity_type().unwrap_or_default().to_string(), doc)
}

/// `(index, ErrorCode, ErrorMessage)` of every per-change error of a described set.
pub fn change_errors(out: &DescribeChangeSetOutput) -> Vec<(usize, String, String)> {
    out.change_set()
        .iter()
        .enumerate()
        .flat_map(|(i, c)| {
            c.error_detail_list().iter().map(move |e| {
                (
                    i,
                    e.error_code().unwrap_or_default().to_string(),
                    e.error_message().unwrap_or_default().to_string(),
                )
            })
        })
        .collect()
}

pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus/reference-changesets")
}

/// Every corpus file's path, in path order.
pub fn corpus_paths() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("read corpus dir") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "json") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&corpus_dir(), &mut out);
    out.sort();
    out
}

/// Every corpus file, relative path → parsed JSON, in path order.
pub fn corpus_files() -> BTreeMap<String, Value> {
    let root = corpus_dir();
    corpus_paths()
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("read corpus file");
            let rel = path
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (rel, value)
        })
        .collect()
}

/// One corpus file as published (placeholders left as they are).
pub fn corpus_raw(rel: &str) -> Value {
    let text =
        std::fs::read_to_string(corpus_dir().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// One corpus file, rendered with [`corpus_vars`].
pub fn corpus(rel: &str) -> Value {
    let mut value = corpus_raw(rel);
    render(&mut value, &corpus_vars());
    value
}

/// A whole-string `{{NAME}}` becomes the variable's JSON value; inside a longer string it is
/// replaced as text.
pub fn render(value: &mut Value, vars: &BTreeMap<&str, Value>) {
    match value {
        Value::String(s) => {
            if let Some(name) = s.strip_prefix("{{").and_then(|r| r.strip_suffix("}}")) {
                if let Some(v) = vars.get(name) {
                    *value = v.clone();
                    return;
                }
            }
            for (name, v) in vars {
                let text = v
                    .as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| v.to_string());
                *s = s.replace(&format!("{{{{{name}}}}}"), &text);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| render(v, vars)),
        Value::Object(members) => members.values_mut().for_each(|v| render(v, vars)),
        _ => {}
    }
}

/// Plausible values for the corpus's `{{VARS}}`.
pub fn corpus_vars() -> BTreeMap<&'static str, Value> {
    let expiry = (chrono::Utc::now().date_naive() + chrono::Days::new(30))
        .format("%Y-%m-%d")
        .to_string();
    BTreeMap::from([
        ("PRODUCT_ID", json!("prod-1111111111111")),
        ("OFFER_NAME", json!("Private offer for Example Corp")),
        (
            "OFFER_DESCRIPTION",
            json!("Twelve months of the Premium tier"),
        ),
        ("BUYER_IDS", json!(["111111111111", "222222222222"])),
        ("EXPIRY_DATE", json!(expiry)),
        (
            "CUSTOM_EULA_URL",
            json!("https://s3.amazonaws.com/sample-bucket/custom-eula.pdf"),
        ),
        ("CONTRACT_DURATION_DAYS", json!("P365D")),
        (
            "RATE_CARDS",
            json!([{"DimensionKey": "metered_1_id", "Price": "0.9"}, {"DimensionKey": "metered_2_id", "Price": "1.7"}]),
        ),
    ])
}

/// `multi_product_solutions/solutions/list_solutions` is a ListEntities request that AWS's
/// sample keeps next to the change sets (`"ChangeType": "ListEntities"`), not a change set.
pub const NOT_A_CHANGE_SET: &str =
    "multi_product_solutions/solutions/list_solutions/changeset.json";

/// An emulator whose clock starts when AWS's sample change sets were written (their new
/// offers end in 2023-2025): they are processed as AWS processed them then, since a new offer
/// ending in the past fails, as it would on AWS today.
pub async fn corpus_emulator(timings: mpctl_emulator::Timings) -> mpctl_emulator::Handle {
    mpctl_emulator::serve(mpctl_emulator::Options {
        timings,
        start_time: "2022-12-01T00:00:00Z".parse().ok(),
        ..mpctl_emulator::Options::default()
    })
    .await
    .expect("emulator starts")
}
