//! The benchmark's seller project: the repo's own sample files (config.json, buyer_ids.txt,
//! the three templates) in a temp dir, so every figure is for the defaults a user starts with;
//! and the campaign CSV with its results.

use std::path::Path;

pub fn new() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(dir.path().join("changesets")).expect("changesets dir");
    for name in [
        "saas-product.json",
        "private-offer.json",
        "opportunity.json",
    ] {
        let from = root.join("changesets").join(name);
        std::fs::copy(&from, dir.path().join("changesets").join(name))
            .unwrap_or_else(|e| panic!("copy {}: {e}", from.display()));
    }
    for name in ["config.json", "buyer_ids.txt"] {
        std::fs::copy(root.join(name), dir.path().join(name))
            .unwrap_or_else(|e| panic!("copy {name}: {e}"));
    }
    dir
}

/// `deals.csv`: `rows` private offers, one buyer each.
pub fn write_campaign(dir: &Path, rows: usize) {
    let mut csv = String::from("buyers\n");
    for i in 0..rows {
        csv.push_str(&format!("{}\n", 200_000_000_000u64 + i as u64));
    }
    std::fs::write(dir.join("deals.csv"), csv).expect("write deals.csv");
}

/// Rows of `deals.results.csv` whose status is not `succeeded` (all of them if it is missing).
pub fn failed_rows(dir: &Path, rows: usize) -> usize {
    let Ok(mut reader) = csv::Reader::from_path(dir.join("deals.results.csv")) else {
        return rows;
    };
    let Some(col) = reader
        .headers()
        .ok()
        .and_then(|h| h.iter().position(|c| c == "status"))
    else {
        return rows;
    };
    let succeeded = reader
        .records()
        .filter_map(Result::ok)
        .filter(|r| r.get(col) == Some("succeeded"))
        .count();
    rows - succeeded.min(rows)
}
