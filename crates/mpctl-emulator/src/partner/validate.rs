//! Partner Central's answer to a request that breaks its model: `ValidationException` with
//! `Reason: REQUEST_VALIDATION_FAILED` and one `ErrorList` entry per field (the walk itself is
//! the shared `service::validate`).

use super::errors::{code, request_invalid, FieldError};
use crate::service::validate::{Problem, Violation};
use crate::wire::ApiError;

/// The `ValidationException` for model violations.
pub fn invalid(violations: &[Violation]) -> ApiError {
    let errors: Vec<FieldError> = violations.iter().map(field_error).collect();
    request_invalid(&errors)
}

fn field_error(v: &Violation) -> FieldError {
    let code = match v.problem {
        Problem::Missing => code::REQUIRED_FIELD_MISSING,
        Problem::NotInEnum => code::INVALID_ENUM_VALUE,
        Problem::WrongType => code::INVALID_VALUE,
        Problem::TooFew => code::NOT_ENOUGH_VALUES,
        Problem::TooMany => code::TOO_MANY_VALUES,
        Problem::OutOfRange => code::VALUE_OUT_OF_RANGE,
    };
    FieldError::new(v.path.clone(), code, v.message.clone())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use serde_json::Value;

    use super::super::model::MODEL;
    use super::*;
    use crate::service::validate::check;

    fn codes(op: &str, input: Value) -> Vec<(String, &'static str)> {
        assert!(MODEL.input_shape(op).is_some(), "known op");
        check(&MODEL, op, &input)
            .iter()
            .map(field_error)
            // Test-only: the codes are compared with string literals.
            .map(|e| (e.field, &*Box::leak(e.code.into_boxed_str())))
            .collect()
    }

    #[test]
    fn missing_required_members_are_reported_with_their_path() {
        let found = codes(
            "CreateOpportunity",
            json!({"ClientToken": "t", "Customer": {"Account": {"Industry": "Gaming"}}}),
        );
        assert_eq!(
            found,
            vec![
                ("Catalog".to_string(), "REQUIRED_FIELD_MISSING"),
                (
                    "Customer.Account.CompanyName".to_string(),
                    "REQUIRED_FIELD_MISSING"
                ),
            ]
        );
    }

    #[test]
    fn enum_values_come_from_the_model() {
        let found = codes(
            "CreateOpportunity",
            json!({"Catalog": "AWS", "ClientToken": "t",
                   "LifeCycle": {"Stage": "Closed Won", "ReviewStatus": "In Review"},
                   "Project": {"DeliveryModels": ["SaaS or PaaS", "Cloud"]}}),
        );
        let fields: Vec<&str> = found.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            fields,
            vec![
                "Project.DeliveryModels[1]",
                "LifeCycle.Stage",
                "LifeCycle.ReviewStatus"
            ]
        );
        assert!(found.iter().all(|(_, c)| *c == "INVALID_ENUM_VALUE"));
    }

    #[test]
    fn valid_input_passes_and_patterns_are_not_enforced() {
        let found = codes(
            "UpdateOpportunity",
            json!({"Catalog": "Sandbox", "Identifier": "not-an-O-id",
                   "LastModifiedDate": "2024-05-01T10:00:00.5+02:00",
                   "LifeCycle": {"Stage": "Committed", "ReviewStatus": "In review"},
                   "SomethingNewer": 1}),
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn types_list_lengths_and_ranges_are_checked() {
        let stages = vec!["Prospect"; 11];
        let found = codes(
            "ListOpportunities",
            json!({"Catalog": "AWS", "MaxResults": 500, "Identifier": "O1", "LifeCycleStage": stages}),
        );
        assert_eq!(
            found,
            vec![
                ("MaxResults".to_string(), "VALUE_OUT_OF_RANGE"),
                ("Identifier".to_string(), "INVALID_VALUE"),
                ("LifeCycleStage".to_string(), "TOO_MANY_VALUES"),
            ]
        );
    }

    #[test]
    fn sdk_only_related_entity_types_are_accepted() {
        let input = json!({"Catalog": "AWS", "OpportunityIdentifier": "O1",
                           "RelatedEntityType": "AwsMarketplaceProducts", "RelatedEntityIdentifier": "prod-1"});
        assert!(codes("AssociateOpportunity", input).is_empty());
    }

    #[test]
    fn check_request_builds_a_request_validation_error() {
        let e = invalid(&check(&MODEL, "GetOpportunity", &json!({"Catalog": "AWS"})));
        assert_eq!(e.fields["Reason"], "REQUEST_VALIDATION_FAILED");
        assert_eq!(e.fields["ErrorList"][0]["FieldName"], "Identifier");
        assert_eq!(e.fields["ErrorList"][0]["Code"], "REQUIRED_FIELD_MISSING");
    }
}
