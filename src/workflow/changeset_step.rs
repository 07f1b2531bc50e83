//! The state file as the change set runner's journal for publish-product and create-offer: the
//! rendered request, with its ClientRequestToken, is saved before StartChangeSet and the change
//! set id right after, so a resume re-sends the saved request (the token makes AWS return the
//! same change set) or waits on the saved id. In a campaign the token is derived from the row
//! (see `tokens`), so even a kill before that save re-sends the same token.

use serde_json::Value;

use super::Ctx;
use crate::aws::report::Outcome;
use crate::aws::runner::{self, Journal, Runner};
use crate::project::state::State;

/// Which state fields a change set step uses.
pub struct Slot {
    /// Step name: key of the pending request.
    pub step: &'static str,
    pub get_id: fn(&State) -> Option<String>,
    pub set_id: fn(&mut State, Option<String>),
}

struct StateJournal<'c, 'a> {
    ctx: &'c mut Ctx<'a>,
    slot: &'c Slot,
}

impl Journal for StateJournal<'_, '_> {
    fn saved_request(&self) -> Option<Value> {
        self.ctx.state.internal.pending.get(self.slot.step).cloned()
    }
    fn saved_id(&self) -> Option<String> {
        (self.slot.get_id)(&self.ctx.state)
    }
    fn save_request(&mut self, request: &Value) -> anyhow::Result<()> {
        let pending = &mut self.ctx.state.internal.pending;
        pending.insert(self.slot.step.to_string(), request.clone());
        self.ctx.save()
    }
    fn save_id(&mut self, id: Option<&str>) -> anyhow::Result<()> {
        (self.slot.set_id)(&mut self.ctx.state, id.map(str::to_string));
        self.ctx.save()
    }
    fn forget(&mut self) -> anyhow::Result<()> {
        self.ctx.next_attempt(self.slot.step);
        (self.slot.set_id)(&mut self.ctx.state, None);
        self.ctx.state.internal.pending.remove(self.slot.step);
        self.ctx.save()
    }
    fn save_status(&mut self, id: &str, status: Option<&str>) -> anyhow::Result<()> {
        let seen = &mut self.ctx.state.internal.last_status;
        let changed = match status {
            Some(s) => seen.insert(id.to_string(), s.to_string()).as_deref() != Some(s),
            None => seen.remove(id).is_some(),
        };
        if changed {
            self.ctx.save()?;
        }
        Ok(())
    }
    /// A token per attempt (see [`Ctx::token`]): after a failure the same content must start a
    /// new change set.
    fn token(&self, _: &Value) -> String {
        self.ctx.token(self.slot.step)
    }
    fn next_token(&mut self, _: &Value) -> String {
        self.ctx.next_attempt(self.slot.step);
        self.ctx.token(self.slot.step)
    }
}

/// Runs the step's change set to SUCCEEDED, starting it only if no earlier run did.
/// `fresh_request` (rendered and validated) is used only when no earlier run saved one.
pub async fn run(
    ctx: &mut Ctx<'_>,
    slot: &Slot,
    fresh_request: anyhow::Result<Value>,
) -> anyhow::Result<Outcome> {
    let client = ctx.clients.catalog.clone();
    let watch = ctx.watch.clone();
    let printer = ctx.printer;
    let info = |m: &str| printer.info(m);
    let runner = Runner {
        client: &client,
        watch: watch.as_deref(),
        progress: printer,
        info: &info,
    };
    let opts = runner::Options::from_settings(ctx.settings, slot.step, None);
    let mut journal = StateJournal { ctx, slot };
    runner
        .run(&mut journal, &opts, fresh_request)
        .await?
        .into_result()
}
