//! Per-change-type checks that a SUCCEEDED change is visible in its entity's DescribeEntity
//! document, written from the change's own details (so they work for any change set), plus the
//! entity schema check. Each returns `Err(reason)` naming what is missing.

use mpctl_changeset as changeset;
use serde_json::{json, Value};

/// What a check may need besides the change and the document.
pub struct Context<'a> {
    /// DescribeEntity documents of other entities (by id), e.g. the resale authorization a
    /// channel-partner offer was created from.
    pub documents: &'a std::collections::BTreeMap<String, Value>,
    /// Real agreement id → (acceptor, product id).
    pub agreements: &'a std::collections::BTreeMap<String, (String, String)>,
}

fn expect(cond: bool, what: impl FnOnce() -> String) -> Result<(), String> {
    if cond {
        Ok(())
    } else {
        Err(what())
    }
}

fn equal(doc: &Value, pointer: &str, want: &Value) -> Result<(), String> {
    let got = doc.pointer(pointer).unwrap_or(&Value::Null);
    expect(got == want, || {
        format!("{pointer} is {got}, expected {want}")
    })
}

fn contains(list: Option<&Value>, item: &Value, what: &str) -> Result<(), String> {
    let found = list
        .and_then(Value::as_array)
        .is_some_and(|l| l.contains(item));
    expect(found, || format!("{what} does not contain {item}"))
}

fn rule<'a>(doc: &'a Value, ty: &str) -> Option<&'a Value> {
    doc["Rules"].as_array()?.iter().find(|r| r["Type"] == ty)
}

/// The term of `doc.Terms` equal to `term` (ignoring an `Id` the service adds).
fn has_term(doc: &Value, term: &Value) -> bool {
    doc["Terms"].as_array().into_iter().flatten().any(|t| {
        let mut t = t.clone();
        if let Some(o) = t.as_object_mut() {
            o.remove("Id");
        }
        &t == term
    })
}

const DESCRIPTION_KEYS: &[&str] = &[
    "ProductTitle",
    "ShortDescription",
    "LongDescription",
    "Highlights",
    "SearchKeywords",
    "Categories",
    "Sku",
];

/// Checks that `change` (details resolved to real ids) is visible in `doc`, the document of the
/// entity it applied to.
pub fn visible(change: &Value, details: &Value, doc: &Value, ctx: &Context) -> Result<(), String> {
    let ct = change["ChangeType"].as_str().unwrap_or_default();
    let et = change
        .pointer("/Entity/Type")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let family = et.split('@').next().unwrap_or_default();
    let product = family.ends_with("Product");
    match (family, ct) {
        (_, "CreateProduct") => expect(doc["Description"].is_object(), || "no Description".into()),
        (_, "UpdateInformation") if product => {
            for key in DESCRIPTION_KEYS {
                if let Some(v) = details.get(*key) {
                    equal(doc, &format!("/Description/{key}"), v)?;
                }
            }
            if let Some(v) = details.get("LogoUrl") {
                equal(doc, "/PromotionalResources/LogoUrl", v)?;
            }
            if let Some(v) = details.get("SupportDescription") {
                equal(doc, "/SupportInformation/Description", v)?;
            }
            Ok(())
        }
        (_, "UpdateTargeting") if product => equal(
            doc,
            "/Targeting/PositiveTargeting",
            &details["PositiveTargeting"],
        ),
        (_, "AddDeliveryOptions") => delivery_options(details, doc),
        (_, "AddDimensions") | (_, "UpdateDimensions") => {
            for dim in details.as_array().into_iter().flatten() {
                let found = doc["Dimensions"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .find(|d| d["Key"] == dim["Key"] && d["Types"] == dim["Types"]);
                let Some(found) = found else {
                    return Err(format!("dimension {} is missing", dim["Key"]));
                };
                for f in ["Name", "Description", "Unit"] {
                    if let Some(v) = dim.get(f) {
                        expect(&found[f] == v, || {
                            format!("dimension {} {f} is {}", dim["Key"], found[f])
                        })?;
                    }
                }
            }
            Ok(())
        }
        (_, "ReleaseProduct") => equal(doc, "/Description/ProductState", &json!("Active")),
        (_, "UpdateVisibility") => {
            equal(doc, "/Description/Visibility", &details["TargetVisibility"])
        }
        (_, "AddRegions") | (_, "RestrictRegions") => {
            let list = if ct == "AddRegions" {
                "Regions"
            } else {
                "Restrict"
            };
            for r in details["Regions"].as_array().into_iter().flatten() {
                contains(doc.pointer(&format!("/RegionAvailability/{list}")), r, list)?;
            }
            Ok(())
        }
        (_, "UpdateFutureRegionSupport") => {
            let all = details
                .pointer("/FutureRegionSupport/SupportedRegions")
                .and_then(Value::as_array)
                .is_some_and(|r| r.contains(&json!("All")));
            equal(
                doc,
                "/RegionAvailability/FutureRegionSupport",
                &json!(if all { "All" } else { "None" }),
            )
        }
        (_, "AddInstanceTypes") => {
            for t in details["InstanceTypes"].as_array().into_iter().flatten() {
                contains(
                    doc.pointer("/Compatibility/AvailableInstanceTypes"),
                    t,
                    "AvailableInstanceTypes",
                )?;
            }
            Ok(())
        }
        (_, "AddRepositories") => {
            for r in details["Repositories"].as_array().into_iter().flatten() {
                let name = r["RepositoryName"].as_str().unwrap_or_default();
                let found = doc["Repositories"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|x| {
                        x["Url"]
                            .as_str()
                            .is_some_and(|u| u.ends_with(&format!("/{name}")))
                            && x["Type"] == r["RepositoryType"]
                    });
                expect(found, || format!("repository {name} is missing"))?;
            }
            Ok(())
        }
        ("Offer", c) => offer(c, details, doc, ctx),
        ("ResaleAuthorization", c) => resale(c, details, doc),
        ("OfferSet" | "Solution", c) => offer_set_or_solution(c, details, doc),
        _ => Err(format!("no check for {ct} on {et}")),
    }
}

fn delivery_options(details: &Value, doc: &Value) -> Result<(), String> {
    let versions: Vec<&Value> = doc["Versions"].as_array().into_iter().flatten().collect();
    let options: Vec<&Value> = versions
        .iter()
        .flat_map(|v| v["DeliveryOptions"].as_array().into_iter().flatten())
        .collect();
    if let Some(title) = details.pointer("/Version/VersionTitle") {
        expect(versions.iter().any(|v| &v["VersionTitle"] == title), || {
            format!("no version titled {title}")
        })?;
    }
    for o in details["DeliveryOptions"].as_array().into_iter().flatten() {
        if let Some(url) = o.pointer("/Details/SaaSUrlDeliveryOptionDetails/FulfillmentUrl") {
            expect(
                options
                    .iter()
                    .any(|x| &x["FulfillmentUrl"] == url && x["Type"] == "SaaSUrl"),
                || format!("no SaaSUrl delivery option for {url}"),
            )?;
        }
        if let Some(ami) = o.pointer("/Details/AmiDeliveryOptionDetails/AmiSource/AmiId") {
            let source = versions
                .iter()
                .flat_map(|v| v["Sources"].as_array().into_iter().flatten())
                .find(|s| &s["Image"] == ami)
                .ok_or_else(|| format!("no source for {ami}"))?;
            expect(
                options.iter().any(|x| x["SourceId"] == source["Id"]),
                || format!("no delivery option uses the source of {ami}"),
            )?;
        }
    }
    Ok(())
}

fn terms(details: &Value, doc: &Value) -> Result<(), String> {
    for t in details["Terms"].as_array().into_iter().flatten() {
        expect(has_term(doc, t), || format!("term {t} is missing"))?;
    }
    Ok(())
}

fn offer(ct: &str, details: &Value, doc: &Value, ctx: &Context) -> Result<(), String> {
    match ct {
        "CreateOffer" => equal(doc, "/ProductId", &details["ProductId"]),
        "CreateOfferUsingResaleAuthorization" => from_resale(details, doc, ctx),
        "CreateReplacementOffer" | "CreateReplacementOfferUsingResaleAuthorization" => {
            if ct.ends_with("ResaleAuthorization") {
                from_resale(details, doc, ctx)?;
            }
            let id = details["AgreementId"].as_str().unwrap_or_default();
            let (buyer, product) = ctx
                .agreements
                .get(id)
                .ok_or_else(|| format!("unknown agreement {id}"))?;
            equal(doc, "/ProductId", &json!(product))?;
            contains(
                rule(doc, "TargetingRule")
                    .and_then(|r| r.pointer("/PositiveTargeting/BuyerAccounts")),
                &json!(buyer),
                "TargetingRule buyers",
            )
        }
        "UpdateInformation" => {
            for k in ["Name", "Description"] {
                if let Some(v) = details.get(k) {
                    equal(doc, &format!("/{k}"), v)?;
                }
            }
            Ok(())
        }
        "UpdateTargeting" => {
            let r = rule(doc, "TargetingRule").ok_or("no TargetingRule")?;
            equal(r, "/PositiveTargeting", &details["PositiveTargeting"])
        }
        "UpdateAvailability" => {
            let r = rule(doc, "AvailabilityRule").ok_or("no AvailabilityRule")?;
            equal(r, "/AvailabilityEndDate", &details["AvailabilityEndDate"])
        }
        "UpdateMarkup" => equal(doc, "/MarkupPercentage", &details["Percentage"]),
        "ReleaseOffer" => equal(doc, "/State", &json!("Released")),
        c if c.starts_with("Update") && c.ends_with("Terms") => terms(details, doc),
        _ => Err(format!("no check for {ct} on an offer")),
    }
}

fn from_resale(details: &Value, doc: &Value, ctx: &Context) -> Result<(), String> {
    let ra = details["ResaleAuthorizationId"]
        .as_str()
        .unwrap_or_default();
    let ra_doc = ctx
        .documents
        .get(ra)
        .ok_or_else(|| format!("resale authorization {ra} was not described"))?;
    equal(doc, "/ProductId", &ra_doc["ProductId"])
}

fn resale(ct: &str, details: &Value, doc: &Value) -> Result<(), String> {
    match ct {
        "CreateResaleAuthorization" => {
            equal(doc, "/ProductId", &details["ProductId"])?;
            let r = rule(doc, "ResellerRule").ok_or("no ResellerRule")?;
            equal(r, "/ResellerAccountId", &details["ResellerAccountId"])
        }
        "UpdateInformation" => {
            for (k, v) in details.as_object().into_iter().flatten() {
                equal(doc, &format!("/{k}"), v)?;
            }
            Ok(())
        }
        "UpdateAvailability" => {
            let r = rule(doc, "AvailabilityRule").ok_or("no AvailabilityRule")?;
            for (k, v) in details.as_object().into_iter().flatten() {
                equal(r, &format!("/{k}"), v)?;
            }
            Ok(())
        }
        "UpdateBuyerTargetingTerms" => {
            for t in details["Terms"].as_array().into_iter().flatten() {
                let want: Vec<Value> = t
                    .pointer("/PositiveTargeting/BuyerAccounts")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .map(|a| json!({"AwsAccountId": a}))
                    .collect();
                let found = doc["Terms"].as_array().into_iter().flatten().any(|x| {
                    x["Type"] == t["Type"]
                        && x.pointer("/PositiveTargeting/BuyerAccounts") == Some(&json!(want))
                });
                expect(found, || format!("no {} for {want:?}", t["Type"]))?;
            }
            Ok(())
        }
        "UpdatePricingTerms" => {
            equal(doc, "/PricingModel", &details["PricingModel"])?;
            terms(details, doc)
        }
        "ReleaseResaleAuthorization" => equal(doc, "/Status", &json!("Active")),
        "RestrictResaleAuthorization" => equal(doc, "/Status", &json!("Restricted")),
        c if c.starts_with("Update") && c.ends_with("Terms") => terms(details, doc),
        _ => Err(format!("no check for {ct} on a resale authorization")),
    }
}

fn offer_set_or_solution(ct: &str, details: &Value, doc: &Value) -> Result<(), String> {
    let offers = || -> Vec<Value> { details["Offers"].as_array().cloned().unwrap_or_default() };
    match ct {
        "CreateOfferSet" | "CreateSolution" => {
            expect(doc["State"].is_string(), || "no State".into())
        }
        "UpdateInformation" | "UpdateRelatedProducts" => {
            for (k, v) in details.as_object().into_iter().flatten() {
                equal(doc, &format!("/{k}"), v)?;
            }
            Ok(())
        }
        "AssociateOffers" => {
            for o in offers() {
                contains(
                    doc.get("Offers"),
                    &json!({"OfferId": o["OfferId"]}),
                    "Offers",
                )?;
            }
            Ok(())
        }
        "DisassociateOffers" => {
            for o in offers() {
                let listed = doc["Offers"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|x| x["OfferId"] == o["OfferId"]);
                expect(!listed, || format!("{} is still associated", o["OfferId"]))?;
            }
            Ok(())
        }
        "AssociateSolution" => equal(doc, "/SolutionId", &details["SolutionId"]),
        "DisassociateSolution" => expect(doc.get("SolutionId").is_none(), || {
            "SolutionId is still set".into()
        }),
        "ReleaseOfferSet" | "ReleaseSolution" => equal(doc, "/State", &json!("Released")),
        _ => Err(format!("no check for {ct}")),
    }
}

/// Schema problems of a DescribeEntity document (`[]` when it fits its published shape).
pub fn schema_problems(entity_type: &str, doc: &Value) -> Vec<String> {
    changeset::check_entity_document(entity_type, doc)
        .into_iter()
        .map(|d| format!("{} {}: {}", d.code, d.path, d.message))
        .collect()
}
