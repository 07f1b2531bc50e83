//! Receiving from the events queue: long polls of up to ten messages, each body parsed as the
//! EventBridge event it carries, and deletion by receipt handle once the message was handled.

use aws_sdk_sqs::Client;
use serde_json::Value;

use crate::aws::describe_error;

/// One message of the queue.
#[derive(Debug, Clone)]
pub struct Received {
    /// The event (envelope and detail); `Value::Null` when the body is not JSON.
    pub event: Value,
    pub body: String,
    pub receipt: String,
}

impl Received {
    /// The event's `id` (the idempotency key AWS documents), else the body itself.
    pub fn id(&self) -> String {
        self.event["id"]
            .as_str()
            .map_or_else(|| self.body.clone(), str::to_string)
    }
}

/// One ReceiveMessage: up to 10 messages, waiting up to `wait` seconds for the first.
pub async fn receive(sqs: &Client, url: &str, wait: i32) -> anyhow::Result<Vec<Received>> {
    let out = sqs
        .receive_message()
        .queue_url(url)
        .max_number_of_messages(10)
        .wait_time_seconds(wait.clamp(0, super::LONG_POLL_SECONDS))
        .send()
        .await
        .map_err(|e| describe_error("ReceiveMessage", e))?;
    Ok(out
        .messages
        .unwrap_or_default()
        .into_iter()
        .map(|m| {
            let body = m.body.unwrap_or_default();
            Received {
                event: serde_json::from_str(&body).unwrap_or(Value::Null),
                body,
                receipt: m.receipt_handle.unwrap_or_default(),
            }
        })
        .collect())
}

/// Deletes a handled message.
pub async fn delete(sqs: &Client, url: &str, receipt: &str) -> anyhow::Result<()> {
    sqs.delete_message()
        .queue_url(url)
        .receipt_handle(receipt)
        .send()
        .await
        .map_err(|e| describe_error("DeleteMessage", e))?;
    Ok(())
}

/// The queue's URL: `queue` as given when it is one, else the URL of the queue of that name.
pub async fn resolve(sqs: &Client, queue: &str) -> anyhow::Result<String> {
    if queue.starts_with("https://") || queue.starts_with("http://") {
        return Ok(queue.to_string());
    }
    let out = sqs
        .get_queue_url()
        .queue_name(queue)
        .send()
        .await
        .map_err(|e| describe_error("GetQueueUrl", e))?;
    Ok(out.queue_url.unwrap_or_default())
}
