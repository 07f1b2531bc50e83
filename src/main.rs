//! Thin entry point: hand the raw arguments to the library, exit with its code.

fn main() {
    std::process::exit(mpctl::main(std::env::args_os().collect()));
}
