//! Credentials never reach output or logs: a run with real-looking keys and a session token
//! at the highest verbosity and RUST_LOG=trace prints none of them.

use crate::support::project::Project;
use crate::support::server::Server;

const KEY_ID: &str = "AKIAMPCTLTESTKEYID42";
const SECRET: &str = "mpctl/Test+Secret/Access/Key/0123456789abcd";
const TOKEN: &str = "MPCTLSESSIONTOKENdoNotPrintMe0123456789";

#[test]
fn credentials_never_appear_at_any_verbosity() {
    let server = Server::fast();
    let project = Project::new();
    for verbosity in ["-q", "-v", "-vv", "-vvv"] {
        let done = project
            .mpctl(&server.url(), &["publish-product", verbosity])
            .env("AWS_ACCESS_KEY_ID", KEY_ID)
            .env("AWS_SECRET_ACCESS_KEY", SECRET)
            .env("AWS_SESSION_TOKEN", TOKEN)
            .env("RUST_LOG", "trace")
            .output()
            .expect_code(0);
        let all = format!("{}{}", done.stdout(), done.stderr());
        if verbosity == "-vvv" {
            // The logs are really on: the check below is not vacuous.
            assert!(all.contains("DEBUG") || all.contains("TRACE"), "{all}");
        }
        for secret in [KEY_ID, SECRET, TOKEN] {
            assert!(
                !all.contains(secret),
                "{verbosity} printed {secret}:\n{all}"
            );
        }
    }
}
