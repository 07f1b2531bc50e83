//! Field-by-field differences between a listing file and the live entity (DescribeEntity).
//!
//! Objects are compared member by member and arrays element by element. Arrays whose elements
//! have an identity are matched on it, not on position, because AWS does not keep their order
//! (an UpdatePricingTerms moves the pricing terms to the end): terms and rules by `Type`,
//! dimensions by `Key` and `Types`, versions, delivery options and sources by `Id`. Other arrays
//! of equal length are compared by index; of different lengths, as one value. Lists that are
//! sets (a product's `Regions` and `AvailableInstanceTypes`, which AWS changes by adding and
//! restricting members) are compared as sets. `null`, `{}`, `[]` and a missing member are the
//! same.
//!
//! Some members are AWS's bookkeeping, not the seller's to set, and are never compared:
//! the `Id` AWS gives each offer term (`[I]` new ones after every term update: change sets
//! carry no term ids, so a replaced term cannot keep its old one), a product's
//! `ProductState`, and the `Restrict`/`RestrictedInstanceTypes` lists AWS derives from the
//! regions and instance types a seller restricts (edit `Regions`/`AvailableInstanceTypes`); of a
//! resale authorization, the offers created from it (`OfferDetails`) and the `Usage` AWS
//! derives from `OffersMaxQuantity`.

use serde_json::Value;

/// One step of a path: an object member, an array position, or an element by identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
    Item(String),
}

/// One field that differs.
#[derive(Debug, Clone)]
pub struct Difference {
    pub segments: Vec<Seg>,
    /// JSON pointer into the file's DetailsDocument at the field, or at the deepest member the
    /// file has on its way (for positions in error messages).
    pub local_pointer: String,
    /// The live value; `None`: AWS has no such field or element.
    pub live: Option<Value>,
    /// The file's value; `None`: the file has no such field or element.
    pub local: Option<Value>,
}

impl Difference {
    /// `Description.ProductTitle`, `Terms[FixedUpfrontPricingTerm].RateCards[0].Price`.
    pub fn path(&self) -> String {
        path_text(&self.segments)
    }

    /// The object member at position `i` of the path.
    pub fn key(&self, i: usize) -> Option<&str> {
        match self.segments.get(i) {
            Some(Seg::Key(k)) => Some(k),
            _ => None,
        }
    }

    /// The identity of the element at position `i` of the path.
    pub fn item(&self, i: usize) -> Option<&str> {
        match self.segments.get(i) {
            Some(Seg::Item(k)) => Some(k),
            _ => None,
        }
    }
}

pub fn path_text(segments: &[Seg]) -> String {
    let mut out = String::new();
    for s in segments {
        match s {
            Seg::Key(k) if out.is_empty() => out.push_str(k),
            Seg::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
            Seg::Item(id) => out.push_str(&format!("[{id}]")),
        }
    }
    out
}

/// Every difference between the live document and the file's, in the file's order.
pub fn diff(live: &Value, local: &Value) -> Vec<Difference> {
    let mut out = Vec::new();
    walk(Some(live), Some(local), &mut Vec::new(), "", &mut out);
    out
}

/// The identity of an element of the array under `key`, if elements of that array have one.
pub fn identity(key: &str, element: &Value) -> Option<String> {
    let text = |k: &str| element.get(k).and_then(Value::as_str).map(str::to_string);
    match key {
        "Terms" | "Rules" => text("Type"),
        "Versions" | "DeliveryOptions" | "Sources" => text("Id"),
        "Dimensions" => {
            let types: Vec<&str> = element
                .get("Types")?
                .as_array()?
                .iter()
                .filter_map(Value::as_str)
                .collect();
            Some(format!("{}:{}", text("Key")?, types.join("+")))
        }
        _ => None,
    }
}

/// Members never compared (see the module doc), given the path of their object.
fn ignored(object_path: &[Seg], member: &str) -> bool {
    match (object_path, member) {
        ([.., Seg::Key(t), Seg::Item(_)], "Id") => t == "Terms",
        ([Seg::Key(d)], "ProductState") => d == "Description",
        ([Seg::Key(r)], "Restrict") => r == "RegionAvailability",
        ([Seg::Key(c)], "RestrictedInstanceTypes") => c == "Compatibility",
        ([Seg::Key(r), Seg::Item(t)], "Usage") => r == "Rules" && t == "AvailabilityRule",
        ([], "OfferDetails") => true,
        _ => false,
    }
}

/// `[I]` AWS returns an empty section (`"PromotionalResources": {}`) or leaves it out as it
/// pleases: `null`, `{}` and `[]` all mean "nothing here", like a missing member.
fn present(v: Option<&Value>) -> Option<&Value> {
    v.filter(|v| !blank(v))
}

/// `null`, `[]`, or an object whose members are all blank.
fn blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Object(m) => m.values().all(blank),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

fn walk(
    live: Option<&Value>,
    local: Option<&Value>,
    segs: &mut Vec<Seg>,
    pointer: &str,
    out: &mut Vec<Difference>,
) {
    let (live, local) = (present(live), present(local));
    match (live, local) {
        (None, None) => {}
        (Some(Value::Object(a)), Some(Value::Object(b))) => {
            let keys = b.keys().chain(a.keys().filter(|k| !b.contains_key(*k)));
            for k in keys.cloned().collect::<Vec<_>>() {
                if ignored(segs, &k) {
                    continue;
                }
                let child = if b.contains_key(&k) {
                    format!("{pointer}/{}", escape(&k))
                } else {
                    pointer.to_string()
                };
                segs.push(Seg::Key(k.clone()));
                walk(a.get(&k), b.get(&k), segs, &child, out);
                segs.pop();
            }
        }
        (Some(Value::Array(a)), Some(Value::Array(b))) => arrays(a, b, segs, pointer, out),
        _ if live == local => {}
        _ => out.push(Difference {
            segments: segs.clone(),
            local_pointer: pointer.to_string(),
            live: live.cloned(),
            local: local.cloned(),
        }),
    }
}

/// The identities of every element, if all have one and none repeats.
fn identities(key: &str, items: &[Value]) -> Option<Vec<String>> {
    let ids: Vec<String> = items
        .iter()
        .map(|e| identity(key, e))
        .collect::<Option<_>>()?;
    let mut seen = std::collections::BTreeSet::new();
    ids.iter().all(|i| seen.insert(i)).then_some(ids)
}

/// Lists whose order means nothing (see the module doc).
const SETS: &[&str] = &["Regions", "AvailableInstanceTypes"];

/// The strings of a list, sorted, if all its members are strings.
fn string_set(items: &[Value]) -> Option<Vec<&str>> {
    let mut set: Vec<&str> = items.iter().map(Value::as_str).collect::<Option<_>>()?;
    set.sort_unstable();
    set.dedup();
    Some(set)
}

fn arrays(a: &[Value], b: &[Value], segs: &mut Vec<Seg>, pointer: &str, out: &mut Vec<Difference>) {
    let key = match segs.last() {
        Some(Seg::Key(k)) => k.clone(),
        _ => String::new(),
    };
    if SETS.contains(&key.as_str()) {
        if let (Some(x), Some(y)) = (string_set(a), string_set(b)) {
            if x != y {
                out.push(Difference {
                    segments: segs.clone(),
                    local_pointer: pointer.to_string(),
                    live: Some(Value::Array(a.to_vec())),
                    local: Some(Value::Array(b.to_vec())),
                });
            }
            return;
        }
    }
    if let (Some(live_ids), Some(local_ids)) = (identities(&key, a), identities(&key, b)) {
        for (i, id) in local_ids.iter().enumerate() {
            let live = live_ids.iter().position(|x| x == id).map(|j| &a[j]);
            segs.push(Seg::Item(id.clone()));
            walk(live, Some(&b[i]), segs, &format!("{pointer}/{i}"), out);
            segs.pop();
        }
        for (j, id) in live_ids.iter().enumerate() {
            if !local_ids.contains(id) {
                segs.push(Seg::Item(id.clone()));
                walk(Some(&a[j]), None, segs, pointer, out);
                segs.pop();
            }
        }
        return;
    }
    if a.len() == b.len() {
        for i in 0..a.len() {
            segs.push(Seg::Index(i));
            walk(
                Some(&a[i]),
                Some(&b[i]),
                segs,
                &format!("{pointer}/{i}"),
                out,
            );
            segs.pop();
        }
        return;
    }
    out.push(Difference {
        segments: segs.clone(),
        local_pointer: pointer.to_string(),
        live: Some(Value::Array(a.to_vec())),
        local: Some(Value::Array(b.to_vec())),
    });
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn terms_match_by_type_whatever_their_order_and_ids() {
        let live = json!({"Terms": [
            {"Id": "term-1", "Type": "LegalTerm", "Documents": []},
            {"Id": "term-2", "Type": "FixedUpfrontPricingTerm", "Price": "10.00"}
        ]});
        let local = json!({"Terms": [
            {"Type": "FixedUpfrontPricingTerm", "Price": "12.00", "Id": "term-9"},
            {"Type": "LegalTerm", "Documents": []}
        ]});
        let d = diff(&live, &local);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].path(), "Terms[FixedUpfrontPricingTerm].Price");
        assert_eq!(d[0].local_pointer, "/Terms/0/Price");
        assert_eq!(d[0].local, Some(json!("12.00")));
    }

    #[test]
    fn dimensions_are_added_removed_and_changed_by_key_and_types() {
        let live = json!({"Dimensions": [
            {"Key": "a", "Types": ["Entitled"], "Description": "A"},
            {"Key": "b", "Types": ["Entitled"], "Description": "B"}
        ], "Description": {"ProductState": "Active", "ProductTitle": "T"}});
        let local = json!({"Dimensions": [
            {"Key": "a", "Types": ["Entitled"], "Description": "A2"},
            {"Key": "c", "Types": ["Metered"], "Description": "C"}
        ], "Description": {"ProductState": "Draft", "ProductTitle": null}});
        let paths: Vec<String> = diff(&live, &local).iter().map(Difference::path).collect();
        assert_eq!(
            paths,
            [
                "Dimensions[a:Entitled].Description",
                "Dimensions[c:Metered]",
                "Dimensions[b:Entitled]",
                "Description.ProductTitle"
            ]
        );
    }

    #[test]
    fn regions_are_a_set() {
        let live = json!({"RegionAvailability": {"Regions": ["us-east-1", "eu-west-1"]}});
        let same = json!({"RegionAvailability": {"Regions": ["eu-west-1", "us-east-1"]}});
        assert!(diff(&live, &same).is_empty());
        let other = json!({"RegionAvailability": {"Regions": ["eu-west-1", "us-west-2"]}});
        let d = diff(&live, &other);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].path(), "RegionAvailability.Regions");
    }

    #[test]
    fn the_same_document_has_no_difference() {
        let doc = json!({"A": [1, 2], "B": {"C": null}, "Rules": [{"Type": "X", "V": 1}]});
        assert!(diff(&doc, &doc).is_empty());
        assert!(diff(&json!({"B": {}}), &json!({"B": {"C": null}})).is_empty());
    }
}
