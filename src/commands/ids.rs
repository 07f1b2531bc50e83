//! Every id typed on the command line is checked for its documented shape before the command
//! connects (see [`crate::project::ids`]): one table of which argument holds which kind.

use crate::cli::{
    AgreementCommand as A, BuyerCommand as B, Command, InvitationCommand as I, OfferCommand as O,
    OpportunityCommand as P,
};
use crate::project::ids::{check, Kind};

/// The ids `command` names, each with its kind and the argument it came from.
fn ids(command: &Command) -> Vec<(Kind, &'static str, Option<&str>)> {
    match command {
        Command::Offer(o) => match o {
            O::List(a) => vec![(Kind::Product, "--product", a.product.as_deref())],
            O::Describe(a) => vec![(Kind::Offer, "ID", s(&a.id))],
            O::Extend(a) => vec![(Kind::Offer, "ID", s(&a.id))],
            O::Expire(a) => vec![(Kind::Offer, "ID", s(&a.id))],
            O::Clone(a) => vec![(Kind::Offer, "ID", s(&a.id))],
            O::Replace(a) => vec![(Kind::Agreement, "AGREEMENT_ID", s(&a.agreement_id))],
        },
        Command::Agreement(a) => match a {
            A::Search(q) => vec![
                (Kind::Offer, "--offer", q.offer.as_deref()),
                (Kind::Product, "--product", q.product.as_deref()),
            ],
            A::Describe(d) | A::Terms(d) => vec![(Kind::Agreement, "ID", s(&d.id))],
        },
        Command::Buyer(b) => match b {
            B::Accept(a) => vec![(Kind::Offer, "OFFER_ID", s(&a.offer_id))],
            B::Replace(a) => vec![
                (Kind::Agreement, "AGREEMENT_ID", s(&a.agreement_id)),
                (Kind::Offer, "--offer", s(&a.offer)),
            ],
        },
        Command::Opportunity(p) => match p {
            P::Get { id } => vec![(Kind::Opportunity, "ID", id.as_deref())],
            P::SetStage { id, .. } => vec![(Kind::Opportunity, "ID", s(id))],
            P::List(_) => vec![],
        },
        Command::Invitation(i) => match i {
            I::Accept { id } | I::Reject { id, .. } => vec![(Kind::Invitation, "ID", s(id))],
            I::List { .. } => vec![],
        },
        _ => vec![],
    }
}

fn s(v: &str) -> Option<&str> {
    Some(v)
}

/// Exit 2 for the first id of the wrong shape; nothing is sent.
pub fn check_all(command: &Command) -> anyhow::Result<()> {
    for (kind, what, id) in ids(command) {
        if let Some(id) = id {
            check(kind, what, id)?;
        }
    }
    Ok(())
}
