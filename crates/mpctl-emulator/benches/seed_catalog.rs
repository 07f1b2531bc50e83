//! `cargo bench -p mpctl-emulator --bench seed_catalog`: how long `emulator seed catalog` takes
//! at a large seller's size (500 products, 5,000 offers, 10,000 agreements, 2,000 opportunities;
//! `-- P O A N` for others), and what the world costs afterwards: the first request's advance
//! (which plans and invoices every new agreement's charges) and a steady one. Not a test: the
//! figures depend on the machine.

use std::time::{Duration, Instant};

use mpctl_emulator::{CatalogSeed, Options};

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let n = |i: usize, default: usize| args.get(i).copied().unwrap_or(default);
    let request = CatalogSeed {
        products: n(0, 500),
        offers: n(1, 5_000),
        agreements: n(2, 10_000),
        opportunities: n(3, 2_000),
        seed: CatalogSeed::DEFAULT_SEED,
        account: None,
    };
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let handle = rt
        .block_on(mpctl_emulator::serve(Options::default()))
        .expect("emulator");
    let timed = |f: &dyn Fn()| {
        let t = Instant::now();
        f();
        t.elapsed().as_secs_f64()
    };
    let seeding = timed(&|| {
        handle.seed_catalog(&request).expect("seeded");
    });
    let clock = handle.clock();
    let first = timed(&|| {
        clock.advance(Duration::from_secs(1));
    });
    let steady = timed(&|| {
        clock.advance(Duration::from_secs(1));
    });
    println!("| products | offers | agreements | opportunities | seeding | first advance after | a later advance |");
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    println!(
        "| {} | {} | {} | {} | {seeding:.2} s | {first:.2} s | {steady:.3} s |",
        request.products, request.offers, request.agreements, request.opportunities
    );
}
