//! Which JSON Schema draft the embedded shapes are compiled as: draft 7. The shapes only use
//! keywords that mean the same in draft 7 and 2020-12 (`type`, `properties`, `items`, `anyOf`,
//! `enum`, length and count bounds, and `$ref` to `#/$defs/…` with no sibling keywords — the
//! test below keeps it so), and `jsonschema` checks every schema against its draft's
//! meta-schema first: building the 2020-12 meta-schema's validator (vocabularies, `$dynamicRef`)
//! took 26 MiB of heap, more than everything else `run-all` allocates, while draft 7's takes
//! well under one.

use jsonschema::Validator;
use serde_json::Value;

/// Compiles one embedded schema.
pub(crate) fn compile(schema: &Value) -> Validator {
    jsonschema::draft7::new(schema).expect("embedded catalog shapes are valid JSON Schemas")
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    /// Keywords whose meaning differs between draft 7 and 2020-12, or that draft 7 lacks.
    const NOT_DRAFT_7: &[&str] = &[
        "$dynamicRef",
        "$anchor",
        "$recursiveRef",
        "prefixItems",
        "unevaluatedProperties",
        "unevaluatedItems",
        "dependentRequired",
        "dependentSchemas",
        "minContains",
        "maxContains",
    ];

    fn check(v: &Value, at: &str) {
        match v {
            Value::Object(o) => {
                if o.contains_key("$ref") {
                    assert_eq!(o.len(), 1, "{at}: $ref with siblings means more in 2020-12");
                }
                for (k, child) in o {
                    // Under `properties`/`$defs` keys are names, not keywords.
                    let named = at.ends_with("/properties") || at.ends_with("/$defs");
                    assert!(named || !NOT_DRAFT_7.contains(&k.as_str()), "{at}/{k}");
                    check(child, &format!("{at}/{k}"));
                }
            }
            Value::Array(a) => a.iter().for_each(|c| check(c, at)),
            _ => {}
        }
    }

    #[test]
    fn the_shapes_mean_the_same_in_draft_7() {
        check(&super::super::shapes::DOCUMENT, "");
    }
}
