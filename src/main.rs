//! Thin entry point: parse, run, map the error to an exit code.

use clap::Parser;

fn main() {
    let cli = mpctl::cli::Cli::parse();
    std::process::exit(mpctl::run(cli));
}
