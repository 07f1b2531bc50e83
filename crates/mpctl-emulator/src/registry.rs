//! Every service's table by [`Service`], for the parts that read the tables without running an
//! operation: quota enforcement, the CBOR codec and the tests that walk every table.

use crate::service::Spec;
use crate::wire::Service;
use crate::{agreement, catalog, discovery, eventbridge, partner, sqs};
use crate::{entitlement, metering};

/// Every emulated service.
#[cfg(test)]
pub const SERVICES: [Service; 8] = [
    Service::Catalog,
    Service::Partner,
    Service::Agreement,
    Service::Discovery,
    Service::Metering,
    Service::Entitlement,
    Service::Events,
    Service::Sqs,
];

/// The table of `service`.
pub fn table(service: Service) -> &'static dyn Spec {
    match service {
        Service::Catalog => &catalog::TABLE,
        Service::Partner => &partner::TABLE,
        Service::Agreement => &agreement::TABLE,
        Service::Discovery => &discovery::TABLE,
        Service::Metering => &metering::TABLE,
        Service::Entitlement => &entitlement::TABLE,
        Service::Events => &eventbridge::TABLE,
        Service::Sqs => &sqs::TABLE,
    }
}

#[cfg(test)]
mod client;
#[cfg(test)]
mod required_tests;
#[cfg(test)]
mod tables_tests;
