//! The emulator's whole state: one value per service behind one lock, advanced lazily to "now"
//! before each request so asynchronous lifecycles need no background tasks, and the outbox of
//! the events their changes announce.

use chrono::{DateTime, Utc};

use super::agreement::{self, AgreementState};
use super::catalog::{self, CatalogState};
use super::clock::{Clock, Timings};
use super::discovery;
use super::entitlement;
use super::eventbridge::{self, deliver::DeliveryFaults, EventsState};
use super::metering::{self, MeteringState};
use super::outbox::Outbox;
use super::partner::{self, PartnerState};
use super::service::Request;
use super::sqs::{self, SqsState};
use super::wire::{OpResult, Service};

/// Everything the emulator knows.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct World {
    /// Set from the command line at every start; not part of the saved data.
    #[serde(skip)]
    pub timings: Timings,
    /// The emulated clock; saved so a restart keeps the date a seller advanced to.
    #[serde(default)]
    pub clock: Clock,
    pub catalog: CatalogState,
    pub partner: PartnerState,
    pub agreement: AgreementState,
    /// Registration tokens and metering records.
    #[serde(default)]
    pub metering: MeteringState,
    /// The changes AWS would announce on EventBridge, recorded where they happen.
    #[serde(default)]
    pub outbox: Outbox,
    /// EventBridge rules and how far the outbox has been delivered to them.
    #[serde(default)]
    pub events: EventsState,
    /// SQS queues and their messages.
    #[serde(default)]
    pub sqs: SqsState,
    /// Set from `--fault-rate` at every start: deliveries dropped or duplicated.
    #[serde(skip)]
    pub delivery_faults: Option<DeliveryFaults>,
}

impl World {
    #[cfg(test)]
    pub fn new(timings: Timings) -> Self {
        World {
            timings,
            ..World::default()
        }
    }

    /// The emulated current instant.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Moves every asynchronous process forward to `now`, in dependency order: change sets
    /// (which release offers), then buyer acceptance (which reads released offers), then tasks.
    /// Whether anything changed (the store logs an `advance` entry only then).
    pub fn advance(&mut self, now: DateTime<Utc>) -> bool {
        let outbox = &mut self.outbox;
        let mut changed = self.catalog.advance(now, &self.timings, outbox);
        changed |= self
            .agreement
            .advance(now, &self.timings, &self.catalog, outbox);
        changed |= self.partner.advance(now, &self.timings, outbox);
        let delivered = self.events.delivered;
        self.deliver();
        changed || self.events.delivered != delivered
    }

    /// Delivers the outbox's new events to the rules on their accounts' default buses.
    pub fn deliver(&mut self) {
        let events = self.outbox.events();
        eventbridge::deliver::deliver(
            &mut self.events,
            &mut self.sqs,
            events,
            self.delivery_faults,
        );
    }

    /// AWS sends `account` a lead about `company` in `catalog` (`AWS` or `Sandbox`, else
    /// `None`): `{"invitationId", "engagementId"}`.
    pub fn seed_lead(
        &mut self,
        account: &str,
        catalog: &str,
        company: &str,
        now: DateTime<Utc>,
    ) -> Option<serde_json::Value> {
        self.partner
            .seed_lead(account, catalog, company, now, &mut self.outbox)
    }

    /// Runs one operation through its service's table on that service's state, with read-only
    /// views of what it reads elsewhere: every service is dispatched here, the same way.
    pub fn run(&mut self, service: Service, request: &Request) -> OpResult {
        let (now, caller, input) = (request.now, request.caller, request.input);
        match service {
            Service::Events => {
                let run = eventbridge::TABLE.prepare(request)?;
                let state = &mut self.events;
                return run(&mut eventbridge::Ctx { state, now, caller }, input);
            }
            Service::Sqs => {
                let run = sqs::TABLE.prepare(request)?;
                let state = &mut self.sqs;
                return run(&mut sqs::Ctx { state, now, caller }, input);
            }
            _ => {}
        }
        let result = self.run_marketplace(service, request);
        self.deliver();
        result
    }

    /// [`World::run`] for the Marketplace and Partner Central services.
    fn run_marketplace(&mut self, service: Service, request: &Request) -> OpResult {
        let World {
            timings,
            catalog,
            partner,
            agreement,
            metering,
            outbox,
            ..
        } = self;
        let (now, caller, input) = (request.now, request.caller, request.input);
        match service {
            Service::Catalog => {
                let run = catalog::TABLE.prepare(request)?;
                let agreements = &*agreement;
                let state = catalog;
                run(
                    &mut catalog::Ctx {
                        state,
                        agreements,
                        outbox,
                        now,
                        caller,
                    },
                    input,
                )
            }
            Service::Partner => {
                let run = partner::TABLE.prepare(request)?;
                let (state, offers, timings) = (partner, &*catalog, *timings);
                let mut ctx = partner::Ctx {
                    state,
                    offers,
                    outbox,
                    timings,
                    now,
                    caller,
                };
                run(&mut ctx, input)
            }
            Service::Agreement => {
                let run = agreement::TABLE.prepare(request)?;
                let (state, offers, timings) = (agreement, &*catalog, *timings);
                let mut ctx = agreement::Ctx {
                    state,
                    offers,
                    outbox,
                    timings,
                    now,
                    caller,
                };
                run(&mut ctx, input)
            }
            Service::Discovery => {
                let run = discovery::TABLE.prepare(request)?;
                let (offers, agreements) = (&*catalog, &*agreement);
                run(
                    &mut discovery::Ctx {
                        offers,
                        agreements,
                        now,
                        caller,
                    },
                    input,
                )
            }
            Service::Metering => {
                let run = metering::TABLE.prepare(request)?;
                let mut usage = Vec::new();
                let out = run(
                    &mut metering::Ctx {
                        state: metering,
                        offers: &*catalog,
                        agreements: &*agreement,
                        usage: &mut usage,
                        now,
                        caller,
                    },
                    input,
                );
                // The one cross-service write: metered usage becomes the agreement's charges.
                for u in usage {
                    agreement.record_usage(&u.agreement_id, &u.amount, u.at);
                }
                out
            }
            Service::Entitlement => {
                let run = entitlement::TABLE.prepare(request)?;
                run(
                    &mut entitlement::Ctx {
                        offers: &*catalog,
                        agreements: &*agreement,
                        now,
                        caller,
                    },
                    input,
                )
            }
            // Dispatched by `World::run` before this point.
            Service::Events | Service::Sqs => Err(super::wire::ApiError::new(
                500,
                "InternalFailure",
                "not a Marketplace service",
            )),
        }
    }
}
