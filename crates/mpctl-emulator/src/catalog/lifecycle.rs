//! The change set lifecycle as the clock moves: PREPARING for the first half of the configured
//! duration, APPLYING for the second, then SUCCEEDED or FAILED when the set is applied — each
//! end announced in the outbox with the offers it released.

use chrono::{DateTime, Utc};

use super::{apply, events, CatalogState};
use crate::clock::{self, Timings};
use crate::outbox::Outbox;

impl CatalogState {
    /// Moves open change sets through their lifecycle up to `now`, applying in start order;
    /// each set that ends announces it (and the offers it released) in the outbox. Whether any
    /// set moved.
    pub fn advance(&mut self, now: DateTime<Utc>, timings: &Timings, outbox: &mut Outbox) -> bool {
        let mut changed = false;
        for i in 0..self.changesets.len() {
            if !self.changesets[i].is_open() {
                continue;
            }
            let start = self.changesets[i].start;
            let done_at = clock::after(start, timings.changeset_seconds);
            if now >= done_at {
                let released_before = events::released_ids(&self.entities);
                self.finish(i, done_at);
                events::released(outbox, &self.entities, &released_before, done_at);
                events::change_set_ended(outbox, &self.changesets[i]);
                changed = true;
            } else if now >= clock::after(start, timings.changeset_seconds / 2.0)
                && self.changesets[i].status != "APPLYING"
            {
                self.changesets[i].status = "APPLYING".to_string();
                changed = true;
            }
        }
        changed
    }

    fn finish(&mut self, i: usize, at: DateTime<Utc>) {
        self.generation += 1;
        if self.server_faults.remove(&self.changesets[i].id) {
            let record = &mut self.changesets[i];
            record.end = Some(at);
            record.status = "FAILED".to_string();
            record.failure_code = Some("SERVER_FAULT".to_string());
            record.failure_description =
                Some("An internal error occurred while processing the change set; nothing was applied. Start it again.".into());
            return;
        }
        let request = self.changesets[i].request.clone();
        let validate_only = self.changesets[i].intent == "VALIDATE";
        let outcome = apply::apply_set(
            &mut self.entities,
            self.changesets[i].owner().to_string().as_str(),
            &request,
            &self.changesets[i].agreements,
            at,
            validate_only,
        );
        let record = &mut self.changesets[i];
        record.end = Some(at);
        if outcome.failed() {
            record.status = "FAILED".to_string();
            record.failure_code = Some("CLIENT_ERROR".to_string());
            let n = outcome.errors.iter().filter(|e| !e.is_empty()).count();
            record.failure_description = Some(format!(
                "{n} change(s) failed validation; see ErrorDetailList on each change."
            ));
        } else {
            record.status = "SUCCEEDED".to_string();
            for id in outcome.entity_ids.iter().flatten() {
                if !record.entity_ids.contains(id) {
                    record.entity_ids.push(id.clone());
                }
            }
        }
        record.resolved = outcome.entity_ids;
        record.errors = outcome.errors;
        if record.status == "SUCCEEDED" && !validate_only {
            self.tag_applied_entities(i);
        }
    }
}
