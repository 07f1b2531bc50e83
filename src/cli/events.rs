//! `events setup|tail|forward|teardown`: the arguments of the commands that receive AWS
//! Marketplace's and Partner Central's EventBridge notifications through an SQS queue.

use std::path::PathBuf;

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum EventsCommand {
    /// Create the SQS queue, the rule on the default event bus that sends Marketplace and
    /// Partner Central events to it, and the queue policy that lets the rule send (idempotent).
    #[command(
        after_help = "Examples:\n  mpctl events setup --local\n  mpctl events setup --profile seller --plan\n  mpctl events setup --name mp-acceptances --pattern '{\"source\":[\"aws.agreement-marketplace\"],\"detail-type\":[{\"prefix\":\"Purchase Agreement Created\"}]}'"
    )]
    Setup {
        /// Name of both the queue and the rule.
        #[arg(long, default_value = crate::event::DEFAULT_NAME)]
        name: String,
        /// The rule's event pattern (JSON text, or @FILE); default: every event of
        /// aws.marketplacecatalog, aws.agreement-marketplace and aws.partnercentral-selling.
        #[arg(long)]
        pattern: Option<String>,
    },
    /// Print each event of the queue as it arrives, one line each (`--output json`: one JSON
    /// object per line), deleting its message once printed unless --keep.
    #[command(
        after_help = "Examples:\n  mpctl events tail\n  mpctl events tail --output json | jq -c 'select(.\"detail-type\" | startswith(\"Purchase Agreement\"))'\n  mpctl events tail --limit 1 --idle 600"
    )]
    Tail {
        #[command(flatten)]
        queue: QueueArgs,
        /// Leave the messages in the queue (they come back after its visibility timeout).
        #[arg(long)]
        keep: bool,
    },
    /// Run a command for each event (its JSON on stdin) or POST it to a webhook, at least
    /// once: a message is deleted only after the command exited 0 or the POST got a 2xx;
    /// events already delivered are recognised by id (journal) and not delivered again.
    #[command(
        after_help = "Examples:\n  mpctl events forward --exec './on-event.sh'\n  mpctl events forward --webhook https://hooks.slack.com/services/T000/B000/XXXX\n  mpctl events forward --exec 'jq -c . >> events.log' --idle 60"
    )]
    Forward {
        #[command(flatten)]
        queue: QueueArgs,
        /// Shell command run once per event (sh -c), the event's JSON on its stdin and
        /// MPCTL_EVENT_ID, MPCTL_EVENT_TYPE, MPCTL_EVENT_SOURCE in its environment.
        #[arg(long, required_unless_present = "webhook", conflicts_with = "webhook")]
        exec: Option<String>,
        /// URL to POST each event to (Slack incoming webhooks get a `{"text": …}` message).
        #[arg(long)]
        webhook: Option<String>,
        /// The journal of delivered event ids (SQLite; default: events.forwarded next to the
        /// state file).
        #[arg(long)]
        journal: Option<PathBuf>,
    },
    /// Remove the rule's target, the rule and the queue that `events setup` created.
    #[command(
        after_help = "Examples:\n  mpctl events teardown --local\n  mpctl events teardown --name mp-acceptances --yes"
    )]
    Teardown {
        /// Name of both the queue and the rule.
        #[arg(long, default_value = crate::event::DEFAULT_NAME)]
        name: String,
    },
}

/// Which queue, and when to stop reading it.
#[derive(Debug, clap::Args)]
pub struct QueueArgs {
    /// Queue URL or name; default: config `events.queue_url`, else the queue `mpctl-events`.
    #[arg(long)]
    pub queue: Option<String>,
    /// Stop after this many events.
    #[arg(long)]
    pub limit: Option<u64>,
    /// Stop after this many seconds without a message.
    #[arg(long)]
    pub idle: Option<f64>,
}
