//! Reading agreements as the seller: SearchAgreements with the filters sellers ask for
//! (`search`), agreement summaries as JSON (`view`), and accepted terms turned into plain JSON for
//! tables and `--output json` (`accepted`); cancellation requests, both sides (`cancellation`).

pub mod accepted;
pub mod cancellation;
pub mod search;
pub mod view;
