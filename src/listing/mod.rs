//! Product listings as buyers see them on AWS Marketplace. `preview` reads a listing, product,
//! offer or offer set through Marketplace Discovery signed as a buyer account.

pub mod preview;
