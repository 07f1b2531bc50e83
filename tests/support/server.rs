//! An emulator on its own runtime, for tests that run the binary (a blocking child process)
//! and then inspect the emulator through the SDK.

use std::future::Future;

use mpctl_emulator::{Handle, Timings};

pub struct Server {
    pub handle: Option<Handle>,
    pub rt: tokio::runtime::Runtime,
}

impl Server {
    pub fn start(timings: Timings) -> Server {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let handle = rt.block_on(super::emulator_with(timings));
        Server {
            handle: Some(handle),
            rt,
        }
    }

    /// An emulator with any options (faults, quotas, …) on its own runtime.
    pub fn with_options(options: mpctl_emulator::Options) -> Server {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let handle = rt
            .block_on(mpctl_emulator::serve(options))
            .expect("emulator starts");
        Server {
            handle: Some(handle),
            rt,
        }
    }

    pub fn fast() -> Server {
        Server::start(super::fast_timings())
    }

    pub fn url(&self) -> String {
        self.handle().base_url.clone()
    }

    pub fn handle(&self) -> &Handle {
        self.handle.as_ref().expect("running")
    }

    pub fn block_on<F: Future>(&self, f: F) -> F::Output {
        self.rt.block_on(f)
    }

    /// Operations served so far.
    pub fn operations(&self) -> Vec<String> {
        self.handle()
            .requests()
            .into_iter()
            .map(|r| r.operation)
            .collect()
    }

    /// How many times `op` was called.
    pub fn count(&self, op: &str) -> usize {
        self.operations().iter().filter(|o| *o == op).count()
    }

    /// (products, private offers, opportunities in Sandbox) as the emulator holds them.
    pub fn counts(&self) -> (usize, usize, usize) {
        self.block_on(counts_at(&self.url(), "Sandbox"))
    }
}

/// (products, private offers, opportunities in `catalog`) as the emulator at `url` holds them.
pub async fn counts_at(url: &str, catalog: &str) -> (usize, usize, usize) {
    let config = super::sdk_config_at(url);
    let catalog_client = aws_sdk_marketplacecatalog::Client::new(&config);
    let partner = aws_sdk_partnercentralselling::Client::new(&config);
    let products = entities(&catalog_client, "SaaSProduct").await.len();
    let offers = entities(&catalog_client, "Offer")
        .await
        .iter()
        .filter(|e| {
            e.offer_summary()
                .is_some_and(|o| !o.buyer_accounts().is_empty())
        })
        .count();
    let opportunities = partner
        .list_opportunities()
        .catalog(catalog)
        .into_paginator()
        .items()
        .send()
        .collect::<Vec<_>>()
        .await
        .len();
    (products, offers, opportunities)
}

/// Every entity of `entity_type` in the AWSMarketplace catalog (all pages).
async fn entities(
    client: &aws_sdk_marketplacecatalog::Client,
    entity_type: &str,
) -> Vec<aws_sdk_marketplacecatalog::types::EntitySummary> {
    client
        .list_entities()
        .catalog("AWSMarketplace")
        .entity_type(entity_type)
        .into_paginator()
        .items()
        .send()
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .filter_map(Result::ok)
        .collect()
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(h) = self.handle.take() {
            self.rt.block_on(h.stop());
        }
    }
}
