//! mpctl: the AWS Marketplace seller workflow, from SaaS product to committed co-sell deal,
//! against AWS or the bundled emulator.

pub mod emulator;
