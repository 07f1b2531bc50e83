//! Idempotency tokens of a campaign row, derived instead of drawn: uuid v5 over the campaign's
//! id (kept in the campaign's own state), the row, the write (`create-offer`,
//! `create-opportunity/create`, …) and its attempt. A re-run after a kill anywhere — even
//! before the request and its token reached the state file — sends the very token the killed
//! run sent, so AWS answers with what it already created instead of creating it again. The
//! attempt number moves on only when a write has ended for good (a FAILED change set or
//! task), because then the same content must make a new one.

use uuid::Uuid;

/// The seed of one campaign row's tokens.
#[derive(Debug, Clone, Copy)]
pub struct Seed {
    campaign: Uuid,
    row: u64,
}

impl Seed {
    pub fn new(campaign: Uuid, row: u64) -> Self {
        Seed { campaign, row }
    }

    /// The token of `key`'s attempt `attempt` (0 for the first).
    pub fn token(&self, key: &str, attempt: u32) -> String {
        let name = format!("row-{}/{key}/{attempt}", self.row);
        Uuid::new_v5(&self.campaign, name.as_bytes()).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_depend_on_campaign_row_write_and_attempt_only() {
        let c = Uuid::new_v4();
        let a = Seed::new(c, 2);
        assert_eq!(
            a.token("create-offer", 0),
            Seed::new(c, 2).token("create-offer", 0)
        );
        let others = [
            a.token("create-offer", 1),
            a.token("create-opportunity/create", 0),
            Seed::new(c, 3).token("create-offer", 0),
            Seed::new(Uuid::new_v4(), 2).token("create-offer", 0),
        ];
        assert!(others.iter().all(|t| *t != a.token("create-offer", 0)));
    }
}
