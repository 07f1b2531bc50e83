//! Test fixtures: an in-process emulator with fast timings and SDK clients pointed at it.

#![allow(dead_code)]

pub mod accounts;
pub mod browser;
pub mod catalog;
pub mod clock;
pub mod contract;
pub mod deal;
pub mod effects;
pub mod partner;
pub mod project;
pub mod pty;
pub mod seed;
pub mod served;
pub mod server;
pub mod wait;

use mpctl_emulator::{self as emulator, Handle, Options, Timings};

/// Sub-second timings so the suite stays fast.
pub fn fast_timings() -> Timings {
    Timings {
        changeset_seconds: 0.3,
        task_seconds: 0.2,
        accept_seconds: 0.3,
        review_seconds: 3600.0,
    }
}

/// Starts an emulator on 127.0.0.1:0 on the current runtime.
pub async fn emulator() -> Handle {
    emulator_with(fast_timings()).await
}

pub async fn emulator_with(timings: Timings) -> Handle {
    emulator::serve(Options {
        timings,
        ..Options::default()
    })
    .await
    .expect("emulator starts")
}

/// An SDK config pointing at the emulator with static test credentials.
pub fn sdk_config(handle: &Handle) -> aws_config::SdkConfig {
    sdk_config_at(&handle.base_url)
}

/// [`sdk_config`] for an emulator at `url` (e.g. one run by `mpctl emulator serve`).
pub fn sdk_config_at(url: &str) -> aws_config::SdkConfig {
    sdk_config_with_key(url, "AKIDTEST")
}

/// An SDK config for the emulator at `url` signing with the access key id `key` (the emulator
/// reads the account from keys such as `AKIDBUYER<account>` and `AKIDACCT<account>`).
pub fn sdk_config_with_key(url: &str, key: &str) -> aws_config::SdkConfig {
    aws_config::SdkConfig::builder()
        .behavior_version(aws_config::BehaviorVersion::latest())
        .region(aws_config::Region::new("us-east-1"))
        .endpoint_url(url)
        .credentials_provider(
            aws_credential_types::provider::SharedCredentialsProvider::new(
                aws_credential_types::Credentials::from_keys(key, "secret", None),
            ),
        )
        .build()
}

/// A Catalog SDK client that also holds its emulator's clock, so helpers that wait for a change
/// set (`catalog::finish`) move the clock instead of sleeping. Derefs to the SDK client.
#[derive(Clone)]
pub struct CatalogClient {
    pub client: aws_sdk_marketplacecatalog::Client,
    pub clock: emulator::ClockControl,
}

impl std::ops::Deref for CatalogClient {
    type Target = aws_sdk_marketplacecatalog::Client;
    fn deref(&self) -> &Self::Target {
        &self.client
    }
}

pub fn catalog_client(handle: &Handle) -> CatalogClient {
    CatalogClient {
        client: aws_sdk_marketplacecatalog::Client::new(&sdk_config(handle)),
        clock: handle.clock(),
    }
}

pub fn partner_client(handle: &Handle) -> aws_sdk_partnercentralselling::Client {
    aws_sdk_partnercentralselling::Client::new(&sdk_config(handle))
}

pub fn agreement_client(handle: &Handle) -> aws_sdk_marketplaceagreement::Client {
    aws_sdk_marketplaceagreement::Client::new(&sdk_config(handle))
}
