//! The JSON schemas of the engagement snapshot, snapshot job, context and settings commands.

use schemars::Schema;

use super::doc;

/// `engagement snapshot` commands.
pub(super) fn snapshots() -> Vec<(&'static str, Schema)> {
    use crate::commands::engagement_snapshot::*;
    vec![
        (
            "engagement-snapshot",
            doc::<SnapshotTaken>("engagement snapshot"),
        ),
        (
            "engagement-snapshot-show",
            doc::<SnapshotView>("engagement snapshot-show"),
        ),
        (
            "engagement-snapshot-jobs",
            doc::<JobList>("engagement snapshot-jobs"),
        ),
        (
            "engagement-snapshot-job",
            doc::<JobChanged>("engagement snapshot-job"),
        ),
    ]
}

/// `engagement edits` commands.
pub(super) fn edits() -> Vec<(&'static str, Schema)> {
    use crate::commands::engagement_edits::*;
    vec![
        (
            "engagement-update-context",
            doc::<ContextView>("engagement update-context"),
        ),
        (
            "engagement-settings",
            doc::<SettingsView>("engagement settings"),
        ),
    ]
}
