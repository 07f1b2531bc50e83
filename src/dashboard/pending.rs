//! What an action asks for, before it is sent: the fields of every action form (`ActionForm`),
//! and the request built and checked from them (`Pending`: a change set, or one write of the
//! Agreement API), held until the user confirms exactly that. The forms (`actions`,
//! `postsale`), the confirmation and the jobs that send (`jobs`) all read these types, and none
//! of them needs the others for it.

use serde::Deserialize;
use serde_json::Value;

/// Every action form's fields; which are used depends on `kind`.
#[derive(Debug, Default, Deserialize)]
pub struct ActionForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub kind: String,
    pub offer: Option<String>,
    pub agreement: Option<String>,
    pub buyers: Option<String>,
    pub name: Option<String>,
    pub until: Option<String>,
    /// The held request to start (confirmation form).
    pub pending: Option<String>,
    /// Post-sale actions: why, what the buyer reads, which invoice, how much.
    pub reason: Option<String>,
    pub description: Option<String>,
    pub invoice: Option<String>,
    pub amount: Option<String>,
}

/// What a confirmed action sends.
#[derive(Debug, Clone)]
pub enum Request {
    /// A StartChangeSet request, run to its end by the change set runner.
    ChangeSet(Value),
    /// One write of the Agreement API (a cancellation request, a refund, a payment request),
    /// its body exactly as shown.
    Write {
        operation: &'static str,
        body: Value,
    },
}

impl Request {
    /// What the confirmation page shows: the exact request.
    pub fn shown(&self) -> &Value {
        match self {
            Request::ChangeSet(v) | Request::Write { body: v, .. } => v,
        }
    }
}

/// A validated request shown to the user, not sent yet.
#[derive(Debug, Clone)]
pub struct Pending {
    pub label: String,
    /// The CLI command it stands for (the runner's progress lines name it).
    pub step: String,
    pub request: Request,
}
