//! Reading agreements as the seller: SearchAgreements with the filters sellers ask for
//! (`search`), agreement summaries as JSON (`view`), and accepted terms turned into plain JSON for
//! tables and `--output json` (`accepted`); cancellation requests, both sides (`cancellation`); invoices (`invoice`) and refunds
//! (`refund`, checked first by `refund_check`); payment requests (`payment`).

pub mod accepted;
pub mod cancellation;
pub mod invoice;
pub mod payment;
pub mod refund;
pub mod refund_check;
pub mod search;
pub mod view;
