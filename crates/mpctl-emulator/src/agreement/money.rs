//! The emulator's exact amounts are AWS's money strings as `mpctl-facts` reads them (one copy
//! for the CLI's checks and the emulator's answers).

pub(super) use mpctl_facts::money::Money;
