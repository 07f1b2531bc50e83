//! SQS's errors in its query-compatible form (aws-events-cosell.md §A2.1): the JSON body names
//! the shape (`com.amazonaws.sqs#QueueDoesNotExist`), and the `x-amzn-query-error` header
//! carries the legacy code and fault (`AWS.SimpleQueueService.NonExistentQueue;Sender`). The Rust
//! SDK matches the header's code to pick its typed error; botocore reports it as `Error.Code`.

use crate::wire::ApiError;

/// Shape name → legacy query code (the SDKs' tables).
const LEGACY: &[(&str, &str)] = &[
    (
        "QueueDoesNotExist",
        "AWS.SimpleQueueService.NonExistentQueue",
    ),
    ("QueueNameExists", "QueueAlreadyExists"),
    (
        "QueueDeletedRecently",
        "AWS.SimpleQueueService.QueueDeletedRecently",
    ),
    (
        "EmptyBatchRequest",
        "AWS.SimpleQueueService.EmptyBatchRequest",
    ),
    (
        "TooManyEntriesInBatchRequest",
        "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
    ),
    (
        "BatchEntryIdsNotDistinct",
        "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
    ),
    (
        "InvalidBatchEntryId",
        "AWS.SimpleQueueService.InvalidBatchEntryId",
    ),
    (
        "UnsupportedOperation",
        "AWS.SimpleQueueService.UnsupportedOperation",
    ),
    (
        "PurgeQueueInProgress",
        "AWS.SimpleQueueService.PurgeQueueInProgress",
    ),
    (
        "MessageNotInflight",
        "AWS.SimpleQueueService.MessageNotInflight",
    ),
];

/// The `x-amzn-query-error` value for an error code: `<legacy code>;<Sender|Receiver>`.
pub fn query_error(code: &str, status: u16) -> String {
    let legacy = LEGACY
        .iter()
        .find(|(shape, _)| *shape == code)
        .map_or(code, |(_, l)| l);
    let fault = if status >= 500 { "Receiver" } else { "Sender" };
    format!("{legacy};{fault}")
}

pub fn no_queue() -> ApiError {
    ApiError::new(
        400,
        "QueueDoesNotExist",
        "The specified queue does not exist.",
    )
}

pub fn invalid_value(message: impl Into<String>) -> ApiError {
    ApiError::new(400, "InvalidAttributeValue", message)
}

pub fn invalid_parameter(message: impl Into<String>) -> ApiError {
    ApiError::new(400, "InvalidParameterValue", message)
}

pub fn bad_receipt(handle: &str) -> ApiError {
    ApiError::new(
        400,
        "ReceiptHandleIsInvalid",
        format!("The input receipt handle \"{handle}\" is not a valid receipt handle."),
    )
}
